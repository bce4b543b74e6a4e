// "Preview as user": what one user context gets from a feature in each environment, computed
// by the evaluation engine exactly as the SDK would, shown next to each environment.

import { isMap, isSeq, parseDocument, stringify } from "yaml";
import { evaluateFeature, type EvaluationState } from "../evaluation";
import { parseFlagDocument, type FlagDocument } from "../project/document";
import type { FileEntry } from "../project/entries";
import { environmentViews, featureEnvironments, isObject } from "../project/featureView";
import type { Project } from "../project/project";
import type { Range } from "../types";
import { outcomeInWords } from "./wording";

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

/** What the user gets from the feature of this file, per environment. */
export function doUserPreview(project: Project, entry: FileEntry, user: NamedContext, state?: EvaluationState): UserPreview[] {
  const doc = entry.doc;
  if (!doc || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
  const out: UserPreview[] = [];
  for (const env of environmentViews(doc.value, project.format, project.environments, entry.environment)) {
    const anchor = env.rulesPath ?? env.envPath ?? [];
    const e = evaluateFeature(project, entry.key, env.env === "" ? undefined : env.env, user.context, { state });
    out.push({ position: doc.locate(anchor, "key").start, label: `as ${user.name}: ${outcomeInWords(e)}`, reason: e.reason });
  }
  return out;
}

/** What the user gets from a feature in one environment ("" in a project without environments). */
export interface UserOutcome {
  environment: string;
  enabled: boolean;
  variation: string | null;
  variables: Record<string, unknown>;
  reason: string;
}

/** What the user gets from a feature, per environment of its project (for the lenses and hovers over flag calls in code). */
export function userOutcomes(project: Project, key: string, user: NamedContext, state?: EvaluationState): UserOutcome[] {
  return featureEnvironments(project, key).map((env) => {
    const e = evaluateFeature(project, key, env.env === "" ? undefined : env.env, user.context, { state });
    return { environment: env.env, enabled: e.enabled, variation: e.variation, variables: e.variables, reason: e.reason };
  });
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

/** Where saved contexts live, relative to a workspace folder or project root. */
export const SAVED_CONTEXTS_FILE = ".flaglens/contexts.yml";

/** The text to add to a `.flaglens/contexts.yml` to save a context (at its end; `create`: the file is new). */
export type SavedContextAddition = { create: boolean; at: Range["start"]; text: string } | { error: string };

/**
 * How to save a context in a `.flaglens/contexts.yml` whose text is `text` (undefined: no such file):
 * appended as the file writes them (a list item, or a map entry), so that its entries and comments stay
 * as they are. A name already saved, or a file that is not a block list or map, gets a reason instead.
 */
export function addSavedContext(text: string | undefined, name: string, context: Record<string, unknown>): SavedContextAddition {
  const trimmed = name.trim();
  if (trimmed === "") return { error: "A saved context needs a name." };
  const item = (indent: string, asMap: boolean) =>
    stringify(asMap ? { [trimmed]: context } : [{ name: trimmed, context }], { lineWidth: 0 })
      .split("\n")
      .map((line) => (line === "" ? line : indent + line))
      .join("\n");
  if (text === undefined) {
    const header = '# Contexts for "Preview as User" (Flaglens): what each of these users gets is shown in every feature file.\n';
    return { create: true, at: { line: 0, character: 0 }, text: header + item("", false) };
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const line = doc.errors[0].linePos?.[0].line;
    return { error: `${SAVED_CONTEXTS_FILE} does not parse as YAML${line ? ` (line ${line})` : ""}: fix it, then save the context again.` };
  }
  const contents = doc.contents;
  const saved = parseSavedContexts(parseFlagDocument(text));
  if (saved.some((c) => c.name === trimmed)) return { error: `A context named "${trimmed}" is saved already: choose another name.` };
  const lines = text.split("\n");
  const lastLine = lines[lines.length - 1];
  const end = { line: lines.length - 1, character: lastLine.length };
  const newline = text === "" || text.endsWith("\n") ? "" : "\n";
  if (contents === null) return { create: false, at: end, text: newline + item("", false) };
  const block = (isSeq(contents) || isMap(contents)) && !contents.flow;
  if (!block || !contents.range) {
    return {
      error: `${SAVED_CONTEXTS_FILE} is not a list of contexts Flaglens can add to (a block list of { name, context }, or a map of name to context).`,
    };
  }
  const start = contents.range[0];
  const indent = " ".repeat(start - (text.lastIndexOf("\n", start - 1) + 1));
  return { create: false, at: end, text: newline + item(indent, isMap(contents)) };
}
