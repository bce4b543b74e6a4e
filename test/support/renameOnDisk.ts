// Renames on real folders: a project written (or copied) to a temporary folder, a rename computed by the
// language service at a cursor, the edit applied to the files, then the result linted by Flaglens and,
// when ../shared is present, by the real 3.1 CLI (lint and test).

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import type { RenameEdit } from "../../server/src/service/authoring/rename";
import { LanguageService } from "../../server/src/service/languageService";
import { lintFiles } from "../../server/src/service/lint";
import { LineIndex } from "../../server/src/service/text";
import type { Position } from "../../server/src/service/types";
import { Workspace } from "../../server/src/service/workspace";
import { SHARED_DIR } from "./skip";

/** The real 3.1 CLI, when ../shared is present. */
export const ORACLE_31 = path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0", "featurevisor.js");

/** Writes a project (relative path -> text) to a new temporary folder. */
export function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-rename-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A language service over the project in `dir`, loaded from disk. */
export async function serviceOf(dir: string): Promise<LanguageService> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addFolder(toServicePath(dir));
  return new LanguageService(workspace);
}

/**
 * The service path and position of the first occurrence of `needle` in a file (written without its `|`),
 * at the `|` of `needle` (`segments: [n|l]`), or one character into it when it has none.
 */
export function cursor(dir: string, rel: string, needle: string): { path: string; position: Position } {
  const text = fs.readFileSync(path.join(dir, rel), "utf8");
  const bar = needle.indexOf("|");
  const at = text.indexOf(needle.replace("|", ""));
  if (at < 0) throw new Error(`${needle} not found in ${rel}`);
  return { path: toServicePath(path.join(dir, rel)), position: new LineIndex(text).positionAt(at + (bar < 0 ? 1 : bar)) };
}

/** Renames at the `needle` of a file and applies the edit to the files; returns the edit. */
export async function renameOnDisk(dir: string, rel: string, needle: string, newKey: string): Promise<RenameEdit> {
  const service = await serviceOf(dir);
  const { path: file, position } = cursor(dir, rel, needle);
  const edit = service.doRename(file, position, newKey);
  if (!edit) throw new Error(`no rename at ${needle} in ${rel}`);
  applyEdit(edit);
  return edit;
}

/** Applies text edits (per file, no overlaps), then file renames, creating the folders they need. */
export function applyEdit(edit: RenameEdit): void {
  for (const { path: file, edits } of edit.edits) {
    const text = fs.readFileSync(file, "utf8");
    const lines = new LineIndex(text);
    const next = edits
      .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
      .sort((a, b) => b.s - a.s)
      .reduce((acc, e) => acc.slice(0, e.s) + e.t + acc.slice(e.e), text);
    fs.writeFileSync(file, next);
  }
  for (const { from, to } of edit.renames) {
    if (fs.existsSync(to)) throw new Error(`${to} exists`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
}

/** Flaglens' errors on the project in `dir`, as `rel: code message` lines. */
export async function flaglensErrors(dir: string): Promise<string[]> {
  const { diagnostics } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
  const root = toServicePath(dir);
  return [...diagnostics].flatMap(([file, list]) =>
    list.filter((d) => d.severity === "error").map((d) => `${file.slice(root.length + 1)}: ${d.code} ${d.message}`),
  );
}

/** Runs the real 3.1 CLI in `dir` (NODE_PATH lets a TOML config require the repository's `toml`). */
export function oracle(dir: string, command: "lint" | "test"): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [ORACLE_31, command], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", NODE_PATH: path.resolve("node_modules") },
  });
  return { ok: r.status === 0, output: (r.stdout ?? "") + (r.stderr ?? "") };
}

/** Whether the real 3.1 CLI is present. */
export function hasOracle(): boolean {
  return fs.existsSync(ORACLE_31);
}

/** Every file of a project, relative path -> text (to compare before and after). */
export function readProject(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const full = path.join(f.parentPath, f.name);
    out[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
  }
  return out;
}
