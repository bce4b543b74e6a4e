// What editors need of a project's test specs: the list of specs and assertions (for a test explorer),
// a chosen subset run on the one runner (all, one spec file, one assertion), the message of a failed
// check, and which specs depend on which entities, so that an edit reruns only the specs it affects.

import { collectReferences } from "../authoring/references";
import type { FileEntry } from "../project/entries";
import type { EntityKind } from "../types";
import type { Project } from "../project/project";
import type { FlaglensDiagnostic } from "../types";
import { CODES, type SeverityOverrides } from "../validation/codes";
import { runSpec, summarizeRun, type AssertionResult, type Failure, type SpecResult, type TestOptions, type TestRun } from "./runner";
import { readSpec, readSpecs, type InvalidSpec, type Spec } from "./specs";

/** One assertion of a listed spec: a source assertion, with its matrix combinations when it has a matrix. */
export interface ListedAssertion {
  /** 0-based place in the spec's `assertions` (the N of "Assertion #N" is index + 1). */
  index: number;
  /** 1-based line of the assertion. */
  line: number;
  /** The description of its first combination (or of the assertion), as `featurevisor test` prints it. */
  description: string;
  /** One per matrix combination (absent without a matrix). */
  combinations?: { description: string; combination: Record<string, unknown> }[];
}

/** A spec file as a test explorer lists it. */
export interface ListedSpec {
  /** Absolute path of the spec file. */
  path: string;
  /** Path relative to the config's folder. */
  file: string;
  set?: string;
  kind: "feature" | "segment" | "invalid";
  /** The feature or segment tested ("" for an invalid spec). */
  key: string;
  /** 1-based line of the `feature:`/`segment:` key (of the problem for an invalid spec). */
  line: number;
  /** Why the spec cannot run. */
  problem?: string;
  assertions: ListedAssertion[];
}

/** Which specs to run: every one, one spec file, or one assertion (all its combinations) of a spec file. */
export interface TestSelection {
  /** Absolute path of a spec file; absent: every spec of the project. */
  path?: string;
  /** 0-based place of an assertion in the spec's `assertions`; only with `path`. */
  assertion?: number;
}

function isSpec(s: Spec | InvalidSpec): s is Spec {
  return "kind" in s;
}

function listed(spec: Spec | InvalidSpec): ListedSpec {
  const base = { path: spec.entry.path, file: spec.file, ...(spec.set !== undefined ? { set: spec.set } : {}) };
  if (!isSpec(spec)) return { ...base, kind: "invalid", key: "", line: spec.line, problem: spec.problem, assertions: [] };
  const assertions: ListedAssertion[] = [];
  for (const a of spec.assertions) {
    let item = assertions[assertions.length - 1];
    if (!item || item.index !== a.index) {
      item = { index: a.index, line: a.line, description: a.description };
      assertions.push(item);
    }
    if (a.combination) (item.combinations ??= []).push({ description: a.description, combination: a.combination });
  }
  return { ...base, kind: spec.kind, key: spec.key, line: spec.line, assertions };
}

/** The project's specs with their assertions, sorted by path. */
export function listSpecs(project: Project): ListedSpec[] {
  return readSpecs(project).map(listed);
}

/** One spec file's listing; undefined when the path is no spec of the project. */
export function listSpec(project: Project, path: string): ListedSpec | undefined {
  const entry = project.files.get(path);
  return entry?.kind === "test" ? listed(readSpec(project, entry)) : undefined;
}

/** Runs the chosen specs (or assertion) with the project's `featurevisor test` semantics. */
export function runSelection(project: Project, selection: TestSelection = {}, options: TestOptions = {}): TestRun {
  let specs: (Spec | InvalidSpec)[];
  if (selection.path === undefined) specs = readSpecs(project);
  else {
    const entry = project.files.get(selection.path);
    specs = entry?.kind === "test" ? [readSpec(project, entry)] : [];
  }
  if (selection.assertion !== undefined) {
    const index = selection.assertion;
    specs = specs.map((s) => (isSpec(s) ? { ...s, assertions: s.assertions.filter((a) => a.index === index) } : s));
  }
  const results: SpecResult[] = [];
  for (const spec of specs) {
    const r = runSpec(project, spec, options);
    if (r) results.push(r);
  }
  return { specs: results, summary: summarizeRun(results) };
}

function show(v: unknown): string {
  if (v === undefined) return "undefined";
  return JSON.stringify(v) ?? String(v);
}

/** A failed check in words: `expectedVariation: expected "b", got "a"`. */
export function failureMessage(f: Failure): string {
  return f.message !== undefined ? `${f.path}: ${f.message}` : `${f.path}: expected ${show(f.expected)}, got ${show(f.actual)}`;
}

/** What went wrong with an assertion (its description when it passed); a combination is named by its values. */
export function assertionMessage(a: AssertionResult): string {
  if (a.passed) return a.description;
  return `${a.description}: ${a.failures.map(failureMessage).join("; ")}`;
}

/**
 * The entities a spec's outcome depends on, as `kind:key` (the ids Workspace's `onTouched` reports):
 * `config`, and for a feature spec the feature (and its split environment files), the segments, attributes
 * and schemas its rules, forces, overrides and variables name, the groups that hold it, the targets its
 * assertions name, and the same, transitively, of every feature it requires; for a segment spec, the
 * segment and the attributes of its conditions.
 */
export function specDependencies(project: Project, spec: Spec | InvalidSpec): Set<string> {
  const hit = dependencyCache.get(spec.entry);
  if (hit && hit.project === project && stillValid(project, hit)) return hit.deps;
  const consulted: Consulted[] = [];
  const lookup = (kind: EntityKind, key: string, environment?: string) => {
    const entry = project.entry(kind, key, environment);
    consulted.push([kind, key, environment, entry]);
    return entry;
  };
  const deps = computeDependencies(project, spec, lookup);
  dependencyCache.set(spec.entry, { project, deps, consulted, groups: project.entries("group") });
  return deps;
}

