// Featurevisor test specs (`tests/**/*.spec.yml`) read from a project: a feature or segment spec and its
// assertions, each `matrix` expanded into one assertion per combination the way the `featurevisor test`
// of the project's generation expands it, with the line the assertion starts on.

import type { Project } from "../project/project";
import type { FileEntry } from "../project/entries";
import { isJsonObject, type JsonObject } from "../evaluation/types";

/** One assertion after `matrix` expansion. */
export interface SpecAssertion {
  /** 0-based place of the assertion in the spec's `assertions` (shared by a matrix's combinations). */
  index: number;
  /** The matrix combination that produced it; undefined without a matrix. */
  combination?: Record<string, unknown>;
  /** 1-based line of the assertion in the spec file. */
  line: number;
  /** As `featurevisor test` prints it: `Assertion #2: (production) at 40%`, `Assertion #1: NL users`. */
  description: string;
  /** The assertion with the combination applied (environment, context values, at, description, scope, tag, target). */
  value: JsonObject;
}

/** A spec file. */
export interface Spec {
  entry: FileEntry;
  /** Path relative to the config's folder (with `sets/<set>/` in a project of sets). */
  file: string;
  /** The set of a `sets: true` project. */
  set?: string;
  kind: "feature" | "segment";
  /** The feature or segment tested. */
  key: string;
  /** 1-based line of the `feature:` or `segment:` key. */
  line: number;
  assertions: SpecAssertion[];
}

/** A spec file that cannot be run, and why (`featurevisor test` reports it as an invalid test and fails it). */
export interface InvalidSpec {
  entry: FileEntry;
  file: string;
  set?: string;
  line: number;
  problem: string;
}

/** The matrix's combinations, the first key varying slowest (as Featurevisor generates them). */
export function matrixCombinations(matrix: JsonObject): Record<string, unknown>[] {
  const keys = Object.keys(matrix);
  if (keys.length === 0) return [];
  let combinations: Record<string, unknown>[] = [{}];
  for (const key of keys) {
    const values = matrix[key];
    const list = Array.isArray(values) ? values : [];
    const next: Record<string, unknown>[] = [];
    for (const prev of combinations) for (const v of list) next.push({ ...prev, [key]: v });
    combinations = next;
  }
  return combinations;
}

/** Scans `${{ name }}` placeholders without a regular expression built from file text. */
function placeholders(text: string): { start: number; end: number; name: string }[] {
  const found: { start: number; end: number; name: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("${{", from);
    if (start < 0) break;
    // Featurevisor's pattern is lazy and needs at least one character inside.
    const end = text.indexOf("}}", start + 4);
    if (end < 0) break;
    found.push({ start, end: end + 2, name: text.slice(start + 3, end).trim() });
    from = end + 2;
  }
  return found;
}

/** A value with a combination applied: a lone placeholder gives the value itself, several are written into the text. */
export function applyCombination(value: unknown, combination: Record<string, unknown>): unknown {
  if (typeof value !== "string") return value;
  const found = placeholders(value);
  if (found.length === 0) return value;
  if (found.length === 1 && value.startsWith("${{") && value.endsWith("}}")) return combination[found[0].name];
  let out = "";
  let at = 0;
  for (const p of found) {
    out += value.slice(at, p.start) + String(combination[p.name]);
    at = p.end;
  }
  return out + value.slice(at);
}

function applyToFeatureAssertion(assertion: JsonObject, combination: Record<string, unknown>, generation: 1 | 2 | 3): JsonObject {
  const out: JsonObject = { ...assertion };
  out.environment = applyCombination(out.environment, combination);
  const context = isJsonObject(out.context) ? out.context : {};
  const applied: JsonObject = {};
  for (const key of Object.keys(context)) applied[key] = applyCombination(context[key], combination);
  out.context = applied;
  out.at = applyCombination(out.at, combination);
  if (typeof out.at === "string") out.at = out.at.includes(".") ? parseFloat(out.at) : parseInt(out.at, 10);
  if (out.description) out.description = applyCombination(out.description, combination);
  if (generation === 2) {
    if (out.scope) out.scope = applyCombination(out.scope, combination);
    if (out.tag) out.tag = applyCombination(out.tag, combination);
  }
  if (generation === 3 && out.target) out.target = applyCombination(out.target, combination);
  return out;
}

function applyToSegmentAssertion(assertion: JsonObject, combination: Record<string, unknown>): JsonObject {
  const out: JsonObject = { ...assertion };
  const context = isJsonObject(out.context) ? out.context : {};
  const applied: JsonObject = {};
  for (const key of Object.keys(context)) applied[key] = applyCombination(context[key], combination);
  out.context = applied;
  if (out.description) out.description = applyCombination(out.description, combination);
  return out;
}

/**
 * How `featurevisor test` names a feature assertion. 1.x: `Assertion #N: (env) description-or-at X%`;
 * 2.x and 3.x compute an environment suffix and then overwrite it, so the environment never shows.
 */
function featureDescription(a: JsonObject, index: number, generation: 1 | 2 | 3): string {
  const tail = a.description ? String(a.description) : `at ${String(a.at)}%`;
  if (generation === 1) return `Assertion #${index + 1}: (${String(a.environment)}) ${tail}`;
  return `Assertion #${index + 1}: ${tail}`;
}

function segmentDescription(a: JsonObject, index: number): string {
  return `Assertion #${index + 1}: ${a.description ? String(a.description) : `#${index + 1}`}`;
}

/** The SDK generation of a project: 1, 2 or 3. */
export function generationOf(project: Project): 1 | 2 | 3 {
  return project.format === "v1" ? 1 : project.format === "v2" ? 2 : 3;
}

