// Rename in v3 projects: namespaced keys (the config's namespaceCharacter), sets, targets, and YAML, JSON
// and TOML files. Each rename is applied to a project on disk, which must then lint with 0 errors in
// Flaglens and, when ../shared is present, in the real 3.1 CLI (lint and test) too.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RenameError } from "../../server/src/service/authoring/rename";
import { CodeService } from "../../server/src/service/code/codeService";
import { LanguageService } from "../../server/src/service/languageService";
import { loadFixture, ROOT } from "../support/fixture";
import { copySharedFixture } from "../support/sharedCopy";
import {
  applyEdit,
  cursor,
  flaglensErrors,
  hasOracle,
  oracle,
  readProject,
  renameOnDisk,
  serviceOf,
  writeProject,
} from "../support/renameOnDisk";
import { SHARED_FIXTURES, hasSharedFixtures, requireShared } from "../support/skip";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";

/** Flaglens finds no error; the real 3.1 linter neither, and the project's tests pass, when it is present. */
async function expectClean(dir: string): Promise<void> {
  assert.deepEqual(await flaglensErrors(dir), []);
  if (!hasSharedFixtures() || !hasOracle()) return;
  const lint = oracle(dir, "lint");
  assert.ok(lint.ok, `3.1 lint fails after the rename:\n${lint.output}`);
  const test = oracle(dir, "test");
  assert.ok(test.ok, `3.1 test fails after the rename:\n${test.output}`);
}

/** A v3 project with the default namespace character ".". */
const DOT: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all", "web"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "attributes/country.yml": "description: Country\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "features/checkout.yml": `description: Checkout
tags: [all, web]
bucketBy: userId
variablesSchema:
  color:
    type: string
    defaultValue: red
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: nl
      segments: [nl]
      percentage: 100
      variableOverrides:
        color:
          - segments: nl
            value: orange
          - conditions:
              - attribute: country
                operator: equals
                value: de
            value: black
    - key: everyone
      segments: "*"
      percentage: 0
`,
  "features/promo/banner.yml": `description: Banner
tags: [all, web]
bucketBy: userId
required: [checkout]
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
`,
  "targets/web.yml": `description: Web
tag: web
includeFeatures:
  - checkout
  - "promo.*"
context:
  country: nl
`,
  "tests/checkout.spec.yml": `feature: checkout
assertions:
  - at: 10
    environment: production
    context:
      country: nl
      userId: "1"
    expectedToBeEnabled: true
    expectedVariables:
      color: orange
  - at: 10
    environment: production
    target: web
    context:
      userId: "1"
    expectedToBeEnabled: true
  - matrix:
      target: [web]
    at: 20
    environment: production
    target: \${{ target }}
    context:
      userId: "2"
    expectedToBeEnabled: true
`,
  "tests/nl.spec.yml": `segment: nl
assertions:
  - context:
      country: nl
    expectedToMatch: true
  - context:
      country: de
    expectedToMatch: false
`,
};

