// "Preview as user": what one user context gets from a feature in each environment, computed
// by the evaluation engine exactly as the SDK would, shown next to each environment.

import { evaluateFeature, type EvaluationState } from "../evaluation";
import type { FlagDocument } from "../project/document";
import type { FileEntry } from "../project/entries";
import { environmentViews, isObject } from "../project/featureView";
import type { Project } from "../project/project";
import type { Range } from "../types";

/** A named user context. */
export interface NamedContext {
  name: string;
  context: Record<string, unknown>;
}

/** One preview line: where, what, and why. */
export interface UserPreview {
  position: Range["start"];
  label: string;
  reason: string;
}

function short(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s.length > 24 ? s.slice(0, 23) + "…" : s;
}

/** What the user gets from the feature of this file, per environment. */
export function doUserPreview(project: Project, entry: FileEntry, user: NamedContext, state?: EvaluationState): UserPreview[] {
  const doc = entry.doc;
  if (!doc || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
  const out: UserPreview[] = [];
  for (const env of environmentViews(doc.value, project.format, project.environments, entry.environment)) {
    const anchor = env.rulesPath ?? env.envPath ?? [];
    const e = evaluateFeature(project, entry.key, env.env === "" ? undefined : env.env, user.context, { state });
    const vars = Object.entries(e.variables)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}=${short(v)}`);
    const parts = [e.enabled ? "enabled" : "disabled", ...(e.variation ? [e.variation] : []), ...(vars.length ? [vars.join(", ")] : [])];
    out.push({ position: doc.locate(anchor, "key").start, label: `as ${user.name}: ${parts.join(" · ")}`, reason: e.reason });
  }
  return out;
}

/** The contexts of a `.flaglens/contexts.yml`: a list of `{ name, context }`, or a map of name to context. */
export function parseSavedContexts(doc: FlagDocument): NamedContext[] {
  const v = doc.value;
  if (Array.isArray(v)) {
    return v.flatMap((item, i) =>
      isObject(item) && isObject(item.context)
        ? [{ name: typeof item.name === "string" ? item.name : `context ${i + 1}`, context: item.context }]
        : [],
    );
  }
  if (isObject(v)) return Object.entries(v).flatMap(([name, context]) => (isObject(context) ? [{ name, context }] : []));
  return [];
}
