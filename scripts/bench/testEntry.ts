// The test benchmark's child process, bundled by scripts/bench/tests.mjs into .bench/tests.js. Three modes:
//
//   node .bench/tests.js draft PROJECT_DIR OUT_DIR [SEED]
//       writes draft spec files (feature and segment specs, placeholder expectations) for the project
//       into OUT_DIR; prints {"specs":N,"assertions":N}
//   node .bench/tests.js expect PROJECT_DIR
//       runs the project's specs in process and rewrites every expectation in them with what the
//       engine answers, except one assertion in FLIP_EVERY (41) whose first expectation is turned around
//       (so that a run has failures to agree on too); prints the totals the specs now have
//   node .bench/tests.js edit PROJECT_DIR EDITS [SEED]
//       the editor figure: the language server's test state (handlers/tests.ts, wired as server.ts
//       wires it) runs every spec once, then EDITS times a segment that specs depend on is changed (an
//       open document's text, as an editor sends it), and each edit is timed up to the publication of
//       the affected specs' results (rerun by the test state inside the workspace update, before the
//       revalidation of the files that depend on the segment); prints the raw samples
//
// Contexts are drawn like the generator's condition values (shared/bench/gen-featurevisor-v1.js), for
// the attributes the feature's segments read; one in ten is the forced "qa-user".

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import yaml from "yaml";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { loadEvaluationState } from "../../server/src/service/evaluation";
import { jsonValue } from "../../server/src/service/evaluation/json";
import type { Project } from "../../server/src/service/project/project";
import { runTests, specsAffectedBy } from "../../server/src/service/testing";
import { Workspace, type TouchedEntities } from "../../server/src/service/workspace";
import { TestState } from "../../server/src/handlers/tests";
import type { TestResultsParams, TestSpecResult } from "../../server/src/protocol";
import type { RuntimeEnvironment } from "../../server/src/runtime";
import type { Connection } from "vscode-languageserver";

type Json = unknown;
type Context = Record<string, unknown>;

/** Every FLIP_EVERY-th assertion (counted over the whole run) expects the opposite of the answer. */
const FLIP_EVERY = 41;
const FEATURE_SPECS = 550;
const SEGMENT_SPECS = 60;
const ASSERTIONS_PER_SPEC = 4;

function prng(seed: number): () => number {
  let s = seed & 0x7fffffff;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

async function load(dir: string, onTouched?: (t: TouchedEntities) => void): Promise<{ workspace: Workspace; project: Project }> {
  const root = toServicePath(path.resolve(dir));
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined, onTouched });
  await workspace.addProject(root);
  const project = workspace.projects.get(root) ?? [...workspace.projects.values()][0];
  if (!project) throw new Error(`no project loaded from ${root}`);
  return { workspace, project };
}

/** Every string in a value (the segment keys a feature's rules and overrides name). */
function strings(v: Json, out: Set<string>): Set<string> {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** The attributes a value's conditions read (`attribute:` fields at any depth). */
function attributesOf(v: Json, out: Set<string>): Set<string> {
  if (Array.isArray(v)) for (const x of v) attributesOf(x, out);
  else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === "attribute" && typeof x === "string") out.add(x);
      else attributesOf(x, out);
    }
  }
  return out;
}

function valueFor(type: string | undefined, rnd: () => number): unknown {
  const int = (k: number) => Math.floor(rnd() * k);
  switch (type) {
    case "string":
      return `v${int(10)}`;
    case "integer":
      return int(100);
    case "double":
      return Math.round(rnd() * 10000) / 100;
    case "boolean":
      return rnd() > 0.5;
    case "semver":
      return `${1 + int(5)}.${int(3)}.0`;
    case "date":
      return `2025-01-0${1 + int(9)}T${int(2)}${int(10)}:00:00Z`;
    default:
      return `v${int(10)}`;
  }
}

