// Every reference a file makes to another entity, with its JSON path: the base of go to
// definition, find references, rename and "used by" counts.

import { attributeKeyOf, environmentViews, isObject, requiredViews, variationViews } from "../project/featureView";
import type { FileEntry } from "../project/entries";
import type { Project } from "../project/project";
import { featurePatterns } from "../project/targetView";
import { forEachCondition, forEachSegmentKey } from "../project/walk";
import type { JsonPath } from "../types";

/** A reference from a file to an entity. */
export interface Reference {
  kind: "segment" | "attribute" | "feature" | "schema" | "target";
  key: string;
  path: JsonPath;
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
        // A `${{ ... }}` placeholder of a test matrix names no target by itself.
        if (isObject(a) && typeof a.target === "string" && !a.target.startsWith("${{"))
          out.push({ kind: "target", key: a.target, path: ["assertions", i, "target"] });
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
  if (isObject(value.context)) {
    for (const name of Object.keys(value.context))
      out.push({ kind: "attribute", key: attributeKeyOf(project, name), path: ["context", name] });
  }
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

/** The reference whose path is `path`, if any. */
export function referenceAt(project: Project, entry: FileEntry, path: JsonPath): Reference | undefined {
  const same = (a: JsonPath) => a.length === path.length && a.every((p, i) => p === path[i]);
  return collectReferences(project, entry).find((r) => same(r.path));
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
