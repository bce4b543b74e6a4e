// The evaluation engine on small inline projects: variables, required features, groups, datafile
// membership (archived, expose, tags), environments and the builder's existing state.

import * as assert from "node:assert/strict";
import { evaluateAll, evaluateFeature, parseExistingState, type EvaluationState } from "../../server/src/service/evaluation";
import { FORMATS, fixtureProject, load, outcome, userAt, v1, v2 } from "../support/evaluationFixture";

describe("evaluation: variables", () => {
  const schemaV1 = `variablesSchema:
  - key: color
    type: string
    defaultValue: red
  - key: config
    type: json
    defaultValue: '{"a": 1}'
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      - key: color
        value: blue
        overrides:
          - segments: nl
            value: orange
          - conditions:
              - attribute: country
                operator: equals
                value: de
            value: black
`;
  const schemaV2 = `variablesSchema:
  color:
    type: string
    defaultValue: red
  config:
    type: json
    defaultValue: '{"a": 1}'
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      color: blue
    variableOverrides:
      color:
        - segments: nl
          value: orange
        - conditions:
            - attribute: country
              operator: equals
              value: de
          value: black
`;
  const rules = `force:\n  - conditions:\n      - attribute: userId\n        operator: equals\n        value: tester\n    enabled: true\n    variation: treatment\n    variables:\n      color: purple\nrules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
  const prodRules = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n    variables:\n      color: green\n`;

  for (const { name, feature, schema } of [
    { ...FORMATS[0], schema: schemaV1 },
    { ...FORMATS[1], schema: schemaV2 },
  ]) {
    it(`${name}: defaults, variation values, overrides by segments and conditions, rule and force values; json parsed`, async () => {
      const p = await load(feature("f", schema, rules, prodRules));
      const control = userAt("f", (b) => b < 50000);
      const treatment = userAt("f", (b) => b > 50000);
      assert.deepEqual(evaluateFeature(p, "f", "staging", { userId: control }).variables, { color: "red", config: { a: 1 } });
      assert.deepEqual(evaluateFeature(p, "f", "staging", { userId: treatment }).variables, { color: "blue", config: { a: 1 } });
      assert.equal(evaluateFeature(p, "f", "staging", { userId: treatment, country: "nl" }).variables.color, "orange");
      assert.equal(evaluateFeature(p, "f", "staging", { userId: treatment, country: "de" }).variables.color, "black");
      assert.equal(evaluateFeature(p, "f", "staging", { userId: control, country: "de" }).variables.color, "red");
      assert.equal(evaluateFeature(p, "f", "staging", { userId: "tester" }).variables.color, "purple");
      assert.equal(evaluateFeature(p, "f", "production", { userId: treatment, country: "nl" }).variables.color, "green");
    });
  }

  it("v1: a rule's variation does not pick the variables (the allocated variation does)", async () => {
    const p = await load(v1("f", schemaV1, `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n    variation: treatment\n`));
    const e = evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b < 50000) });
    assert.deepEqual([e.variation, e.variables.color], ["treatment", "red"]);
  });

  it("v2: a rule's variation does pick the variables", async () => {
    const p = await load(v2("f", schemaV2, `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n    variation: treatment\n`));
    const e = evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b < 50000) });
    assert.deepEqual([e.variation, e.variables.color], ["treatment", "blue"]);
  });

  it("v2: a disabled feature serves disabledValue, the default with useDefaultWhenDisabled, else null", async () => {
    const p = await load(
      v2(
        "f",
        "variablesSchema:\n  a:\n    type: string\n    defaultValue: A\n  b:\n    type: string\n    defaultValue: B\n    useDefaultWhenDisabled: true\n  c:\n    type: string\n    defaultValue: C\n    disabledValue: off\n",
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 0\n`,
      ),
    );
    assert.deepEqual(evaluateFeature(p, "f", "staging", { userId: "u" }).variables, { a: null, b: "B", c: "off" });
  });

  it("v2: a required feature that does not declare a variable nulls that variable (the SDK carries the key along)", async () => {
    const p = await load(
      v2(
        "base",
        "variablesSchema:\n  shared:\n    type: string\n    defaultValue: base\n",
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`,
      ) +
        v2(
          "f",
          "required: [base]\nvariablesSchema:\n  shared:\n    type: string\n    defaultValue: S\n  own:\n    type: string\n    defaultValue: O\n",
          `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`,
        ),
    );
    const e = evaluateFeature(p, "f", "staging", { userId: "u" });
    assert.deepEqual([e.enabled, e.variables], [true, { shared: "S", own: null }]);
    assert.match(e.reason, /variable "own" disabled \(required feature "base" is disabled \("base" does not declare variable "own"\)\)/);
  });
});

