// The source files of a tree that Flaglens scans for flag usages: code files by extension,
// honouring .gitignore files (and .git/info/exclude) from the repository root down, and the
// include/exclude globs. Symbolic links are not followed.

import * as fs from "node:fs";
import * as path from "node:path";
import { IgnoreFile, IgnoreStack, PathFilter } from "../service/code/ignore";
import { codeExtensions } from "../service/code/scanners/index";
import { ALWAYS_SKIPPED_FOLDERS } from "../service/fileSystem";
import { toServicePath } from "./nodeFileSystem";

/** What to list. */
export interface CodeFileOptions {
  /** Globs relative to the root; when given, only matching files are scanned. */
  include?: readonly string[];
  /** Globs relative to the root that are never scanned. */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

/** Folders never walked, ignored or not: the service's one list. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = ALWAYS_SKIPPED_FOLDERS;

/** The repository root at or above a folder, if any. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, ".git"))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

function readIgnore(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The ignore rules in force at `root`: those of the folders between the repository root and it. */
function ignoresAbove(root: string): IgnoreStack {
  let stack = new IgnoreStack();
  const top = gitRoot(root);
  if (!top) return stack;
  // Rules from above the root are expressed relative to the root: a rule for `a/b/c` seen from `a` applies to `b/c`.
  const relRoot = path.relative(top, root).split(path.sep).join("/");
  const texts: [string, string][] = [];
  const exclude = readIgnore(path.join(top, ".git", "info", "exclude"));
  if (exclude !== undefined) texts.push(["", exclude]);
  // The folders strictly above the root (the root's own .gitignore is read by the walk).
  const parts = relRoot === "" ? [] : relRoot.split("/");
  for (let i = 0; i < parts.length; i++) {
    const f = parts.slice(0, i).join("/");
    const text = readIgnore(path.join(top, f, ".gitignore"));
    if (text !== undefined) texts.push([f, text]);
  }
  for (const [base, text] of texts)
    stack = stack.push(relRoot === "" ? new IgnoreFile(base, text) : new RebasedIgnoreFile(base, relRoot, text));
  return stack;
}

/** An ignore file of a folder above the scan root, seen from the root. */
class RebasedIgnoreFile extends IgnoreFile {
  constructor(
    base: string,
    private readonly relRoot: string,
    text: string,
  ) {
    super(base, text);
  }

  override test(rel: string, isDir: boolean): boolean | undefined {
    return super.test(this.relRoot + "/" + rel, isDir);
  }
}

/** Lists the code files below `root` (absolute posix paths, sorted). */
export function listCodeFiles(root: string, options: CodeFileOptions = {}): string[] {
  const extensions = new Set(codeExtensions());
  const filter = new PathFilter(options.include ?? [], options.exclude ?? []);
  const useGitignore = options.gitignore !== false;
  const out: string[] = [];
  const walk = (dir: string, rel: string, ignores: IgnoreStack): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (useGitignore && entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      const text = readIgnore(path.join(dir, ".gitignore"));
      if (text !== undefined) ignores = ignores.push(new IgnoreFile(rel, text));
    }
    for (const e of entries) {
      const childRel = rel === "" ? e.name : rel + "/" + e.name;
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || filter.excludesDir(childRel)) continue;
        if (useGitignore && ignores.ignores(childRel, true)) continue;
        walk(dir + "/" + e.name, childRel, ignores);
      } else if (e.isFile()) {
        const dot = e.name.lastIndexOf(".");
        if (dot < 0 || !extensions.has(e.name.slice(dot).toLowerCase())) continue;
        if (!filter.acceptsFile(childRel)) continue;
        if (useGitignore && ignores.ignores(childRel, false)) continue;
        out.push(dir + "/" + e.name);
      }
    }
  };
  const start = toServicePath(root);
  walk(start, "", useGitignore ? ignoresAbove(start) : new IgnoreStack());
  return out.sort();
}

/** Parsed ignore files by path and base, kept while their size and modification time stay the same. */
const ignoreFiles = new Map<string, { stamp: string; file: IgnoreFile }>();

/** The rules of an ignore file (undefined when there is none), relative to `base`. */
function ignoreFileAt(file: string, base: string): IgnoreFile | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const key = file + "\0" + base;
  const cached = ignoreFiles.get(key);
  if (cached?.stamp === stamp) return cached.file;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const parsed = new IgnoreFile(base, text);
  ignoreFiles.set(key, { stamp, file: parsed });
  return parsed;
}

/**
 * Whether a scan of the tree would leave out a code file (see RuntimeEnvironment.ignoresCode):
 * the rules of node/codeFiles.ts (the repository's ignore files from its root down, or the
 * folder's own without a repository; folders never scanned), for one path.
 */
export function ignoresCode(file: string, folders: readonly string[], gitignore: boolean): boolean {
  const under = (dir: string) => (file.startsWith(dir.endsWith("/") ? dir : dir + "/") ? dir.replace(/\/$/, "") : undefined);
  const folder = folders
    .map(under)
    .filter((f): f is string => f !== undefined)
    .sort((a, b) => b.length - a.length)[0];
  const repo = gitignore ? gitRoot(folder ?? path.posix.dirname(file)) : undefined;
  const top = repo ?? folder;
  if (top === undefined) return false;
  const parts = file.slice(top.replace(/\/$/, "").length + 1).split("/");
  // Folders between the repository root and the scanned folder give rules, but are not tested themselves.
  const above = folder === undefined || folder.length <= top.length ? 0 : folder.slice(top.length + 1).split("/").length;
  let stack = new IgnoreStack();
  const exclude = repo !== undefined ? ignoreFileAt(repo + "/.git/info/exclude", "") : undefined;
  if (exclude) stack = stack.push(exclude);
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i).join("/");
    const own = gitignore ? ignoreFileAt(`${top}${dir === "" ? "" : "/" + dir}/.gitignore`, dir) : undefined;
    if (own) stack = stack.push(own);
    if (i < above) continue;
    const isDir = i < parts.length - 1;
    if (isDir && ALWAYS_SKIPPED.has(parts[i])) return true;
    if (gitignore && stack.ignores(parts.slice(0, i + 1).join("/"), isDir)) return true;
  }
  return false;
}