function contextFor(project: Project, attributes: Iterable<string>, rnd: () => number, forced: boolean): Context {
  const context: Context = { userId: forced ? "qa-user" : `user-${Math.floor(rnd() * 1e9)}` };
  for (const key of [...attributes].sort()) {
    if (key === "userId") continue;
    context[key] = valueFor(String(project.attribute(key)?.type), rnd);
  }
  return context;
}

function evenlyPicked<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

const byNumber = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

async function draft(dir: string, outDir: string, seed: number): Promise<void> {
  const { project } = await load(dir);
  const rnd = prng(seed);
  const environments = project.environments === false ? [undefined] : project.environments;
  const segmentKeys = new Set(project.keys("segment"));
  const segmentAttributes = (keys: Iterable<string>) => {
    const out = new Set<string>();
    for (const k of keys) if (segmentKeys.has(k)) attributesOf(jsonValue(project.entry("segment", k)), out);
    return out;
  };
  let specs = 0;
  let assertions = 0;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const features = evenlyPicked(project.keys("feature").sort(byNumber), FEATURE_SPECS);
  for (const key of features) {
    const value = jsonValue(project.entry("feature", key)) as Record<string, Json>;
    // The attributes of the segments the feature uses in an environment (v1: `environments.<env>`) and in
    // its variations' overrides.
    const envValue = (env: string | undefined) => {
      const envs = value.environments as Record<string, Json> | undefined;
      return env !== undefined && typeof envs === "object" && envs !== null && env in envs ? envs[env] : value;
    };
    const schema = value.variablesSchema;
    const variables = Array.isArray(schema)
      ? schema.map((v) => (v as { key: string }).key)
      : typeof schema === "object" && schema !== null
        ? Object.keys(schema)
        : [];
    const list = [];
    for (let i = 0; i < ASSERTIONS_PER_SPEC; i++) {
      const a: Record<string, Json> = {};
      const environment = environments[(i + specs) % environments.length];
      if (i % 2 === 1) a.description = `${i === 1 ? "returning" : "new"} user in ${environment ?? "the project"}`;
      a.at = Math.round(rnd() * 1000) / 10;
      if (environment !== undefined) a.environment = environment;
      const attributes = segmentAttributes(strings([envValue(environment), value.variations], new Set()));
      a.context = contextFor(project, attributes, rnd, rnd() < 0.1);
      a.expectedToBeEnabled = false;
      a.expectedVariation = "control";
      if (variables.length > 0) a.expectedVariables = Object.fromEntries(variables.map((v) => [v, null]));
      list.push(a);
    }
    fs.writeFileSync(path.join(outDir, `${key}.spec.yml`), yaml.stringify({ feature: key, assertions: list }));
    specs++;
    assertions += list.length;
  }
  for (const key of evenlyPicked([...segmentKeys].sort(byNumber), SEGMENT_SPECS)) {
    const attributes = segmentAttributes([key]);
    const list = [];
    for (let i = 0; i < ASSERTIONS_PER_SPEC; i++)
      list.push({ context: contextFor(project, attributes, rnd, false), expectedToMatch: false });
    fs.writeFileSync(path.join(outDir, `segment-${key}.spec.yml`), yaml.stringify({ segment: key, assertions: list }));
    specs++;
    assertions += list.length;
  }
  print({ specs, assertions });
}