describe("rename in v3 projects", function () {
  this.timeout(60000);
  const dirs: string[] = [];
  const project = (files: Record<string, string>) => {
    const dir = writeProject(files);
    dirs.push(dir);
    return dir;
  };
  const shared = (name: string) => {
    const dir = copySharedFixture(name);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("starts from clean projects (the synthetic ones lint with 0 errors)", async () => {
    await expectClean(project(DOT));
  });

  it("renames a segment into a namespace: the file moves to its folder, rules, variableOverrides and tests follow", async () => {
    const dir = project(DOT);
    const edit = await renameOnDisk(dir, "features/checkout.yml", "segments: [n|l]", "countries.netherlands");
    assert.deepEqual(
      edit.renames.map((r) => [path.relative(dir, r.from), path.relative(dir, r.to)]),
      [
        ["segments/nl.yml", "segments/countries/netherlands.yml"],
        ["tests/nl.spec.yml", "tests/countries/netherlands.spec.yml"],
      ],
    );
    const after = readProject(dir);
    assert.match(after["features/checkout.yml"], /segments: \[countries\.netherlands\]/);
    assert.match(after["features/checkout.yml"], /- segments: countries\.netherlands\n/);
    assert.ok(!after["tests/nl.spec.yml"], "the spec named after the segment moves with it");
    assert.match(after["tests/countries/netherlands.spec.yml"], /^segment: countries\.netherlands\n/);
    await expectClean(dir);
  });

  it("renames a feature: its file, required, a target's exact key and the tests' feature; globs that keep matching stay", async () => {
    const dir = project(DOT);
    await renameOnDisk(dir, "tests/checkout.spec.yml", "feature: c|heckout", "shop.checkout");
    const after = readProject(dir);
    assert.ok(after["features/shop/checkout.yml"] && !after["features/checkout.yml"]);
    assert.match(after["features/promo/banner.yml"], /required: \[shop\.checkout\]/);
    assert.match(after["targets/web.yml"], /- shop\.checkout\n {2}- "promo\.\*"/);
    assert.match(after["tests/shop/checkout.spec.yml"], /^feature: shop\.checkout\n/);
    await expectClean(dir);

    // A rename that stays inside the glob is fine.
    await renameOnDisk(dir, "features/promo/banner.yml", "description", "promo.big-banner");
    assert.ok(fs.existsSync(path.join(dir, "features/promo/big-banner.yml")));
    await expectClean(dir);
  });

  it("refuses a feature rename that would change what a target's glob selects, naming the target and the pattern", async () => {
    const dir = project(DOT);
    const service = await serviceOf(dir);
    const { path: file, position } = cursor(dir, "features/promo/banner.yml", "description");
    assert.throws(
      () => service.doRename(file, position, "offers.banner"),
      (e: unknown) =>
        e instanceof RenameError &&
        /target "web"/.test(e.message) &&
        /includeFeatures "promo\.\*" matches "promo\.banner" but not "offers\.banner"/.test(e.message),
    );
    // And one that would make a feature join a glob.
    const checkout = cursor(dir, "features/checkout.yml", "description");
    assert.throws(
      () => service.doRename(checkout.path, checkout.position, "promo.checkout"),
      (e: unknown) => e instanceof RenameError && /matches "promo\.checkout" but not "checkout"/.test(e.message),
    );
  });

  it("renames an attribute: conditions, variableOverrides, a target's context key and tests' context keys", async () => {
    const dir = project(DOT);
    const service = await serviceOf(dir);
    const at = cursor(dir, "segments/nl.yml", "attribute: c|ountry");
    // A "." in a condition's attribute is a property path for Featurevisor: no attribute key may have one.
    assert.throws(
      () => service.doRename(at.path, at.position, "geo.country"),
      (e: unknown) => e instanceof RenameError && /cannot be an attribute key/.test(e.message),
    );
    await renameOnDisk(dir, "segments/nl.yml", "attribute: c|ountry", "geo_country");
    const after = readProject(dir);
    assert.ok(after["attributes/geo_country.yml"] && !after["attributes/country.yml"]);
    assert.match(after["segments/nl.yml"], /attribute: geo_country/);
    assert.match(after["features/checkout.yml"], /- attribute: geo_country/);
    assert.match(after["targets/web.yml"], /context:\n {2}geo_country: nl/);
    assert.match(after["tests/checkout.spec.yml"], /context:\n {6}geo_country: nl/);
    assert.equal(after["tests/nl.spec.yml"].match(/geo_country: /g)?.length, 2);
    await expectClean(dir);
  });

  it("renames a target from a test's `target:` and from its own file; the target's file moves", async () => {
    const dir = project(DOT);
    const edit = await renameOnDisk(dir, "tests/checkout.spec.yml", "target: w|eb", "channels.web");
    assert.deepEqual(
      edit.renames.map((r) => path.relative(dir, r.to)),
      ["targets/channels/web.yml"],
    );
    assert.match(readProject(dir)["tests/checkout.spec.yml"], /target: channels\.web\n/);
    assert.match(readProject(dir)["tests/checkout.spec.yml"], /target: \[channels\.web\]\n/, "the matrix's target list follows");
    await expectClean(dir);
    await renameOnDisk(dir, "targets/channels/web.yml", "description", "browser");
    assert.match(readProject(dir)["tests/checkout.spec.yml"], /target: browser\n/);
    await expectClean(dir);
  });

  it("refuses keys that do not fit the namespace character, taken keys and files that exist", async () => {
    const dir = project({ ...DOT, "segments/de.yaml": "description: DE\nconditions: []\n" });
    const service = await serviceOf(dir);
    const { path: file, position } = cursor(dir, "tests/nl.spec.yml", "segment: n|l");
    const refused = (key: string, pattern: RegExp) =>
      assert.throws(
        () => service.doRename(file, position, key),
        (e: unknown) => e instanceof RenameError && pattern.test(e.message),
        key,
      );
    refused("countries/nl", /"\/" is not the namespace character here \("\." is\)/);
    for (const key of ["a..b", ".nl", "nl.", "", "a b", "a\\b", "../x"]) refused(key, /not a valid segment key in this project/);
    refused("de", /already exists/);
  });

  it("refuses to rename a file whose name has the namespace character in it", async () => {
    const dir = project({ ...DOT, "segments/de.v2.yml": "description: DE\nconditions: []\n" });
    const service = await serviceOf(dir);
    const { path: file, position } = cursor(dir, "segments/de.v2.yml", "description");
    assert.throws(
      () => service.doRename(file, position, "germany"),
      (e: unknown) => e instanceof RenameError && /segments\/de\.v2\.yml has the namespace character "\." in it/.test(e.message),
    );
  });

  it("keeps a YAML key that would read as a number or boolean a string, by quoting it", async () => {
    const dir = project(DOT);
    await renameOnDisk(dir, "tests/nl.spec.yml", "segment: n|l", "2024");
    assert.match(readProject(dir)["features/checkout.yml"], /segments: \["2024"\]/);
    assert.match(readProject(dir)["tests/2024.spec.yml"], /^segment: "2024"\n/);
    await expectClean(dir);
  });

  it("stays inside its set: the other set's files with the same key are not touched", async () => {
    const set = (name: string) => ({
      [`sets/${name}/attributes/userId.yml`]: DOT["attributes/userId.yml"],
      [`sets/${name}/attributes/country.yml`]: DOT["attributes/country.yml"],
      [`sets/${name}/segments/nl.yml`]: DOT["segments/nl.yml"],
      [`sets/${name}/features/checkout.yml`]: DOT["features/checkout.yml"],
      [`sets/${name}/tests/nl.spec.yml`]: DOT["tests/nl.spec.yml"],
    });
    const dir = project({
      "featurevisor.config.js": `module.exports = { sets: true, environments: ["staging", "production"], tags: ["all", "web"] };\n`,
      ...set("admin"),
      ...set("shop"),
    });
    const before = readProject(dir);
    const edit = await renameOnDisk(dir, "sets/shop/features/checkout.yml", "segments: [n|l]", "netherlands");
    assert.deepEqual([...edit.edits.map((e) => path.relative(dir, e.path)), ...edit.renames.map((r) => path.relative(dir, r.to))].sort(), [
      "sets/shop/features/checkout.yml",
      "sets/shop/segments/netherlands.yml",
      "sets/shop/tests/netherlands.spec.yml",
      "sets/shop/tests/nl.spec.yml",
    ]);
    const after = readProject(dir);
    for (const rel of Object.keys(before).filter((r) => r.startsWith("sets/admin/"))) assert.equal(after[rel], before[rel], rel);
    await expectClean(dir);
  });

  it('renames with namespaceCharacter "/": slash keys are folders, and "." is part of a name', async () => {
    const files: Record<string, string> = {};
    for (const [rel, text] of Object.entries(DOT)) files[rel] = text;
    files["featurevisor.config.js"] =
      `module.exports = { namespaceCharacter: "/", environments: ["staging", "production"], tags: ["all", "web"] };\n`;
    files["targets/web.yml"] = DOT["targets/web.yml"].replace('"promo.*"', '"promo/*"');
    const dir = project(files);
    await expectClean(dir);
    await renameOnDisk(dir, "features/checkout.yml", "description", "shop/checkout.v2");
    const after = readProject(dir);
    assert.ok(after["features/shop/checkout.v2.yml"]);
    assert.match(after["features/promo/banner.yml"], /required: \[shop\/checkout\.v2\]/);
    assert.match(after["targets/web.yml"], /- shop\/checkout\.v2\n/);
    await expectClean(dir);
    await renameOnDisk(dir, "segments/nl.yml", "attribute: c|ountry", "user/country");
    assert.match(readProject(dir)["tests/nl.spec.yml"], /user\/country: de/);
    await expectClean(dir);
  });

  it("renames in a JSON project: the file keeps its extension and every edit keeps valid JSON", async () => {
    const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
    const dir = project({
      "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"], parser: "json" };\n`,
      "attributes/userId.json": json({ description: "User", type: "string" }),
      "attributes/country.json": json({ description: "Country", type: "string" }),
      "segments/nl.json": json({ description: "NL", conditions: [{ attribute: "country", operator: "equals", value: "nl" }] }),
      "features/banner.json": json({
        description: "Banner",
        tags: ["all"],
        bucketBy: "userId",
        rules: {
          staging: [{ key: "everyone", segments: "*", percentage: 100 }],
          production: [{ key: "nl", segments: ["nl"], percentage: 100 }],
        },
      }),
      "targets/all.json": json({ description: "All", tag: "all", context: { country: "nl" } }),
      "tests/banner.feature.json": json({
        feature: "banner",
        assertions: [{ at: 10, environment: "production", target: "all", context: { country: "nl" }, expectedToBeEnabled: true }],
      }),
    });
    await expectClean(dir);
    await renameOnDisk(dir, "segments/nl.json", "description", "countries.netherlands");
    await renameOnDisk(dir, "segments/countries/netherlands.json", '"c|ountry"', "geo-country");
    await renameOnDisk(dir, "tests/banner.feature.json", '"a|ll"', "everything");
    const after = readProject(dir);
    for (const [rel, text] of Object.entries(after)) if (rel.endsWith(".json")) JSON.parse(text);
    assert.deepEqual(JSON.parse(after["targets/everything.json"]).context, { "geo-country": "nl" });
    assert.deepEqual(JSON.parse(after["tests/banner.feature.json"]).assertions[0].context, { "geo-country": "nl" });
    assert.equal(JSON.parse(after["tests/banner.feature.json"]).assertions[0].target, "everything");
    assert.deepEqual(JSON.parse(after["features/banner.json"]).rules.production[0].segments, ["countries.netherlands"]);
    await expectClean(dir);
  });

  it("renames in a TOML project: a slash key becomes a quoted TOML key, values keep their quotes", async () => {
    const dir = project({
      "featurevisor.config.js": `module.exports = {
  namespaceCharacter: "/",
  environments: ["staging", "production"],
  tags: ["all"],
  parser: { extension: "toml", parse: (content) => require("toml").parse(content) },
};
`,
      "attributes/userId.toml": 'description = "User"\ntype = "string"\n',
      "attributes/country.toml": 'description = "Country"\ntype = "string"\n',
      "segments/nl.toml": 'description = "NL"\n\n[[conditions]]\nattribute = "country"\noperator = "equals"\nvalue = "nl"\n',
      "features/banner.toml": `description = "Banner"
tags = [ "all" ]
bucketBy = "userId"

[[rules.staging]]
key = "everyone"
segments = "*"
percentage = 100

[[rules.production]]
key = "nl"
segments = [ 'nl' ]
percentage = 100
`,
      "targets/all.toml": 'description = "All"\ntag = "all"\n\n[context]\ncountry = "nl"\n',
      "tests/nl.segment.toml": 'segment = "nl"\n\n[[assertions]]\nexpectedToMatch = true\n\n[assertions.context]\ncountry = "nl"\n',
    });
    await expectClean(dir);
    await renameOnDisk(dir, "segments/nl.toml", '"c|ountry"', "geo/country");
    await renameOnDisk(dir, "features/banner.toml", "'n|l'", "netherlands");
    const after = readProject(dir);
    assert.ok(after["attributes/geo/country.toml"] && after["segments/netherlands.toml"]);
    assert.match(after["targets/all.toml"], /\[context\]\n"geo\/country" = "nl"/);
    assert.match(after["tests/nl.segment.toml"], /^segment = "netherlands"\n[^]*\n"geo\/country" = "nl"/);
    assert.match(after["features/banner.toml"], /segments = \[ 'netherlands' \]/);
    await expectClean(dir);
    // A quoted TOML key stays quoted (a bare one stays bare where it can: see the shared TOML project).
    await renameOnDisk(dir, "segments/netherlands.toml", '"g|eo/country"', "land");
    assert.match(readProject(dir)["targets/all.toml"], /\[context\]\n"land" = "nl"/);
    await expectClean(dir);
  });

  describe("over the shared v3.1 fixtures", () => {
    before(function () {
      requireShared(this);
    });

    it("v3.1-example-targets: a target and a feature named by a target", async () => {
      const dir = shared("v3.1-example-targets");
      await renameOnDisk(dir, "targets/selected-web.yml", "description", "web.selected");
      assert.ok(fs.existsSync(path.join(dir, "targets/web/selected.yml")));
      assert.doesNotMatch(readProject(dir)["tests/features/checkout.spec.yml"], /target: selected-web/);
      await expectClean(dir);
      // `checkout` is an exact key of selected-web; the new key stays outside its `browser*` glob.
      await renameOnDisk(dir, "features/checkout.yml", "description", "shop.checkout");
      assert.match(readProject(dir)["targets/web/selected.yml"], /- shop\.checkout\n/);
      await expectClean(dir);
    });

    it("v3.1-example-targets: renaming a feature into a target's glob is refused", async () => {
      const dir = shared("v3.1-example-targets");
      const service = await serviceOf(dir);
      const { path: file, position } = cursor(dir, "features/checkout.yml", "description");
      assert.throws(
        () => service.doRename(file, position, "browserCheckout"),
        (e: unknown) => e instanceof RenameError && /target "selected-web"/.test(e.message) && /"browser\*"/.test(e.message),
      );
    });

    it("v3.1-example-sets: a segment of one set, the other set untouched", async () => {
      const dir = shared("v3.1-example-sets");
      const before = readProject(dir);
      await renameOnDisk(dir, "sets/storefront/segments/netherlands.yml", "description", "countries.nl");
      const after = readProject(dir);
      assert.ok(after["sets/storefront/segments/countries/nl.yml"]);
      for (const rel of Object.keys(before).filter((r) => r.startsWith("sets/admin/"))) assert.equal(after[rel], before[rel], rel);
      await expectClean(dir);
    });

    it("v3.1-example-namespace-slash: a slash-namespaced feature and attribute", async () => {
      const dir = shared("v3.1-example-namespace-slash");
      await renameOnDisk(dir, "tests/features/checkout/promotion.spec.yml", "feature: c|heckout/promotion", "checkout/offers/promotion");
      assert.ok(fs.existsSync(path.join(dir, "features/checkout/offers/promotion.yml")));
      await expectClean(dir);
      await renameOnDisk(dir, "features/checkout/offers/promotion.yml", "bucketBy: u|ser/id", "user/uid");
      assert.ok(fs.existsSync(path.join(dir, "tests/features/checkout/offers/promotion.spec.yml")), "the spec follows its feature");
      assert.match(readProject(dir)["tests/features/checkout/offers/promotion.spec.yml"], /user\/uid: user-123/);
      await expectClean(dir);
    });

    for (const [name, ext] of [
      ["v3.1-example-toml", "toml"],
      ["v3.1-example-json", "json"],
    ] as const) {
      it(`${name}: a segment and an attribute, files keep .${ext}`, async () => {
        const dir = shared(name);
        await renameOnDisk(dir, `segments/netherlands.${ext}`, "description", "countries.nl");
        assert.ok(fs.existsSync(path.join(dir, `segments/countries/nl.${ext}`)));
        await renameOnDisk(dir, `segments/countries/nl.${ext}`, '"c|ountry"', "geoCountry");
        assert.ok(fs.existsSync(path.join(dir, `attributes/geoCountry.${ext}`)));
        const test = readProject(dir)[`tests/netherlands.segment.${ext}`];
        assert.match(test, ext === "toml" ? /\ngeoCountry = "nl"\n/ : /"geoCountry": "nl"/);
        await expectClean(dir);
      });
    }
  });

  it("every v3.1 fixture: a segment, an attribute, a feature and a target renamed, then linted and tested by the real 3.1 CLI", async function () {
    requireShared(this);
    const names = fs.readdirSync(SHARED_FIXTURES).filter((n) => n.startsWith("v3.1-"));
    assert.ok(names.length >= 5, names.join());
    let renamed = 0;
    const refused: string[] = [];
    for (const name of names) {
      const dir = shared(name);
      for (const kind of ["segment", "attribute", "feature", "target"] as const) {
        const { projects } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
        const entry = projects
          .flatMap((p) => p.entries(kind))
          .sort((a, b) => a.path.localeCompare(b.path))
          .find((e) => e.doc !== undefined);
        if (!entry) continue;
        const service = await serviceOf(dir);
        try {
          const edit = service.doRename(entry.path, { line: 0, character: 0 }, `${entry.key}Renamed`)!;
          applyEdit(edit);
          renamed++;
        } catch (e) {
          // Only a target's glob may stop a rename of a fixture's key.
          assert.ok(e instanceof RenameError && /would change what a target selects/.test(e.message), `${name} ${kind}: ${String(e)}`);
          refused.push(`${name} ${kind} ${entry.key}`);
          continue;
        }
        assert.deepEqual(await flaglensErrors(dir), [], `${name}: after renaming ${kind} ${entry.key}`);
      }
      if (!hasOracle()) continue;
      // example-1's config loads a local plugin that the fixture leaves out: a stub stands in for it.
      if (
        fs.existsSync(path.join(dir, "featurevisor.config.js")) &&
        /plugins\/example/.test(fs.readFileSync(path.join(dir, "featurevisor.config.js"), "utf8"))
      ) {
        fs.mkdirSync(path.join(dir, "plugins"), { recursive: true });
        fs.writeFileSync(
          path.join(dir, "plugins/example.js"),
          'module.exports = { command: "example", handler: async () => {}, examples: [] };\n',
        );
      }
      const lint = oracle(dir, "lint");
      assert.ok(lint.ok, `${name}: 3.1 lint fails after the renames:\n${lint.output}`);
      const test = oracle(dir, "test");
      assert.ok(test.ok, `${name}: 3.1 test fails after the renames:\n${test.output}`);
    }
    assert.ok(renamed >= names.length * 3, `${renamed} renames; refused: ${refused.join(", ")}`);
  });

  it("applies nothing for the key it already has", async () => {
    const dir = project(DOT);
    const service = await serviceOf(dir);
    const { path: file, position } = cursor(dir, "tests/nl.spec.yml", "segment: n|l");
    assert.deepEqual(service.doRename(file, position, "nl"), { edits: [], renames: [] });
    applyEdit({ edits: [], renames: [] });
  });
});

describe("rename of a feature in a set, and the code that names it", () => {
  const set = (name: string, features: string[]) =>
    `//- /sets/${name}/attributes/userId.yml\ndescription: User\ntype: string\n` +
    features
      .map(
        (f) =>
          `//- /sets/${name}/features/${f}.yml\ndescription: ${f}\ntags: [all]\nbucketBy: userId\nrules:\n  production: [{ key: "1", segments: "*", percentage: 100 }]\n`,
      )
      .join("");
  const CODE = `const a = f.isEnabled("banner");\nconst b = f.isEnabled("promo");\n`;

  async function renamed(feature: string, newKey: string) {
    const { workspace } = await loadFixture(
      `//- /featurevisor.config.js\nmodule.exports = { sets: true, environments: ["production"], tags: ["all"] };\n` +
        set("admin", ["banner"]) +
        set("shop", ["banner", "promo"]) +
        `//- /src/app.ts\n${CODE}`,
    );
    const code = new CodeService(workspace);
    code.updateFile(`${ROOT}/src/app.ts`, CODE);
    const service = new LanguageService(workspace, code);
    const edit = service.doRename(`${ROOT}/sets/shop/features/${feature}.yml`, { line: 0, character: 1 }, newKey)!;
    return edit.edits.filter((e) => e.path === `${ROOT}/src/app.ts`).flatMap((e) => e.edits.map((x) => [x.range.start.line, x.newText]));
  }

  it("rewrites code only where no other set has a feature of that key", async () => {
    assert.deepEqual(await renamed("promo", "offer"), [[1, "offer"]]);
    assert.deepEqual(await renamed("banner", "hero"), []);
  });
});
