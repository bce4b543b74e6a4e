// What the builder of each version writes into a datafile, on small inline projects that need no
// ../shared: the allocation of a first variation that weighs 0 (fixed in 1.22.1, so a 1.11 pin keeps the
// old behaviour), and the variable mutations of 2.14 and later (`"config.width": 1500`, `tags:append`,
// object overrides as path maps), and what `stringify: false` changes under a v3 target's context. The same cases run against the real 3.1 builder and SDK in
// test/diff/evaluationTargets.test.ts (fixture v3.1-example-1).

import * as assert from "node:assert/strict";
import { evaluateFeature, targetSelection } from "../../server/src/service/evaluation";
import { rangesAfter } from "../../server/src/service/evaluation/allocation";
import { mutateValue, resolveOverrideValue, resolveVariables, rootVariable } from "../../server/src/service/evaluation/mutations";
import { BASE, fixtureProject, v1, v2 } from "../support/evaluationFixture";

const ZERO_FIRST = `variations:\n  - value: control\n    weight: 0\n  - value: treatment\n    weight: 100\n`;
const ALL = `rules:\n- key: all\n  segments: "*"\n  percentage: 100\n`;
const V1_CONFIG = `//- /featurevisor.config.js\nmodule.exports = { environments: ["staging", "production"], tags: ["all"] };\n`;

describe("builder: a first variation of weight 0", () => {
  it("a fill of exactly 0 keeps the free ranges since 1.22.1, and drops them before", () => {
    assert.deepEqual(rangesAfter([[0, 10]], 0, true), [[0, 10]]);
    assert.deepEqual(rangesAfter([[0, 10]], 0, false), []);
    // Only exactly 0: a negative fill drops everything in every version.
    assert.deepEqual(rangesAfter([[0, 10]], -1, true), []);
  });

  it("v2 and v3 (newest rules): the second variation takes all the traffic", async () => {
    for (const config of [V1_CONFIG, V1_CONFIG.replace('tags: ["all"]', 'tags: ["all"], namespaceCharacter: "."')]) {
      const p = await fixtureProject(config + BASE + v2("pricing", ZERO_FIRST, ALL));
      assert.equal(p.format, config.includes("namespaceCharacter") ? "v3" : "v2");
      for (const userId of ["u-1", "u-2", "u-3"]) {
        const e = evaluateFeature(p, "pricing", "production", { userId });
        assert.deepEqual([e.enabled, e.variation], [true, "treatment"], `${p.format} ${userId}: ${e.reason}`);
      }
    }
  });

  it("a v1 project pinned to @featurevisor/cli 1.11 allocates nothing (the builder before 1.22.1); unpinned, 1.35's rules apply", async () => {
    const v1Rules = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
    const files = V1_CONFIG + BASE + v1("pricing", ZERO_FIRST, v1Rules);
    const pinned = await fixtureProject(`${files}//- /package.json\n{ "devDependencies": { "@featurevisor/cli": "^1.11.1" } }\n`);
    assert.equal(pinned.version?.version, "1.11");
    const old = evaluateFeature(pinned, "pricing", "production", { userId: "u-1" });
    assert.deepEqual([old.enabled, old.variation], [true, null], old.reason);
    const unpinned = await fixtureProject(files);
    assert.equal(unpinned.version?.version, "1.35");
    const now = evaluateFeature(unpinned, "pricing", "production", { userId: "u-1" });
    assert.deepEqual([now.enabled, now.variation], [true, "treatment"], now.reason);
  });
});

