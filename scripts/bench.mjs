#!/usr/bin/env node
// Flaglens benchmark: cold `flaglens lint` vs `featurevisor lint`, the language server's index
// time, first diagnostics, edit latency, completion latency and memory on the 3,000-feature
// project, the evaluation of every feature for one context (in process), `featurevisor test` vs
// `flaglens test` on the project with generated specs (v1 and v3) and the rerun of the affected
// specs after a segment edit (scripts/bench/tests.mjs), `flaglens diff` between two revisions that
// differ in one segment named by 300 features (scripts/bench/diff.mjs), and the code scan (scripts/bench/code.mjs).
//
//   node scripts/bench.mjs [--quick] [--json] [--skip-featurevisor] [--skip-code] [--tests-only]
//
// --tests-only runs the test-spec part alone (the v1 project and its v3 rewrite are still generated).
//
// Progress goes to stderr; the table (or, with --json, a JSON object) to stdout.
// Exit code: 0 when everything ran (missed targets included), 1 when something crashed or
// timed out, 2 when a prerequisite is missing (../shared/bench, dist/).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LinterBench, detectGnuTime, runInterleaved } from "./bench/lint.mjs";
import { benchEvaluate } from "./bench/evaluate.mjs";
import { coldOpen, warmServer } from "./bench/lsp.mjs";
import { children } from "./bench/procs.mjs";
import { ensureProject, locateSharedBench } from "./bench/project.mjs";
import { ensureV3Project } from "./bench/toV3.mjs";
import { benchTestEdits, prepareTestProjects, timeTests } from "./bench/tests.mjs";
import { evaluateTargets, renderTable, tableRows, testRows } from "./bench/report.mjs";

const USAGE = "usage: node scripts/bench.mjs [--quick] [--json] [--skip-featurevisor] [--skip-code] [--tests-only]";
const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (a === "--help" || a === "-h") {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  if (!["--quick", "--json", "--skip-featurevisor", "--skip-code", "--tests-only"].includes(a)) {
    process.stderr.write(`bench: unknown option ${a}\n${USAGE}\n`);
    process.exit(2);
  }
}
const quick = args.has("--quick");
const json = args.has("--json");
const testsOnly = args.has("--tests-only");
const settings = {
  flaglensRuns: quick ? 2 : 5,
  featurevisorRuns: quick ? 1 : 3,
  edits: quick ? 50 : 200,
  completions: quick ? 50 : 200,
  evaluateContexts: quick ? 50 : 200,
  testRuns: quick ? { flaglens: 2, featurevisor: 1 } : { flaglens: 5, featurevisor: 3 },
  testEdits: 50,
  diagnosticsTimeoutMs: 30_000,
  cleanFile: "features/feature1500.yml",
  coldBarrierFile: "features/feature1501.yml",
  warmFile: "features/feature2000.yml",
  warmBarrierFile: "features/feature2001.yml",
  completionFile: "features/feature2002.yml",
  codeTimeoutMs: (quick ? 10 : 25) * 60_000,
};

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (m) => process.stderr.write(`bench: ${m}\n`);

const shared = locateSharedBench();
if (!shared.generator) {
  process.stderr.write(
    `bench: the benchmark needs ../shared/bench (looked for ${path.join(shared.bench, "gen-featurevisor-v1.js")}; set FLAGLENS_SHARED to its parent folder)\n`,
  );
  process.exit(2);
}
const cliJs = path.join(repo, "bin", "flaglens.js");
const serverJs = path.join(repo, "dist", "server.js");
for (const f of [path.join(repo, "dist", "cli.js"), serverJs]) {
  if (!fs.existsSync(f)) {
    process.stderr.write(`bench: ${path.relative(repo, f)} is missing: run node scripts/build.mjs first (or npm run bench)\n`);
    process.exit(2);
  }
}

