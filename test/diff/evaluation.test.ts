// Differential test of the evaluation engine: Flaglens's evaluateFeature against the real SDKs.
//
// v1: each project is built with `featurevisor build` (@featurevisor/cli 1.11.1), every environment's and
// tag's datafile is loaded into @featurevisor/sdk 1.11.1, and Flaglens evaluates the same project copy,
// reading the state the build left in `.featurevisor/`. A second round changes percentages and weights
// and predicts, from the old state, what the next build serves.
// v2: datafiles come from a test-only builder (evaluationDatafileV2.ts) and go into @featurevisor/sdk 2.0.0.
//
// Contexts are random but seeded (evaluationContexts.ts). Every feature is compared on every datafile
// for every context: enabled, variation and every declared variable. No difference is tolerated.

import { requireShared } from "../support/skip";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { bucketValue } from "../../server/src/service/evaluation";
import { compare, loadProject, loadState, type SdkInstance, type Target } from "./evaluationCompare";
import { boundaryIds, contextGenerator, type BoundaryFeature } from "./evaluationContexts";
import { buildDatafileV2 } from "./evaluationDatafileV2";
import { V1_PROJECT, V2_PROJECT, type ProjectFiles } from "./evaluationProjects";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkV1 = require("@featurevisor/sdk");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkV2 = require("@featurevisor/sdk-v2");

const REPO = process.cwd();
const SHARED = path.join(process.env.FLAGLENS_SHARED ?? path.resolve(REPO, "../shared"), "fixtures", "featurevisor");
const FEATUREVISOR_BIN = path.join(REPO, "node_modules", "@featurevisor", "cli", "bin.js");
/**
 * Random contexts per project; each is compared on every datafile and feature. The example projects get
 * 10,000 each; second rounds and synthetic projects fewer (all 10,000 when the examples are absent),
 * to keep the file well under a minute on two busy cores.
 */
const CONTEXTS = { full: 10000, round: 3000, synthetic: fs.existsSync(SHARED) ? 5000 : 10000 };