describe("builder: variable mutations (2.14 and later)", () => {
  const items = [
    { id: "1", name: "a" },
    { id: "2", name: "b" },
  ];

  it("applies a path, an index, a selector and each operation to a copy", () => {
    const config = { theme: "light", size: { width: 1 } };
    assert.deepEqual(mutateValue(config, "size.width", 2), { theme: "light", size: { width: 2 } });
    assert.deepEqual(config.size.width, 1, "the input is not touched");
    assert.deepEqual(mutateValue(config, "theme:remove", null), { size: { width: 1 } });
    assert.deepEqual(mutateValue(["x", "y"], "[0]", "z"), ["z", "y"]);
    assert.deepEqual(mutateValue(["x", "y"], ":append", "z"), ["x", "y", "z"]);
    assert.deepEqual(mutateValue(["x", "y"], ":prepend", "z"), ["z", "x", "y"]);
    assert.deepEqual(mutateValue(["x", "y"], "[1]:remove", null), ["x"]);
    assert.deepEqual(mutateValue(items, "[id=2]:before", { id: "1b" }), [items[0], { id: "1b" }, items[1]]);
    assert.deepEqual(mutateValue(items, '[id="1"]:after', { id: "1b" }), [items[0], { id: "1b" }, items[1]]);
    assert.deepEqual(mutateValue(items, "[id=2]:remove", null), [items[0]]);
    assert.deepEqual(mutateValue(items, "[1].name", "B"), [items[0], { id: "2", name: "B" }]);
    assert.deepEqual(mutateValue({ rows: [] }, "rows:append", 1), { rows: [1] });
    // Paths that lead nowhere, and a selector that finds nothing, change nothing.
    assert.deepEqual(mutateValue(config, "missing.deep", 1), config);
    assert.deepEqual(mutateValue(items, "[id=9]:remove", null), items);
    assert.equal(mutateValue(null, "a", 1), null);
  });

  it("names the variable a key mutates", () => {
    assert.equal(rootVariable("items[id=2]:after"), "items");
    assert.equal(rootVariable("payload.rows[0].label"), "payload");
    assert.equal(rootVariable("tags:append"), "tags");
    assert.equal(rootVariable("title"), "title");
  });

  const schema = {
    title: { type: "string", defaultValue: "T" },
    config: { type: "object", defaultValue: { theme: "light", width: 1 } },
    tags: { type: "array", defaultValue: ["a"] },
    empty: { type: "object", defaultValue: null },
  };

  it("resolves variables from the defaults, keys shortest first, declared variables only", () => {
    assert.deepEqual(resolveVariables(schema, { "config.width": 2, "tags:append": "b", tags: ["x"], undeclared: 1, "empty.a": 1 }), {
      config: { theme: "light", width: 2 },
      tags: ["x", "b"],
      empty: undefined,
    });
    assert.equal(resolveVariables(schema, { undeclared: 1 }), undefined);
    assert.equal(resolveVariables(undefined, { title: "x" }), undefined);
    assert.equal(resolveVariables(schema, {}), undefined);
  });

  it("an object override is a path map applied on its base, else on the default; other values stand", () => {
    assert.deepEqual(resolveOverrideValue(schema, "config", { width: 3 }, { theme: "dark", width: 2 }), { theme: "dark", width: 3 });
    assert.deepEqual(resolveOverrideValue(schema, "config", { width: 3 }, undefined), { theme: "light", width: 3 });
    assert.deepEqual(resolveOverrideValue(schema, "tags", ["z"], ["y"]), ["z"]);
    assert.equal(resolveOverrideValue(schema, "title", "x", "y"), "x");
    assert.deepEqual(resolveOverrideValue(schema, "undeclared", { a: 1 }, undefined), { a: 1 });
  });

  const MUTATING = `variablesSchema:
  config:
    type: object
    defaultValue: { theme: light, width: 1200 }
  tags:
    type: array
    defaultValue: [a, b]
variations:
  - value: on
    weight: 100
    variables:
      config.width: 1500
    variableOverrides:
      config:
        - segments: de
          value: { theme: dark }
`;
  const RULES = `rules:\n- key: all\n  segments: "*"\n  percentage: 100\n  variables:\n    "tags:append": c\n    "tags[0]": z\n`;

  it("evaluation serves the resolved values in a v3 project; a v2 project pinned before 2.14 keeps the keys as they are", async () => {
    const v3Config = `//- /featurevisor.config.js\nmodule.exports = { environments: ["staging", "production"], tags: ["all"], namespaceCharacter: "." };\n`;
    const p = await fixtureProject(v3Config + BASE + v2("mutating", MUTATING, RULES));
    assert.equal(p.format, "v3");
    const nl = evaluateFeature(p, "mutating", "production", { userId: "u-1", country: "nl" });
    assert.deepEqual(nl.variables, { config: { theme: "light", width: 1500 }, tags: ["z", "b", "c"] });
    const de = evaluateFeature(p, "mutating", "production", { userId: "u-1", country: "de" });
    assert.deepEqual(de.variables.config, { theme: "dark", width: 1500 });

    const old = await fixtureProject(
      V1_CONFIG + BASE + v2("mutating", MUTATING, RULES) + `//- /package.json\n{ "dependencies": { "@featurevisor/cli": "2.13.0" } }\n`,
    );
    assert.deepEqual([old.format, old.version?.version], ["v2", "2.13"]);
    const before = evaluateFeature(old, "mutating", "production", { userId: "u-1", country: "de" });
    assert.deepEqual(before.variables, { config: { theme: "dark" }, tags: ["a", "b"] });
  });
});

describe("builder: `stringify: false` under a target's context (3.x)", () => {
  const project = (stringify: string) => `//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all"]${stringify} };
//- /attributes/userId.yml
description: User
type: string
//- /attributes/platform.yml
description: Platform
type: string
//- /attributes/browser.yml
description: Browser
type: string
//- /segments/webChrome.yml
description: Web and Chrome
conditions:
  and:
    - attribute: platform
      operator: equals
      value: web
    - attribute: browser
      operator: equals
      value: chrome
//- /targets/web.yml
description: Web
tag: all
context:
  platform: web
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  production:
    - key: r
      segments: webChrome
      percentage: 100
`;
  const WEB = targetSelection("web", { tag: "all", context: { platform: "web" } });
  const iosChrome = { userId: "u-1", platform: "ios", browser: "chrome" };

  it("settles a segment's own conditions, so the SDK reads what the context left of them", async () => {
    const p = await fixtureProject(project(", stringify: false"));
    assert.equal(p.config.stringify, false);
    assert.equal(evaluateFeature(p, "f", "production", iosChrome, { target: WEB }).enabled, true);
    assert.equal(evaluateFeature(p, "f", "production", { ...iosChrome, browser: "firefox" }, { target: WEB }).enabled, false);
  });

  it("with `stringify` on (the default) a segment's conditions are text and stay whole", async () => {
    const p = await fixtureProject(project(""));
    assert.equal(p.config.stringify, true);
    assert.equal(evaluateFeature(p, "f", "production", iosChrome, { target: WEB }).enabled, false);
    assert.equal(evaluateFeature(p, "f", "production", { ...iosChrome, platform: "web" }, { target: WEB }).enabled, true);
  });
});
