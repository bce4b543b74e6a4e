import * as assert from "node:assert/strict";
import { Workspace, type TouchedEntities } from "../../server/src/service/workspace";
import { loadFixture, ROOT } from "../support/fixture";
import { MemoryFileSystem } from "../support/memoryFileSystem";

const PROJECT = `//- /attributes/country.yml
description: Country
type: string
//- /attributes/userId.yml
description: User
type: string
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: nl, percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`;

const codes = (ws: { diagnostics(p: string): { code: string }[] }, rel: string) => ws.diagnostics(`${ROOT}/${rel}`).map((d) => d.code);

describe("workspace: incremental updates", () => {
  it("an edit in an open document re-validates it and reports what changed", async () => {
    const { workspace } = await loadFixture(PROJECT);
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
    const broken = `description: F\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules: [{ key: "1", segments: nll, percentage: 100 }]\n  production:\n    rules: [{ key: "1", segments: "*", percentage: 100 }]\n`;
    const changed = await workspace.setDocument(`${ROOT}/features/f.yml`, broken);
    assert.ok(changed.has(`${ROOT}/features/f.yml`));
    assert.deepEqual(codes(workspace, "features/f.yml"), ["unknown-segment"]);
    const fixed = broken.replace("nll", "nl");
    await workspace.setDocument(`${ROOT}/features/f.yml`, fixed);
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
  });

  it("deleting a segment re-validates the features that use it; re-creating it clears them", async () => {
    const { workspace, fs } = await loadFixture(PROJECT);
    const seg = fs.files.get(`${ROOT}/segments/nl.yml`)!;
    fs.remove(`${ROOT}/segments/nl.yml`);
    const changed = await workspace.fileEvents([{ path: `${ROOT}/segments/nl.yml`, type: "deleted" }]);
    assert.ok(changed.has(`${ROOT}/features/f.yml`), "the dependent feature is republished");
    assert.deepEqual(codes(workspace, "features/f.yml"), ["unknown-segment"]);
    fs.write(`${ROOT}/segments/nl.yml`, seg);
    await workspace.fileEvents([{ path: `${ROOT}/segments/nl.yml`, type: "created" }]);
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
  });

  it("archiving a segment warns in features that reference it", async () => {
    const { workspace } = await loadFixture(PROJECT);
    await workspace.setDocument(
      `${ROOT}/segments/nl.yml`,
      "archived: true\ndescription: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
    );
    assert.deepEqual(codes(workspace, "features/f.yml"), ["archived-reference"]);
  });

  it("closing a document returns to the text on disk", async () => {
    const { workspace } = await loadFixture(PROJECT);
    await workspace.setDocument(`${ROOT}/features/f.yml`, "description: [");
    assert.deepEqual(codes(workspace, "features/f.yml"), ["yaml-syntax"]);
    await workspace.closeDocument(`${ROOT}/features/f.yml`);
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
  });

  it("severity overrides change or hide a code", async () => {
    const { workspace } = await loadFixture(PROJECT.replace("segments: nl,", "segments: nll,"));
    assert.equal(workspace.diagnostics(`${ROOT}/features/f.yml`)[0].severity, "error");
    await workspace.updateSettings({ severity: { "unknown-segment": "warning" } });
    assert.equal(workspace.diagnostics(`${ROOT}/features/f.yml`)[0].severity, "warning");
    await workspace.updateSettings({ severity: { "unknown-segment": "off" } });
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
  });

  it("a changed config reloads the project with its new environments", async () => {
    const { workspace, fs } = await loadFixture(PROJECT);
    fs.write(`${ROOT}/featurevisor.config.js`, `module.exports = { environments: ["staging", "production", "qa"], tags: ["all"] };`);
    await workspace.fileEvents([{ path: `${ROOT}/featurevisor.config.js`, type: "changed" }]);
    assert.deepEqual(codes(workspace, "features/f.yml"), ["missing-environment"]);
  });
});

