// ripgrep, where it is installed, lists the tree and pre-filters it in one run of its own process
// (ignore files honoured with git's semantics, the SDK's method names searched with SIMD on all
// cores), streaming what it finds to this thread, which scans the candidates meanwhile.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
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

/** A ripgrep run that reports files as it searches them. */
export interface RipgrepRun {
  /** Resolves true when ripgrep searched the whole tree, false when it failed or was stopped. */
  done: Promise<boolean>;
  stop(): void;
}

/**
 * Lists the files below `root` and whether each contains a needle, in one ripgrep run
 * (`--count --include-zero --null` prints every searched file with its count), calling `onFile`
 * as ripgrep's output grows: the caller scans the first files while ripgrep reads the rest.
 * ripgrep writes to a temporary file, read every few milliseconds, not to a pipe: a pipe would wake
 * this thread for each of ripgrep's many small writes, and stall ripgrep whenever this thread is busy.
 */
export function ripgrepStream(rg: string, root: string, o: RipgrepOptions, onFile: (file: string, matching: boolean) => void): RipgrepRun {
  const args = [
    "--count",
    "--include-zero",
    "--null",
    "--fixed-strings",
    "--hidden",
    "--no-require-git",
    "--no-ignore-dot",
    "--no-ignore-global",
    "--no-messages",
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
  const windows = path.sep === "\\";
  let dir: string;
  let writeFd: number;
  let readFd: number;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-rg-"));
    writeFd = fs.openSync(path.join(dir, "out"), "w");
    readFd = fs.openSync(path.join(dir, "out"), "r");
  } catch {
    return { done: Promise.resolve(false), stop: () => undefined };
  }
  let buffer = Buffer.allocUnsafe(1 << 20);
  let filled = 0; // Bytes in buffer not yet taken as lines.
  let position = 0; // Bytes of the file read so far.
  /** Reads what ripgrep has written since the last call and reports its complete lines (`path NUL count LF`). */
  const poll = () => {
    for (;;) {
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const n = fs.readSync(readFd, buffer, filled, buffer.length - filled, position);
      if (n === 0) return;
      position += n;
      const end = filled + n;
      let from = 0;
      for (let lf = buffer.indexOf(10, filled); lf >= 0 && lf < end; lf = buffer.indexOf(10, lf + 1)) {
        const nul = buffer.lastIndexOf(0, lf);
        if (nul >= from) {
          const name = buffer.toString("utf8", from, nul);
          onFile(windows ? toServicePath(name) : name, !(lf === nul + 2 && buffer[nul + 1] === 48)); // not "0"
        }
        from = lf + 1;
      }
      buffer.copy(buffer, 0, from, end);
      filled = end - from;
    }
  };
  let child: ChildProcess | undefined;
  let stopped = false;
  const done = new Promise<boolean>((resolve) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearInterval);
      // What ripgrep printed before failing names real files too: the caller keeps them and walks for the rest.
      try {
        if (!stopped) poll();
      } catch {
        ok = false;
      }
      fs.closeSync(writeFd);
      fs.closeSync(readFd);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(ok && !stopped);
    };
    try {
      // In the root: ripgrep matches --glob patterns against paths relative to its working folder.
      child = spawn(rg, args, { cwd: root, stdio: ["ignore", writeFd, "ignore"] });
    } catch {
      finish(false);
      return;
    }
    timers.push(
      setInterval(() => {
        try {
          poll();
        } catch {
          child?.kill();
          finish(false);
        }
      }, 5),
    );
    child.on("error", () => finish(false));
    // 0: something found, 1: nothing; anything else is a failure.
    child.on("close", (code) => finish(code === 0 || code === 1));
  });
  return {
    done,
    stop() {
      stopped = true;
      child?.kill();
    },
  };
}