/** The file's path relative to the config's folder. */
export function specFile(project: Project, entry: FileEntry): string {
  const root = project.configRoot;
  return entry.path.startsWith(root + "/") ? entry.path.slice(root.length + 1) : entry.rel;
}

function lineOf(entry: FileEntry, path: (string | number)[]): number {
  const doc = entry.doc;
  if (!doc) return 1;
  try {
    return doc.locate(path, path.length > 0 && typeof path[path.length - 1] === "string" ? "key" : "value").start.line + 1;
  } catch {
    return 1;
  }
}

const BLANK_OR_COMMENT = /^\s*(#.*)?$/;

/**
 * The 1-based lines of a plain YAML spec's top-level key (`feature:` or `segment:`) and of each item of
 * its block `assertions:` list, read from the text: what the `yaml` library's ranges give for such a
 * file, without their parse (about 2 MB/s, the most of a test run's time). Undefined for any other
 * shape (flow lists, documents markers, an item's content on the line after its dash, a count that
 * differs from the parsed list), for which the ranges are used.
 */
export function scanSpecLines(text: string, kind: string, count: number): { key: number; items: number[] } | undefined {
  const lines = text.split("\n");
  let key = -1;
  let list = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith("---") || l.startsWith("...") || l.startsWith("%")) return undefined;
    if (l.startsWith(kind) && /^\s*:(\s|$)/.test(l.slice(kind.length))) {
      if (key >= 0) return undefined;
      key = i;
    } else if (l.startsWith("assertions") && /^\s*:\s*(#.*)?\r?$/.test(l.slice("assertions".length))) {
      if (list >= 0) return undefined;
      list = i;
    }
  }
  if (key < 0 || list < 0) return undefined;
  const items: number[] = [];
  let indent = -1;
  for (let i = list + 1; i < lines.length; i++) {
    const l = lines[i];
    if (BLANK_OR_COMMENT.test(l)) continue;
    const spaces = l.length - l.trimStart().length;
    if (indent < 0) {
      if (l[spaces] !== "-") return undefined;
      indent = spaces;
    }
    if (spaces < indent) break;
    if (spaces > indent) continue;
    if (l[spaces] !== "-") {
      if (indent === 0) break; // The next top-level key.
      return undefined;
    }
    // `- value`: the item starts on its dash's line; a bare dash (content below) is left to the ranges.
    if (!/^-[ \t]+[^\s#]/.test(l.slice(spaces))) return undefined;
    items.push(i + 1);
  }
  return items.length === count ? { key: key + 1, items } : undefined;
}

/** Specs read, by entry (entries are immutable): valid for the project they were read in. */
const specCache = new WeakMap<FileEntry, { project: Project; spec: Spec | InvalidSpec }>();

/** Reads one spec file (once per entry and project); an unreadable or malformed one gives the reason instead. */
export function readSpec(project: Project, entry: FileEntry): Spec | InvalidSpec {
  const hit = specCache.get(entry);
  if (hit && hit.project === project) return hit.spec;
  const spec = readSpecUncached(project, entry);
  specCache.set(entry, { project, spec });
  return spec;
}

function readSpecUncached(project: Project, entry: FileEntry): Spec | InvalidSpec {
  const file = specFile(project, entry);
  const set = project.set;
  const value = entry.doc?.value;
  const invalid = (problem: string, line = 1): InvalidSpec => ({ entry, file, set, line, problem });
  if (!entry.doc) return invalid(entry.readProblem?.message ?? "the file cannot be read");
  if (entry.doc.hasSyntaxErrors) return invalid(`syntax error: ${entry.doc.problems[0]?.message ?? "unreadable"}`);
  if (!isJsonObject(value)) return invalid("a spec must be an object with `feature` or `segment`, and `assertions`");
  const segment = value.segment;
  const feature = value.feature;
  const kind = segment ? "segment" : feature ? "feature" : undefined;
  if (!kind) return invalid("a spec needs `feature` or `segment`");
  const key = String(kind === "segment" ? segment : feature);
  const list = value.assertions;
  const scanned = project.layout.parser === "yml" && Array.isArray(list) ? scanSpecLines(entry.doc.text, kind, list.length) : undefined;
  const line = scanned?.key ?? lineOf(entry, [kind]);
  if (!Array.isArray(value.assertions)) return invalid("a spec needs a list of `assertions`", line);
  const generation = generationOf(project);
  const assertions: SpecAssertion[] = [];
  value.assertions.forEach((raw, index) => {
    const a: JsonObject = isJsonObject(raw) ? raw : {};
    const at = scanned?.items[index] ?? lineOf(entry, ["assertions", index]);
    const expand = (combination: Record<string, unknown> | undefined) => {
      const applied =
        combination === undefined
          ? { ...a }
          : kind === "feature"
            ? applyToFeatureAssertion(a, combination, generation)
            : applyToSegmentAssertion(a, combination);
      const description = kind === "feature" ? featureDescription(applied, index, generation) : segmentDescription(applied, index);
      assertions.push({ index, combination, line: at, description, value: applied });
    };
    if (!a.matrix) expand(undefined);
    else for (const combination of matrixCombinations(isJsonObject(a.matrix) ? a.matrix : {})) expand(combination);
  });
  return { entry, file, set, kind, key, line, assertions };
}

/** The project's spec files, sorted by path. */
export function readSpecs(project: Project): (Spec | InvalidSpec)[] {
  return project
    .entries("test")
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => readSpec(project, entry));
}
