// Timed runs of command-line linters: wall time, exit code, peak RSS (GNU time).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { children } from "./procs.mjs";
import { summarize } from "./stats.mjs";

const TIME_BIN = "/usr/bin/time";
const RSS_MARK = "__FLAGLENS_BENCH_MAXRSS_KB=";

/** Whether /usr/bin/time understands -f %M (GNU time). */
export function detectGnuTime() {
  if (!fs.existsSync(TIME_BIN)) return false;
  const r = spawnSync(TIME_BIN, ["-f", RSS_MARK + "%M", process.execPath, "-e", "0"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 && new RegExp(RSS_MARK + "\\d+").test(r.stderr ?? "");
}

/**
 * Runs a command once in its own process group, with a time limit.
 * @returns {Promise<{wallMs:number, code:number|null, signal:string|null, rssKb:number|null, stdout:string, stderr:string, timedOut:boolean}>}
 */
export function timedRun(command, args, { cwd, timeoutMs, gnuTime }) {
  const [cmd, argv] = gnuTime ? [TIME_BIN, ["-f", RSS_MARK + "%M", command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const untrack = children.add(() => killGroup(child.pid));
    let stdout = "";
    let stderr = "";
    let exitedAt = 0;
    let timedOut = false;
    child.stdout.on("data", (c) => {
      if (stdout.length < 64 << 20) stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr = (stderr + c).slice(-65536);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      untrack();
      reject(e);
    });
    child.on("exit", () => {
      exitedAt = performance.now();
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      untrack();
      let rssKb = null;
      if (gnuTime) {
        const m = [...stderr.matchAll(new RegExp(RSS_MARK + "(\\d+)", "g"))].pop();
        if (m) rssKb = Number(m[1]);
        stderr = stderr.replace(new RegExp(RSS_MARK + "\\d+\\n?", "g"), "");
        // GNU time reports a killed child as "Command terminated by signal N" and exits 128+N.
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (sig) signal = `signal ${sig[1]}`;
      }
      resolve({ wallMs: (exitedAt || performance.now()) - started, code, signal, rssKb, stdout, stderr, timedOut });
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * Runs a linter `runs` times and summarizes; throws if a run timed out or died.
 * @param {(r: any) => any} [inspect] extracts extra facts from a run (e.g. the JSON summary)
 */
export async function benchLinter(name, command, args, { cwd, runs, timeoutMs, gnuTime, log, inspect }) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = await timedRun(command, args, { cwd, timeoutMs, gnuTime });
    const extra = inspect ? inspect(r) : {};
    results.push({ wallMs: round(r.wallMs), exitCode: r.code, rssKb: r.rssKb, ...extra });
    log(`${name} run ${i + 1}/${runs}: ${(r.wallMs / 1000).toFixed(2)} s, exit ${r.code}${r.rssKb ? `, ${Math.round(r.rssKb / 1024)} MB RSS` : ""}`);
    if (r.timedOut) throw new Error(`${name} did not finish within ${timeoutMs / 1000} s`);
    if (r.signal || r.code === null || r.code > 1) {
      throw new Error(`${name} crashed (exit ${r.code}${r.signal ? ", " + r.signal : ""}): ${r.stderr.trim().split("\n").slice(-5).join(" | ")}`);
    }
  }
  const wall = summarize(results.map((r) => r.wallMs));
  const rss = results.map((r) => r.rssKb).filter((x) => typeof x === "number");
  return {
    runs: results.length,
    wallMs: wall,
    exitCodes: [...new Set(results.map((r) => r.exitCode))],
    maxRssKb: rss.length ? Math.max(...rss) : null,
    details: results,
  };
}

const round = (x) => Math.round(x * 10) / 10;
