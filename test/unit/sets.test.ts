// Featurevisor 3.1's project model: `sets: true` (each set its own tree, sharing the config),
// `namespaceCharacter` and `promotionFlows`, with inline fixtures that need nothing beyond the repository.

import * as assert from "node:assert/strict";
import { LanguageService } from "../../server/src/service/languageService";
import { lintFiles } from "../../server/src/service/lint";
import { LineIndex } from "../../server/src/service/text";
import { stateFilePath } from "../../server/src/service/evaluation/state";
import { readConfigStatically } from "../../server/src/service/project/configReader";
import { ROOT, annotate, loadFixture } from "../support/fixture";

const SETS_CONFIG = `//- /featurevisor.config.js
module.exports = { sets: true, environments: ["production"], tags: ["all"] };
`;

const ATTRIBUTES = (set: string) => `//- /sets/${set}/attributes/userId.yml
description: User
type: string
//- /sets/${set}/attributes/country.yml
description: Country
type: string
`;

const NL = (set: string) => `//- /sets/${set}/segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
`;

const feature = (set: string, segment: string) => `//- /sets/${set}/features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
rules:
  production:
    - key: one
      segments: [${segment}]
      percentage: 100
`;

/** Every fixture file but the config, with its diagnostics written under it, against the expectation lines. */
async function expectFiles(text: string): Promise<void> {
  const { fixture, workspace } = await loadFixture(text);
  const actual: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [name, content] of fixture.files) {
    if (name === "featurevisor.config.js") continue;
    actual[name] = annotate(content, workspace.diagnostics(`${ROOT}/${name}`));
    expected[name] = fixture.annotated.get(name)!;
  }
  assert.deepEqual(actual, expected);
}

describe("v3.1 sets", () => {
  it("load one project per set, keyed by the set's folder and sharing the config", async () => {
    const { workspace } = await loadFixture(
      `${SETS_CONFIG}${ATTRIBUTES("admin")}${ATTRIBUTES("shop")}${NL("shop")}${feature("shop", "nl")}`,
    );
    assert.deepEqual([...workspace.projects.keys()].sort(), [`${ROOT}/sets/admin`, `${ROOT}/sets/shop`]);
    const shop = workspace.projectOf(`${ROOT}/sets/shop/features/banner.yml`)!;
    assert.equal(shop.set, "shop");
    assert.equal(shop.configPath, `${ROOT}/featurevisor.config.js`);
    assert.equal(shop.format, "v3");
    assert.deepEqual(shop.keys("segment"), ["nl"]);
    assert.deepEqual(workspace.projectOf(`${ROOT}/sets/admin/attributes/userId.yml`)!.keys("segment"), []);
    assert.deepEqual(workspace.configRoots(), [ROOT]);
  });

  it("resolve references within their own set only", () =>
    expectFiles(`${SETS_CONFIG}${ATTRIBUTES("admin")}//- /sets/admin/features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
rules:
  production:
    - key: one
      segments: [nl]
#                ^^ error unknown-segment
      percentage: 100
${ATTRIBUTES("shop")}${NL("shop")}${feature("shop", "nl")}`));

  it("complete and navigate within their own set", async () => {
    const { fixture, workspace } = await loadFixture(`${SETS_CONFIG}${ATTRIBUTES("admin")}//- /sets/admin/segments/staff.yml
description: Staff
conditions: "*"
//- /sets/admin/features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
rules:
  production:
    - key: one
      segments: [$0]
      percentage: 100
${ATTRIBUTES("shop")}${NL("shop")}${feature("shop", "nl")}`);
    const service = new LanguageService(workspace);
    const file = fixture.cursor!.file;
    const position = new LineIndex(fixture.files.get(file)!).positionAt(fixture.cursor!.offset);
    const offered = service.doComplete(`${ROOT}/${file}`, position).map((c) => c.label);
    assert.ok(offered.includes("staff"), offered.join(", "));
    assert.ok(!offered.includes("nl"), "the shop set's segment is not offered in the admin set");
    const shop = `${ROOT}/sets/shop/features/banner.yml`;
    const text = fixture.files.get("sets/shop/features/banner.yml")!;
    const definition = service.doDefinition(shop, new LineIndex(text).positionAt(text.indexOf("[nl]") + 1));
    assert.equal(definition?.path, `${ROOT}/sets/shop/segments/nl.yml`);
  });

  it("ignore entity folders at the root, which Featurevisor does not read in a sets project", async () => {
    const { workspace } = await loadFixture(`${SETS_CONFIG}${ATTRIBUTES("shop")}//- /features/stray.yml
description: Stray
`);
    assert.equal(workspace.projectOf(`${ROOT}/features/stray.yml`), undefined);
    assert.deepEqual(workspace.diagnostics(`${ROOT}/features/stray.yml`), []);
  });

  it("reload every set when the config changes, and drop them all when it goes", async () => {
    const { workspace, fs } = await loadFixture(`${SETS_CONFIG}${ATTRIBUTES("a")}${ATTRIBUTES("b")}`);
    fs.write(`${ROOT}/sets/c/attributes/userId.yml`, "description: User\ntype: string\n");
    await workspace.fileEvents([{ path: `${ROOT}/featurevisor.config.js`, type: "changed" }]);
    assert.equal(workspace.projects.size, 3);
    fs.remove(`${ROOT}/featurevisor.config.js`);
    await workspace.fileEvents([{ path: `${ROOT}/featurevisor.config.js`, type: "deleted" }]);
    assert.equal(workspace.projects.size, 0);
  });

  it("are linted together: every set's files count and the config is reported once", async () => {
    const { fs } = await loadFixture(`${SETS_CONFIG}${ATTRIBUTES("admin")}${feature("admin", "nl")}${ATTRIBUTES("shop")}${NL("shop")}`);
    const { projects, diagnostics } = await lintFiles(fs, ROOT, { log: () => undefined });
    assert.deepEqual(
      projects.map((p) => [p.set, p.files.size]),
      [
        ["admin", 3],
        ["shop", 3],
      ],
    );
    assert.deepEqual(
      [...diagnostics].map(([path, list]) => [path, list.map((d) => d.code)]),
      [
        [`${ROOT}/featurevisor.config.js`, ["unsupported-format"]],
        [`${ROOT}/sets/admin/features/banner.yml`, ["unknown-segment"]],
      ],
    );
  });

  it("keep their state apart, as Featurevisor does in .featurevisor/sets/<set>", async () => {
    const { workspace } = await loadFixture(`${SETS_CONFIG}${ATTRIBUTES("shop")}`);
    const shop = workspace.projects.get(`${ROOT}/sets/shop`)!;
    assert.equal(stateFilePath(shop, "production"), `${ROOT}/.featurevisor/sets/shop/existing-state-production.json`);
  });

  it("use Featurevisor's folder names inside a set, whatever the config's directory paths say", async () => {
    const { workspace } = await loadFixture(`//- /featurevisor.config.js
module.exports = { sets: true, featuresDirectoryPath: "flags", environments: ["production"] };
${ATTRIBUTES("shop")}${NL("shop")}${feature("shop", "nl")}`);
    assert.deepEqual(workspace.projects.get(`${ROOT}/sets/shop`)!.keys("feature"), ["banner"]);
  });
});

