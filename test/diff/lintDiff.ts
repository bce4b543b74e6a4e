// The machinery shared by the differential lint tests (against @featurevisor/cli 1.11.1 and against the 2.27
// and 3.1 oracles): copying a fixture, running a linter and Flaglens on the copy, bounded concurrency, and the
// verdict that compares the two.

import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Mutation } from "./mutations";

export const REPO = process.cwd();
export const FLAGLENS_CLI = path.join(REPO, "dist", "cli.js");
/** Two cases at a time: the linters are CPU-bound and the machine is shared with other work. */
export const CONCURRENCY = 2;
/** The plugin stub the *-example-1 configs require; without `examples` the CLI crashes ("plugin.examples is not iterable"). */
export const PLUGIN_STUB = 'module.exports = { command: "example", handler: async () => {}, examples: [] };\n';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
}

export interface CaseResult {
  featurevisor: { failed: boolean; exitCode: number; output: string };
  flaglens: { exitCode: number; diagnostics: Diagnostic[]; raw: string };
  /** Set when the case could not be run at all (setup threw, a tool crashed in an unexpected way). */
  setupError?: string;
}

interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** execFile as a promise that resolves on any exit code; only a failure to start rejects. */
export function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const options = { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", ...env } };
    execFile(file, args, options, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ exitCode: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Copies a read-only fixture with fresh (writable) files, so mutations can edit them. */
export function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(src, dst);
    else if (entry.isFile()) fs.writeFileSync(dst, fs.readFileSync(src));
  }
}

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Runs `node BIN lint` in `dir` and decides whether the linter failed.
 *
 * Every Featurevisor CLI from 1.x to 3.1 exits non-zero when lint finds an error (and an unhandled rejection
 * exits 1 on Node 20), so the exit code is the signal. "=> Error" lines are ORed in as a safety net for any
 * path that prints an error yet exits 0; a clean run prints nothing error-like. stdout and stderr are merged
 * through the shell so that the output shown on a disagreement reads in order.
 */
export async function runFeaturevisor(bin: string, dir: string, env: NodeJS.ProcessEnv = {}): Promise<CaseResult["featurevisor"]> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const r =
    process.platform === "win32"
      ? await run(process.execPath, [bin, "lint"], dir, env)
      : await run("/bin/sh", ["-c", `${quote(process.execPath)} ${quote(bin)} lint 2>&1`], dir, env);
  const output = (r.stdout + r.stderr)
    .replace(ANSI, "")
    .split(dir + path.sep)
    .join("");
  const failed = r.exitCode !== 0 || /=> Error/.test(output);
  return { failed, exitCode: r.exitCode, output };
}

export async function runFlaglens(dir: string): Promise<CaseResult["flaglens"]> {
  const r = await run(process.execPath, [FLAGLENS_CLI, "lint", "--project", dir, "--format", "json"], REPO);
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } catch {
    // Leave diagnostics empty; the raw output and exit code go into the assertion message.
  }
  return { exitCode: r.exitCode, diagnostics, raw: r.stdout + r.stderr };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function formatDiagnostics(ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return "    (none)";
  return ds.map((d) => `    ${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`).join("\n");
}

/** The report shown on a disagreement: enough to act on without re-running anything. */
function explain(m: Mutation, r: CaseResult, problem: string): string {
  const fvLines = r.featurevisor.output
    .split("\n")
    // The "Linting N attributes..." progress lines and blank lines carry nothing.
    .filter((l) => l.trim() !== "" && !/^Linting \d+ /.test(l))
    .slice(0, 20);
  return [
    `mutation "${m.name}": ${problem}`,
    `  featurevisor: ${r.featurevisor.failed ? "FAILED" : "passed"} (exit ${r.featurevisor.exitCode}), output (first 20 lines):`,
    ...(fvLines.length ? fvLines.map((l) => `    ${l}`) : ["    (none)"]),
    `  flaglens (exit ${r.flaglens.exitCode}) diagnostics:`,
    formatDiagnostics(r.flaglens.diagnostics),
    ...(r.flaglens.exitCode > 1 ? [`  flaglens raw output: ${r.flaglens.raw.slice(0, 2000)}`] : []),
  ].join("\n");
}

/** A documented difference: Flaglens's outcome is pinned, and so is featurevisor's, so a change on either side is seen. */
function checkDifference(m: Mutation, r: CaseResult, errors: Diagnostic[]): void {
  const difference = m.difference;
  if (!difference) return;
  assert.equal(
    r.featurevisor.failed ? "fail" : "pass",
    m.featurevisor,
    explain(m, r, "featurevisor's verdict changed: revisit this documented difference"),
  );
  assert.equal(
    errors.length > 0 ? "errors" : "clean",
    difference.flaglens,
    explain(m, r, `documented difference (${difference.reason}): Flaglens should be ${difference.flaglens}`),
  );
}

/**
 * The verdict: wherever featurevisor fails, Flaglens reports an error (in the mutated file when the mutation
 * names one); wherever it passes, Flaglens reports none, except the extra checks in `extras` (mutation name to
 * the code Flaglens must report) and the documented differences carried by the mutation itself.
 */
export function check(m: Mutation, r: CaseResult, extras: Readonly<Record<string, string>>): void {
  assert.equal(r.setupError, undefined, `mutation "${m.name}": setup failed: ${r.setupError}`);
  assert.ok(r.flaglens.exitCode === 0 || r.flaglens.exitCode === 1, explain(m, r, "Flaglens did not run (exit code not 0/1)"));
  const errors = r.flaglens.diagnostics.filter((d) => d.severity === "error");
  assert.equal(r.flaglens.exitCode, errors.length > 0 ? 1 : 0, explain(m, r, "Flaglens's exit code does not match its error count"));

  const extraCode = extras[m.name];
  if (extraCode !== undefined) {
    assert.ok(
      !r.featurevisor.failed,
      explain(m, r, `listed as an extra check but featurevisor fails too: move it to the normal mutations`),
    );
    assert.ok(
      errors.some((d) => d.code === extraCode),
      explain(m, r, `extra check: featurevisor passes and Flaglens should report a "${extraCode}" error`),
    );
    return;
  }
  if (m.difference) return checkDifference(m, r, errors);

  if (m.featurevisor !== undefined) {
    const actual = r.featurevisor.failed ? "fail" : "pass";
    assert.equal(
      actual,
      m.featurevisor,
      explain(m, r, `written to make featurevisor ${m.featurevisor}, but it did ${actual}: fix the mutation`),
    );
  }
  if (r.featurevisor.failed) {
    assert.ok(errors.length > 0, explain(m, r, "featurevisor fails but Flaglens reports no error"));
    if (m.files && m.files.length > 0) {
      const files = m.files;
      assert.ok(
        errors.some((d) => files.includes(d.file)),
        explain(m, r, `featurevisor fails but Flaglens reports no error in ${files.join(" or ")}`),
      );
    }
  } else {
    assert.equal(errors.length, 0, explain(m, r, "featurevisor passes but Flaglens reports errors (not a documented extra check)"));
  }
}
