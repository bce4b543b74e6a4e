// The evaluation benchmark's child process, bundled by scripts/bench/evaluate.mjs into .bench/evaluate.js:
// loads a project, warms up (one evaluateAll per environment), then times evaluateAll for random contexts
// and prints the raw figures as one JSON object on stdout.
//
//   node .bench/evaluate.js PROJECT_DIR CONTEXTS [SEED]
//
// Contexts get a random userId and a value for every attribute of the project, drawn like the values of
// the generator's conditions (shared/bench/gen-featurevisor-v1.js): strings v0-v9, numbers 0-99, booleans,
// semvers 1.x.0-5.x.0, dates in the first days of January 2025. One context in twenty is the forced
// "qa-user".

import { performance } from "node:perf_hooks";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { evaluateAll, loadEvaluationState } from "../../server/src/service/evaluation";
import type { Project } from "../../server/src/service/project/project";
import { Workspace } from "../../server/src/service/workspace";

type Context = Record<string, unknown>;

/** A deterministic pseudo-random generator (the generator's LCG), so runs draw the same contexts. */
function prng(seed: number): () => number {
  let s = seed & 0x7fffffff;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function contextFor(project: Project, rnd: () => number, n: number): Context {
  const int = (k: number) => Math.floor(rnd() * k);
  const context: Context = { userId: n % 20 === 7 ? "qa-user" : `user-${int(1e9)}` };
  for (const key of project.keys("attribute")) {
    if (key === "userId") continue;
    switch (project.attribute(key)?.type) {
      case "string":
        context[key] = `v${int(10)}`;
        break;
      case "integer":
        context[key] = int(100);
        break;
      case "double":
        context[key] = Math.round(rnd() * 10000) / 100;
        break;
      case "boolean":
        context[key] = rnd() > 0.5;
        break;
      case "semver":
        context[key] = `${1 + int(5)}.${int(3)}.0`;
        break;
      case "date":
        context[key] = `2025-01-0${1 + int(9)}T${int(2)}${int(10)}:00:00Z`;
        break;
    }
  }
  return context;
}

async function main(): Promise<void> {
  const [dir, countArg, seedArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!dir || !Number.isInteger(count) || count < 1) throw new Error("usage: node evaluate.js PROJECT_DIR CONTEXTS [SEED]");
  const root = toServicePath(dir);

  const t0 = performance.now();
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addProject(root);
  const project = workspace.projects.get(root) ?? [...workspace.projects.values()][0];
  if (!project) throw new Error(`no project loaded from ${root}`);
  if (project.keys("feature").length === 0) throw new Error(`no features in ${root}`);
  const state = await loadEvaluationState(nodeFileSystem, project);
  const loadMs = performance.now() - t0;
  const environments = project.environments === false ? [undefined] : project.environments;

  const rnd = prng(Number(seedArg ?? 7));
  // Warm-up: one full evaluateAll per environment (it builds that environment's datafile view).
  const warmupMs: Record<string, number> = {};
  for (const env of environments) {
    const t = performance.now();
    evaluateAll(project, env, contextFor(project, rnd, 0), { state });
    warmupMs[env ?? ""] = performance.now() - t;
  }

  const samples: { environment: string | null; ms: number; features: number; enabled: number; withVariation: number }[] = [];
  for (let i = 0; i < count; i++) {
    const env = environments[i % environments.length];
    const context = contextFor(project, rnd, i);
    const t = performance.now();
    const results = evaluateAll(project, env, context, { state });
    const ms = performance.now() - t;
    let enabled = 0;
    let withVariation = 0;
    for (const r of results) {
      if (r.enabled) enabled++;
      if (r.variation !== null) withVariation++;
    }
    samples.push({ environment: env ?? null, ms, features: results.length, enabled, withVariation });
  }

  const out = {
    project: root,
    format: project.format,
    files: project.files.size,
    features: project.keys("feature").length,
    attributes: project.keys("attribute").length,
    environments: environments.map((e) => e ?? null),
    stateProblems: state.problems,
    stateEnvironments: state.environments.size,
    loadMs,
    warmupMs,
    samples,
  };
  await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(out) + "\n", () => resolve()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`evaluate bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
