// Which features a revision's application code uses, without checking the revision out: `git grep`
// lists the tracked files at that commit that may call the SDK (the scanner's pre-filter words) or
// name a key (a constant another file's call uses), one `git cat-file --batch` reads them,
// and the code scanner (the editor's and `flaglens refs`') finds the flag calls in them. For
// `flaglens diff BASE HEAD`'s archived-in-use: the code that ships with HEAD, not the working tree's.

import { spawnSync } from "node:child_process";
import { CodeIndex } from "../service/code/codeIndex";
import { Scanner } from "../service/code/scan";
import { scannerFor } from "../service/code/scanners/index";
import type { FileScan } from "../service/code/usages";
import { git, GitError } from "./gitSnapshot";

/** The keys (of `keys`) that flag calls in the code of `commit` use. */
export function codeUsesAt(top: string, commit: string, keys: readonly string[]): Set<string> {
  if (keys.length === 0) return new Set();
  const scanner = new Scanner();
  const words = [...new Set([...scanner.needleList, ...keys])];
  // -I: binary files are not code; exit status 1 is "no file has any of the words".
  const r = spawnSync("git", ["grep", "-l", "-z", "-I", "-F", ...words.flatMap((w) => ["-e", w]), commit, "--"], {
    cwd: top,
    maxBuffer: 1 << 28,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
  });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status === 1) return new Set();
  if (r.status !== 0) throw new GitError(r.stderr.toString().trim().split("\n")[0] || "git grep failed");
  const prefix = `${commit}:`;
  const paths = r.stdout
    .toString()
    .split("\0")
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length))
    // Only files the scanner reads as code (its languages by extension).
    .filter((p) => scannerFor(p) !== undefined);
  if (paths.length === 0) return new Set();
  const out = git(top, ["cat-file", "--batch"], paths.map((p) => `${commit}:${p}`).join("\n") + "\n");
  const scans: [string, FileScan | undefined][] = [];
  let at = 0;
  for (const p of paths) {
    const header = out.indexOf(0x0a, at);
    const [, type, size] = out.subarray(at, header).toString().split(" ");
    const length = Number(size);
    if (type !== "blob" || !Number.isFinite(length)) break;
    const text = out.subarray(header + 1, header + 1 + length).toString("utf8");
    at = header + 1 + length + 1;
    // Constants too: a file may declare the key that another file's call names.
    scans.push([p, scanner.scan(p, text, true)]);
  }
  const index = new CodeIndex();
  index.update(scans);
  const used = index.referencedKeys();
  return new Set(keys.filter((k) => (used.get(k) ?? 0) > 0));
}
