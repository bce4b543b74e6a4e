// Running Featurevisor test specs: the benchmark projects with generated specs, `featurevisor test`
// against `flaglens test` on them (wall and CPU, interleaved, the pass/fail totals of both compared),
// and the editor figure (a segment edited, the affected specs rerun).
//
// The specs are written in two steps by scripts/bench/testEntry.ts (bundled into .bench/tests.js):
// drafts for 550 features and 60 segments of the v1 project (contexts for the attributes each feature's
// segments read, an environment, `at`, placeholder expectations), copied into a copy of the v1 project
// (.bench/fv-test) and of its v3 rewrite (.bench/fv-v3-test); then each copy's expectations are
// replaced by what the engine answers on that copy, one assertion in 41 turned around. So the specs
// are deterministic for a given engine, a run has failures too, and a `featurevisor test` that does
// not give the same totals shows an engine difference.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, runChild } from "./evaluate.mjs";
import { LinterBench, runInterleaved } from "./lint.mjs";
import { summarize } from "./stats.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const ENTRY = path.join(here, "testEntry.ts");

const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** Copies a project without its tests/ folder, and puts the drafts there instead. */
function copyWithSpecs(from, to, drafts, testsFolder) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true, filter: (src) => path.relative(from, src) !== "tests" });
  fs.cpSync(drafts, path.join(to, testsFolder), { recursive: true });
}

function parseJsonLine(stdout, what) {
  try {
    return JSON.parse(stdout.trim().split("\n").pop());
  } catch {
    throw new Error(`unparsable output from ${what}: ${stdout.slice(0, 200)}`);
  }
}

/**
 * Writes .bench/fv-test (and .bench/fv-v3-test when v3Dir is given) with the generated specs.
 * @returns {Promise<{ script: string, v1: {dir, totals}, v3?: {dir, totals}, drafts: {specs, assertions} }>}
 */
export async function prepareTestProjects({ v1Dir, v3Dir, benchDir, log }) {
  const script = path.join(benchDir, "tests.js");
  const bundleMs = await bundle(script, ENTRY);
  log(`bundled ${path.relative(repo, script)} in ${Math.round(bundleMs)} ms`);
  const drafts = path.join(benchDir, "spec-drafts");
  const drafted = parseJsonLine(await runChild(script, ["draft", v1Dir, drafts], 120_000), "draft");
  log(`drafted ${drafted.specs} spec files, ${drafted.assertions} assertions`);
  const out = { script, drafts: drafted };
  const variants = [["v1", v1Dir, path.join(benchDir, "fv-test"), "tests"]];
  // v3: feature specs live under tests/ too (any folder below it); kept beside the v3 rewrite's own.
  if (v3Dir) variants.push(["v3", v3Dir, path.join(benchDir, "fv-v3-test"), "tests"]);
  for (const [name, from, to, folder] of variants) {
    copyWithSpecs(from, to, drafts, folder);
    const r = parseJsonLine(await runChild(script, ["expect", to], 180_000), `expect ${name}`);
    const t = r.after;
    log(`${name}: ${path.relative(repo, to)}: ${t.specs} specs, ${t.assertions} assertions (${t.assertionsFailed} expected to fail)`);
    out[name] = { dir: to, totals: t };
  }
  return out;
}