// Whatever happens, never hang: a watchdog for the whole run.
const watchdog = setTimeout(
  () => {
    log("the benchmark did not finish within its overall time limit; killing child processes");
    children.killAll();
    process.exit(1);
  },
  (quick ? 10 : 20) * 60_000 + (args.has("--skip-code") ? 0 : settings.codeTimeoutMs),
);
watchdog.unref();

const errors = [];
const anomalies = [];
const fail = (what, e) => {
  const message = `${what}: ${e?.message ?? e}`;
  errors.push(message);
  log(`ERROR ${message}`);
};

/** Resolves or rejects as the promise does, or rejects after ms (the work itself is not stopped). */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 60_000)} min`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The summary of a `flaglens lint --format json` run. */
function lintSummary(r) {
  try {
    const s = JSON.parse(r.stdout).summary;
    return { errors: s.errors, warnings: s.warnings, files: s.files };
  } catch {
    return { unparsedOutput: r.stdout.slice(0, 200) };
  }
}

function meta(loadavg, project) {
  return {
    node: process.version,
    cpus: os.cpus().length,
    loadavg,
    loadavgEnd: os.loadavg().map((x) => x.toFixed(2)),
    quick,
    testsOnly,
    project: { dir: path.relative(repo, project.dir), files: project.files, generated: project.generated },
    settings,
  };
}

/** The test-spec part: `featurevisor test` vs `flaglens test` (v1, and v3 when its oracle is there), and the editor figure. */
async function benchTests({ project, v3Dir, oracleV3, fvBin, gnuTime }) {
  const tests = {};
  try {
    const haveV3 = v3Dir !== undefined && fs.existsSync(oracleV3);
    if (!haveV3) {
      tests.v3 = { skipped: `${path.relative(repo, oracleV3)} is missing` };
      log(`the v3 test benchmark was not run: ${tests.v3.skipped}`);
    }
    const prepared = await prepareTestProjects({
      v1Dir: project.dir,
      v3Dir: haveV3 ? v3Dir : undefined,
      benchDir: path.join(repo, ".bench"),
      log: (m) => log(`tests: ${m}`),
    });
    tests.drafts = prepared.drafts;
    const variants = [
      ["v1", fs.existsSync(fvBin) ? { label: "featurevisor test --fast (1.11.1)", args: [fvBin, "test", "--fast"] } : null],
    ];
    if (haveV3) variants.push(["v3", { label: "featurevisor test (3.1.0)", args: [oracleV3, "test"] }]);
    for (const [name, fvCommand] of variants) {
      const featurevisorCommand = args.has("--skip-featurevisor") ? null : fvCommand;
      try {
        tests[name] = await timeTests({
          name,
          dir: prepared[name].dir,
          cliJs,
          featurevisor: featurevisorCommand ?? undefined,
          runs: settings.testRuns,
          gnuTime,
          log: (m) => log(`tests: ${m}`),
        });
        tests[name].generated = prepared[name].totals;
        if (!featurevisorCommand)
          tests[name].featurevisorSkipped = args.has("--skip-featurevisor") ? "--skip-featurevisor" : "not installed";
        if (tests[name].mismatch) fail(`tests (${name}): the two tools disagree`, tests[name].mismatch);
        tests[name].edits = await benchTestEdits({
          script: prepared.script,
          dir: prepared[name].dir,
          edits: settings.testEdits,
          log: (m) => log(`tests: ${m}`),
        });
        if (!tests[name].edits.consistent)
          fail(`tests (${name}): edits`, "the specs rerun after the edits do not give the totals of a whole run");
      } catch (e) {
        fail(`tests (${name})`, e);
      }
    }
  } catch (e) {
    fail("tests", e);
  }

  return tests;
}

async function main() {
  const loadavg = os.loadavg().map((x) => x.toFixed(2));
  log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${loadavg.join(" ")}${quick ? ", --quick" : ""}`);
  const project = ensureProject(shared.generator, path.join(repo, ".bench"), log);
  const gnuTime = detectGnuTime();
  if (!gnuTime) log("no GNU /usr/bin/time: lint RSS is skipped");
  const fvBin = path.join(repo, "node_modules", "@featurevisor", "cli", "bin.js");
  const oracleV3 = path.join(shared.shared, "oracles", "featurevisor-3.1.0", "featurevisor.js");
  if (testsOnly) {
    let v3Dir;
    try {
      const manifest = fs.readFileSync(path.join(repo, ".bench", "fv.json"), "utf8");
      v3Dir = ensureV3Project(project.dir, path.join(repo, ".bench", "fv-v3"), manifest, log);
    } catch (e) {
      fail("v3 project", e);
    }
    const tests = await benchTests({ project, v3Dir, oracleV3, fvBin, gnuTime });
    const targets = evaluateTargets({}, {}, { tests });
    return { tests, targets, meta: meta(loadavg, project), anomalies, errors };
  }

  const lint = {};
  const flaglens = new LinterBench("flaglens lint", process.execPath, [cliJs, "lint", "--project", project.dir, "--format", "json"], {
    cwd: repo,
    runs: settings.flaglensRuns,
    timeoutMs: 120_000,
    gnuTime,
    log,
    inspect: lintSummary,
  });
  const benches = [flaglens];
  let featurevisor;
  if (args.has("--skip-featurevisor")) lint.featurevisor = { skipped: "--skip-featurevisor" };
  else if (!fs.existsSync(fvBin)) lint.featurevisor = { skipped: "node_modules/@featurevisor/cli is not installed" };
  else {
    featurevisor = new LinterBench("featurevisor lint", process.execPath, [fvBin, "lint"], {
      cwd: project.dir,
      runs: settings.featurevisorRuns,
      timeoutMs: 300_000,
      gnuTime,
      log,
    });
    benches.push(featurevisor);
  }
  const failed = new Set();
  await runInterleaved(benches, (b, e) => {
    failed.add(b);
    fail(b.name, e);
  });
  if (!failed.has(flaglens)) {
    lint.flaglens = flaglens.summary();
    const d = lint.flaglens.details.at(-1);
    if (typeof d.files === "number") lint.flaglens.summary = { errors: d.errors, warnings: d.warnings, files: d.files };
    if (lint.flaglens.summary && (d.errors > 0 || d.warnings > 0)) {
      anomalies.push(
        `flaglens lint reports ${d.errors} errors and ${d.warnings} warnings on the generated project, which featurevisor accepts`,
      );
    }
  }
  if (featurevisor && !failed.has(featurevisor)) {
    lint.featurevisor = featurevisor.summary();
    if (!lint.featurevisor.exitCodes.every((c) => c === 0))
      anomalies.push(`featurevisor lint exited ${lint.featurevisor.exitCodes.join("/")}`);
  }

  // The same project in v3's format, linted by Flaglens and by the real 3.1 linter, interleaved.
  const lintV3 = {};
  let v3Dir;
  try {
    const manifest = fs.readFileSync(path.join(repo, ".bench", "fv.json"), "utf8");
    v3Dir = ensureV3Project(project.dir, path.join(repo, ".bench", "fv-v3"), manifest, log);
    const flaglensV3 = new LinterBench("flaglens lint (v3)", process.execPath, [cliJs, "lint", "--project", v3Dir, "--format", "json"], {
      cwd: repo,
      runs: settings.flaglensRuns,
      timeoutMs: 120_000,
      gnuTime,
      log,
      inspect: lintSummary,
    });
    const v3Benches = [flaglensV3];
    let featurevisorV3;
    if (args.has("--skip-featurevisor")) lintV3.featurevisor = { skipped: "--skip-featurevisor" };
    else if (!fs.existsSync(oracleV3)) lintV3.featurevisor = { skipped: `${oracleV3} is missing` };
    else {
      featurevisorV3 = new LinterBench("featurevisor 3.1 lint", process.execPath, [oracleV3, "lint"], {
        cwd: v3Dir,
        runs: settings.featurevisorRuns,
        timeoutMs: 300_000,
        gnuTime,
        log,
      });
      v3Benches.push(featurevisorV3);
    }
    const failedV3 = new Set();
    await runInterleaved(v3Benches, (b, e) => {
      failedV3.add(b);
      fail(b.name, e);
    });
    if (!failedV3.has(flaglensV3)) {
      lintV3.flaglens = flaglensV3.summary();
      const d = lintV3.flaglens.details.at(-1);
      if (typeof d.files === "number") lintV3.flaglens.summary = { errors: d.errors, warnings: d.warnings, files: d.files };
      if (d.errors > 0) anomalies.push(`flaglens lint reports ${d.errors} errors on the v3 project`);
    }
    if (featurevisorV3 && !failedV3.has(featurevisorV3)) {
      lintV3.featurevisor = featurevisorV3.summary();
      if (!lintV3.featurevisor.exitCodes.every((c) => c === 0))
        anomalies.push(`featurevisor 3.1 lint exited ${lintV3.featurevisor.exitCodes.join("/")} on the v3 project`);
    }
  } catch (e) {
    fail("v3 lint", e);
  }

  // Test specs: `featurevisor test` vs `flaglens test` on the project with generated specs, v1 and v3,
  // and the editor figure (a segment edited, the specs it affects rerun).
  const tests = await benchTests({ project, v3Dir, oracleV3, fvBin, gnuTime });

  const lsp = { server: path.relative(repo, serverJs), timeoutMs: settings.diagnosticsTimeoutMs };
  const common = { serverJs, cwd: repo, projectDir: project.dir, timeoutMs: settings.diagnosticsTimeoutMs, log };
  try {
    lsp.cold = await coldOpen({ ...common, cleanFile: settings.cleanFile, brokenFile: settings.coldBarrierFile });
  } catch (e) {
    fail("LSP cold first diagnostics", e);
  }
  try {
    lsp.warm = await warmServer({
      ...common,
      cleanFile: settings.warmFile,
      brokenFile: settings.warmBarrierFile,
      edits: settings.edits,
      completionFile: settings.completionFile,
      completions: settings.completions,
    });
  } catch (e) {
    fail("LSP warm server", e);
  }

  let evaluate;
  try {
    evaluate = await benchEvaluate({
      quick,
      contexts: settings.evaluateContexts,
      projectDir: project.dir,
      log: (m) => log(`evaluate: ${m}`),
    });
  } catch (e) {
    fail("evaluate all features", e);
  }

  // `flaglens diff` between two revisions that differ in one segment named by 300 features.
  let diff;
  try {
    const { benchDiff } = await import("./bench/diff.mjs");
    diff = await benchDiff({
      cliJs,
      projectDir: path.resolve(project.dir),
      benchDir: path.join(repo, ".bench"),
      runs: settings.flaglensRuns,
      gnuTime,
      log: (m) => log(`diff: ${m}`),
    });
  } catch (e) {
    fail("flaglens diff", e);
  }

  let code;
  if (args.has("--skip-code")) code = { skipped: "--skip-code" };
  else {
    try {
      // Imported here, so that a broken code.mjs costs its rows only.
      const { benchCode } = await import("./bench/code.mjs");
      if (typeof benchCode !== "function") throw new Error("scripts/bench/code.mjs does not export benchCode");
      code = await withTimeout(
        benchCode({ quick, log: (m) => log(`code: ${m}`) }),
        settings.codeTimeoutMs,
        "the code-scan benchmark (scripts/bench/code.mjs)",
      );
    } catch (e) {
      fail("code scan", e);
    }
  }

  const silent =
    "the server published no diagnostics for it (it only publishes when a file's diagnostics change, so a clean file never gets an empty publish)";
  if (lsp.cold && lsp.cold.cleanFileMs === null) anomalies.push(`cold open of clean ${settings.cleanFile}: ${silent}`);
  if (lsp.warm?.warmOpen && lsp.warm.warmOpen.cleanFileMs === null) anomalies.push(`warm open of clean ${settings.warmFile}: ${silent}`);
  if (lsp.warm && lsp.warm.publishesCleanEdits === false) {
    anomalies.push(
      "a clean -> clean edit (description) publishes nothing, so edit latency was measured on edits that toggle a segment-key typo (each changes the diagnostics)",
    );
  }
  const ed = lsp.warm?.edits;
  if (ed?.extraPublishes > 0) anomalies.push(`${ed.extraPublishes} extra publishDiagnostics for the edited file beyond one per edit`);
  if (ed?.unexpectedDiagnostics > 0)
    anomalies.push(`${ed.unexpectedDiagnostics} edits got unexpected diagnostics, e.g. ${JSON.stringify(ed.unexpectedExamples[0])}`);
  if (lsp.warm?.index && (lsp.warm.index.errors > 0 || lsp.warm.index.warnings > 0)) {
    anomalies.push(
      `the server's index reports ${lsp.warm.index.errors} errors, ${lsp.warm.index.warnings} warnings on the generated project`,
    );
  }
  if (lsp.warm?.shutdown && !/code 0/.test(lsp.warm.shutdown)) anomalies.push(`server shutdown: ${lsp.warm.shutdown}`);
  const co = lsp.warm?.completion;
  if (co?.error) fail("LSP completion", co.error);
  if (co && !co.error) {
    if (co.emptyResponses > 0) anomalies.push(`${co.emptyResponses} of ${co.count} completion requests in ${co.file} returned no items`);
    for (const s of co.sites) {
      if (s.missingExpected > 0)
        anomalies.push(`completion at ${s.site} (line ${s.position.line + 1}): ${s.missingExpected} answers lack the label "${s.expect}"`);
    }
  }
  if (evaluate) {
    const n = evaluate.featuresPerEvaluation;
    if (n !== evaluate.project.features)
      anomalies.push(`evaluateAll returned ${JSON.stringify(n)} results for ${evaluate.project.features} features`);
    if (evaluate.enabledPercent === 0) anomalies.push("evaluateAll found every feature disabled for every context");
    for (const p of evaluate.stateProblems) anomalies.push(`evaluation state: ${p}`);
  }
  if (code && !code.skipped) {
    if (code.refs?.error) anomalies.push(`flaglens refs failed: ${code.refs.error.trim().split("\n").pop()}`);
    else if (code.refs && code.refs.correct === false)
      anomalies.push(`flaglens refs found ${code.refs.references} references, ${code.refs.expectedReferences} expected`);
  }

  const result = {
    lint,
    lintV3,
    tests,
    lsp,
    evaluate,
    diff,
    code,
    targets: evaluateTargets(lint, lsp, { evaluate, code, tests, diff }),
    meta: meta(loadavg, project),
    anomalies,
    errors,
  };
  return result;
}

let code = 0;
let out;
try {
  const result = await main();
  code = result.errors.length ? 1 : 0;
  if (json) out = JSON.stringify(result, null, 2) + "\n";
  else {
    const lines = [renderTable(testsOnly ? testRows(result.tests, result.targets) : tableRows(result)), ""];
    const m = result.meta;
    lines.push(
      `project: ${m.project.dir} (${m.project.files} files); node ${m.node}, ${m.cpus} CPUs, load average ${m.loadavg.join(" ")} at start, ${m.loadavgEnd.join(" ")} at end${quick ? "; --quick" : ""}${testsOnly ? "; --tests-only" : ""}`,
    );
    for (const a of anomalies) lines.push(`ODD: ${a}`);
    for (const e of errors) lines.push(`ERROR: ${e}`);
    out = lines.join("\n") + "\n";
  }
} catch (e) {
  fail("benchmark", e);
  code = 1;
}
children.killAll();
if (out) process.stdout.write(out, () => process.exit(code));
else process.exit(code);
