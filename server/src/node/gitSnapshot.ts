// A project as a git revision has it, without checking anything out: the files below a folder are
// listed once with `git ls-tree` and read in one `git cat-file --batch`, then served from memory
// through the service's FileSystem (so the loader reads a revision as it reads the disk). Also the
// few questions `flaglens diff` asks git: the top level, a revision's commit, the default base, and
// which paths differ between two snapshots.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileStat, FileSystem, FileType } from "../service/fileSystem";
import { toServicePath } from "./nodeFileSystem";

/** A git failure that is the user's to fix (not a repository, an unknown revision): the CLI exits with 2. */
export class GitError extends Error {}

/** Runs git in `cwd`; resolves to stdout, or throws a GitError with git's own message. */
export function git(cwd: string, args: string[], input?: string): Buffer {
  const r = spawnSync("git", args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) {
    const message = r.stderr.toString().trim().split("\n")[0] || `git ${args[0]} failed`;
    throw new GitError(message.replace(/^fatal: /, ""));
  }
  return r.stdout;
}

/** The top level of the repository holding `folder` (links resolved), or a GitError when there is none. */
export function gitTopLevel(folder: string): string {
  let out: string;
  try {
    out = git(folder, ["rev-parse", "--show-toplevel"]).toString().trim();
  } catch (error) {
    throw new GitError(`${folder} is not in a git repository (${error instanceof Error ? error.message : String(error)})`);
  }
  return toServicePath(fs.realpathSync(out));
}

/** The commit a revision names, or a GitError naming the revision. */
export function resolveCommit(top: string, revision: string): string {
  if (revision.startsWith("-")) throw new GitError(`unknown revision "${revision}"`);
  const r = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`], { cwd: top });
  const sha = r.status === 0 ? r.stdout.toString().trim() : "";
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new GitError(`unknown revision "${revision}"`);
  return sha;
}

/** The default base: the merge base of HEAD with origin/HEAD, else with main, else with master. */
export function defaultBase(top: string): { revision: string; commit: string } {
  for (const candidate of ["origin/HEAD", "main", "master"]) {
    let commit: string;
    try {
      commit = resolveCommit(top, candidate);
    } catch {
      continue;
    }
    const r = spawnSync("git", ["merge-base", "HEAD", commit], { cwd: top });
    const base = r.stdout.toString().trim();
    if (r.status === 0 && base !== "") return { revision: candidate === "origin/HEAD" ? "origin/HEAD" : candidate, commit: base };
  }
  throw new GitError("no default branch to compare with (origin/HEAD, main or master): give BASE");
}

/** A path of the repository as the service writes it (absolute, `/`). */
function absolute(top: string, rel: string): string {
  return top === "/" ? "/" + rel : `${top}/${rel}`;
}

/**
 * The paths below `folder` that differ between the commit `base` and `head` (a commit, or undefined for
 * the working tree, untracked files included), as absolute service paths.
 */
export function changedPaths(top: string, folder: string, base: string, head: string | undefined): Set<string> {
  const rel = path.relative(top, folder).split(path.sep).join("/") || ".";
  const out = new Set<string>();
  const names = git(top, ["diff", "--no-renames", "--name-only", "-z", base, ...(head ? [head] : []), "--", rel]);
  for (const p of names.toString().split("\0")) if (p) out.add(absolute(top, p));
  if (!head) {
    const untracked = git(top, ["ls-files", "--others", "--exclude-standard", "-z", "--", rel]);
    for (const p of untracked.toString().split("\0")) if (p) out.add(absolute(top, p));
  }
  return out;
}

interface TreeFile {
  type: FileType;
  size: number;
  data?: Uint8Array;
}

/**
 * The files below `folder` in `commit`, read now, served from memory as a FileSystem. Paths outside
 * `folder` (a package.json above the project that pins @featurevisor/cli, installed packages) are read
 * from `outside` (the disk), so both snapshots of a diff see the same surroundings. `blobs` caches file
 * contents by object id: two snapshots that share it read each common file from git once.
 */
export function gitTreeFileSystem(
  top: string,
  commit: string,
  folder: string,
  outside: FileSystem,
  blobs: Map<string, Uint8Array> = new Map(),
): FileSystem {
  const rel = path.relative(top, folder).split(path.sep).join("/");
  const listing = git(top, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", rel || "."]).toString();
  const files = new Map<string, TreeFile>();
  const dirs = new Map<string, Map<string, FileType>>();
  const wanted: [string, string][] = [];
  const addToDir = (p: string, type: FileType) => {
    for (let child = p; child !== folder && child !== "/";) {
      const parent = child.slice(0, child.lastIndexOf("/")) || "/";
      let entries = dirs.get(parent);
      if (!entries) dirs.set(parent, (entries = new Map()));
      const name = child.slice(child.lastIndexOf("/") + 1);
      if (entries.has(name)) break;
      entries.set(name, child === p ? type : "directory");
      child = parent;
    }
  };
  for (const record of listing.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, kind, sha, size] = record.slice(0, tab).split(/ +/);
    const p = absolute(top, record.slice(tab + 1));
    if (kind !== "blob") continue; // submodules: no files of this repository
    const type: FileType = mode === "120000" ? "symlink" : "file";
    files.set(p, { type, size: Number(size) || 0 });
    addToDir(p, type);
    if (type === "file") wanted.push([sha, p]);
  }
  if (!dirs.has(folder)) dirs.set(folder, new Map());
  const missing = [...new Set(wanted.filter(([sha]) => !blobs.has(sha)).map(([sha]) => sha))];
  if (missing.length > 0) {
    const out = git(top, ["cat-file", "--batch"], missing.join("\n") + "\n");
    let at = 0;
    for (const sha of missing) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString();
      const size = Number(header.split(" ")[2]);
      blobs.set(sha, out.subarray(eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
    }
  }
  for (const [sha, p] of wanted) files.get(p)!.data = blobs.get(sha);
  const inside = (p: string) => p === folder || p.startsWith(folder + "/");
  const statOf = (p: string): FileStat | undefined => {
    if (!inside(p)) return outside.statSync ? outside.statSync(p) : undefined;
    const f = files.get(p);
    if (f) return { type: f.type, size: f.size, mtime: 0 };
    return dirs.has(p) ? { type: "directory", size: 0, mtime: 0 } : undefined;
  };
  const read = (p: string): Uint8Array => {
    if (!inside(p) && outside.readFileSync) return outside.readFileSync(p);
    const f = files.get(p);
    if (!f?.data) throw new Error(`ENOENT: no such file in ${commit.slice(0, 12)}: ${p}`);
    return f.data;
  };
  return {
    async readFile(p) {
      return read(p);
    },
    async readDirectory(p) {
      if (!inside(p)) return outside.readDirectory(p);
      const entries = dirs.get(p);
      if (!entries) throw new Error(`ENOENT: no such folder in ${commit.slice(0, 12)}: ${p}`);
      return [...entries];
    },
    async stat(p) {
      return statOf(p);
    },
    async realPath(p) {
      return inside(p) ? p : outside.realPath(p);
    },
    readFileSync: read,
    statSync: statOf,
  };
}