async function expect(dir: string): Promise<void> {
  const { project } = await load(dir);
  const state = await loadEvaluationState(nodeFileSystem, project);
  const run = runTests(project, { state });
  let counter = 0;
  for (const spec of run.specs) {
    if (spec.problem !== undefined) throw new Error(`${spec.file}: ${spec.problem}`);
    const doc = yaml.parse(fs.readFileSync(spec.path, "utf8")) as { assertions: Record<string, Json>[] };
    for (const r of spec.assertions) {
      const a = doc.assertions[r.assertion - 1];
      const flip = ++counter % FLIP_EVERY === 0;
      if (spec.kind === "segment") {
        a.expectedToMatch = flip ? !r.actual.expectedToMatch : r.actual.expectedToMatch;
        continue;
      }
      const enabled = r.actual.expectedToBeEnabled === true;
      a.expectedToBeEnabled = flip ? !enabled : enabled;
      const variation = r.actual.expectedVariation;
      if (variation === null || variation === undefined) delete a.expectedVariation;
      else a.expectedVariation = variation;
      if ("expectedVariables" in a) {
        const actual = (r.actual.expectedVariables ?? {}) as Record<string, Json>;
        const kept = Object.entries(actual).filter(([, v]) => v !== null && v !== undefined);
        if (kept.length > 0) a.expectedVariables = Object.fromEntries(kept);
        else delete a.expectedVariables;
      }
    }
    fs.writeFileSync(spec.path, yaml.stringify(doc));
  }
  const { project: reloaded } = await load(dir);
  print({ before: run.summary, after: runTests(reloaded, { state }).summary });
}

/** Changes the first condition value of a segment file's text, so that the segment matches other users. */
function editedSegment(text: string, n: number): string {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => /^\s*value: /.test(l));
  if (i < 0) return text + `# edit ${n}\n`;
  const m = /^(\s*value: )(.*)$/.exec(lines[i])!;
  const old = m[2];
  let next: string;
  if (/^v\d$/.test(old)) next = `v${(Number(old.slice(1)) + 1 + n) % 10}`;
  else if (/^\d+$/.test(old)) next = String((Number(old) + 7 + n) % 100);
  else if (old === "true" || old === "false") next = old === "true" ? "false" : "true";
  else if (/^"\d+\.0\.0"$/.test(old)) next = `"${1 + ((Number(old.slice(1).split(".")[0]) + n) % 5)}.0.0"`;
  else next = old;
  lines[i] = m[1] + next;
  return lines.join("\n");
}

/** The language server's test state (handlers/tests.ts) over a workspace, with a stand-in connection. */
function serverTests(workspace: Workspace, onPublish: (paths: Set<string>) => void, onResults: (p: TestResultsParams) => void): TestState {
  const connection = {
    onRequest: () => undefined,
    sendNotification: (_method: string, params: TestResultsParams) => {
      onResults(params);
      return Promise.resolve();
    },
    console: { error: (m: string) => process.stderr.write(m + "\n"), warn: (m: string) => process.stderr.write(m + "\n") },
  } as unknown as Connection;
  const runtime = {
    fs: nodeFileSystem,
    pathToUri: (p: string) => "file://" + p,
    uriToPath: (u: string) => u.slice("file://".length),
  } as unknown as RuntimeEnvironment;
  return new TestState(connection, runtime, workspace, onPublish, () => undefined);
}

