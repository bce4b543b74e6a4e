import * as assert from "node:assert/strict";
import { planFlagRemoval, applyTextEdits } from "../../../server/src/service/fixes/plan";
import { loadProjects } from "../../../server/src/service/project/loader";
import { MemoryFileSystem } from "../../support/memoryFileSystem";
import { indexOf } from "../code/fixture";

// planFlagRemoval, the one plan of `flaglens remove`, the quick fix "here" and the source actions:
// its scope, constants in and across files, unknown usages left with a reason, and the feature
// files an archived flag takes with it.

const ENABLED = { enabled: true, variation: null, variables: {} };

function planOf(files: Record<string, string>, key: string, scope?: string[]) {
  const index = indexOf(files);
  const plan = planFlagRemoval({ featureKey: key, behaviour: ENABLED, index, scope, read: (p) => files[p], codeFiles: Object.keys(files) });
  const after = (p: string) => {
    const e = plan.edits.find((x) => x.path === p);
    return e ? applyTextEdits(files[p], e.edits) : files[p];
  };
  return { plan, after, index };
}

describe("fixes: planFlagRemoval", () => {
  it("acts on every usage of the index, each once, and deletes a local constant once its calls are gone", () => {
    const files = {
      "/app/a.ts": ["function run() {", '  const featureKey = "beta";', "  if (f.isEnabled(featureKey)) go();", "}", ""].join("\n"),
    };
    const { plan, after, index } = planOf(files, "beta");
    assert.equal(plan.usages.length, index.usagesOf("beta").length);
    assert.equal(after("/app/a.ts"), ["function run() {", "  go();", "}", ""].join("\n"));
    assert.deepEqual(
      plan.usages.map((o) => [o.usage.kind, o.kind]),
      [
        ["constant", "removed"],
        ["isEnabled", "removed"],
      ],
    );
    assert.equal(plan.left, 0);
  });

  it("scoped to one file (the quick fix 'here'): a constant that feeds calls elsewhere is left, with the reason", () => {
    const files = {
      "/app/flags.ts": 'export const BETA = "beta";\nif (f.isEnabled(BETA)) here();\n',
      "/app/b.ts": 'import { BETA } from "./flags";\nif (f.isEnabled(BETA)) there();\n',
    };
    const { plan, after } = planOf(files, "beta", ["/app/flags.ts"]);
    assert.equal(after("/app/flags.ts"), 'export const BETA = "beta";\nhere();\n');
    assert.equal(after("/app/b.ts"), files["/app/b.ts"]);
    const left = plan.notes.filter((n) => n.kind === "not-simplified");
    assert.equal(left.length, 1);
    assert.match(left[0].message, /Left the constant BETA \("beta"\): isEnabled at \/app\/b\.ts:2 still uses it/);
    // The whole workspace: both calls go, then the constant.
    const all = planOf(files, "beta");
    assert.equal(all.after("/app/flags.ts"), "here();\n");
    assert.equal(all.after("/app/b.ts"), "there();\n");
    assert.equal(all.plan.left, 0);
  });

  it("without the whole tree (the editor), a constant other files may see is left; one they cannot see goes", () => {
    const files = {
      "/app/flags.ts": 'export const BETA = "beta";\nconst LOCAL = "beta";\nif (f.isEnabled(BETA)) a();\nif (f.isEnabled(LOCAL)) b();\n',
    };
    const index = indexOf(files);
    const plan = planFlagRemoval({ featureKey: "beta", behaviour: ENABLED, index, read: (p) => files[p as keyof typeof files] });
    assert.equal(applyTextEdits(files["/app/flags.ts"], plan.edits[0].edits), 'export const BETA = "beta";\na();\nb();\n');
    assert.equal(plan.left, 1);
    assert.match(plan.notes.find((n) => n.kind === "not-simplified")!.message, /Left the constant BETA \("beta"\): other files may use it/);
  });

  it("a language without a rewriter: every usage is left with the reason, nothing is edited", () => {
    const files = { "/app/App.kt": 'fun run() { if (f.isEnabled("beta")) go() }\n' };
    const { plan } = planOf(files, "beta");
    assert.deepEqual(plan.edits, []);
    assert.equal(plan.left, 1);
    assert.match(plan.notes[0].message, /Flaglens does not rewrite Kotlin files/);
  });

  it("a file that cannot be read leaves its usages, said so", () => {
    const index = indexOf({ "/app/a.ts": 'if (f.isEnabled("beta")) go();\n' });
    const plan = planFlagRemoval({ featureKey: "beta", behaviour: ENABLED, index, read: () => undefined });
    assert.equal(plan.left, 1);
    assert.match(plan.notes[0].message, /could not be read/);
  });

  it("with an archived feature's project, deletes its file and its tests, and only those", async () => {
    const fs = new MemoryFileSystem({
      "/repo/featurevisor.config.js": "module.exports = { environments: ['production'] };\n",
      "/repo/features/beta.yml": "description: Beta\ntags: [all]\nbucketBy: userId\narchived: true\nrules:\n  production: []\n",
      "/repo/features/gamma.yml": "description: Gamma\ntags: [all]\nbucketBy: userId\nrules:\n  production: []\n",
      "/repo/tests/beta.spec.yml": "feature: beta\nassertions: []\n",
      "/repo/tests/gamma.spec.yml": "feature: gamma\nassertions: []\n",
    });
    const [project] = await loadProjects(fs, "/repo", { log: () => undefined, maxFileSize: 1048576 });
    for (const k of ["beta", "gamma"]) project.feature(k);
    for (const t of project.entries("test")) project.entry("test", t.key);
    const index = indexOf({ "/app/a.ts": 'if (f.isEnabled("beta")) go();\n' });
    const plan = planFlagRemoval({
      featureKey: "beta",
      behaviour: { enabled: false, variation: null, variables: {} },
      index,
      read: () => 'if (f.isEnabled("beta")) go();\n',
      withFiles: project,
    });
    assert.deepEqual(plan.deletions, ["/repo/features/beta.yml", "/repo/tests/beta.spec.yml"]);
    assert.equal(plan.edits.length, 1);
  });
});
