// The source files of a tree that Flaglens scans for flag usages: code files by extension,
// honouring .gitignore files (and .git/info/exclude) from the repository root down, and the
// include/exclude globs. Symbolic links are not followed.

import * as fs from "node:fs";
import * as path from "node:path";
import { IgnoreFile, IgnoreStack, PathFilter } from "../service/code/ignore";
import { codeExtensions } from "../service/code/scanners/index";
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

/** Folders never walked, ignored or not. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set([".git", ".hg", ".svn", "node_modules"]);

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
