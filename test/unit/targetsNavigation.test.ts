// Navigation for v3 target keys: hover (what the target selects and the features it takes), find
// references (tests that name it with `target:`), the "named by" lens, and definition from TOML files.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeTarget } from "../../server/src/service/authoring/describe";
import { lintFiles } from "../../server/src/service/lint";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { loadFixture, ROOT } from "../support/fixture";
import { ORACLE_31, cursor, hasOracle, serviceOf } from "../support/renameOnDisk";
import { copySharedFixture } from "../support/sharedCopy";
import { SHARED_FIXTURES, requireShared, skipBecause } from "../support/skip";

async function at(text: string) {
  const { fixture, workspace } = await loadFixture(text);
  const path = `${ROOT}/${fixture.cursor!.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor!.file)!).positionAt(fixture.cursor!.offset);
  return { service: new LanguageService(workspace), path, position };
}

const feature = (key: string, tags: string, archived = false) => `//- /features/${key}.yml
description: ${key}
tags: [${tags}]
bucketBy: userId
${archived ? "archived: true\n" : ""}rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`;

const PROJECT = `//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], tags: ["all", "web", "ios"] };
//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
${feature("checkout", "all, web")}${feature("browserCache", "web")}${feature("browserOld", "web", true)}${feature("iosOnly", "ios")}//- /targets/web.yml
description: Web browsers
tags:
  or: [web]
includeFeatures: ["browser*", checkout]
excludeFeatures: [iosOnly]
context:
  country: nl
//- /targets/ios.yml
description: iOS
tag: ios
`;

const TEST = (target: string, second = "web") => `//- /tests/checkout.spec.yml
feature: checkout
assertions:
  - at: 10
    environment: production
    target: ${target}
    expectedToBeEnabled: true
  - at: 20
    environment: production
    target: ${second}
    expectedToBeEnabled: true
`;

describe("navigation of v3 target keys", function () {
  this.timeout(60000);
  it("hovers a test's target: its description, selection, context and the features it takes (not archived ones)", async () => {
    const { service, path, position } = await at(PROJECT + TEST("w$0eb"));
    const hover = service.doHover(path, position)!;
    assert.ok(hover, "a hover");
    const text = hover.contents;
    assert.match(text, /\*\*Target `web`\*\*/);
    assert.match(text, /Web browsers/);
    assert.match(text, /tags: any of `web`/);
    assert.match(text, /includeFeatures: `browser\*`, `checkout`/);
    assert.match(text, /excludeFeatures: `iosOnly`/);
    assert.match(text, /country: nl/);
    assert.match(text, /Includes 2 features: `browserCache`, `checkout`$/);
    assert.equal(hover.range.start.line, 4);
  });

  it("hovers a target with a tag and no pattern, and one that takes nothing", async () => {
    const ios = await at(PROJECT + TEST("i$0os"));
    assert.match(ios.service.doHover(ios.path, ios.position)!.contents, /- tag `ios`[^]*Includes 1 feature: `iosOnly`$/);
    const none = await at(`${PROJECT}//- /targets/none.yml\ndescription: None\ntag: $0all\nincludeFeatures: [nothing*]\n`);
    assert.match(none.service.doHover(none.path, none.position)!.contents, /\*\*Target `none`\*\*[^]*Includes no feature\.$/);
  });

  it("hovers a pattern of a target with the features it matches", async () => {
    const { service, path, position } = await at(PROJECT.replace('includeFeatures: ["browser*"', 'includeFeatures: ["bro$0wser*"'));
    const text = service.doHover(path, position)!.contents;
    assert.equal(text, "**Pattern `browser*`** matches 2 features: `browserCache`, `browserOld` (not taken)");
  });

  it("finds the tests that name a target, from the target file and from a test, with the declaration when asked", async () => {
    const fromFile = await at(PROJECT.replace("description: Web browsers", "description: Web b$0rowsers") + TEST("web"));
    const refs = fromFile.service.doReferences(fromFile.path, fromFile.position, false);
    assert.deepEqual(
      refs.map((r) => [r.path.slice(ROOT.length + 1), r.range.start.line, r.range.start.character, r.range.end.character]),
      [
        ["tests/checkout.spec.yml", 4, 12, 15],
        ["tests/checkout.spec.yml", 8, 12, 15],
      ],
    );
    const fromTest = await at(PROJECT + TEST("ios", "w$0eb"));
    const withDeclaration = fromTest.service.doReferences(fromTest.path, fromTest.position, true);
    assert.deepEqual(
      withDeclaration.map((r) => [r.path.slice(ROOT.length + 1), r.range.start.line]),
      [
        ["targets/web.yml", 0],
        ["tests/checkout.spec.yml", 8],
      ],
    );
  });

  it("reads the targets of a test matrix that `target: ${{ t }}` takes: definition, hover, references", async () => {
    const matrix = `//- /tests/matrix.spec.yml
feature: checkout
assertions:
  - matrix:
      t: [ios, w$0eb]
    at: 10
    environment: production
    target: \${{ t }}
    expectedToBeEnabled: true
`;
    const { service, path, position } = await at(PROJECT + matrix);
    assert.equal(service.doDefinition(path, position)?.path, `${ROOT}/targets/web.yml`);
    assert.match(service.doHover(path, position)?.contents ?? "", /^\*\*Target `web`\*\*/);
    assert.deepEqual(
      service.doReferences(path, position, false).map((r) => [r.path.slice(ROOT.length + 1), r.range.start.line, r.range.start.character]),
      [["tests/matrix.spec.yml", 3, 15]],
    );
  });

  it("finds a context key of a target or a test as a reference to its attribute (at the key, not the value)", async () => {
    const text = `${PROJECT}${TEST("web")}//- /tests/other.spec.yml
feature: checkout
assertions:
  - at: 10
    environment: production
    context: { country: de }
    expectedToBeEnabled: true
`.replace("description: Country", "description: Coun$0try");
    const { service, path, position } = await at(text);
    const refs = service.doReferences(path, position, false).map((r) => [r.path.slice(ROOT.length + 1), r.range]);
    assert.deepEqual(refs, [
      ["targets/web.yml", { start: { line: 6, character: 2 }, end: { line: 6, character: 9 } }],
      ["tests/other.spec.yml", { start: { line: 4, character: 15 }, end: { line: 4, character: 22 } }],
    ]);
    // The value of a context entry names no attribute.
    const value = await at(PROJECT.replace("  country: nl", "  country: n$0l"));
    assert.equal(value.service.doDefinition(value.path, value.position), undefined);
  });

  it("shows how many tests name a target in its lens, and counts targets in a feature's lens", async () => {
    const { service } = await at(
      PROJECT +
        TEST("web") +
        "//- /tests/x.spec.yml\nfeature: checkout\nassertions:\n  - at: 1\n    target: ios\n    expectedToBeEnabled: true\n$0",
    );
    assert.equal(service.doUsageLens(`${ROOT}/targets/web.yml`)?.title, "named by 1 test");
    assert.equal(service.doUsageLens(`${ROOT}/targets/ios.yml`)?.title, "named by 1 test");
    assert.equal(service.doUsageLens(`${ROOT}/features/checkout.yml`)?.title, "referenced by 1 target, 2 tests");
  });

  describe("over the shared v3.1 fixtures", () => {
    before(function () {
      requireShared(this);
    });

    it("v3.1-example-targets: every test naming selected-web is found, and the hover counts its features", async () => {
      const dir = path.join(SHARED_FIXTURES, "v3.1-example-targets");
      const service = await serviceOf(dir);
      const { path: file, position } = cursor(dir, "targets/selected-web.yml", "description");
      const refs = service.doReferences(file, position, false);
      assert.ok(refs.length > 0, "tests name selected-web");
      assert.ok(refs.every((r) => r.path.includes("/tests/")));
      const spec = cursor(dir, "tests/features/checkout.spec.yml", "target: s|elected-web");
      const hover = service.doHover(spec.path, spec.position)!.contents;
      // tag web, includeFeatures [browser*, checkout, showBanner], excludeFeatures [showBanner]; checkout is not tagged web.
      assert.match(hover, /Includes 1 feature: `browserOptimization`$/);
      assert.deepEqual(service.doDefinition(spec.path, spec.position)?.path, toServicePath(path.join(dir, "targets/selected-web.yml")));
    });

    it("v3.1-example-targets: every target's hover lists the features of its datafile as the 3.1 CLI builds it", async function () {
      if (!hasOracle()) skipBecause(this, `the 3.1 oracle is not present (${ORACLE_31})`);
      const dir = copySharedFixture("v3.1-example-targets");
      try {
        const built = spawnSync(process.execPath, [ORACLE_31, "build", "--no-state-files"], { cwd: dir, encoding: "utf8" });
        assert.equal(built.status, 0, built.stdout + built.stderr);
        const { projects } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
        const targets = projects[0].keys("target").sort();
        assert.ok(targets.length >= 10, targets.join());
        for (const target of targets) {
          const datafile = JSON.parse(fs.readFileSync(path.join(dir, "datafiles", "production", `featurevisor-${target}.json`), "utf8"));
          const features = Object.keys(datafile.features as object).sort();
          // What the hover of a target says: the same text wherever the target is hovered.
          const listed = /Includes (?:no feature|\d+ features?: (.*))/.exec(describeTarget(projects[0], target) ?? "")?.[1];
          assert.deepEqual(listed ? listed.split(", ").map((k) => k.replace(/`/g, "")) : [], features, target);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("v3.1-example-toml: definition and references from a TOML file's references", async () => {
      const dir = path.join(SHARED_FIXTURES, "v3.1-example-toml");
      const service = await serviceOf(dir);
      const segment = cursor(dir, "tests/netherlands.segment.toml", '"n|etherlands"');
      assert.equal(service.doDefinition(segment.path, segment.position)?.path, toServicePath(path.join(dir, "segments/netherlands.toml")));
      const refs = service
        .doReferences(segment.path, segment.position, false)
        .map((r) => path.relative(dir, r.path))
        .sort();
      assert.deepEqual(refs, ["features/showCookieBanner.toml", "tests/netherlands.segment.toml"]);
      // Hover works there too, on values and on the keys of a context.
      assert.match(service.doHover(segment.path, segment.position)?.contents ?? "", /^\*\*Segment `netherlands`\*\*/);
      const key = cursor(dir, "tests/netherlands.segment.toml", "c|ountry = ");
      assert.match(service.doHover(key.path, key.position)?.contents ?? "", /^\*\*Attribute `country`\*\*: string/);
      const target = cursor(dir, "targets/all.toml", "description");
      assert.equal(service.doHover(target.path, target.position), undefined);
    });
  });
});

describe("workspace symbols of v3 projects", () => {
  it("lists targets, and tells the sets of a project apart", async () => {
    const { workspace } = await loadFixture(
      `//- /featurevisor.config.js
module.exports = { sets: true, environments: ["production"], tags: ["all"] };
//- /sets/admin/targets/all.yml
description: All
tag: all
//- /sets/shop/targets/all.yml
description: All
tag: all
`,
    );
    const symbols = new LanguageService(workspace).doWorkspaceSymbols("all");
    assert.deepEqual(symbols.map((s) => [s.kind, s.name, s.detail, s.path.slice(ROOT.length + 1)]).sort(), [
      ["target", "all", "target in set admin", "sets/admin/targets/all.yml"],
      ["target", "all", "target in set shop", "sets/shop/targets/all.yml"],
    ]);
  });
});