describe("evaluation: required features", () => {
  for (const { name, feature } of FORMATS) {
    it(`${name}: a feature needs its required features enabled, and with the required variation`, async () => {
      const variations = "variations:\n  - value: a\n    weight: 50\n  - value: b\n    weight: 50\n";
      const all = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
      const p = await load(
        feature("base", variations, `rules:\n  - key: nl\n    segments: nl\n    percentage: 100\n`) +
          feature("plain", "required: [base]\n", all) +
          feature("withVariation", "required:\n  - key: base\n    variation: b\n", all),
      );
      const a = userAt("base", (b) => b < 50000);
      const b = userAt("base", (x) => x > 50000);
      assert.equal(
        evaluateFeature(p, "plain", "staging", { userId: a }).reason,
        'required feature "base" is disabled' + (name === "v2" ? " (no matching rule)" : ""),
      );
      assert.equal(evaluateFeature(p, "plain", "staging", { userId: a, country: "nl" }).enabled, true);
      assert.equal(
        evaluateFeature(p, "withVariation", "staging", { userId: a, country: "nl" }).reason,
        'required feature "base" has variation "a", not "b"',
      );
      assert.equal(evaluateFeature(p, "withVariation", "staging", { userId: b, country: "nl" }).enabled, true);
    });
  }
});

describe("evaluation: mutually exclusive groups", () => {
  for (const { name, feature } of FORMATS) {
    it(`${name}: a feature is enabled only in its slot; the boundary bucket is in no slot`, async () => {
      const all = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
      const p = await load(
        feature("a", "", all) +
          feature("b", "", all) +
          "//- /groups/g.yml\ndescription: g\nslots:\n  - feature: a\n    percentage: 50\n  - feature: b\n    percentage: 50\n",
      );
      assert.equal(evaluateFeature(p, "a", "staging", { userId: userAt("a", (x) => x < 50000) }).enabled, true);
      const outside = evaluateFeature(p, "a", "staging", { userId: userAt("a", (x) => x > 50000) });
      assert.deepEqual([outside.enabled, /outside the group slot/.test(outside.reason)], [false, true]);
      assert.equal(evaluateFeature(p, "a", "staging", { userId: userAt("a", (x) => x === 50000) }).enabled, false);
      assert.equal(evaluateFeature(p, "b", "staging", { userId: userAt("b", (x) => x === 50000) }).enabled, false);
      assert.equal(evaluateFeature(p, "b", "staging", { userId: userAt("b", (x) => x === 50001) }).enabled, true);
    });
  }
});

