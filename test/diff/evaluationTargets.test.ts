// Differential test of `--target` evaluation: Featurevisor 3.1 targets (tag/tags, include/exclude
// patterns, a build-time context) against the real 3.1 builder and SDK.
//
// The fixtures v3.1-example-targets, v3.1-example-sets (and -json, -yml, -namespace-slash) and a synthetic
// project (evaluationProjectsV3.ts) are copied to a temporary folder and built by
// the 3.1 CLI of ../shared (`featurevisor build --no-state-files`: one datafile per environment and
// target, per set); each datafile goes into the 3.1 SDK (sdk.js), and Flaglens evaluates the same copy
// with the target's selection. Every feature of the project is compared (those the target leaves out
// must be disabled on both sides) on every datafile for every seeded random context: enabled, variation
// and every declared variable. No difference is tolerated.

import { requireShared, SHARED_DIR, SHARED_FIXTURES } from "../support/skip";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { targetSelection } from "../../server/src/service/evaluation";
import { Workspace } from "../../server/src/service/workspace";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import type { Project } from "../../server/src/service/project/project";
import { compare, type SdkInstance, type Target } from "./evaluationCompare";
import { contextGenerator } from "./evaluationContexts";
import { PLUGIN_STUB } from "./lintDiff";
import type { ProjectFiles } from "./evaluationProjects";
import { V3_TARGETS_PROJECT, V3_UNSTRINGIFIED_PROJECT } from "./evaluationProjectsV3";

const ORACLE = path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0");

const temp: string[] = [];

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) copyTree(src, path.join(to, entry.name));
    else if (entry.isFile()) fs.writeFileSync(path.join(to, entry.name), fs.readFileSync(src));
  }
}

/** A built copy of a fixture, or of a project's files. */
function built(fixture: string | ProjectFiles): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-evaltarget-${typeof fixture === "string" ? fixture : "synthetic"}-`));
  temp.push(root);
  if (typeof fixture === "string") {
    copyTree(path.join(SHARED_FIXTURES, fixture), root);
    // The example-1 configs load a local plugin that the fixtures leave out (see their README).
    if (/example-1$/.test(fixture)) {
      fs.mkdirSync(path.join(root, "plugins"), { recursive: true });
      fs.writeFileSync(path.join(root, "plugins", "example.js"), PLUGIN_STUB);
    }
  } else
    for (const [rel, content] of Object.entries(fixture)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
  execFileSync(process.execPath, [path.join(ORACLE, "featurevisor.js"), "build", "--no-state-files"], { cwd: root, stdio: "pipe" });
  return root;
}

/** The projects of a folder (one per set in a `sets: true` project), by root. */
async function loadProjects(root: string): Promise<Map<string, Project>> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addProject(toServicePath(root));
  return workspace.projects;
}

/** One SDK instance per environment and target of a (set's) project, with its target selection. */
function targetsOf(project: Project, projectRoot: string, datafiles: string): Target[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(path.join(ORACLE, "sdk.js")) as { createFeaturevisor(o: unknown): SdkInstance };
  const out: Target[] = [];
  const environments = project.environments === false ? [undefined] : project.environments;
  for (const file of fs.readdirSync(path.join(projectRoot, "targets")).sort()) {
    const key = file.replace(/\.(yml|json)$/, "");
    const selection = targetSelection(key, yaml.load(fs.readFileSync(path.join(projectRoot, "targets", file), "utf8")));
    for (const environment of environments) {
      const folder = environment === undefined ? datafiles : path.join(datafiles, environment);
      const datafile = JSON.parse(fs.readFileSync(path.join(folder, `featurevisor-${key}.json`), "utf8"));
      out.push({ environment, tag: undefined, selection, datafile, sdk: sdk.createFeaturevisor({ datafile, logLevel: "fatal" }) });
    }
  }
  return out;
}

function contexts(root: string, seed: number, count: number): Record<string, unknown>[] {
  const next = contextGenerator(root, seed, { ids: ["userId"], dotted: true });
  return Array.from({ length: count }, next);
}

describe("evaluation differential test of v3 targets (Flaglens vs featurevisor 3.1 build and SDK)", function () {
  this.timeout(300000);
  let total = 0;
  after(() => {
    temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    if (total > 0) console.log(`      target evaluations compared: ${total.toLocaleString("en-US")}, differences: 0`);
  });

  it("v3.1-example-targets: every target, with and without a build-time context, in every environment", async function () {
    requireShared(this);
    const root = built("v3.1-example-targets");
    const project = [...(await loadProjects(root)).values()][0];
    const targets = targetsOf(project, root, path.join(root, "datafiles"));
    assert.ok(
      targets.some((t) => t.selection?.context && Object.keys(t.selection.context).length > 0),
      "targets with a context",
    );
    const result = compare(project, targets, contexts(root, 31, 250), undefined);
    total += result.comparisons;
    assert.deepEqual(result.differences, [], result.differences.join("\n"));
    assert.ok(result.comparisons >= 10000, `${result.comparisons} comparisons`);
  });

  it("a synthetic project: or/not/and and lists of segments, absent attributes, forces, overrides, catch-alls, expose lists", async function () {
    requireShared(this);
    const root = built(V3_TARGETS_PROJECT);
    const project = [...(await loadProjects(root)).values()][0];
    assert.equal(project.format, "v3");
    const targets = targetsOf(project, root, path.join(root, "datafiles"));
    const result = compare(project, targets, contexts(root, 33, 250), undefined);
    total += result.comparisons;
    assert.deepEqual(result.differences, [], result.differences.join("\n"));
  });

  it("the synthetic project with `stringify: false`, and structured and json variables", async function () {
    requireShared(this);
    const root = built(V3_UNSTRINGIFIED_PROJECT);
    const datafile = fs.readFileSync(path.join(root, "datafiles", "production", "featurevisor-plain.json"), "utf8");
    assert.ok(!datafile.includes('"segments": "{'), "the builder left segments as they are");
    const project = [...(await loadProjects(root)).values()][0];
    const targets = targetsOf(project, root, path.join(root, "datafiles"));
    const result = compare(project, targets, contexts(root, 34, 250), undefined);
    total += result.comparisons;
    assert.deepEqual(result.differences, [], result.differences.join("\n"));
  });

  // The other 3.1 examples, with their targets (`all` and more); example-1 has the 3.1 variable mutations
  // (`"config.width"`, `"tags:append"`, `{ "deep.count": 20 }` overrides) and a first variation of weight 0.
  const others: [string, number][] = [
    ["v3.1-example-1", 300],
    ["v3.1-example-sets", 500],
    ["v3.1-example-json", 300],
    ["v3.1-example-yml", 300],
    ["v3.1-example-namespace-slash", 300],
    ["v3.1-example-no-environments", 300],
    ["v3.1-example-environments", 300],
    ["v3.1-example-test-environments", 300],
  ];
  for (const [fixture, count] of others) {
    it(`${fixture}: every set, target and environment`, async function () {
      requireShared(this);
      const root = built(fixture);
      const projects = [...(await loadProjects(root)).values()];
      assert.ok(projects.length > 0);
      for (const project of projects) {
        const projectRoot = project.set === undefined ? root : path.join(root, "sets", project.set);
        const datafiles = project.set === undefined ? path.join(root, "datafiles") : path.join(root, "datafiles", project.set);
        const result = compare(project, targetsOf(project, projectRoot, datafiles), contexts(projectRoot, 32, count), undefined);
        total += result.comparisons;
        assert.deepEqual(result.differences, [], `${project.set ?? ""}\n${result.differences.join("\n")}`);
      }
    });
  }
});
