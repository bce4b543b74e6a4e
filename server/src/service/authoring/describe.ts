// Markdown descriptions of entities, shared by hover and completion documentation.

import { dump } from "js-yaml";
import { featureEnvironments, isObject, variableDecls, variationViews } from "../project/featureView";
import type { Project } from "../project/project";

function yamlBlock(value: unknown): string {
  let text: string;
  try {
    text = dump(value, { lineWidth: 100, noRefs: true }).trimEnd();
  } catch {
    text = String(value);
  }
  const lines = text.split("\n");
  return "```yaml\n" + (lines.length > 20 ? [...lines.slice(0, 20), "# …"].join("\n") : text) + "\n```";
}

/** A segment: its description and conditions. */
export function describeSegment(project: Project, key: string): string | undefined {
  const v = project.entry("segment", key)?.doc?.value;
  if (!isObject(v)) return undefined;
  const parts = [`**Segment \`${key}\`**${v.archived === true ? " (archived)" : ""}`];
  if (typeof v.description === "string") parts.push(v.description);
  if ("conditions" in v) parts.push(yamlBlock({ conditions: v.conditions }));
  return parts.join("\n\n");
}

/** An attribute: its type and description. */
export function describeAttribute(project: Project, key: string): string | undefined {
  const v = project.entry("attribute", key)?.doc?.value;
  if (!isObject(v)) return undefined;
  const parts = [`**Attribute \`${key}\`**: ${String(v.type ?? "?")}${v.archived === true ? " (archived)" : ""}`];
  if (typeof v.description === "string") parts.push(v.description);
  return parts.join("\n\n");
}

/** A one-line rollout summary of an environment's rules. */
function rulesSummary(rules: { segments?: { value: unknown }; percentage?: { value: unknown } }[]): string {
  if (rules.length === 0) return "no rules";
  return rules
    .map((r) => {
      const s = r.segments?.value;
      const who = s === "*" ? "everyone" : typeof s === "string" ? s : JSON.stringify(s);
      return `${who} → ${String(r.percentage?.value ?? "?")}%`;
    })
    .join(", ");
}

/** A feature: description, variations and per-environment rules. */
export function describeFeature(project: Project, key: string): string | undefined {
  const info = project.feature(key);
  const v = info?.entry.doc?.value;
  if (!info || !isObject(v)) return undefined;
  const state = info.archived ? " (archived)" : info.deprecated ? " (deprecated)" : "";
  const parts = [`**Feature \`${key}\`**${state}`];
  if (info.description) parts.push(info.description);
  const variations = variationViews(v);
  if (variations.length > 0)
    parts.push("Variations: " + variations.map((x) => `\`${String(x.value.value)}\` ${String(x.weight?.value ?? "?")}%`).join(", "));
  const vars = variableDecls(v);
  if (vars.length > 0) parts.push("Variables: " + vars.map((d) => `\`${d.key}\`: ${String(d.type)}`).join(", "));
  const envs = featureEnvironments(project, key);
  if (envs.length > 0) parts.push(envs.map((e) => `- ${e.env || "rules"}: ${rulesSummary(e.rules)}`).join("\n"));
  return parts.join("\n\n");
}

/** A variation of a feature: weight and variables. */
export function describeVariation(feature: unknown, value: string): string | undefined {
  const v = variationViews(feature).find((x) => x.value.value === value);
  if (!v) return undefined;
  const parts = [`**Variation \`${value}\`**: weight ${String(v.weight?.value ?? "?")}%`];
  if (v.variables.length > 0) parts.push(v.variables.map((a) => `- \`${a.key}\`: ${JSON.stringify(a.value?.value)}`).join("\n"));
  return parts.join("\n\n");
}