describe("workspace: project layouts", () => {
  it("finds several projects in a monorepo, each with its own config", async () => {
    const { workspace } = await loadFixture(`//- /featurevisor.config.js
module.exports = { environments: ["production"] };
//- /apps/web/featurevisor.config.js
module.exports = { environments: false };
//- /apps/web/attributes/a.yml
description: A
type: string
`);
    assert.deepEqual([...workspace.projects.keys()].sort(), [ROOT, `${ROOT}/apps/web`]);
    assert.equal(workspace.projectOf(`${ROOT}/apps/web/attributes/a.yml`)?.root, `${ROOT}/apps/web`);
  });

  it("validates per-environment files of splitByEnvironment projects", async () => {
    const { workspace } = await loadFixture(`//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], splitByEnvironment: true, tags: ["all"] };
//- /attributes/userId.yml
description: User
type: string
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
  - value: a
    weight: 100
//- /environments/production/f.yml
rules:
  - key: "1"
    segments: nope
    percentage: 100
    variation: b
//- /environments/qa/f.yml
rules:
  - key: "1"
    segments: "*"
    percentage: 100
`);
    assert.deepEqual(codes(workspace, "environments/production/f.yml"), ["unknown-segment", "unknown-variation"]);
    assert.deepEqual(codes(workspace, "environments/qa/f.yml"), ["unknown-environment"]);
    assert.deepEqual(codes(workspace, "features/f.yml"), []);
  });

  it("reads a custom directory layout from the config", async () => {
    const { workspace } = await loadFixture(`//- /featurevisor.config.js
const path = require("path");
module.exports = { environments: ["production"], featuresDirectoryPath: path.join(__dirname, "flags") };
//- /attributes/userId.yml
description: User
type: string
//- /flags/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 1
    environment: production
    context: {}
    expectedToBeEnabled: true
`);
    const project = workspace.projects.get(ROOT)!;
    assert.deepEqual(project.keys("feature"), ["f"]);
    assert.deepEqual(codes(workspace, "tests/f.spec.yml"), []);
  });
});

describe("workspace: v3 projects", () => {
  it("are checked with the v2 rules and say so on the config, with dotted keys", async () => {
    const { workspace } = await loadFixture(`//- /targets/all.yml
description: All
tag: all
//- /attributes/country.yml
description: Country
type: string
//- /segments/countries/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /tests/segments/nl.spec.yml
segment: countries.nl
assertions:
  - context: { country: nl }
    expectedToMatch: true
`);
    assert.equal(workspace.projects.get(ROOT)!.format, "v3");
    assert.deepEqual(codes(workspace, "featurevisor.config.js"), ["unsupported-format"]);
    assert.deepEqual(codes(workspace, "tests/segments/nl.spec.yml"), []);
  });
});