describe("v3.1 namespaceCharacter", () => {
  const CONFIG = `//- /featurevisor.config.js
module.exports = { namespaceCharacter: "/", environments: ["production"], tags: ["all"] };
//- /attributes/user/id.yml
description: User
type: string
//- /attributes/user/country.yml
description: Country
type: string
//- /segments/audience/nl.yml
description: NL
conditions:
  - attribute: user/country
    operator: equals
    value: nl
`;

  it("joins nested folders into keys with the configured character", () =>
    expectFiles(`${CONFIG}//- /features/checkout/promotion.yml
description: Promotion
tags: [all]
bucketBy: user/id
rules:
  production:
    - key: nl
      segments: audience/nl
      percentage: 100
    - key: typo
      segments: audience.nl
#               ^^^^^^^^^^^ error unknown-segment
      percentage: 100
//- /tests/features/checkout/promotion.spec.yml
feature: checkout/promotion
assertions:
  - environment: production
    at: 10
    context: { user/id: "1", user/country: nl }
    expectedToBeEnabled: true
`));

  it("defaults to '.' in v3 and is read from the config", () => {
    assert.equal(readConfigStatically(`module.exports = { namespaceCharacter: ":" };`).config.namespaceCharacter, ":");
    const bad = readConfigStatically(`module.exports = { namespaceCharacter: "" };`);
    assert.equal(bad.config.namespaceCharacter, undefined);
    assert.match(bad.problems[0].message, /"namespaceCharacter" must be a non-empty string, but it is an empty string/);
  });
});

describe("v3.1 promotionFlows", () => {
  it("are accepted when every entry holds exactly from and to", () => {
    const read = readConfigStatically(`module.exports = { sets: true, promotionFlows: [{ from: "dev", to: "staging" }] };`);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.config.promotionFlows, [{ from: "dev", to: "staging" }]);
    assert.equal(read.config.sets, true);
  });

  it("are reported, as Featurevisor rejects them, when an entry has other fields", () => {
    const read = readConfigStatically(`module.exports = { promotionFlows: [{ from: "dev", to: "staging", when: "x" }] };`);
    assert.equal(read.config.promotionFlows, undefined);
    assert.match(read.problems[0].message, /"promotionFlows" must be a list of/);
  });
});
