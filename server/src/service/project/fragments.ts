// Fragments of a project whose custom YAML parser handles `!include`: a file that another entity file includes
// is part of that entity, not an entity of its own, even when it sits in a subfolder of features/ or segments/.

import { dirname, type FileSystem } from "../fileSystem";

// `key: !include ./fragments/rules.yml`, with or without quotes; the path ends at a space, quote or comment.
const INCLUDE = /!include\s+["']?([^\s"'#]+)/g;

/** Resolves `target` against the folder `base` (both posix), following "." and "..". */
function resolveAgainst(base: string, target: string): string {
  const parts = target.startsWith("/") ? [] : base.split("/");
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return "/" + parts.filter((p) => p !== "").join("/");
}

/** The listed paths that no other listed file includes; unreadable files are kept (their entry says why). */
export async function withoutIncludedFragments(fs: FileSystem, paths: string[]): Promise<string[]> {
  const included = new Set<string>();
  for (const path of paths) {
    let text: string;
    try {
      text = new TextDecoder().decode(await fs.readFile(path));
    } catch {
      continue;
    }
    if (!text.includes("!include")) continue;
    for (const match of text.matchAll(INCLUDE)) included.add(resolveAgainst(dirname(path), match[1]));
  }
  return included.size === 0 ? paths : paths.filter((p) => !included.has(p));
}
