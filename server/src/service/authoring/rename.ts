// Renaming a segment, attribute, feature or (v3) target key: the file is moved to the new key's path
// and every reference in flag files, targets and tests is updated, in one workspace edit.
//
// Keys name files below the entity's folder: in v1 and v2 a "/" separates folders; in v3 the config's
// namespaceCharacter does ("." by default, `checkout.promotion` -> features/checkout/promotion.yml).
// A set of a `sets: true` project is a project of its own, so a rename never leaves its set.

import { load } from "js-yaml";
import type { FileEntry } from "../project/entries";
import { featureEnvironments, isObject, variationViews } from "../project/featureView";
import type { Project } from "../project/project";
import { featurePatterns, matchesFeaturePattern } from "../project/targetView";
import type { Range, TextEdit } from "../types";
import { findReferences, referenceAtOffset, type Reference } from "./references";

/** A workspace edit: text edits by file, then file renames (the client creates the folders a new path needs). */
export interface RenameEdit {
  edits: { path: string; edits: TextEdit[] }[];
  renames: { from: string; to: string }[];
  /** What the user should know before applying it (the handler asks for confirmation). */
  warnings?: string[];
}

/** Why a rename cannot be done; shown to the user as is. */
export class RenameError extends Error {}

type RenamedKind = "segment" | "attribute" | "feature" | "target";

const RENAMED: readonly string[] = ["segment", "attribute", "feature", "target"];

