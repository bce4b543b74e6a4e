// Go to definition, find references, and "used by" code lenses in flag files.

import type { FileEntry } from "../project/entries";
import { variableDecls, variationViews, variableBaseKey } from "../project/featureView";
import type { Project } from "../project/project";
import type { JsonPath, Range } from "../types";
import { cursorContext, lastKey, valueAt } from "./cursor";
import { findReferences, referenceAt, referenceAtOffset, referenceRange, type Reference } from "./references";

/** A place in a file. */
export interface Location {
  path: string;
  range: Range;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The entity file of a reference target. */
function entityLocation(project: Project, kind: Reference["kind"], key: string): Location | undefined {
  const e = project.entry(kind, key);
  return e ? { path: e.path, range: FILE_START } : undefined;
}

/** Where a variation or variable of a feature is declared. */
function declarationIn(feature: FileEntry | undefined, what: "variation" | "variable", name: string): Location | undefined {
  const doc = feature?.doc;
  if (!doc) return undefined;
  if (what === "variation") {
    const v = variationViews(doc.value).find((x) => x.value.value === name);
    return v ? { path: feature!.path, range: doc.locate(v.value.path) } : undefined;
  }
  const d = variableDecls(doc.value).find((x) => x.key === name);
  return d ? { path: feature!.path, range: doc.locate(d.keyPath, d.keyTarget) } : undefined;
}

/** The definition of what is under the cursor. */
export function doDefinition(project: Project, entry: FileEntry, offset: number): Location | undefined {
  const doc = entry.doc;
  const ctx = doc && cursorContext(doc, offset);
  // A reference under the cursor; in a file the YAML cursor cannot read (TOML), the one its locator puts there.
  const ref = (ctx && referenceAt(project, entry, ctx.path, ctx.inKey)) || referenceAtOffset(project, entry, offset)?.reference;
  if (ref) return entityLocation(project, ref.kind, ref.key);
  if (!doc || !ctx) return undefined;
  const last = lastKey(ctx.path);
  const value = valueAt(doc.value, ctx.path);
  const featureOf = (p: JsonPath): FileEntry | undefined => {
    if (p[0] === "required") {
      const k = valueAt(doc.value, [...p.slice(0, -1), "key"]);
      return typeof k === "string" ? project.entry("feature", k) : undefined;
    }
    if (entry.kind === "test") {
      const k = valueAt(doc.value, ["feature"]);
      return typeof k === "string" ? project.entry("feature", k) : undefined;
    }
    return entry.kind === "feature" ? entry : project.entry("feature", entry.key);
  };
  if ((last === "variation" || last === "expectedVariation" || last === "disabledVariationValue") && typeof value === "string")
    return declarationIn(featureOf(ctx.path), "variation", value);
  const parent = ctx.path[ctx.path.length - 2];
  // v2 rules weigh variations by value: `variationWeights: { treatment: 80 }`.
  if (ctx.inKey && parent === "variationWeights" && typeof last === "string") return declarationIn(featureOf(ctx.path), "variation", last);
  // v1 variation variables are a list of { key, value, overrides }.
  const p = ctx.path;
  if (!ctx.inKey && p[0] === "variations" && p[2] === "variables" && p.length === 5 && last === "key" && typeof value === "string")
    return declarationIn(featureOf(p), "variable", variableBaseKey(value));
  if (
    ctx.inKey &&
    (parent === "variables" || parent === "expectedVariables" || parent === "variableOverrides") &&
    typeof last === "string"
  ) {
    return declarationIn(featureOf(ctx.path), "variable", variableBaseKey(last));
  }
  return undefined;
}

/** The entity the cursor designates: a reference under it, or else the file's own entity. */
function targetAt(project: Project, entry: FileEntry, offset: number): { kind: Reference["kind"]; key: string } | undefined {
  const doc = entry.doc;
  const ctx = doc && cursorContext(doc, offset);
  const ref = (ctx && referenceAt(project, entry, ctx.path, ctx.inKey)) || referenceAtOffset(project, entry, offset)?.reference;
  if (ref) return ref;
  if (
    entry.kind === "segment" ||
    entry.kind === "attribute" ||
    entry.kind === "feature" ||
    entry.kind === "schema" ||
    entry.kind === "target"
  )
    return { kind: entry.kind, key: entry.key };
  return undefined;
}

/** Every reference to the entity at the cursor (and its definition when asked). */
export function doReferences(
  project: Project,
  entry: FileEntry,
  offset: number,
  includeDeclaration: boolean,
  featureUsagesInCode: (key: string) => Location[] = () => [],
): Location[] {
  const target = targetAt(project, entry, offset);
  if (!target) return [];
  const out: Location[] = findReferences(project, target.kind, target.key).flatMap(({ entry: e, reference }) => {
    const range = referenceRange(e, reference);
    return range ? [{ path: e.path, range }] : [];
  });
  if (target.kind === "feature") out.push(...featureUsagesInCode(target.key));
  const def = includeDeclaration ? entityLocation(project, target.kind, target.key) : undefined;
  return def ? [def, ...out] : out;
}

/** A code lens: a title and the locations it opens. */
export interface ReferencesLens {
  range: Range;
  title: string;
  locations: Location[];
}

/** "used by N features" above segment and attribute files; "required by ..." for features; "named by N tests" for targets. */
export function doUsageLens(project: Project, entry: FileEntry): ReferencesLens | undefined {
  if (entry.kind !== "segment" && entry.kind !== "attribute" && entry.kind !== "feature" && entry.kind !== "target") return undefined;
  const refs = findReferences(project, entry.kind, entry.key);
  // A feature's lens is omitted while nothing references it; segments, attributes and targets always show
  // theirs, since "used by 0 features" is worth knowing.
  if (entry.kind === "feature" && refs.length === 0) return undefined;
  const count = (kinds: string[]) => new Set(refs.filter((r) => kinds.includes(r.entry.kind)).map((r) => r.entry.key)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const locations = refs.flatMap(({ entry: e, reference }) => {
    const range = referenceRange(e, reference);
    return range ? [{ path: e.path, range }] : [];
  });
  if (entry.kind === "target") return { range: FILE_START, title: `named by ${plural(count(["test"]), "test")}`, locations };
  const features = count(["feature", "environment"]);
  const parts = [
    entry.kind === "feature"
      ? features > 0
        ? `required by ${plural(features, "feature")}`
        : ""
      : `used by ${plural(features, "feature")}`,
    ...(["segment", "group", "target", "test"] as const).map((k) => (count([k]) > 0 ? plural(count([k]), k) : "")),
  ].filter(Boolean);
  if (entry.kind === "feature" && features === 0) parts[0] = `referenced by ${parts[0]}`;
  return {
    range: FILE_START,
    title: parts.join(", "),
    locations,
  };
}
