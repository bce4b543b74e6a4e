// Markdown descriptions of entities, shared by hover and completion documentation.

import { dump } from "js-yaml";
import { featureEnvironments, isObject, variableDecls, variationViews } from "../project/featureView";
import type { Project } from "../project/project";
import { targetRefusal, targetSelection } from "../evaluation/target";
import { environmentInWords, environmentName, segmentFacts } from "./wording";

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
  const facts = segmentFacts(project);
  if (envs.length > 0) parts.push(envs.map((e) => `- ${environmentName(e)}: ${environmentInWords(e, facts)}`).join("\n"));
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

/** How many feature keys a target's description lists before "and N more". */
const LISTED_FEATURES = 40;

/** The features a v3 target takes (by tags and key patterns; archived ones never), in key order. */
export function targetFeatures(project: Project, key: string): string[] {
  const value = project.entry("target", key)?.doc?.value;
  if (!isObject(value)) return [];
  const selection = targetSelection(key, value);
  const out: string[] = [];
  for (const e of project.entries("feature")) {
    const v = e.doc?.value;
    if (!isObject(v) || v.archived === true) continue;
    if (targetRefusal(selection, e.key, v.tags) === undefined) out.push(e.key);
  }
  return out.sort();
}

/** A target: what it selects (tags, feature patterns), its build-time context, and the features it takes. */
export function describeTarget(project: Project, key: string): string | undefined {
  const v = project.entry("target", key)?.doc?.value;
  if (!isObject(v)) return undefined;
  const code = (x: unknown) => "`" + String(x) + "`";
  const list = (x: unknown) => (Array.isArray(x) ? x.map(code).join(", ") : code(x));
  const parts = [`**Target \`${key}\`**`];
  if (typeof v.description === "string") parts.push(v.description);
  const selects: string[] = [];
  if (typeof v.tag === "string") selects.push(`- tag ${code(v.tag)}`);
  if (Array.isArray(v.tags)) selects.push(`- tags: any of ${list(v.tags)}`);
  else if (isObject(v.tags) && "or" in v.tags) selects.push(`- tags: any of ${list(v.tags.or)}`);
  else if (isObject(v.tags) && "and" in v.tags) selects.push(`- tags: all of ${list(v.tags.and)}`);
  if (v.includeFeatures !== undefined) selects.push(`- includeFeatures: ${list(v.includeFeatures)}`);
  if (v.excludeFeatures !== undefined) selects.push(`- excludeFeatures: ${list(v.excludeFeatures)}`);
  parts.push(selects.length > 0 ? "Selects:\n" + selects.join("\n") : "Selects every feature.");
  if (isObject(v.context) && Object.keys(v.context).length > 0) parts.push(yamlBlock({ context: v.context }));
  const features = targetFeatures(project, key);
  const shown = features.slice(0, LISTED_FEATURES).map(code).join(", ");
  const more = features.length > LISTED_FEATURES ? `, and ${features.length - LISTED_FEATURES} more` : "";
  parts.push(
    features.length === 0
      ? "Includes no feature."
      : `Includes ${features.length} feature${features.length === 1 ? "" : "s"}: ${shown}${more}`,
  );
  return parts.join("\n\n");
}