/** An entity looked up while a spec's dependencies were computed, and the entry found (undefined: none). */
type Consulted = [EntityKind, string, string | undefined, FileEntry | undefined];

interface CachedDependencies {
  project: Project;
  deps: Set<string>;
  consulted: Consulted[];
  /** The group entries then (a feature's groups come from all of them). */
  groups: FileEntry[];
}

/**
 * Each spec's dependencies, by spec entry, with the entries they were read from: valid while every one
 * of these is still the project's (entries are replaced on change, never mutated), so that an edit
 * recomputes the dependencies of the specs that read the edited file only.
 */
const dependencyCache = new WeakMap<FileEntry, CachedDependencies>();

function stillValid(project: Project, cached: CachedDependencies): boolean {
  for (const [kind, key, environment, entry] of cached.consulted) if (project.entry(kind, key, environment) !== entry) return false;
  const groups = project.entries("group");
  return groups.length === cached.groups.length && groups.every((g, i) => g === cached.groups[i]);
}

function computeDependencies(
  project: Project,
  spec: Spec | InvalidSpec,
  lookup: (kind: EntityKind, key: string, environment?: string) => FileEntry | undefined,
): Set<string> {
  const deps = new Set<string>(["config"]);
  if (!isSpec(spec)) return deps;
  const pendingFeatures: string[] = [];
  const addRefs = (entry: FileEntry | undefined) => {
    if (!entry) return;
    for (const r of collectReferences(project, entry)) {
      if (r.kind === "feature") {
        if (!deps.has("feature:" + r.key)) pendingFeatures.push(r.key);
        continue;
      }
      const id = `${r.kind}:${r.key}`;
      if (deps.has(id)) continue;
      deps.add(id);
      // A segment's conditions name attributes; a schema names other schemas.
      if (r.kind === "segment") addRefs(lookup("segment", r.key));
      if (r.kind === "schema") addRefs(lookup("schema", r.key));
      if (r.kind === "target") addRefs(lookup("target", r.key));
    }
  };
  if (spec.kind === "segment") {
    deps.add("segment:" + spec.key);
    addRefs(lookup("segment", spec.key));
    return deps;
  }
  pendingFeatures.push(spec.key);
  for (const a of spec.assertions) {
    const target = a.value.target;
    if (typeof target === "string" && !deps.has("target:" + target)) {
      deps.add("target:" + target);
      addRefs(lookup("target", target));
    }
  }
  for (let key = pendingFeatures.pop(); key !== undefined; key = pendingFeatures.pop()) {
    if (deps.has("feature:" + key)) continue;
    deps.add("feature:" + key);
    deps.add("environment:" + key);
    addRefs(lookup("feature", key));
    for (const environment of project.environments || []) addRefs(lookup("environment", key, environment));
    for (const slot of project.groupsOf(key)) deps.add("group:" + slot.group.key);
  }
  return deps;
}

/** The spec files of a project and the entities each depends on (see specDependencies). */
export function specDependencyMap(project: Project): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const spec of readSpecs(project)) out.set(spec.entry.path, specDependencies(project, spec));
  return out;
}

/**
 * The spec files to rerun after some entities changed (`kind:key`, as `onTouched` reports them): those
 * depending on any of them, and the specs among them (a `test:key` entity is its own spec). A group's
 * change is reported with the features of its slots, which covers the specs of those features.
 */
export function specsAffectedBy(project: Project, entities: Iterable<string>): string[] {
  const changed = new Set(entities);
  if (changed.size === 0) return [];
  const out: string[] = [];
  for (const spec of readSpecs(project)) {
    if (changed.has("test:" + spec.entry.key)) {
      out.push(spec.entry.path);
      continue;
    }
    for (const dep of specDependencies(project, spec)) {
      if (changed.has(dep)) {
        out.push(spec.entry.path);
        break;
      }
    }
  }
  return out;
}

/**
 * A `test-failed` diagnostic on each failing assertion (one per failing matrix combination), spanning the
 * assertion's line from its first character. Absent when the severity overrides turn the code off.
 */
export function testDiagnostics(text: string, result: SpecResult, overrides: SeverityOverrides = {}): FlaglensDiagnostic[] {
  const override = overrides["test-failed"];
  if (override === "off") return [];
  const severity = override ?? CODES["test-failed"].severity;
  const lines = text.split(/\r\n|\r|\n/);
  const out: FlaglensDiagnostic[] = [];
  for (const a of result.assertions) {
    if (a.passed) continue;
    const line = Math.max(0, Math.min(a.line - 1, lines.length - 1));
    const content = lines[line] ?? "";
    const start = content.length - content.trimStart().length;
    out.push({
      range: { start: { line, character: start }, end: { line, character: content.length } },
      severity,
      code: "test-failed",
      message: assertionMessage(a),
      source: "flaglens",
      data: { assertion: a.assertion - 1, ...(a.combination ? { combination: a.combination } : {}) },
    });
  }
  return out;
}

/** The title of a spec's code lens: `12 passed`, `1 of 12 failed`, or why it did not run. */
export function specSummary(result: SpecResult): string {
  if (result.problem !== undefined) return `not run: ${result.problem}`;
  const total = result.assertions.length;
  const failed = result.assertions.filter((a) => !a.passed).length;
  if (total === 0) return "no assertions";
  return failed === 0 ? `${total} passed` : `${failed} of ${total} failed`;
}