const temp: string[] = [];

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-eval-${name}-`));
  temp.push(dir);
  return dir;
}

/** Copies a read-only fixture into a fresh writable folder. */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) copyTree(src, path.join(to, entry.name));
    else if (entry.isFile()) fs.writeFileSync(path.join(to, entry.name), fs.readFileSync(src));
  }
}

function writeProject(files: ProjectFiles, name: string): string {
  const root = tempDir(name);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function featurevisorBuild(root: string): void {
  execFileSync(process.execPath, [FEATUREVISOR_BIN, "build"], { cwd: root, stdio: "pipe" });
}

const silentV1 = () => sdkV1.createLogger({ levels: [] });
const silentV2 = () => sdkV2.createLogger({ level: "fatal", handler: () => undefined });

function v1Targets(root: string, environments: string[], tags: string[]): Target[] {
  return environments.flatMap((environment) =>
    tags.map((tag) => {
      const datafile = JSON.parse(fs.readFileSync(path.join(root, "dist", environment, `datafile-tag-${tag}.json`), "utf8"));
      const sdk = sdkV1.createInstance({ datafile, logger: silentV1() }) as SdkInstance;
      return { environment, tag, sdk, datafile };
    }),
  );
}

function v2Targets(root: string, environments: string[], tags: string[]): Target[] {
  return environments.flatMap((environment) =>
    tags.map((tag) => {
      const datafile = buildDatafileV2(root, environment, tag) as { features: unknown };
      const sdk = sdkV2.createInstance({ datafile, logger: silentV2() }) as SdkInstance;
      return { environment, tag, sdk, datafile };
    }),
  );
}

/**
 * Random contexts, then contexts whose bucketing id sits on a boundary bucket of some feature (0, a rule's
 * percentage, the ends of variation and slot ranges), where an off-by-one would show.
 */
function contexts(
  root: string,
  seed: number,
  options: { ids: string[]; dotted: boolean; count: number },
  features: BoundaryFeature[],
): Record<string, unknown>[] {
  const next = contextGenerator(root, seed, options);
  const list = Array.from({ length: options.count }, next);
  counts.contexts += options.count;
  // Flaglens's hash picks the ids (it is fast); were it wrong, the comparisons below would show it.
  for (const { attribute, id } of boundaryIds(features, bucketValue)) {
    list.push({ ...next(), [attribute]: id });
    counts.boundary++;
  }
  return list;
}

/** The features of built datafiles, for the boundary search: v1 lists them, v2 maps them by key. */
function datafileFeatures(targets: Target[]): BoundaryFeature[] {
  return targets.flatMap(({ datafile }) =>
    Array.isArray(datafile.features)
      ? (datafile.features as BoundaryFeature[])
      : Object.entries(datafile.features as Record<string, BoundaryFeature>).map(([key, f]) => ({ ...f, key })),
  );
}

const totals = { v1: 0, v2: 0 };
const counts = { contexts: 0, boundary: 0 };

async function check(label: "v1" | "v2", root: string, targets: Target[], list: Record<string, unknown>[], stateFromDisk: boolean) {
  const project = await loadProject(root);
  assert.equal(project.format === "v1" ? "v1" : "v2", label, `${root} is detected as ${project.format}`);
  const state = stateFromDisk ? await loadState(project) : undefined;
  const result = compare(project, targets, list, state);
  totals[label] += result.comparisons;
  assert.deepEqual(
    result.differences,
    [],
    `${result.differences.length} differences in ${result.comparisons} comparisons:\n${result.differences.join("\n")}`,
  );
  return result.comparisons;
}

type Yaml = Record<string | number, unknown>;

/** The object at a path of a parsed YAML value. */
function at(value: unknown, ...keys: (string | number)[]): Yaml {
  return keys.reduce<unknown>((o, k) => (o as Yaml)[k], value) as Yaml;
}

/** Changes rules and weights so that the next build re-buckets some rules and extends others. */
function changeV1Example(root: string): void {
  const edit = (file: string, change: (f: Yaml) => void) => {
    const p = path.join(root, "features", file);
    const f = yaml.load(fs.readFileSync(p, "utf8")) as Yaml;
    change(f);
    fs.writeFileSync(p, yaml.dump(f));
  };
  const rule = (f: Yaml, env: string, index: number) => at(f, "environments", env, "rules", index);
  edit("foo.yml", (f) => (rule(f, "production", 1).percentage = 80)); // grows: kept and extended
  edit("bar.yml", (f) => (rule(f, "staging", 0).percentage = 70)); // grows beyond its group slot
  edit("qux.yml", (f) => (rule(f, "staging", 0).percentage = 30)); // shrinks: re-bucketed
  edit("sidebar.yml", (f) => ((at(f, "variations", 0).weight = 20), (at(f, "variations", 1).weight = 80))); // weights change: re-bucketed
  edit("footer.yml", (f) => (rule(f, "production", 0).percentage = 95));
  edit("checkout.yml", (f) =>
    (at(f, "environments", "production").rules as unknown[]).unshift({ key: "new", segments: "switzerland", percentage: 40 }),
  );
}

describe("evaluation differential test (Flaglens vs the Featurevisor SDKs)", function () {
  this.timeout(600000);
  after(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  describe("v1: featurevisor build 1.11.1 and @featurevisor/sdk 1.11.1", () => {
    const fixture = path.join(SHARED, "v1-example-1");
    const envs = ["staging", "production"];

    it("v1-example-1, freshly built", async function () {
      requireShared(this);
      const root = tempDir("v1-example");
      copyTree(fixture, root);
      featurevisorBuild(root);
      const targets = v1Targets(root, envs, ["all", "checkout"]);
      await check(
        "v1",
        root,
        targets,
        contexts(root, 1, { ids: ["userId"], dotted: false, count: CONTEXTS.full }, datafileFeatures(targets)),
        true,
      );
    });

    it("v1-example-1, the next build after percentages and weights change (existing state)", async function () {
      requireShared(this);
      const root = tempDir("v1-state");
      copyTree(fixture, root);
      featurevisorBuild(root);
      changeV1Example(root);
      // Flaglens predicts from the state of the previous build; then the next build writes its datafiles.
      const project = await loadProject(root);
      const state = await loadState(project);
      featurevisorBuild(root);
      const targets = v1Targets(root, envs, ["all", "checkout"]);
      const result = compare(
        project,
        targets,
        contexts(root, 2, { ids: ["userId"], dotted: false, count: CONTEXTS.round }, datafileFeatures(targets)),
        state,
      );
      totals.v1 += result.comparisons;
      assert.deepEqual(result.differences, [], result.differences.join("\n"));
    });

    it("a synthetic v1 project with every concept", async () => {
      const root = writeProject(V1_PROJECT, "v1-synthetic");
      featurevisorBuild(root);
      const targets = v1Targets(root, envs, ["all", "checkout"]);
      await check(
        "v1",
        root,
        targets,
        contexts(root, 3, { ids: ["userId", "deviceId"], dotted: false, count: CONTEXTS.synthetic }, datafileFeatures(targets)),
        true,
      );
    });
  });

  describe("v2: test datafile builder and @featurevisor/sdk 2.0.0", () => {
    it("v2-example-1", async function () {
      const fixture = path.join(SHARED, "v2-example-1");
      requireShared(this);
      const targets = v2Targets(fixture, ["staging", "production"], ["all", "checkout"]);
      await check(
        "v2",
        fixture,
        targets,
        contexts(fixture, 4, { ids: ["userId", "deviceId"], dotted: true, count: CONTEXTS.full }, datafileFeatures(targets)),
        false,
      );
    });

    it("the bundled example project", async () => {
      const root = path.join(REPO, "example");
      const targets = v2Targets(root, ["staging", "production"], ["web", "mobile"]);
      await check(
        "v2",
        root,
        targets,
        contexts(root, 5, { ids: ["userId"], dotted: true, count: CONTEXTS.round }, datafileFeatures(targets)),
        false,
      );
    });

    it("a synthetic v2 project with every concept", async () => {
      const root = writeProject(V2_PROJECT, "v2-synthetic");
      const targets = v2Targets(root, ["staging", "production"], ["web", "app"]);
      await check(
        "v2",
        root,
        targets,
        contexts(root, 6, { ids: ["userId", "deviceId"], dotted: true, count: CONTEXTS.synthetic }, datafileFeatures(targets)),
        false,
      );
    });
  });

  after(() =>
    console.log(
      `evaluation differential test: ${counts.contexts} random and ${counts.boundary} boundary contexts; ` +
        `${totals.v1} v1 and ${totals.v2} v2 feature evaluations compared (enabled, variation, every variable)`,
    ),
  );
});
