// ripgrep, where it is installed, lists the tree and pre-filters it: `rg --files` (ignore files
// honoured with git's semantics) and `rg -l -F` with the SDK needles run in their own processes,
// in parallel with SIMD search, while this thread does other work.

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { toServicePath } from "./nodeFileSystem";

let found: string | null | undefined;

/** The ripgrep executable, if one runs (`FLAGLENS_RG` names another; `FLAGLENS_RG=off` disables it). */
export function ripgrepPath(): string | undefined {
  if (found === undefined) {
    const candidate = process.env.FLAGLENS_RG ?? "rg";
    found = candidate !== "off" && spawnSync(candidate, ["--version"], { encoding: "utf8", timeout: 5000 }).status === 0 ? candidate : null;
  }
  return found ?? undefined;
}

/** What to list. */
export interface RipgrepOptions {
  needles: readonly string[];
  /** File extensions (with the dot) of code files: only those are read. */
  extensions: readonly string[];
  exclude: readonly string[];
  gitignore: boolean;
  maxFileSize: number;
  /** Folders never listed (.git, node_modules). */
  skip: readonly string[];
}

/** What one ripgrep run found. */
export interface RipgrepListing {
  /** Every file searched (absolute posix paths). */
  files: string[];
  /** The files that contain a needle. */
  matching: Set<string>;
}

/**
 * Lists the files below `root` and which of them contain a needle, in one ripgrep run
 * (`--count --include-zero` prints every searched file with its count). Its output goes to a
 * temporary file, never a pipe this thread would have to drain. Resolves undefined when rg failed.
 */
export function ripgrepListing(rg: string, root: string, o: RipgrepOptions): Promise<RipgrepListing | undefined> {
  const args = [
    "--count",
    "--include-zero",
    "--fixed-strings",
    "--hidden",
    "--no-require-git",
    "--no-ignore-dot",
    "--no-ignore-global",
    "--no-messages",
    "--with-filename",
    "--max-filesize",
    String(o.maxFileSize),
    ...(o.gitignore ? [] : ["--no-ignore-vcs", "--no-ignore-exclude", "--no-ignore-parent"]),
    // A file type, not a --glob: positive globs override .gitignore in ripgrep. Include globs are applied afterwards, for the same reason.
    "--type-add",
    `flaglens:*.{${o.extensions.map((e) => e.slice(1)).join(",")}}`,
    "--type",
    "flaglens",
    ...o.skip.flatMap((d) => ["--glob", `!${d}`]),
    ...o.exclude.flatMap((g) => ["--glob", `!${g}`]),
    ...o.needles.flatMap((n) => ["-e", n]),
    "--",
    root,
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-rg-"));
  const outFile = path.join(dir, "out");
  const fd = fs.openSync(outFile, "w");
  return new Promise((resolve) => {
    const child = spawn(rg, args, { stdio: ["ignore", fd, "ignore"] });
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      fs.closeSync(fd);
      const text = ok ? fs.readFileSync(outFile, "utf8") : undefined;
      fs.rmSync(dir, { recursive: true, force: true });
      if (text === undefined) return resolve(undefined);
      const files: string[] = [];
      const matching = new Set<string>();
      const windows = path.sep === "\\";
      for (const line of text.split("\n")) {
        const colon = line.lastIndexOf(":");
        if (colon <= 0) continue;
        const file = windows ? toServicePath(line.slice(0, colon)) : line.slice(0, colon);
        files.push(file);
        if (line.charCodeAt(colon + 1) !== 48 || colon + 2 !== line.length) matching.add(file); // not ":0"
      }
      resolve({ files, matching });
    };
    child.on("error", () => finish(false));
    // 0: something found, 1: nothing; anything else is a failure.
    child.on("close", (code) => finish(code === 0 || code === 1));
  });
}
