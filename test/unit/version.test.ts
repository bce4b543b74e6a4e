// Format and version detection: the format from the project's files (and v3-only config settings), the
// version from a pinned @featurevisor/cli at or above the project, and the reason given for both.

import * as assert from "node:assert/strict";
import { lintFiles } from "../../server/src/service/lint";
import { loadProjects } from "../../server/src/service/project/loader";
import { parseRange } from "../../server/src/service/project/version";
import { MemoryFileSystem } from "../support/memoryFileSystem";

const OPTIONS = { log: () => undefined, maxFileSize: 1048576 };

/** A v1.35 project without environments: features with top-level rules (as v2 writes them), attributes with capture. */
const V1_NO_ENVIRONMENTS = {
  "/repo/flags/featurevisor.config.js": "module.exports = { environments: false, tags: ['all'] };\n",
  "/repo/flags/attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
  "/repo/flags/features/f.yml":
    'description: F\ntags: [all]\nbucketBy: userId\nrules:\n  - key: "1"\n    segments: "*"\n    percentage: 100\n',
};

async function detect(files: Record<string, string>) {
  const [project] = await loadProjects(new MemoryFileSystem(files), "/repo/flags", OPTIONS);
  return project.version!;
}

const pkg = (field: string, range: string) => JSON.stringify({ name: "x", [field]: { "@featurevisor/cli": range } });

describe("format and version detection", () => {
  it("takes a v1.35 project with environments: false for v1, by its attributes' capture", async () => {
    const v = await detect(V1_NO_ENVIRONMENTS);
    assert.equal(v.format, "v1");
    assert.equal(v.version, "1.35");
    assert.match(v.reason, /shapes of v1.*no package\.json pins @featurevisor\/cli.*newest rules of v1 \(1\.35\)/);
  });

  it("follows a pin in a package.json above the project root (devDependencies)", async () => {
    const v = await detect({ ...V1_NO_ENVIRONMENTS, "/repo/package.json": pkg("devDependencies", "^0.57.2") });
    assert.deepEqual([v.format, v.version], ["v1", "0.57"]);
    assert.match(v.reason, /\/repo\/package\.json pins @featurevisor\/cli \^0\.57\.2, whose rules apply/);
  });

  it("takes the nearest pin, and lets a pin decide where the files fit v1 and v2 alike", async () => {
    const files = {
      "/repo/package.json": pkg("dependencies", "^2.27.0"),
      "/repo/flags/package.json": pkg("dependencies", "~1.35.4"),
      "/repo/flags/featurevisor.config.js": "module.exports = {};\n",
      "/repo/flags/attributes/userId.yml": "description: User\ntype: string\n",
    };
    const v = await detect(files);
    assert.deepEqual([v.format, v.version], ["v1", "1.35"]);
    assert.match(v.reason, /fit v1 and v2 alike, and \/repo\/flags\/package\.json pins/);
  });

  it("does not follow a pin of another format than the files show", async () => {
    const v = await detect({
      "/repo/package.json": pkg("dependencies", "^2.27.0"),
      "/repo/flags/featurevisor.config.js": "module.exports = { namespaceCharacter: '/' };\n",
    });
    assert.deepEqual([v.format, v.version], ["v3", "3.1"]);
    assert.match(v.reason, /namespaceCharacter, which only v3\.1 has.*writes another format, so it is not followed/);
  });

  it("reads the first version of a range", () => {
    assert.deepEqual(parseRange("^1.35.4"), { major: 1, minor: 35 });
    assert.deepEqual(parseRange(">=3.1.0 <4"), { major: 3, minor: 1 });
    assert.deepEqual(parseRange("3"), { major: 3, minor: 0 });
    assert.equal(parseRange("latest"), undefined);
  });
});

describe("a v1 project with environments: false (1.x writes rules, force and expose at the top)", () => {
  const lint = async (files: Record<string, string>) => {
    const { diagnostics } = await lintFiles(new MemoryFileSystem(files), "/repo/flags", OPTIONS);
    return [...diagnostics.entries()].flatMap(([p, ds]) => ds.map((d) => `${p.slice("/repo/flags/".length)} ${d.code}: ${d.message}`));
  };

  it("lints clean, with its top-level rules read as the rollout", async () => {
    assert.deepEqual(await lint(V1_NO_ENVIRONMENTS), []);
  });

  it("checks the top-level rules' references, and wants rules", async () => {
    const found = await lint({
      ...V1_NO_ENVIRONMENTS,
      "/repo/flags/features/f.yml":
        'description: F\ntags: [all]\nbucketBy: userId\nrules:\n  - key: "1"\n    segments: [nope]\n    percentage: 100\n',
      "/repo/flags/features/g.yml": "description: G\ntags: [all]\nbucketBy: userId\n",
    });
    assert.ok(
      found.some((f) => /^features\/f\.yml unknown-segment: Unknown segment "nope"/.test(f)),
      found.join("\n"),
    );
    assert.ok(
      found.includes(
        'features/g.yml missing-property: Missing required property "rules" in the feature (featurevisor.config.js sets `environments: false`).',
      ),
      found.join("\n"),
    );
  });

  it("reports `environments` in such a project, and top-level rules in a project with environments", async () => {
    const withEnvironments = await lint({
      "/repo/flags/featurevisor.config.js": "module.exports = { environments: ['production'], tags: ['all'] };\n",
      "/repo/flags/attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
      "/repo/flags/features/f.yml": V1_NO_ENVIRONMENTS["/repo/flags/features/f.yml"],
    });
    assert.ok(
      withEnvironments.some((f) => /^features\/f\.yml missing-property: Missing required property "environments"/.test(f)),
      withEnvironments.join("\n"),
    );
    assert.ok(
      withEnvironments.some((f) =>
        /^features\/f\.yml unknown-property: Unknown property "rules" in the feature: in a project with environments/.test(f),
      ),
    );
    const without = await lint({
      ...V1_NO_ENVIRONMENTS,
      "/repo/flags/features/f.yml":
        "description: F\ntags: [all]\nbucketBy: userId\nrules: []\nenvironments:\n  production:\n    rules: []\n",
    });
    assert.ok(
      without.some((f) => /^features\/f\.yml unknown-property: Unknown property "environments"/.test(f)),
      without.join("\n"),
    );
  });
});

describe("environments by format: v3 has none unless its config says so", () => {
  const project = async (config: string) => {
    const [p] = await loadProjects(
      new MemoryFileSystem({ "/repo/flags/featurevisor.config.js": config, "/repo/flags/targets/all.yml": "tag: all\n" }),
      "/repo/flags",
      OPTIONS,
    );
    return p;
  };

  it("a v3 config without `environments` has no environments; one that writes them keeps them", async () => {
    assert.equal((await project("module.exports = { tags: ['all'] };\n")).environments, false);
    assert.deepEqual((await project("module.exports = { tags: ['all'], environments: ['dev'] };\n")).environments, ["dev"]);
  });

  it("a v2 config without `environments` keeps Featurevisor's default, staging and production", async () => {
    const [p] = await loadProjects(
      new MemoryFileSystem({ "/repo/flags/featurevisor.config.js": "module.exports = {};\n" }),
      "/repo/flags",
      OPTIONS,
    );
    assert.deepEqual(p.environments, ["staging", "production"]);
  });
});
