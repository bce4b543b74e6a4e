// What a retired flag evaluates to, from its feature file: the variation kept (or the disabled
// state) and every variable's value for it, as the Featurevisor SDK would serve them. Values that
// depend on the user (overrides, rules that set variables) are left unknown.

import { environmentViews, isObject, variableBaseKey, variableDecls, variationViews } from "../project/featureView";
import type { ProjectFormat } from "../types";
import type { Behaviour } from "./types";

/** What the user chose to keep: `--keep enabled|disabled|variation:VALUE`. */
export type Keep = { kind: "enabled" } | { kind: "disabled" } | { kind: "variation"; value: string };

/** Parses a `--keep` value; undefined when it is not one. */
export function parseKeep(s: string): Keep | undefined {
  if (s === "enabled" || s === "disabled") return { kind: s };
  const m = /^variation:(.+)$/.exec(s);
  return m ? { kind: "variation", value: m[1] } : undefined;
}

/** The behaviour known without the feature's file: variables are all unknown. */
export function behaviourWithoutFeature(keep: Keep): Behaviour {
  if (keep.kind === "disabled") return { enabled: false, variation: null, variables: {} };
  if (keep.kind === "variation") return { enabled: true, variation: keep.value, variables: {} };
  return { enabled: true, variables: {} };
}

function parsed(value: unknown, type: unknown): unknown {
  if (type === "json" && typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** The variable keys that some rule or force of any environment sets. */
function setByRules(feature: unknown, format: ProjectFormat, environments: string[] | false): Set<string> {
  const out = new Set<string>();
  for (const env of environmentViews(feature, format, environments)) {
    for (const r of [...env.rules, ...env.force]) for (const a of r.variables) out.add(variableBaseKey(a.key));
  }
  return out;
}

/**
 * Resolves the behaviour of a feature (its parsed YAML) for what is kept, with warnings about
 * what stays unknown, or an error when the kept variation does not exist.
 */
export function resolveBehaviour(
  feature: unknown,
  keep: Keep,
  format: ProjectFormat,
  environments: string[] | false,
): { behaviour: Behaviour; warnings: string[]; error?: string } {
  const decls = variableDecls(feature);
  const variations = variationViews(feature);
  const warnings: string[] = [];
  const variables: Record<string, unknown> = {};
  const byRules = setByRules(feature, format, environments);
  if (keep.kind === "disabled") {
    const dvv =
      isObject(feature) && typeof feature.disabledVariationValue === "string" && format !== "v1" ? feature.disabledVariationValue : null;
    for (const d of decls) {
      if (format !== "v1" && d.raw.disabledValue !== undefined) variables[d.key] = parsed(d.raw.disabledValue, d.type);
      else if (format !== "v1" && d.raw.useDefaultWhenDisabled === true) variables[d.key] = parsed(d.defaultValue?.value, d.type);
      else variables[d.key] = null;
    }
    return { behaviour: { enabled: false, variation: dvv, variables }, warnings };
  }
  const unknown = (key: string, why: string): void => void warnings.push(`Variable "${key}" ${why}: its usages are left as they are.`);
  if (keep.kind === "variation") {
    const v = variations.find((x) => x.value.value === keep.value);
    if (!v) {
      const known = variations.map((x) => String(x.value.value)).join(", ");
      return {
        behaviour: behaviourWithoutFeature(keep),
        warnings,
        error: `the feature has no variation "${keep.value}"${known ? ` (it has: ${known})` : ""}`,
      };
    }
    for (const d of decls) {
      const assigned = v.variables.filter((a) => variableBaseKey(a.key) === d.key);
      if (v.overrides.some((o) => o.key === d.key)) unknown(d.key, `has overrides in variation "${keep.value}"`);
      else if (byRules.has(d.key)) unknown(d.key, "is set by rules or forces");
      else if (assigned.some((a) => a.key !== d.key)) unknown(d.key, "is changed in parts");
      else if (assigned.length > 0) variables[d.key] = parsed(assigned[0].value?.value, d.type);
      else if (d.defaultValue) variables[d.key] = parsed(d.defaultValue.value, d.type);
    }
    return { behaviour: { enabled: true, variation: keep.value, variables }, warnings };
  }
  if (variations.length > 0)
    warnings.push(`The feature has variations: getVariation usages are left (keep variation:VALUE to decide them).`);
  for (const d of decls) {
    const setByVariation = variations.some(
      (v) => v.variables.some((a) => variableBaseKey(a.key) === d.key) || v.overrides.some((o) => o.key === d.key),
    );
    if (setByVariation) unknown(d.key, "depends on the variation");
    else if (byRules.has(d.key)) unknown(d.key, "is set by rules or forces");
    else if (d.defaultValue) variables[d.key] = parsed(d.defaultValue.value, d.type);
  }
  return { behaviour: { enabled: true, variation: variations.length > 0 ? undefined : null, variables }, warnings };
}
