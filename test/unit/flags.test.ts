import * as assert from "node:assert/strict";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { CodeService } from "../../server/src/service/code/codeService";
import { DEFAULT_STALENESS } from "../../server/src/service/code/staleness";
import { doFlagsTree, type FlagsTree } from "../../server/src/service/flags";
import { Workspace } from "../../server/src/service/workspace";
import { loadFixture, ROOT } from "../support/fixture";
import { requireShared, SHARED_FIXTURES } from "../support/skip";

// The Flags view's tree: projects, environments, features grouped by status with the reason,
// segments, attributes, tags and usage counts, from the same rules as the stale-flag diagnostic.

const EXAMPLE = path.resolve(process.cwd(), "example");
const SETS = path.join(SHARED_FIXTURES, "v3.1-example-sets");

async function load(folder: string): Promise<{ workspace: Workspace; code: CodeService }> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addFolder(toServicePath(folder));
  await workspace.whenIdle();
  return { workspace, code: new CodeService(workspace) };
}

const statuses = (tree: FlagsTree, project = 0) => Object.fromEntries(tree.projects[project].features.map((f) => [f.key, f.status]));

describe("flags view: the tree", () => {
  it("groups the example's features by status, with environments, segments, attributes and tags", async () => {
    const { workspace, code } = await load(EXAMPLE);
    const tree = doFlagsTree(workspace.projects.values(), { catalog: code.catalog() });
    assert.equal(tree.projects.length, 1);
    const p = tree.projects[0];
    assert.equal(p.root, toServicePath(EXAMPLE));
    assert.equal(p.format, "v2");
    assert.deepEqual(p.environments, ["staging", "production"]);
    assert.deepEqual(statuses(tree), {
      classicSearch: "archived",
      darkMode: "in-rollout",
      newCheckout: "in-rollout",
      oldBanner: "deprecated",
      saleBadge: "fully-on",
      searchA: "in-rollout",
      searchB: "in-rollout",
    });
    const darkMode = p.features.find((f) => f.key === "darkMode")!;
    assert.match(darkMode.reason, /^Users differ: a rule for some users serves enabled, everyone else disabled in production$/);
    assert.equal(darkMode.file, toServicePath(path.join(EXAMPLE, "features/darkMode.yml")));
    assert.deepEqual(darkMode.tags, ["mobile"]);
    assert.equal(darkMode.description, "Dark theme in the mobile app");
    assert.equal(darkMode.usages, undefined, "no usage counts before code is scanned");
    assert.equal(tree.codeScanned, false);
    assert.equal(p.features.find((f) => f.key === "saleBadge")!.reason, "Every user: enabled");
    assert.deepEqual(p.tags, ["mobile", "web"]);
    assert.deepEqual(
      p.segments.map((s) => s.key),
      ["employees", "modernApp", "netherlands", "qa"],
    );
    assert.deepEqual(
      p.attributes.map((a) => a.key),
      ["appVersion", "country", "isEmployee", "userId"],
    );
    assert.equal(p.segments[0].file, toServicePath(path.join(EXAMPLE, "segments/employees.yml")));
  });

  it("counts usages in code and marks a fully rolled-out feature stale as the stale-flag diagnostic does", async () => {
    const { workspace, code } = await load(EXAMPLE);
    code.updateFile(
      "/app/src/shop.ts",
      `const f = createInstance({});\nf.isEnabled("saleBadge");\nf.isEnabled("saleBadge");\nf.isEnabled("oldBanner");\n`,
    );
    const old = Date.UTC(2020, 0, 1);
    code.setStaleness({ settings: DEFAULT_STALENESS, now: () => Date.UTC(2021, 0, 1), changedAt: () => old });
    const tree = doFlagsTree(workspace.projects.values(), { catalog: code.catalog(), usages: (k) => code.index.referenceCount(k) });
    assert.equal(tree.codeScanned, true);
    const byKey = new Map(tree.projects[0].features.map((f) => [f.key, f]));
    assert.equal(byKey.get("saleBadge")!.status, "stale");
    assert.match(byKey.get("saleBadge")!.reason, /^Fully rolled out \(enabled in every environment\) and unchanged for 366 days/);
    assert.equal(byKey.get("saleBadge")!.usages, 2);
    assert.equal(byKey.get("oldBanner")!.reason, "Deprecated, but still used 1 time in code");
    assert.equal(byKey.get("searchA")!.usages, 0);
    // Changed recently: not stale, only fully on.
    code.setStaleness({ settings: DEFAULT_STALENESS, now: () => old + 1000, changedAt: () => old });
    const fresh = doFlagsTree(workspace.projects.values(), { catalog: code.catalog() });
    assert.equal(statuses(fresh).saleBadge, "fully-on");
  });

  it("tells archived and off features apart, and passes test results through the hook", async () => {
    const { workspace } = await loadFixture(`//- /features/gone.yml
description: Gone
tags: [all]
archived: true
bucketBy: userId
environments:
  staging: { rules: [{ key: "1", segments: "*", percentage: 100 }] }
  production: { rules: [{ key: "1", segments: "*", percentage: 100 }] }
//- /features/dark.yml
description: Dark
tags: [web]
bucketBy: userId
environments:
  staging: { rules: [{ key: "1", segments: "*", percentage: 0 }] }
  production: { rules: [{ key: "1", segments: "*", percentage: 0 }] }
`);
    const code = new CodeService(workspace);
    const tree = doFlagsTree(workspace.projects.values(), {
      catalog: code.catalog(),
      tests: (_p, key) => (key === "dark" ? { passed: 2, failed: 1 } : undefined),
    });
    assert.deepEqual(statuses(tree), { dark: "off", gone: "archived" });
    const dark = tree.projects[0].features.find((f) => f.key === "dark")!;
    assert.equal(dark.reason, "Every user: disabled");
    assert.deepEqual(dark.tests, { passed: 2, failed: 1 });
    assert.equal(tree.projects[0].features.find((f) => f.key === "gone")!.tests, undefined);
    assert.equal(tree.projects[0].root, ROOT);
  });

  it("lists each set of a v3 `sets: true` project as a project of its own", async function () {
    requireShared(this);
    const { workspace, code } = await load(SETS);
    const tree = doFlagsTree(workspace.projects.values(), { catalog: code.catalog() });
    assert.deepEqual(
      tree.projects.map((p) => [p.set, p.format, p.environments, p.features.map((f) => f.key), p.segments.map((s) => s.key)]),
      [
        ["admin", "v3", ["staging", "production"], ["promoBanner"], ["support"]],
        ["storefront", "v3", ["staging", "production"], ["promoBanner"], ["netherlands"]],
      ],
    );
    // Same key, different projects: each set's own rules decide.
    assert.deepEqual(
      tree.projects.map((p) => p.features[0].reason),
      [
        "Users differ: a rule for some users serves enabled, everyone else disabled in staging",
        "Users differ: a rule for some users serves enabled, everyone else disabled in production",
      ],
    );
  });
});
