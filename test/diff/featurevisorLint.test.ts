// Differential test: Flaglens against the real linter, `featurevisor lint` from @featurevisor/cli 1.11.1.
//
// Each mutation of the v1 example project is linted by both tools. Wherever featurevisor fails, Flaglens must
// report an error (in the mutated file when the mutation names one); wherever featurevisor passes, Flaglens
// must report no error, except for the checks it makes on purpose beyond featurevisor (EXTRA_CHECKS).
//
// All cases run in one `before` hook with bounded concurrency, and one `it` per mutation asserts on the stored
// results: that keeps the file at about a minute while still giving each mutation its own pass/fail line.

import { requireShared } from "../support/skip";
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EXTRA_CHECKS, MUTATIONS, ProjectEditor, type Mutation } from "./mutations";

const REPO = process.cwd();
const FIXTURE = path.join(process.env.FLAGLENS_SHARED ?? path.resolve(REPO, "../shared"), "fixtures", "featurevisor", "v1-example-1");
const FEATUREVISOR_BIN = path.join(REPO, "node_modules", "@featurevisor", "cli", "bin.js");
const FLAGLENS_CLI = path.join(REPO, "dist", "cli.js");
/** Two cases at a time: featurevisor is CPU-bound and the machine is shared with other work. */
const CONCURRENCY = 2;

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
}

interface CaseResult {
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
function run(file: string, args: string[], cwd: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(error);
        return;
      }
      resolve({ exitCode: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Copies the read-only fixture with fresh (writable) files, so mutations can edit them. */
function copyTree(from: string, to: string): void {
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
 * Runs `featurevisor lint` in `dir`.
 *
 * How "featurevisor failed" is decided: lintProject (core/lib/linter/lintProject.js) sets `hasError` on every
 * path that prints an error (invalid name, schema error, YAML/read exception, circular `required`, slot
 * exceeded), and the CLI then calls process.exit(1); a schema error in a test file calls process.exit(1) at
 * once; a crash outside those try blocks is an unhandled rejection, which Node 20 turns into exit code 1.
 * So a non-zero exit code is the reliable signal. Error output ("=> Error" lines) is ORed in as a safety net
 * for any path that prints an error yet exits 0; featurevisor prints nothing error-like on a clean run.
 *
 * stdout and stderr (file names go to one, messages to the other) are merged through the shell so that
 * the output shown on a disagreement reads in order.
 */
async function runFeaturevisor(dir: string): Promise<CaseResult["featurevisor"]> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const r =
    process.platform === "win32"
      ? await run(process.execPath, [FEATUREVISOR_BIN, "lint"], dir)
      : await run("/bin/sh", ["-c", `${quote(process.execPath)} ${quote(FEATUREVISOR_BIN)} lint 2>&1`], dir);
  const output = (r.stdout + r.stderr)
    .replace(ANSI, "")
    .split(dir + path.sep)
    .join("");
  const failed = r.exitCode !== 0 || /=> Error/.test(output);
  return { failed, exitCode: r.exitCode, output };
}

async function runFlaglens(dir: string): Promise<CaseResult["flaglens"]> {
  const r = await run(process.execPath, [FLAGLENS_CLI, "lint", "--project", dir, "--format", "json"], REPO);
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } catch {
    // Leave diagnostics empty; the raw output and exit code go into the assertion message.
  }
  return { exitCode: r.exitCode, diagnostics, raw: r.stdout + r.stderr };
}

async function runCase(m: Mutation, tempDirs: string[]): Promise<CaseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-diff-"));
  tempDirs.push(dir);
  try {
    copyTree(FIXTURE, dir);
    m.apply(new ProjectEditor(dir));
  } catch (e) {
    const empty = { failed: false, exitCode: -1, output: "" };
    return { featurevisor: empty, flaglens: { exitCode: -1, diagnostics: [], raw: "" }, setupError: String(e) };
  }
  // Sequential within a case: the case-level pool already keeps CONCURRENCY processes busy.
  const featurevisor = await runFeaturevisor(dir);
  const flaglens = await runFlaglens(dir);
  return { featurevisor, flaglens };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
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

function check(m: Mutation, r: CaseResult): void {
  assert.equal(r.setupError, undefined, `mutation "${m.name}": setup failed: ${r.setupError}`);
  assert.ok(r.flaglens.exitCode === 0 || r.flaglens.exitCode === 1, explain(m, r, "Flaglens did not run (exit code not 0/1)"));
  const errors = r.flaglens.diagnostics.filter((d) => d.severity === "error");
  assert.equal(r.flaglens.exitCode, errors.length > 0 ? 1 : 0, explain(m, r, "Flaglens's exit code does not match its error count"));

  const extraCode = EXTRA_CHECKS[m.name];
  if (extraCode !== undefined) {
    assert.ok(!r.featurevisor.failed, explain(m, r, `listed in EXTRA_CHECKS but featurevisor fails too: move it to the normal mutations`));
    assert.ok(
      errors.some((d) => d.code === extraCode),
      explain(m, r, `extra check: featurevisor passes and Flaglens should report a "${extraCode}" error`),
    );
    return;
  }

  if (m.difference) {
    const expected = m.difference.flaglens;
    assert.equal(
      r.featurevisor.failed ? "fail" : "pass",
      m.featurevisor,
      explain(m, r, "featurevisor's verdict changed: revisit this documented difference"),
    );
    assert.equal(
      errors.length > 0 ? "errors" : "clean",
      expected,
      explain(m, r, `documented difference (${m.difference.reason}): Flaglens should be ${expected}`),
    );
    return;
  }

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

if (!fs.existsSync(FIXTURE)) {
  describe("featurevisor differential test", () => {
    it("needs the shared fixtures", function () {
      requireShared(this);
    });
  });
} else {
  describe("featurevisor differential test (featurevisor lint 1.11.1 vs flaglens lint)", function () {
    this.timeout(600000);
    const results = new Map<string, CaseResult>();
    const tempDirs: string[] = [];

    before(async function () {
      assert.ok(fs.existsSync(FEATUREVISOR_BIN), `featurevisor CLI not found at ${FEATUREVISOR_BIN}: run npm install`);
      if (!fs.existsSync(FLAGLENS_CLI)) await run(process.execPath, [path.join(REPO, "scripts", "build.mjs")], REPO);
      assert.ok(fs.existsSync(FLAGLENS_CLI), `Flaglens CLI not built at ${FLAGLENS_CLI}`);
      const out = await pool(MUTATIONS, CONCURRENCY, (m) => runCase(m, tempDirs));
      MUTATIONS.forEach((m, i) => results.set(m.name, out[i]));
      // Optional dump of every raw result, for reviewing verdicts when adding mutations.
      const dump = process.env.FLAGLENS_DIFF_DUMP;
      if (dump) fs.writeFileSync(dump, JSON.stringify(Object.fromEntries(results), null, 2));
    });

    after(() => {
      for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("has unique mutation names and EXTRA_CHECKS entries that name mutations", () => {
      const names = MUTATIONS.map((m) => m.name);
      assert.deepEqual(
        names.filter((n, i) => names.indexOf(n) !== i),
        [],
      );
      assert.deepEqual(
        Object.keys(EXTRA_CHECKS).filter((n) => !names.includes(n)),
        [],
      );
    });

    for (const m of MUTATIONS) {
      it(m.name, () => {
        const r = results.get(m.name);
        assert.ok(r, `no result for "${m.name}" (the before hook failed?)`);
        check(m, r);
      });
    }
  });
}