/** Totals from `featurevisor test`'s last lines (1.x: "Specs:"/"Test specs:", then "Assertions:"). */
export function featurevisorTotals(stdout) {
  // eslint-disable-next-line no-control-regex
  const text = stdout.replace(/\x1b\[[0-9;]*m/g, "");
  const specs = [...text.matchAll(/(?:Test specs|Specs): (\d+) passed, (\d+) failed/g)].pop();
  const assertions = [...text.matchAll(/Assertions: (\d+) passed, (\d+) failed/g)].pop();
  if (!assertions) return { unparsedOutput: text.slice(-300) };
  return {
    specsPassed: specs ? Number(specs[1]) : null,
    specsFailed: specs ? Number(specs[2]) : null,
    assertionsPassed: Number(assertions[1]),
    assertionsFailed: Number(assertions[2]),
  };
}

function flaglensTotals(r) {
  try {
    const s = JSON.parse(r.stdout).summary;
    return { specsPassed: s.passed, specsFailed: s.failed, assertionsPassed: s.assertionsPassed, assertionsFailed: s.assertionsFailed };
  } catch {
    return { unparsedOutput: r.stdout.slice(0, 200) };
  }
}

const totalsText = (t) =>
  t.assertionsPassed === undefined
    ? `unparsed (${JSON.stringify(t.unparsedOutput ?? "")})`
    : `${t.assertionsPassed} passed, ${t.assertionsFailed} failed assertions; ${t.specsPassed ?? "?"} passed, ${t.specsFailed ?? "?"} failed specs`;

/**
 * Times `featurevisor test` (command, args, run inside dir) against `flaglens test --format json`,
 * interleaved, and compares their totals. Returns the figures; `mismatch` says how they disagree.
 */
export async function timeTests({ name, dir, cliJs, featurevisor, runs, gnuTime, log }) {
  const flaglens = new LinterBench(`flaglens test (${name})`, process.execPath, [cliJs, "test", "--project", dir, "--format", "json"], {
    cwd: repo,
    runs: runs.flaglens,
    timeoutMs: 120_000,
    gnuTime,
    log,
    inspect: flaglensTotals,
  });
  const benches = [flaglens];
  let fv;
  if (featurevisor) {
    fv = new LinterBench(featurevisor.label, process.execPath, featurevisor.args, {
      cwd: dir,
      runs: runs.featurevisor,
      timeoutMs: 600_000,
      gnuTime,
      log,
      inspect: (r) => featurevisorTotals(r.stdout),
    });
    benches.push(fv);
  }
  const errors = [];
  await runInterleaved(benches, (b, e) => errors.push(`${b.name}: ${e.message ?? e}`));
  if (errors.length) throw new Error(errors.join("; "));
  const res = { flaglens: flaglens.summary() };
  const pick = (t) => ({
    specsPassed: t.specsPassed,
    specsFailed: t.specsFailed,
    assertionsPassed: t.assertionsPassed,
    assertionsFailed: t.assertionsFailed,
    ...(t.unparsedOutput !== undefined ? { unparsedOutput: t.unparsedOutput } : {}),
  });
  res.flaglens.totals = pick(res.flaglens.details.at(-1));
  log(`flaglens test (${name}) totals: ${totalsText(res.flaglens.totals)}`);
  if (fv) {
    res.featurevisor = fv.summary();
    res.featurevisor.label = featurevisor.label;
    res.featurevisor.totals = pick(res.featurevisor.details.at(-1));
    log(`${featurevisor.label} totals: ${totalsText(res.featurevisor.totals)}`);
    const a = res.flaglens.totals;
    const b = res.featurevisor.totals;
    const keys = ["assertionsPassed", "assertionsFailed", "specsPassed", "specsFailed"];
    const differs = keys.filter((k) => b[k] !== null && a[k] !== b[k]);
    if (a.unparsedOutput !== undefined || b.unparsedOutput !== undefined || differs.length > 0) {
      res.mismatch = `flaglens test: ${totalsText(a)}; ${featurevisor.label}: ${totalsText(b)}`;
    }
    const fw = res.featurevisor.wallMs.median;
    const lw = res.flaglens.wallMs.median;
    res.wallRatio = fw && lw ? round(fw / lw) : null;
    const fc = res.featurevisor.cpuMs?.median;
    const lc = res.flaglens.cpuMs?.median;
    res.cpuRatio = fc && lc ? round(fc / lc) : null;
    log(
      `${name}: ${featurevisor.label} ${(fw / 1000).toFixed(2)} s (CPU ${fc ? (fc / 1000).toFixed(2) : "?"} s), flaglens test ${(lw / 1000).toFixed(2)} s (CPU ${lc ? (lc / 1000).toFixed(2) : "?"} s): ${res.wallRatio}x wall, ${res.cpuRatio}x CPU`,
    );
  }
  return res;
}

/**
 * The editor figure: a segment edited `edits` times in process, the affected specs rerun each time by the
 * language server's test state, timed from the edit to the publication of their results.
 */
export async function benchTestEdits({ script, dir, edits, log }) {
  const raw = parseJsonLine(await runChild(script, ["edit", dir, String(edits)], 300_000), "edit");
  const ms = summarize(raw.samples.map((s) => s.ms));
  const update = summarize(raw.samples.map((s) => s.updateMs));
  const rerunOnly = summarize(raw.samples.map((s) => s.rerunMs));
  const cpuMs = summarize(raw.samples.map((s) => s.cpuMs));
  const assertions = summarize(raw.samples.map((s) => s.assertions));
  const specs = summarize(raw.samples.map((s) => s.specs));
  const res = {
    edits: ms.n,
    firstRunMs: Math.round(raw.firstRunMs),
    firstSummary: raw.firstSummary,
    segmentsUsedBySpecs: raw.candidates,
    ms: { p50: ms.median, p95: ms.p95, max: ms.max },
    cpuMs: { p50: cpuMs.median, p95: cpuMs.p95 },
    // The whole workspace update (the edited file and its dependents revalidated, the specs rerun inside
    // it), and the rerun of the affected specs with the publication of their results.
    workspaceUpdateMs: { p50: update.median, p95: update.p95 },
    rerunMs: { p50: rerunOnly.median, p95: rerunOnly.p95 },
    // Edits whose specs were too many to rerun at once (they waited for the update and the rerun delay).
    delayed: raw.samples.filter((s) => s.delayed).length,
    specsRerun: { median: specs.median, max: specs.max },
    assertionsRerun: { median: assertions.median, max: assertions.max },
    consistent: raw.consistent,
    incremental: raw.incremental,
    full: raw.full,
  };
  log(
    `edit segment -> affected specs rerun (${path.relative(repo, dir)}): p50 ${res.ms.p50} ms, p95 ${res.ms.p95} ms over ${res.edits} edits (CPU p95 ${res.cpuMs.p95} ms; whole workspace update p95 ${res.workspaceUpdateMs.p95} ms, rerun and publication p95 ${res.rerunMs.p95} ms; ${res.delayed} delayed; ${res.assertionsRerun.median} assertions in ${res.specsRerun.median} specs rerun, median)`,
  );
  return res;
}
