// Timed runs of command-line linters: wall time, exit code, peak RSS (GNU time).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { children } from "./procs.mjs";
import { summarize } from "./stats.mjs";

const TIME_BIN = "/usr/bin/time";
const MARK = "__FLAGLENS_BENCH_TIME=";
const TIME_FORMAT = MARK + "%M %U %S"; // peak RSS (KB), user and system CPU seconds
const MARK_RE = new RegExp(MARK + "(\\d+) ([\\d.]+) ([\\d.]+)\\n?", "g");

/** Whether /usr/bin/time understands -f %M (GNU time). */
export function detectGnuTime() {
  if (!fs.existsSync(TIME_BIN)) return false;
  const r = spawnSync(TIME_BIN, ["-f", TIME_FORMAT, process.execPath, "-e", "0"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 && [...(r.stderr ?? "").matchAll(MARK_RE)].length > 0;
}

/**
 * Runs a command once in its own process group, with a time limit.
 * @returns {Promise<{wallMs:number, code:number|null, signal:string|null, rssKb:number|null, cpuMs:number|null, stdout:string, stderr:string, timedOut:boolean}>}
 */
export function timedRun(command, args, { cwd, timeoutMs, gnuTime }) {
  const [cmd, argv] = gnuTime ? [TIME_BIN, ["-f", TIME_FORMAT, command, ...args]] : [command, args];
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
      let cpuMs = null;
      if (gnuTime) {
        const m = [...stderr.matchAll(MARK_RE)].pop();
        if (m) {
          rssKb = Number(m[1]);
          cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
        }
        stderr = stderr.replace(MARK_RE, "");
        // GNU time reports a killed child as "Command terminated by signal N" and exits 128+N.
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (sig) signal = `signal ${sig[1]}`;
      }
      resolve({ wallMs: (exitedAt || performance.now()) - started, code, signal, rssKb, cpuMs, stdout, stderr, timedOut });
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
 * One linter to run several times. `inspect` extracts extra facts from a run (e.g. the JSON
 * summary). run() throws if the run timed out or crashed.
 */
export class LinterBench {
  constructor(name, command, args, { cwd, runs, timeoutMs, gnuTime, log, inspect }) {
    Object.assign(this, { name, command, args, cwd, runs, timeoutMs, gnuTime, log, inspect });
    this.results = [];
  }

  async run() {
    const { name, timeoutMs } = this;
    const r = await timedRun(this.command, this.args, { cwd: this.cwd, timeoutMs, gnuTime: this.gnuTime });
    const extra = this.inspect ? this.inspect(r) : {};
    this.results.push({
      wallMs: round(r.wallMs),
      cpuMs: r.cpuMs === null ? null : round(r.cpuMs),
      exitCode: r.code,
      rssKb: r.rssKb,
      ...extra,
    });
    const cpu = r.cpuMs === null ? "" : `, ${(r.cpuMs / 1000).toFixed(2)} s CPU`;
    const rss = r.rssKb ? `, ${Math.round(r.rssKb / 1024)} MB RSS` : "";
    this.log(`${name} run ${this.results.length}/${this.runs}: ${(r.wallMs / 1000).toFixed(2)} s${cpu}, exit ${r.code}${rss}`);
    if (r.timedOut) throw new Error(`${name} did not finish within ${timeoutMs / 1000} s`);
    if (r.signal || r.code === null || r.code > 1) {
      const tail = r.stderr.trim().split("\n").slice(-5).join(" | ");
      throw new Error(`${name} crashed (exit ${r.code}${r.signal ? ", " + r.signal : ""}): ${tail}`);
    }
  }

  summary() {
    const rs = this.results;
    const rss = rs.map((r) => r.rssKb).filter((x) => typeof x === "number");
    const cpu = rs.map((r) => r.cpuMs).filter((x) => typeof x === "number");
    return {
      runs: rs.length,
      wallMs: summarize(rs.map((r) => r.wallMs)),
      cpuMs: cpu.length ? summarize(cpu) : null,
      exitCodes: [...new Set(rs.map((r) => r.exitCode))],
      maxRssKb: rss.length ? Math.max(...rss) : null,
      details: rs,
    };
  }
}

/** Runs the benches interleaved (a, b, a, b, ...) so that a change in machine load hits both. */
export async function runInterleaved(benches, onError) {
  const active = new Set(benches);
  while (active.size) {
    for (const b of benches) {
      if (!active.has(b)) continue;
      if (b.results.length >= b.runs) {
        active.delete(b);
        continue;
      }
      try {
        await b.run();
      } catch (e) {
        active.delete(b);
        onError(b, e);
      }
    }
  }
}

const round = (x) => Math.round(x * 10) / 10;