describe("workspace: what an update touched, for the code index", () => {
  const rules = (segments: string) => `environments:\n  production:\n    rules: [{ key: "1", segments: ${segments}, percentage: 100 }]\n`;
  const feature = (segments: string, extra = "") => `description: F\ntags: [all]\nbucketBy: userId\n${extra}${rules(segments)}`;
  const FILES: Record<string, string> = {
    "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
    "attributes/userId.yml": "description: User\ntype: string\n",
    "attributes/country.yml": "description: Country\ntype: string\n",
    "segments/everyone.yml": 'description: Everyone\nconditions: "*"\n',
    "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
    // c requires b, which requires a, which targets segment everyone.
    "features/a.yml": feature("everyone"),
    "features/b.yml": feature('"*"', "required: [a]\n"),
    "features/c.yml": feature('"*"', "required: [b]\n"),
    "features/unrelated.yml": feature("nl"),
    "features/slotted.yml": feature('"*"'),
    "features/spare.yml": feature('"*"'),
    "groups/g.yml": "description: G\nslots:\n  - feature: slotted\n    percentage: 50\n",
  };

  async function load() {
    const fs = new MemoryFileSystem();
    for (const [rel, text] of Object.entries(FILES)) fs.write(`${ROOT}/${rel}`, text);
    const touched: TouchedEntities[] = [];
    const workspace = new Workspace(fs, { log: () => undefined, onTouched: (t) => touched.push(t) });
    await workspace.addFolder(ROOT);
    /** The features affected by what was touched since the last call. */
    const affected = () => [...workspace.featuresAffectedBy(touched.splice(0).flatMap((t) => t.entities))].sort();
    return { fs, workspace, touched, affected };
  }

  it("a segment edit, in the editor or on disk, affects the features using it and those requiring them only", async () => {
    const { fs, workspace, affected } = await load();
    const segment = `${ROOT}/segments/everyone.yml`;
    await workspace.setDocument(segment, 'description: Everyone, as typed\nconditions: "*"\n');
    assert.deepEqual(affected(), ["a", "b", "c"]);
    await workspace.closeDocument(segment);
    assert.deepEqual(affected(), ["a", "b", "c"]);
    // On disk, with no diagnostic changed: nothing to republish, but the code of a, b and c is rechecked.
    fs.write(segment, 'description: Everyone, on disk\nconditions: "*"\n');
    const changed = await workspace.fileEvents([{ path: segment, type: "changed" }]);
    assert.deepEqual([...changed], []);
    assert.deepEqual(affected(), ["a", "b", "c"]);
    await workspace.setDocument(`${ROOT}/features/b.yml`, feature('"*"', "required: [a]\ndeprecated: true\n"));
    assert.deepEqual(affected(), ["b", "c"]);
  });

  it("a group edit affects the features that join or leave its slots", async () => {
    const { workspace, affected } = await load();
    await workspace.setDocument(`${ROOT}/groups/g.yml`, "description: G\nslots:\n  - feature: spare\n    percentage: 50\n");
    assert.deepEqual(affected(), ["slotted", "spare"]);
  });

  it("says when a feature is created or deleted (the set of keys changes), not when one is edited", async () => {
    const { fs, workspace, touched } = await load();
    fs.write(`${ROOT}/features/fresh.yml`, feature('"*"'));
    await workspace.fileEvents([{ path: `${ROOT}/features/fresh.yml`, type: "created" }]);
    fs.write(`${ROOT}/features/fresh.yml`, feature('"*"', "deprecated: true\n"));
    await workspace.fileEvents([{ path: `${ROOT}/features/fresh.yml`, type: "changed" }]);
    fs.remove(`${ROOT}/features/fresh.yml`);
    await workspace.fileEvents([{ path: `${ROOT}/features/fresh.yml`, type: "deleted" }]);
    assert.deepEqual(
      touched.map((t) => [t.entities, t.featureKeysChanged]),
      [
        [["feature:fresh"], true],
        [["feature:fresh", "feature:fresh"], false],
        [["feature:fresh"], true],
      ],
    );
  });
});

describe("workspace: documents opened while a project loads", () => {
  it("checks a document opened during the first validation early, with its open text", async () => {
    // Enough features that validating them all takes several pauses of the loop.
    const files: Record<string, string> = {};
    const feature = (segment: string) =>
      `description: F\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules: [{ key: "1", segments: ${segment}, percentage: 100 }]\n  production:\n    rules: [{ key: "1", segments: "*", percentage: 100 }]\n`;
    for (const part of PROJECT.split("//- ").filter(Boolean)) {
      const nl = part.indexOf("\n");
      files[`${ROOT}${part.slice(0, nl)}`] = part.slice(nl + 1);
    }
    files[`${ROOT}/featurevisor.config.js`] = `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`;
    for (let i = 0; i < 3000; i++) files[`${ROOT}/features/g${i}.yml`] = feature("nl");
    const fs = new MemoryFileSystem(files);
    const late = `${ROOT}/features/g2999.yml`;
    const partial: { paths: string[]; lateCodes: string[] }[] = [];
    let opened = false;
    const workspace: Workspace = new Workspace(fs, {
      log: () => undefined,
      onPartialResults: (changed) => {
        partial.push({ paths: [...changed], lateCodes: workspace.diagnostics(late).map((d) => d.code) });
        // The first early result is out: now the user opens another file, with a typo in it.
        if (!opened) {
          opened = true;
          setTimeout(() => void workspace.setDocument(late, feature("nll")), 0);
        }
      },
    });
    await workspace.setDocument(`${ROOT}/features/f.yml`, PROJECT.split("//- /features/f.yml\n")[1]);
    await workspace.addFolder(ROOT);
    // g2999 comes last in the loop, yet it was checked early, with the typo of its open text.
    const early = partial.find((p) => p.paths.includes(late));
    assert.ok(early, `partial results: ${JSON.stringify(partial.map((p) => p.paths.length))}`);
    assert.deepEqual(early.lateCodes, ["unknown-segment"]);
    assert.ok(partial.indexOf(early) < partial.length, "reported as a partial result, before the load finished");
    assert.deepEqual(codes(workspace, "features/g2999.yml"), ["unknown-segment"]);
  });
});
