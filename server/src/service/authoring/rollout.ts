// Rollout previews in feature files: per environment and rule, who gets what, read from the
// rules as written (percentages, variation splits, forced segments, rules that never apply).

import type { FileEntry } from "../project/entries";
import { environmentViews, isObject, variationViews, type EnvironmentView, type RuleView } from "../project/featureView";
import type { Project } from "../project/project";
import { segmentsInWords, segmentsMatchEveryone } from "../project/walk";
import type { Range } from "../types";

/** A preview shown at the end of a line. */
export interface RolloutHint {
  /** Where the hint goes: after the rule's first line, or the environment's key. */
  position: Range["start"];
  label: string;
  /** Hints on environments summarise them; hints on rules explain the rule. */
  kind: "environment" | "rule" | "force";
}

function pct(n: number): string {
  return `${Math.round(n * 1000) / 1000}%`;
}

/** How a served share splits into variations for a rule. */
function split(feature: unknown, rule: RuleView): string {
  if (typeof rule.variation?.value === "string") return `→ ${rule.variation.value}`;
  const weights = isObject(rule.variationWeights?.value)
    ? Object.entries(rule.variationWeights!.value as Record<string, unknown>)
    : variationViews(feature).map((v) => [String(v.value.value), v.weight?.value] as [string, unknown]);
  if (weights.length === 0) return "";
  return weights.map(([v, w]) => `${v} ${typeof w === "number" ? pct(w) : "?"}`).join(" / ");
}

function ruleLabel(feature: unknown, rule: RuleView, unreachable: boolean, first: boolean): string {
  if (unreachable) return "never applies: a rule above matches everyone";
  if (rule.enabled?.value === false) return `disabled for ${segmentsInWords(rule.segments?.value)}`;
  const p = rule.percentage?.value;
  const whom = segmentsInWords(rule.segments?.value) !== "everyone" ? "matching users" : first ? "everyone" : "everyone else";
  const share = typeof p === "number" ? `≈ ${pct(p)} of ${whom}` : "";
  const s = p === 0 ? "" : split(feature, rule);
  return [share, s].filter(Boolean).join(" · ");
}

function forceLabel(rule: RuleView): string {
  const target = rule.segments ? segmentsInWords(rule.segments.value) : "matching conditions";
  const result = rule.enabled?.value === false ? "disabled" : typeof rule.variation?.value === "string" ? rule.variation.value : "enabled";
  return `forced: ${target} → ${result}`;
}

/** A one-line summary of an environment, e.g. `production: 100% of employees, 5% of everyone`. */
export function environmentSummary(env: EnvironmentView, everyone: (key: string) => boolean): string {
  const name = env.env || "all environments";
  if (env.expose?.value === false) return `${name}: not exposed in datafiles`;
  const parts: string[] = [];
  for (const r of env.rules) {
    const p = r.percentage?.value;
    const w = segmentsInWords(r.segments?.value);
    parts.push(r.enabled?.value === false ? `off for ${w}` : `${typeof p === "number" ? pct(p) : "?"} of ${w}`);
    if (r.segments && segmentsMatchEveryone(r.segments.value, everyone)) break;
  }
  if (env.force.length > 0) parts.unshift(`${env.force.length} forced`);
  return `${name}: ${parts.length ? parts.join(", ") : "off (no rules)"}`;
}

/** Every rollout hint of a feature or per-environment file. */
export function doRolloutHints(project: Project, entry: FileEntry): RolloutHint[] {
  const doc = entry.doc;
  if (!doc || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
  const feature = entry.kind === "feature" ? doc.value : project.entry("feature", entry.key)?.doc?.value;
  const everyone = (key: string) => project.segment(key)?.matchesEveryone === true;
  const out: RolloutHint[] = [];
  const at = (path: readonly (string | number)[], target: "key" | "value" = "value") => doc.locate(path, target).start;
  for (const env of environmentViews(doc.value, project.format, project.environments, entry.environment)) {
    const anchor = env.rulesPath ?? env.envPath;
    if (anchor) out.push({ position: at(anchor, "key"), label: environmentSummary(env, everyone), kind: "environment" });
    let catchAll = false;
    for (const [i, r] of env.rules.entries()) {
      out.push({ position: at(r.path), label: ruleLabel(feature, r, catchAll, i === 0), kind: "rule" });
      if (r.segments && segmentsMatchEveryone(r.segments.value, everyone)) catchAll = true;
    }
    for (const f of env.force) out.push({ position: at(f.path), label: forceLabel(f), kind: "force" });
  }
  return out;
}
