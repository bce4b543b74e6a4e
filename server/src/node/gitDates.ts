// When flag files last changed: the committer date of the last commit that touched each file
// (one `git log` for all of them), or the modification time for files that are not committed,
// have uncommitted changes, or live outside a git repository.

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { toServicePath } from "./nodeFileSystem";

/** The repository root of a folder (posix), or undefined outside git or without git installed. */
function gitTop(dir: string): string | undefined {
  const r = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8", timeout: 10_000 });
  if (r.status !== 0 || !r.stdout) return undefined;
  return toServicePath(r.stdout.trim());
}

/** Files (relative to `top`) with uncommitted changes, staged or not, and untracked files. */
function uncommitted(top: string, pathspecs: string[]): Set<string> {
  const r = spawnSync(
    "git",
    ["-c", "core.quotePath=false", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...pathspecs],
    {
      cwd: top,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      timeout: 60_000,
    },
  );
  const out = new Set<string>();
  if (r.status !== 0) return out;
  const fields = r.stdout.split("\0");
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.length < 4) continue;
    out.add(f.slice(3));
    if (f[0] === "R" || f[0] === "C") i++; // The original path of a rename follows.
  }
  return out;
}

/**
 * The last commit time (ms) of each file, for files in one repository. Reads `git log` once,
 * newest first, and stops as soon as every file has been seen.
 */
async function lastCommits(top: string, files: string[], pathspecs: string[]): Promise<Map<string, number>> {
  const wanted = new Set(files.map((f) => path.posix.relative(top, f)));
  const found = new Map<string, number>();
  await new Promise<void>((resolve) => {
    const child = spawn(
      "git",
      ["-c", "core.quotePath=false", "log", "--format=%x01%ct", "--name-only", "--no-renames", "--", ...pathspecs],
      {
        cwd: top,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let time = 0;
    let rest = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (done) return;
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("\x01")) time = Number(line.slice(1)) * 1000;
        else if (line !== "" && wanted.has(line) && !found.has(line)) {
          found.set(line, time);
          if (found.size === wanted.size) {
            child.kill();
            finish();
            return;
          }
        }
      }
    });
    child.on("error", finish);
    child.on("close", finish);
  });
  const out = new Map<string, number>();
  for (const [rel, t] of found) out.set(top + "/" + rel, t);
  return out;
}

/** When each file last changed: its last commit, else (not committed, changed since, or no git) its modification time. */
export async function fileChangeTimes(files: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byTop = new Map<string, string[]>();
  const tops = new Map<string, string | undefined>();
  for (const f of files) {
    const dir = path.posix.dirname(f);
    if (!tops.has(dir)) tops.set(dir, fs.existsSync(dir) ? gitTop(dir) : undefined);
    const top = tops.get(dir);
    if (top) (byTop.get(top) ?? byTop.set(top, []).get(top)!).push(f);
  }
  for (const [top, list] of byTop) {
    // Few files: name them; many: their common folders.
    const rels = list.map((f) => path.posix.relative(top, f));
    const pathspecs = rels.length <= 100 ? rels : [...new Set(rels.map((r) => path.posix.dirname(r)))];
    const commits = await lastCommits(top, list, pathspecs);
    const dirty = uncommitted(top, pathspecs);
    for (const [f, t] of commits) if (!dirty.has(path.posix.relative(top, f))) out.set(f, t);
  }
  for (const f of files) {
    if (out.has(f)) continue;
    try {
      out.set(f, fs.statSync(f).mtimeMs);
    } catch {
      // Gone: unknown.
    }
  }
  return out;
}
