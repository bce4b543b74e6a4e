// Which files of a tree are scanned: `.gitignore` rules (with git's semantics: negation,
// anchoring, directory-only patterns, `**`) and include/exclude globs. Pure: the host reads the
// ignore files and walks the tree.

/** Converts a glob (gitignore syntax) to a regular expression source for a whole relative path. */
export function globSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // `**/` matches zero or more folders; a trailing `/**` everything inside.
        const before = i === 0 || glob[i - 1] === "/";
        const after = glob[i + 2] === "/" || i + 2 === glob.length;
        if (before && after) {
          if (i + 2 === glob.length) out += ".*";
          else {
            out += "(?:.*/)?";
            i++; // the slash
          }
          i++;
          continue;
        }
        out += "[^/]*";
        i++;
        continue;
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith("!")) body = "^" + body.slice(1);
      out += "[" + body.replace(/\\/g, "\\\\") + "]";
      i = close;
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escape(glob[++i]);
    } else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? "\\" + c : c;
}

/** One pattern of an ignore file or glob list. */
interface Pattern {
  re: RegExp;
  negated: boolean;
  dirOnly: boolean;
}

/** Parses one pattern; undefined for blank lines and comments. */
function parsePattern(line: string): Pattern | undefined {
  let p = line.replace(/\r$/, "");
  // Trailing spaces are ignored unless escaped.
  p = p.replace(/(?<!\\)\s+$/, "");
  if (p === "" || p.startsWith("#")) return undefined;
  let negated = false;
  if (p.startsWith("!")) {
    negated = true;
    p = p.slice(1);
  } else if (p.startsWith("\\!") || p.startsWith("\\#")) p = p.slice(1);
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.slice(0, -1);
  // A slash at the start or in the middle anchors the pattern to its folder; otherwise it matches at any depth.
  const anchored = p.includes("/");
  if (p.startsWith("/")) p = p.slice(1);
  if (p === "") return undefined;
  const src = (anchored ? "^" : "^(?:.*/)?") + globSource(p) + "$";
  return { re: new RegExp(src), negated, dirOnly };
}

/** The rules of one ignore file, relative to the folder that holds it. */
export class IgnoreFile {
  private readonly patterns: Pattern[];

  /** `base` is the folder of the file relative to the scan root ("" for the root itself). */
  constructor(
    readonly base: string,
    text: string,
  ) {
    this.patterns = text
      .split("\n")
      .map(parsePattern)
      .filter((p): p is Pattern => p !== undefined);
  }

  /** true (ignored), false (re-included by a negation) or undefined (no pattern matches). */
  test(rel: string, isDir: boolean): boolean | undefined {
    let inner: string;
    if (this.base === "") inner = rel;
    else if (rel.startsWith(this.base + "/")) inner = rel.slice(this.base.length + 1);
    else return undefined;
    let result: boolean | undefined;
    for (const p of this.patterns) {
      if (p.dirOnly && !isDir) continue;
      if (p.re.test(inner)) result = !p.negated;
    }
    return result;
  }
}

/** The ignore files that apply in a folder, outermost first; a deeper file wins. */
export class IgnoreStack {
  constructor(private readonly files: readonly IgnoreFile[] = []) {}

  /** The stack with one more (deeper) file. */
  push(file: IgnoreFile): IgnoreStack {
    return new IgnoreStack([...this.files, file]);
  }

  /** Whether a path (relative to the scan root) is ignored. */
  ignores(rel: string, isDir: boolean): boolean {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const r = this.files[i].test(rel, isDir);
      if (r !== undefined) return r;
    }
    return false;
  }
}

/** Include and exclude globs relative to the scan root (a glob without a slash matches a name at any depth). */
export class PathFilter {
  private readonly include: Pattern[];
  private readonly exclude: Pattern[];

  constructor(include: readonly string[], exclude: readonly string[]) {
    this.include = include.map(parsePattern).filter((p): p is Pattern => p !== undefined);
    this.exclude = exclude.map(parsePattern).filter((p): p is Pattern => p !== undefined);
  }

  /** Whether a folder is excluded (so it is not walked). */
  excludesDir(rel: string): boolean {
    return this.exclude.some((p) => p.re.test(rel));
  }

  /** Whether a file is scanned: not excluded, and included when include globs are given. */
  acceptsFile(rel: string): boolean {
    if (this.exclude.some((p) => !p.dirOnly && p.re.test(rel))) return false;
    return this.include.length === 0 || this.include.some((p) => !p.dirOnly && p.re.test(rel));
  }
}