interface Renamed {
  kind: RenamedKind;
  key: string;
  /** The text range the editor highlights while renaming. */
  range: Range;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function renamedAt(project: Project, entry: FileEntry, offset: number): Renamed | undefined {
  const doc = entry.doc;
  if (!doc) return undefined;
  const hit = referenceAtOffset(project, entry, offset);
  if (hit && RENAMED.includes(hit.reference.kind)) {
    const [start, end] = hit.offsets;
    const quoted = /^["']/.test(doc.text.slice(start, end)) && end - start >= 2;
    return {
      kind: hit.reference.kind as RenamedKind,
      key: hit.reference.key,
      range: doc.lineIndex.rangeOf(start + (quoted ? 1 : 0), end - (quoted ? 1 : 0)),
    };
  }
  if (RENAMED.includes(entry.kind)) return { kind: entry.kind as RenamedKind, key: entry.key, range: FILE_START };
  return undefined;
}

/** What would be renamed at the cursor: the key and the range to highlight. */
export function prepareRename(project: Project, entry: FileEntry, offset: number): { range: Range; placeholder: string } | undefined {
  const t = renamedAt(project, entry, offset);
  return t && project.has(t.kind, t.key) ? { range: t.range, placeholder: t.key } : undefined;
}

/** The edit that renames the entity at the cursor to `newKey`; throws RenameError when it cannot. */
export function doRename(project: Project, entry: FileEntry, offset: number, newKey: string): RenameEdit {
  const t = renamedAt(project, entry, offset);
  if (!t) throw new RenameError("Only segment, attribute, feature and target keys can be renamed.");
  const own = project.entry(t.kind, t.key);
  if (!own) throw new RenameError(`There is no ${t.kind} "${t.key}" to rename.`);
  if (newKey === t.key) return { edits: [], renames: [] };
  const sep = project.keySeparator;
  const problem = keyProblem(newKey, sep);
  if (problem)
    throw new RenameError(
      `"${printable(newKey)}" is not a valid ${t.kind} key${project.format === "v3" ? " in this project" : ""}: ${problem}`,
    );
  // The 3.1 linter and SDK read `a.b` in a condition as property `b` of an object attribute `a`, never as a key.
  if (t.kind === "attribute" && project.format === "v3" && newKey.includes("."))
    throw new RenameError(
      `"${printable(newKey)}" cannot be an attribute key: Featurevisor reads a "." in a condition's attribute as a property of an object attribute${sep === "." ? ' (and "." is the namespace character here)' : ""}.`,
    );
  if (project.has(t.kind, newKey)) throw new RenameError(`A ${t.kind} "${newKey}" already exists${where(project)}.`);
  if (t.kind === "feature") refuseChangedGlobs(project, t.key, newKey);

  const byFile = new Map<string, TextEdit[]>();
  for (const { entry: e, reference } of findReferences(project, t.kind, t.key)) {
    const doc = e.doc;
    if (!doc) continue;
    const [start, end] = doc.locateOffsets(reference.path, reference.inKey ? "key" : "value");
    const newText = replacement(e, doc.text.slice(start, end), reference, newKey);
    if (newText === undefined)
      throw new RenameError(`Flaglens cannot find where ${e.rel} names ${t.kind} "${t.key}" to change it; rename it there by hand first.`);
    const list = byFile.get(e.path) ?? [];
    if (!list.some((x) => same(x.range, doc.lineIndex.rangeOf(start, end))))
      list.push({ range: doc.lineIndex.rangeOf(start, end), newText });
    byFile.set(e.path, list);
  }

  // The file is the key's parts as folders, plus the file's own extension, under the entity's folder.
  const ext = own.rel.slice(own.rel.lastIndexOf("."));
  const oldInner = t.key.split(sep).join("/");
  const newInner = newKey.split(sep).join("/");
  const dir = own.path.slice(0, own.path.length - oldInner.length - ext.length);
  const renames = [{ from: own.path, to: `${dir}${newInner}${ext}` }];
  if (!own.path.endsWith("/" + oldInner + ext))
    throw new RenameError(
      `The name of ${own.rel} has the namespace character "${sep}" in it, so its key does not name its path (Featurevisor rejects such names): rename the file by hand.`,
    );
  // The key was checked above; this checks the path itself, so a change to either cannot let a rename leave the folder.
  if (!within(renames[0].to, dir)) throw new RenameError(`Renaming to "${printable(newKey)}" would move the file out of its folder.`);
  const taken = [...project.files.keys()].find((p) => sameFile(p, renames[0].to, ext));
  if (taken) throw new RenameError(`The file ${taken} already exists; renaming to "${newKey}" would overwrite it.`);
  if (t.kind === "feature" && project.environments !== false) {
    for (const env of project.environments) {
      const e = project.entry("environment", t.key, env);
      if (e) renames.push({ from: e.path, to: e.path.slice(0, e.path.length - oldInner.length - ext.length) + newInner + ext });
    }
  }
  if (t.kind === "feature" || t.kind === "segment") renames.push(...specRenames(project, t.kind, t.key, oldInner, newInner));
  const rebucketing = t.kind === "feature" ? rebucketingWarning(project, t.key, newKey) : undefined;
  return { edits: [...byFile].map(([path, edits]) => ({ path, edits })), renames, ...(rebucketing ? { warnings: [rebucketing] } : {}) };
}

/**
 * Featurevisor hashes the bucketBy value together with the feature key: a renamed feature buckets every
 * user afresh. Harmless at 0% or 100% with one variation; a partial rollout or a split of variations
 * changes who gets what, which the user should confirm.
 */
function rebucketingWarning(project: Project, key: string, newKey: string): string | undefined {
  const partial: string[] = [];
  let exposed = false;
  for (const env of featureEnvironments(project, key)) {
    const shares: string[] = [];
    for (const rule of env.rules) {
      const p = rule.percentage?.value;
      if (typeof p !== "number" || p <= 0) continue;
      exposed = true;
      if (p < 100) shares.push(`${p}%`);
    }
    if (shares.length) partial.push(`${env.env ? `${env.env}: ` : ""}${[...new Set(shares)].join(", ")}`);
  }
  const split = variationViews(project.entry("feature", key)?.doc?.value).filter(
    (v) => typeof v.weight?.value === "number" && v.weight.value > 0,
  );
  const parts: string[] = [];
  if (partial.length) parts.push(`who is in the partial rollout (${partial.slice(0, 3).join("; ")}${partial.length > 3 ? "; …" : ""})`);
  if (exposed && split.length > 1) parts.push(`which variation each user gets (${split.map((v) => String(v.value.value)).join(" / ")})`);
  if (!parts.length) return undefined;
  return `Featurevisor buckets users by their bucketBy value and the feature key, so as "${newKey}" every user is bucketed afresh: ${parts.join(" and ")} will change.`;
}

/**
 * The spec files named after the renamed feature or segment (`tests/features/checkout.spec.yml` testing
 * `checkout`), renamed with it so that the name keeps saying what it tests. A spec named otherwise, or whose
 * new name is taken, keeps its name (its reference is edited all the same).
 */
function specRenames(project: Project, kind: "feature" | "segment", key: string, oldInner: string, newInner: string) {
  const out: { from: string; to: string }[] = [];
  for (const e of project.entries("test")) {
    const value = e.doc?.value;
    if (!isObject(value) || value[kind] !== key) continue;
    const at = e.path.lastIndexOf(`/${oldInner}.`);
    const rest = at < 0 ? "" : e.path.slice(at + 1 + oldInner.length);
    if (!/^\.(spec\.)?[A-Za-z]+$/.test(rest)) continue;
    const dir = e.path.slice(0, at + 1);
    const to = `${dir}${newInner}${rest}`;
    if (!within(to, dir) || [...project.files.keys()].some((p) => sameFile(p, to, rest))) continue;
    out.push({ from: e.path, to });
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * Why `key` cannot be a key, or undefined. `sep` is the namespace character: it separates the folders
 * of the key's file, and every part between is a file or folder name (letters, digits, "_", "-", and "."
 * unless "." is the separator; no "/" unless it is; never empty, "." or "..").
 */
function keyProblem(key: string, sep: string): string | undefined {
  const parts = key.split(sep);
  const allowed = sep === "." ? '"_" and "-"' : '"_", "-" and "."';
  const rule = `use letters, digits, ${allowed}; "${sep}" separates folders (no empty${sep === "/" ? ', "." or ".."' : ""} parts).`;
  if (sep !== "/" && key.includes("/")) return `"/" is not the namespace character here ("${sep}" is). ${rule}`;
  for (const part of parts) {
    if (part === "" || part === "." || part === ".." || !/^[a-zA-Z0-9_\-.]+$/.test(part)) return rule;
  }
  return undefined;
}

/**
 * A feature renamed out of (or into) a target's `*` pattern would leave (or join) that target's datafile.
 * The pattern is not rewritten, since it names other features too: the rename is refused, saying which.
 */
function refuseChangedGlobs(project: Project, oldKey: string, newKey: string): void {
  const changes: string[] = [];
  for (const target of project.entries("target")) {
    const value = target.doc?.value;
    if (!isObject(value)) continue;
    for (const property of ["includeFeatures", "excludeFeatures"] as const) {
      for (const { pattern } of featurePatterns(value, property)) {
        if (!pattern.includes("*")) continue;
        const before = matchesFeaturePattern(oldKey, pattern);
        if (before === matchesFeaturePattern(newKey, pattern)) continue;
        changes.push(
          `target "${target.key}" (${target.rel}): ${property} "${pattern}" matches "${before ? oldKey : newKey}" but not "${before ? newKey : oldKey}"`,
        );
      }
    }
  }
  if (changes.length > 0)
    throw new RenameError(
      `Renaming feature "${oldKey}" to "${newKey}" would change what a target selects, and Flaglens does not rewrite globs: ${changes.join("; ")}.`,
    );
}

/**
 * The new text for one reference, written as the old one was (quotes kept), and quoted where the file's
 * format needs it (a YAML scalar that would read as a number or boolean, a TOML key that is not bare).
 * Undefined when the text at the reference is not the old key: the edit would not be safe.
 */
function replacement(e: FileEntry, current: string, reference: Reference, newKey: string): string | undefined {
  const format = e.rel.endsWith(".json") ? "json" : e.rel.endsWith(".toml") ? "toml" : "yaml";
  const quote = /^["']/.test(current) ? current[0] : "";
  let inner = quote && current.length >= 2 && current.endsWith(quote) ? current.slice(1, -1) : current;
  // An escaped double-quoted string (`"n\u006c"`): read it as JSON reads it.
  if (quote === '"' && inner.includes("\\")) {
    try {
      inner = JSON.parse(current) as string;
    } catch {
      return undefined;
    }
  }
  let suffix = "";
  if (inner !== reference.key) {
    // A v2 condition on an object attribute keeps its property: `account.plan` -> `user.plan`.
    if (reference.kind !== "attribute" || !inner.startsWith(reference.key + ".")) return undefined;
    suffix = inner.slice(reference.key.length);
  }
  const text = newKey + suffix;
  if (quote === "'" && !inner.includes("'")) return `'${text}'`;
  if (quote) return `"${text}"`;
  if (format === "json") return `"${text}"`;
  if (format === "toml") return /^[A-Za-z0-9_-]+$/.test(text) && reference.inKey ? text : `"${text}"`;
  return readsAsItself(text) ? text : `"${text}"`;
}

/** Whether a YAML plain scalar reads back as this very string (not a number, boolean, null or other node). */
function readsAsItself(text: string): boolean {
  try {
    return load(text) === text && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(text);
  } catch {
    return false;
  }
}

function same(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Whether two entity paths name the same file, or files with the same name and another extension (`a.yml`, `a.yaml`). */
function sameFile(existing: string, path: string, ext: string): boolean {
  const base = path.slice(0, path.length - ext.length);
  return (
    existing === path ||
    (existing.startsWith(base + ".") && !existing.slice(base.length + 1).includes("/") && existing.slice(base.length + 1).indexOf(".") < 0)
  );
}

/** " in set X" for a set's project, else "". */
function where(project: Project): string {
  return project.set !== undefined ? ` in set "${project.set}"` : "";
}

/** Whether `path` lies below `folder` (ending with "/") with no "." or ".." segment on the way. */
function within(path: string, folder: string): boolean {
  return (
    folder.endsWith("/") &&
    path.startsWith(folder) &&
    !path
      .slice(folder.length)
      .split("/")
      .some((s) => s === "" || s === "." || s === "..")
  );
}

/** A key as it may be shown in a message: control characters (NUL, line breaks) escaped. */
function printable(key: string): string {
  return JSON.stringify(key).slice(1, -1);
}
