// Every reference a file makes to another entity, with its JSON path: the base of go to
// definition, find references, rename and "used by" counts.

import { attributeKeyOf, environmentViews, isObject, requiredViews, variationViews } from "../project/featureView";
import type { FileEntry } from "../project/entries";
import type { Project } from "../project/project";
import { featurePatterns } from "../project/targetView";
import { forEachCondition, forEachSegmentKey } from "../project/walk";
import type { JsonPath, Range } from "../types";

/** A reference from a file to an entity. */
export interface Reference {
  kind: "segment" | "attribute" | "feature" | "schema" | "target";
  key: string;
  path: JsonPath;
  /** True when the key names the entity (a `context` key), not the value at `path`. */
  inKey?: boolean;
}

/** The references of one file, in document order of discovery. */
export function collectReferences(project: Project, entry: FileEntry): Reference[] {
  const value = entry.doc?.value;
  if (!isObject(value)) return [];
  const out: Reference[] = [];
  const segments = (at: { value: unknown; path: JsonPath } | undefined) =>
    forEachSegmentKey(at, (key, path) => out.push({ kind: "segment", key, path: path() }));
  const conditions = (at: { value: unknown; path: JsonPath } | undefined) =>
    forEachCondition(at, (cond, path) => {
      if (typeof cond.attribute === "string")
        out.push({ kind: "attribute", key: attributeKeyOf(project, cond.attribute), path: [...path, "attribute"] });
    });

  if (entry.kind === "segment") conditions({ value: value.conditions, path: ["conditions"] });
  if (entry.kind === "feature" || entry.kind === "environment") {
    for (const env of environmentViews(value, project.format, project.environments, entry.environment)) {
      for (const r of [...env.rules, ...env.force]) {
        segments(r.segments);
        conditions(r.conditions);
        for (const o of r.overrides) {
          segments(o.segments);
          conditions(o.conditions);
        }
      }
    }
  }
  if (entry.kind === "feature") {
    for (const v of variationViews(value)) {
      for (const o of v.overrides) {
        segments(o.segments);
        conditions(o.conditions);
      }
    }
    for (const r of requiredViews(value))
      if (typeof r.key.value === "string") out.push({ kind: "feature", key: r.key.value, path: r.key.path });
    schemaRefs(value.variablesSchema, ["variablesSchema"], out);
    const b = value.bucketBy;
    const bucket = (k: unknown, path: JsonPath) =>
      typeof k === "string" && k !== "*" && out.push({ kind: "attribute", key: attributeKeyOf(project, k), path });
    if (typeof b === "string") bucket(b, ["bucketBy"]);
    else if (Array.isArray(b)) b.forEach((k, i) => bucket(k, ["bucketBy", i]));
    else if (isObject(b) && Array.isArray(b.or)) b.or.forEach((k, i) => bucket(k, ["bucketBy", "or", i]));
  }
  if (entry.kind === "schema" || entry.kind === "attribute") schemaRefs(value, [], out);
  if (entry.kind === "group" && Array.isArray(value.slots)) {
    value.slots.forEach(
      (s, i) =>
        isObject(s) && typeof s.feature === "string" && out.push({ kind: "feature", key: s.feature, path: ["slots", i, "feature"] }),
    );
  }
  if (entry.kind === "test") {
    if (typeof value.feature === "string") out.push({ kind: "feature", key: value.feature, path: ["feature"] });
    if (typeof value.segment === "string") out.push({ kind: "segment", key: value.segment, path: ["segment"] });
    if (Array.isArray(value.assertions)) {
      value.assertions.forEach((a, i) => {
        if (!isObject(a)) return;
        // A `${{ ... }}` placeholder of a test matrix names no target by itself; `target: ${{ t }}` names those of the matrix's `t` list.
        if (typeof a.target === "string" && !a.target.startsWith("${{"))
          out.push({ kind: "target", key: a.target, path: ["assertions", i, "target"] });
        const variable = typeof a.target === "string" ? /^\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/.exec(a.target)?.[1] : undefined;
        const values = variable !== undefined && isObject(a.matrix) ? a.matrix[variable] : undefined;
        if (variable !== undefined && Array.isArray(values))
          values.forEach(
            (t, j) => typeof t === "string" && out.push({ kind: "target", key: t, path: ["assertions", i, "matrix", variable, j] }),
          );
        // The keys of an assertion's context are attribute keys (`user/id: "123"`).
        if (isObject(a.context)) contextRefs(project, a.context, ["assertions", i, "context"], out);
      });
    }
  }
  if (entry.kind === "target") targetRefs(project, value, out);
  return out;
}

