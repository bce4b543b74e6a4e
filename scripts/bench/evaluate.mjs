// Evaluating every feature for one context: bundles scripts/bench/evaluateEntry.ts (the service's
// Workspace and evaluation engine) with esbuild into .bench/evaluate.js, runs it in a child process
// on the benchmark project and summarizes the time of one evaluateAll per context.
//
//   import { benchEvaluate } from "./bench/evaluate.mjs"; const figures = await benchEvaluate({ quick, log });
//
// Needs the generated validators (node scripts/build.mjs) and the project .bench/fv (project.mjs).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { children } from "./procs.mjs";
import { summarize } from "./stats.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const ENTRY = path.join(here, "evaluateEntry.ts");
const SEED = 7;

const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** Bundles an entry (the evaluation's by default) into outfile (platform node, cjs); resolves with the build time. */
export async function bundle(outfile, entry = ENTRY) {
  const started = performance.now();
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch (e) {
    throw new Error(`esbuild is not installed (${e.message})`);
  }
  const build = esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node18",
    format: "cjs",
    outfile,
    logLevel: "silent",
  });
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("esbuild took over 60 s")), 60_000)));
  try {
    await Promise.race([build, timeout]);
  } catch (e) {
    const first = e.errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : "";
    const hint = /generated/.test(first?.text ?? e.message) ? "; run node scripts/build.mjs first" : "";
    throw new Error(`bundling ${path.relative(repo, entry)} failed: ${first?.text ?? e.message}${where}${hint}`);
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - started;
}

/** Runs `node script ...args` with a time limit; resolves with its stdout, throws on a crash or timeout. */
export function runChild(script, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    const untrack = children.add(() => child.kill("SIGKILL"));
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr = (stderr + c).slice(-8192)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      untrack();
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      untrack();
      const tail = stderr.trim().split("\n").slice(-5).join(" | ");
      if (timedOut) reject(new Error(`${path.basename(script)} did not finish within ${timeoutMs / 1000} s`));
      else if (code !== 0) reject(new Error(`${path.basename(script)} exited ${code ?? signal}${tail ? `: ${tail}` : ""}`));
      else resolve(stdout);
    });
  });
}

/**
 * Bundles and runs the evaluation benchmark: `contexts` (200, 50 with quick) random contexts,
 * spread over the environments, each evaluated with evaluateAll after a warm-up.
 */
export async function benchEvaluate({
  quick = false,
  log = (m) => process.stderr.write(`bench evaluate: ${m}\n`),
  projectDir = path.join(repo, ".bench", "fv"),
  contexts = quick ? 50 : 200,
  timeoutMs = 180_000,
} = {}) {
  if (!fs.existsSync(path.join(projectDir, "featurevisor.config.js"))) throw new Error(`no benchmark project at ${projectDir}`);
  const outfile = path.join(repo, ".bench", "evaluate.js");
  const bundleMs = await bundle(outfile);
  log(`bundled ${path.relative(repo, outfile)} in ${Math.round(bundleMs)} ms; evaluating ${contexts} contexts`);
  const stdout = await runChild(outfile, [projectDir, String(contexts), String(SEED)], timeoutMs);
  let raw;
  try {
    raw = JSON.parse(stdout.trim().split("\n").pop());
  } catch {
    throw new Error(`unparsable output from ${path.basename(outfile)}: ${stdout.slice(0, 200)}`);
  }
  const ms = raw.samples.map((s) => s.ms);
  const s = summarize(ms);
  const features = [...new Set(raw.samples.map((x) => x.features))];
  const byEnvironment = {};
  for (const env of raw.environments) {
    const t = summarize(raw.samples.filter((x) => x.environment === env).map((x) => x.ms));
    byEnvironment[env ?? ""] = { n: t.n, p50: t.median, p95: t.p95, max: t.max };
  }
  const share = (k) => round((100 * raw.samples.reduce((a, x) => a + x[k], 0)) / raw.samples.reduce((a, x) => a + x.features, 0));
  const res = {
    bundle: path.relative(repo, outfile),
    bundleMs: Math.round(bundleMs),
    project: { files: raw.files, features: raw.features, attributes: raw.attributes, format: raw.format },
    environments: raw.environments,
    stateProblems: raw.stateProblems,
    loadMs: Math.round(raw.loadMs),
    warmupMs: Object.fromEntries(Object.entries(raw.warmupMs).map(([k, v]) => [k, round(v)])),
    contexts: s.n,
    perContextMs: { p50: s.median, p95: s.p95, max: s.max, min: s.min },
    featuresPerEvaluation: features.length === 1 ? features[0] : features,
    perFeatureUs: s.median !== null && features.length === 1 && features[0] > 0 ? round((s.median * 1000) / features[0]) : null,
    enabledPercent: share("enabled"),
    withVariationPercent: share("withVariation"),
    byEnvironment,
  };
  log(
    `evaluateAll: p50 ${res.perContextMs.p50} ms, p95 ${res.perContextMs.p95} ms, max ${res.perContextMs.max} ms per context (${res.featuresPerEvaluation} features; load ${res.loadMs} ms)`,
  );
  return res;
}

// Run directly: node scripts/bench/evaluate.mjs [--quick]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await benchEvaluate({ quick: process.argv.includes("--quick") });
  process.stdout.write(JSON.stringify(figures, null, 2) + "\n");
}