describe("evaluation: datafile membership (archived, expose, tags) and environments", () => {
  it("v1: archived features, features not exposed, and features of another tag are absent; requiring them disables", async () => {
    const all = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
    const p = await load(
      v1("gone", "archived: true\n", all) +
        v1("hidden", "", `expose: false\n${all}`, `expose: [web]\n${all}`) +
        v1("needsGone", "required: [gone]\n", all),
    );
    assert.equal(evaluateFeature(p, "gone", "staging", {}).reason, 'feature "gone" is archived');
    assert.equal(evaluateFeature(p, "hidden", "staging", {}).reason, 'feature "hidden" is not exposed in staging');
    assert.equal(evaluateFeature(p, "hidden", "production", { userId: "u" }).enabled, true);
    assert.equal(
      evaluateFeature(p, "hidden", "production", { userId: "u" }, { tag: "all" }).reason,
      'feature "hidden" is not exposed for tag "all" in production',
    );
    assert.equal(
      evaluateFeature(p, "needsGone", "staging", { userId: "u" }, { tag: "web" }).reason,
      'feature "needsGone" is not tagged "web"',
    );
    assert.equal(evaluateFeature(p, "needsGone", "staging", { userId: "u" }).enabled, false);
    assert.equal(evaluateFeature(p, "nothing", "staging", {}).reason, 'no feature "nothing" in the project');
  });

  it("refuses unknown environments, and needs none in a project without environments", async () => {
    const p = await load(v1("f", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`));
    assert.equal(evaluateFeature(p, "f", "qa", {}).reason, 'unknown environment "qa" (environments: staging, production)');
    assert.equal(evaluateFeature(p, "f", undefined, {}).reason, "an environment is needed: staging, production");
    const none = await fixtureProject(`//- /featurevisor.config.js
module.exports = { environments: false };
//- /features/f.yml
description: f
tags: [all]
bucketBy: userId
rules:
  - key: all
    segments: "*"
    percentage: 100
`);
    assert.equal(evaluateFeature(none, "f", undefined, { userId: "u" }).enabled, true);
    assert.match(evaluateFeature(none, "f", "production", {}).reason, /no environments/);
  });

  it("reads each environment's rules from its own file when split by environment", async () => {
    const p = await fixtureProject(`//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], splitByEnvironment: true };
//- /features/f.yml
description: f
tags: [all]
bucketBy: userId
//- /environments/staging/f.yml
rules:
  - key: all
    segments: "*"
    percentage: 100
//- /environments/production/f.yml
rules:
  - key: all
    segments: "*"
    percentage: 0
`);
    assert.deepEqual(
      ["staging", "production"].map((env) => evaluateFeature(p, "f", env, { userId: "u" }).enabled),
      [true, false],
    );
  });

  it("evaluateAll evaluates every feature by key", async () => {
    const all = `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`;
    const p = await load(v2("b", "", all) + v2("a", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 0\n`));
    assert.deepEqual(
      evaluateAll(p, "staging", { userId: "u" }).map((e) => [e.feature, e.enabled]),
      [
        ["a", false],
        ["b", true],
      ],
    );
    assert.deepEqual(
      evaluateAll(p, "staging", { userId: "u" }, { features: ["b", "a", "b"] }).map((e) => e.feature),
      ["b", "a", "b"],
    );
  });

  it("puts a rule's segments into words as the rollout previews do", async () => {
    const rules = `rules:\n  - key: mixed\n    segments:\n      or:\n        - nl\n        - and: [de, "*"]\n        - not: [nl, de]\n    percentage: 0\n`;
    const p = await load(v2("a", "", rules));
    assert.equal(
      evaluateFeature(p, "a", "staging", { userId: "u" }).reason,
      'rule "mixed" (nl or (de and everyone) or not (nl or de)) has percentage 0',
    );
  });

  it("calls a segment the project lacks unknown, and an archived one archived, in a rule's reason", async () => {
    const rules = `rules:\n  - key: r\n    segments:\n      not: [netherland, old]\n    percentage: 100\n`;
    const p = await load(`//- /segments/old.yml\ndescription: old\narchived: true\nconditions: "*"\n` + v2("a", "", rules));
    assert.match(
      evaluateFeature(p, "a", "staging", { userId: "u" }).reason,
      /^rule "r" \(not \(netherland \(unknown segment\) or old \(archived segment\)\)\) at bucket [\d.]+% <= 100%$/,
    );
  });

  it("writes the reason when it is read, and JSON.stringify gives every field", async () => {
    const p = await load(v2("a", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`));
    const [e] = evaluateAll(p, "staging", { userId: "u" });
    assert.match(e.reason, /^rule "all" \(everyone\) at bucket [\d.]+% <= 100%$/);
    assert.equal(e.reason, e.reason);
    const json = JSON.parse(JSON.stringify(e));
    assert.deepEqual(Object.keys(json).sort(), ["bucket", "enabled", "environment", "feature", "reason", "variables", "variation"]);
    assert.equal(json.reason, e.reason);
    assert.deepEqual({ ...json, reason: undefined }, { ...json, reason: undefined, feature: "a", environment: "staging", enabled: true });
  });
});

describe("evaluation: existing state", () => {
  it("keeps a grown rule's old ranges and allocates only the increase, as the next build would", async () => {
    const p = await load(
      v1(
        "f",
        "variations:\n  - value: control\n    weight: 50\n  - value: treatment\n    weight: 50\n",
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 80\n`,
      ),
    );
    // The previous build had the rule at 50%: control 0-25%, treatment 25-50%.
    const previous = {
      variations: [
        { value: "control", weight: 50 },
        { value: "treatment", weight: 50 },
      ],
      traffic: [
        {
          key: "all",
          percentage: 50000,
          allocation: [
            { variation: "control", range: [0, 25000] },
            { variation: "treatment", range: [25000, 50000] },
          ],
        },
      ],
    };
    const state: EvaluationState = {
      environments: new Map([["staging", parseExistingState(JSON.stringify({ features: { f: previous } }))!]]),
      problems: [],
    };
    const user = userAt("f", (b) => b > 50000 && b < 65000);
    assert.equal(evaluateFeature(p, "f", "staging", { userId: user }, { state }).variation, "control");
    // Without the state, a first build splits 0-80% in half: the same user gets treatment.
    assert.equal(evaluateFeature(p, "f", "staging", { userId: user }).variation, "treatment");
    const old = userAt("f", (b) => b < 25000);
    assert.deepEqual(outcome(evaluateFeature(p, "f", "staging", { userId: old }, { state })), {
      enabled: true,
      variation: "control",
      variables: {},
    });
  });
});
