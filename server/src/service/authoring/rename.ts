// Renaming a segment, attribute or feature key: the file is renamed and every reference in flag
// files and tests is updated, in one workspace edit.

import type { FileEntry } from "../project/entries";
import type { Project } from "../project/project";
import type { Range, TextEdit } from "../types";
import { cursorContext } from "./cursor";
import { findReferences, referenceAt } from "./references";

/** A workspace edit: text edits by file, then file renames. */
export interface RenameEdit {
  edits: { path: string; edits: TextEdit[] }[];
  renames: { from: string; to: string }[];
}

/** Why a rename cannot be done; shown to the user as is. */
export class RenameError extends Error {}

const KEY = /^[a-zA-Z0-9_\-.]+(\/[a-zA-Z0-9_\-.]+)*$/;

interface Target {
  kind: "segment" | "attribute" | "feature";
  key: string;
  /** The text range the editor highlights while renaming. */
  range: Range;
}

function targetAt(project: Project, entry: FileEntry, offset: number): Target | undefined {
  const doc = entry.doc;
  if (!doc) return undefined;
  const ctx = cursorContext(doc, offset);
  const ref = ctx && !ctx.inKey ? referenceAt(project, entry, ctx.path) : undefined;
  // Schema and target keys are not renamed (yet): only segments, attributes and features.
  if (ref && ref.kind !== "schema" && ref.kind !== "target" && ctx) {
    const quoted = /^["']/.test(ctx.text);
    return { kind: ref.kind, key: ref.key, range: doc.lineIndex.rangeOf(ctx.start + (quoted ? 1 : 0), ctx.end - (quoted ? 1 : 0)) };
  }
  if (entry.kind === "segment" || entry.kind === "attribute" || entry.kind === "feature") {
    return { kind: entry.kind, key: entry.key, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  return undefined;
}

/** What would be renamed at the cursor: the key and the range to highlight. */
export function prepareRename(project: Project, entry: FileEntry, offset: number): { range: Range; placeholder: string } | undefined {
  const t = targetAt(project, entry, offset);
  return t && project.has(t.kind, t.key) ? { range: t.range, placeholder: t.key } : undefined;
}

/** The edit that renames the entity at the cursor to `newKey`; throws RenameError when it cannot. */
export function doRename(project: Project, entry: FileEntry, offset: number, newKey: string): RenameEdit {
  const t = targetAt(project, entry, offset);
  if (!t) throw new RenameError("Only segment, attribute and feature keys can be renamed.");
  if (project.format === "v3") throw new RenameError("Flaglens does not rename keys in v3 projects yet.");
  const own = project.entry(t.kind, t.key);
  if (!own) throw new RenameError(`There is no ${t.kind} "${t.key}" to rename.`);
  if (newKey === t.key) return { edits: [], renames: [] };
  // A key names a file below the entity's folder; "." and ".." segments would name one elsewhere.
  if (!KEY.test(newKey) || newKey.split("/").some((s) => s === "." || s === ".."))
    throw new RenameError(
      `"${printable(newKey)}" is not a valid ${t.kind} key: use letters, digits, "_", "-" and "."; "/" separates folders (no "." or ".." folders).`,
    );
  if (project.has(t.kind, newKey)) throw new RenameError(`A ${t.kind} "${newKey}" already exists.`);

  const byFile = new Map<string, TextEdit[]>();
  for (const { entry: e, reference } of findReferences(project, t.kind, t.key)) {
    const doc = e.doc;
    if (!doc) continue;
    const [start, end] = doc.locateOffsets(reference.path);
    const current = doc.text.slice(start, end);
    const quote = /^["']/.test(current) ? current[0] : "";
    // A v2 condition on an object attribute keeps its property: `account.plan` -> `user.plan`.
    const suffix = t.kind === "attribute" && !quote && current.startsWith(t.key + ".") ? current.slice(t.key.length) : "";
    const list = byFile.get(e.path) ?? [];
    list.push({ range: doc.lineIndex.rangeOf(start, end), newText: quote + newKey + suffix + quote });
    byFile.set(e.path, list);
  }
  // The file name is the key plus the extension, under the entity's directory.
  const ext = own.rel.slice(own.rel.lastIndexOf("."));
  const dir = own.path.slice(0, own.path.length - t.key.length - ext.length);
  const renames = [{ from: own.path, to: `${dir}${newKey}${ext}` }];
  // The key was checked above; this checks the path itself, so a change to either cannot let a rename leave the folder.
  if (!within(renames[0].to, dir)) throw new RenameError(`Renaming to "${printable(newKey)}" would move the file out of its folder.`);
  if (t.kind === "feature" && project.environments !== false) {
    for (const env of project.environments) {
      const e = project.entry("environment", t.key, env);
      if (e) renames.push({ from: e.path, to: e.path.slice(0, e.path.length - t.key.length - ext.length) + newKey + ext });
    }
  }
  return { edits: [...byFile].map(([path, edits]) => ({ path, edits })), renames };
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