/** A target names features by patterns (one without `*` is a feature key) and attributes by its context's keys. */
function targetRefs(project: Project, value: Record<string, unknown>, out: Reference[]): void {
  for (const property of ["includeFeatures", "excludeFeatures"] as const) {
    for (const { pattern, path } of featurePatterns(value, property))
      if (!pattern.includes("*")) out.push({ kind: "feature", key: pattern, path });
  }
  if (isObject(value.context)) contextRefs(project, value.context, ["context"], out);
}

/** The keys of a context (a target's build-time one, a test assertion's) name attributes. */
function contextRefs(project: Project, context: Record<string, unknown>, path: JsonPath, out: Reference[]): void {
  for (const name of Object.keys(context))
    if (!name.startsWith("${{")) out.push({ kind: "attribute", key: attributeKeyOf(project, name), path: [...path, name], inKey: true });
}

/** `schema: <key>` references of v2 value schemas, at any depth (properties, items, oneOf). */
function schemaRefs(value: unknown, path: JsonPath, out: Reference[], depth = 0): void {
  if (depth > 32) return;
  if (Array.isArray(value)) value.forEach((v, i) => schemaRefs(v, [...path, i], out, depth + 1));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "schema" && typeof v === "string") out.push({ kind: "schema", key: v, path: [...path, k] });
      else schemaRefs(v, [...path, k], out, depth + 1);
    }
  }
}

/** The reference whose path is `path`, if any: on a key (`inKey`) only one that a key makes, on a value only one that a value makes. */
export function referenceAt(project: Project, entry: FileEntry, path: JsonPath, inKey = false): Reference | undefined {
  const same = (a: JsonPath) => a.length === path.length && a.every((p, i) => p === path[i]);
  return collectReferences(project, entry).find((r) => same(r.path) && (r.inKey ?? false) === inKey);
}

/** Where a reference is written in its file: the key or the value at its path. */
export function referenceRange(entry: FileEntry, reference: Reference): Range | undefined {
  return entry.doc?.locate(reference.path, reference.inKey ? "key" : "value");
}

/** Every reference to an entity across a project. */
export function findReferences(project: Project, kind: Reference["kind"], key: string): { entry: FileEntry; reference: Reference }[] {
  return referenceIndex(project).get(kind + ":" + key) ?? [];
}

const indexes = new WeakMap<Project, { generation: number; byTarget: Map<string, { entry: FileEntry; reference: Reference }[]> }>();

/** All references of a project by `kind:key`, computed once per project generation. */
export function referenceIndex(project: Project): Map<string, { entry: FileEntry; reference: Reference }[]> {
  const cached = indexes.get(project);
  if (cached && cached.generation === project.generation) return cached.byTarget;
  const byTarget = new Map<string, { entry: FileEntry; reference: Reference }[]>();
  for (const entry of project.files.values()) {
    for (const reference of collectReferences(project, entry)) {
      const k = reference.kind + ":" + reference.key;
      const list = byTarget.get(k);
      if (list) list.push({ entry, reference });
      else byTarget.set(k, [{ entry, reference }]);
    }
  }
  indexes.set(project, { generation: project.generation, byTarget });
  return byTarget;
}

/**
 * The reference written at an offset of a file (its key or value span contains the offset), with that span.
 * Found through the file's own locator, so it works where the cursor context of YAML does not (TOML).
 */
export function referenceAtOffset(
  project: Project,
  entry: FileEntry,
  offset: number,
): { reference: Reference; offsets: [number, number] } | undefined {
  const doc = entry.doc;
  if (!doc) return undefined;
  let best: { reference: Reference; offsets: [number, number] } | undefined;
  for (const reference of collectReferences(project, entry)) {
    const offsets = doc.locateOffsets(reference.path, reference.inKey ? "key" : "value");
    if (offsets[0] > offset || offset > offsets[1]) continue;
    if (!best || offsets[1] - offsets[0] < best.offsets[1] - best.offsets[0]) best = { reference, offsets };
  }
  return best;
}