async function edit(dir: string, edits: number, seed: number): Promise<void> {
  // As the language server is wired (server.ts): the workspace reports what an update touched before it
  // revalidates, and the test state reruns the specs those affect there; what it does not rerun at once
  // waits for the update's end and the rerun delay.
  let touched: string[] = [];
  let rerunStart = 0;
  let publishedAt = 0;
  const server: { tests?: TestState } = {};
  const { workspace, project } = await load(dir, (t) => {
    touched.push(...t.entities);
    rerunStart = performance.now();
    if (!t.featureKeysChanged) server.tests?.touchedNow(t.entities);
  });
  const results = new Map<string, TestSpecResult>();
  let waiting: (() => void) | undefined;
  let lastSpecs = 0;
  let lastAssertions = 0;
  const tests = (server.tests = serverTests(
    workspace,
    () => (publishedAt = performance.now()),
    (params) => {
      for (const s of params.specs) results.set(s.uri, s);
      lastSpecs += params.specs.length;
      lastAssertions += params.specs.reduce((n, s) => n + s.assertions.length, 0);
      waiting?.();
    },
  ));
  const t0 = performance.now();
  const first = new Promise<void>((resolve) => (waiting = resolve));
  tests.touched([], true, false);
  await first;
  // Without the rerun delay the state waited for.
  const firstRunMs = performance.now() - t0 - 200;
  const summaryOf = (list: TestSpecResult[]) => {
    const passed = list.filter((s) => s.passed).length;
    const assertions = list.reduce((n, s) => n + s.assertions.length, 0);
    const assertionsPassed = list.reduce((n, s) => n + s.assertions.filter((a) => a.passed).length, 0);
    return {
      specs: list.length,
      passed,
      failed: list.length - passed,
      assertions,
      assertionsPassed,
      assertionsFailed: assertions - assertionsPassed,
    };
  };
  const firstSummary = summaryOf([...results.values()]);

  // Segments some spec depends on (through a feature or its own spec), in a fixed order.
  const candidates = project
    .keys("segment")
    .sort(byNumber)
    .filter((key) => specsAffectedBy(project, [`segment:${key}`]).length > 0);
  if (candidates.length === 0) throw new Error("no segment is used by a spec");
  const rnd = prng(seed);
  const samples: {
    segment: string;
    ms: number;
    cpuMs: number;
    updateMs: number;
    rerunMs: number;
    delayed: boolean;
    specs: number;
    assertions: number;
  }[] = [];
  const originals = new Map<string, string>();
  const current = new Map<string, string>();
  for (let n = 0; n < edits; n++) {
    const key = candidates[Math.floor(rnd() * candidates.length)];
    const file = project.entry("segment", key)!.path;
    if (!originals.has(file)) originals.set(file, fs.readFileSync(file, "utf8"));
    let text = editedSegment(originals.get(file)!, n);
    // Every edit changes the text (a value that comes back round, a date: a comment then differs).
    if (text === (current.get(file) ?? originals.get(file))) text += `# edit ${n}\n`;
    current.set(file, text);
    touched = [];
    publishedAt = 0;
    lastSpecs = 0;
    lastAssertions = 0;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    // didChange: the workspace update (the affected specs rerun and published inside it), then what the
    // server does after the update (tests.touched: whatever was not rerun yet is scheduled).
    await workspace.setDocument(file, text);
    const updated = performance.now();
    let delayed = false;
    tests.touched(touched, false, true);
    if (tests.scheduled) {
      delayed = true;
      await new Promise<void>((resolve) => (waiting = resolve));
    }
    const cpu = process.cpuUsage(cpuStart);
    samples.push({
      segment: key,
      // Edit -> the affected specs' results published.
      ms: (publishedAt || performance.now()) - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      updateMs: updated - start,
      rerunMs: publishedAt ? publishedAt - rerunStart : 0,
      delayed,
      specs: lastSpecs,
      assertions: lastAssertions,
    });
  }
  // The incremental results must be what a whole run gives on the edited project.
  const state = await loadEvaluationState(nodeFileSystem, project);
  const full = runTests(workspace.projectOf([...originals.keys()][0])!, { state });
  const incremental = summaryOf([...results.values()]);
  const same = JSON.stringify(full.summary) === JSON.stringify(incremental);
  print({
    firstRunMs,
    firstSummary,
    candidates: candidates.length,
    samples,
    incremental,
    full: full.summary,
    consistent: same,
  });
}

function print(v: unknown): void {
  process.stdout.write(JSON.stringify(v) + "\n");
}

async function main(): Promise<void> {
  const [mode, dir, a, b] = process.argv.slice(2);
  if (!dir) throw new Error("usage: node tests.js draft|expect|edit PROJECT_DIR ...");
  if (mode === "draft") return draft(dir, a, Number(b ?? 11));
  if (mode === "expect") return expect(dir);
  if (mode === "edit") return edit(dir, Number(a ?? 50), Number(b ?? 5));
  throw new Error(`unknown mode ${mode}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`tests bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
