// The test runner of service/testing: specs read and expanded as each `featurevisor test` expands them, and
// assertions checked with each generation's semantics (the differential tests in test/diff compare whole
// projects with the real command; these pin the rules one by one, without ../shared).

import * as assert from "node:assert/strict";
import { evaluateFeature, evaluateSegment } from "../../server/src/service/evaluation";
import { readSpecs, runTests, type Spec, type SpecResult } from "../../server/src/service/testing";
import { parseFlagDocument } from "../../server/src/service/project/document";
import { applyCombination, matrixCombinations, scanSpecLines } from "../../server/src/service/testing/specs";
import { FORMATS, load, userAt } from "../support/evaluationFixture";

const RULE_50 = `rules:\n  - key: everyone\n    segments: "*"\n    percentage: 50\n`;

function spec(results: SpecResult[], key: string): SpecResult {
  const found = results.find((s) => s.spec === key);
  assert.ok(found, `no result for ${key}`);
  return found;
}

describe("testing: specs", () => {
  it("expands a matrix into its combinations, the first key varying slowest", () => {
    assert.deepEqual(matrixCombinations({ a: [1, 2], b: ["x", "y"] }), [
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
    ]);
    assert.deepEqual(matrixCombinations({}), []);
  });

  it("puts a lone placeholder's value in as it is and writes several into the text", () => {
    assert.equal(applyCombination("${{ at }}", { at: 40 }), 40);
    assert.equal(applyCombination("at ${{at}}% in ${{ country }}", { at: 40, country: "nl" }), "at 40% in nl");
    assert.equal(applyCombination("plain", { at: 40 }), "plain");
    assert.equal(applyCombination(7, { at: 40 }), 7);
  });

  it("reads the lines of a plain spec from its text as the ranges give them, and leaves other shapes to the ranges", () => {
    const ranged = (text: string, kind: string) => {
      const doc = parseFlagDocument(text);
      const list = (doc.value as { assertions: unknown[] }).assertions;
      return {
        key: doc.locate([kind], "key").start.line + 1,
        items: list.map((_, i) => doc.locate(["assertions", i]).start.line + 1),
      };
    };
    const plain = [
      "feature: f\nassertions:\n  - at: 10\n    environment: production\n    expectedToBeEnabled: true\n  # a comment\n\n  - description: |\n      - not an item\n    at: 20\n    expectedToBeEnabled: false\n",
      "# leading comment\nassertions:\n- at: 10\n  context: { a: 1 }\n- at: 20\nfeature: f\n",
      "feature: f\r\nassertions:\r\n  - at: 10\r\n  - at: 20\r\n",
      "description: spec\nfeature: f\nassertions: # the list\n  - at: 10\n    context:\n      - x: 1\n      - y: 2\n  - at: 30\n",
    ];
    for (const text of plain)
      assert.deepEqual(scanSpecLines(text, "feature", ranged(text, "feature").items.length), ranged(text, "feature"), text);
    const segment = "segment: s\nassertions:\n  - context: { a: 1 }\n    expectedToMatch: true\n";
    assert.deepEqual(scanSpecLines(segment, "segment", 1), ranged(segment, "segment"));
    for (const text of [
      "feature: f\nassertions: [{ at: 10 }, { at: 20 }]\n",
      "feature: f\nassertions:\n  -\n    at: 10\n",
      "---\nfeature: f\nassertions:\n  - at: 10\n",
      "feature: f\nassertions:\n  - at: 10\nfeature: g\n",
      '"feature": f\nassertions:\n  - at: 10\n',
    ])
      assert.equal(scanSpecLines(text, "feature", 1), undefined, text);
    assert.equal(scanSpecLines("feature: f\nassertions:\n  - at: 10\n", "feature", 2), undefined);
  });

  for (const { name, feature } of FORMATS) {
    it(`${name}: names assertions as featurevisor test does, with the assertion's line`, async () => {
      const project = await load(
        feature("f", "", RULE_50) +
          `//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    context: {}
    expectedToBeEnabled: true
  - matrix:
      at: [20, 30]
      country: [nl]
    description: "\${{ country }} at \${{ at }}"
    at: \${{ at }}
    environment: staging
    context:
      country: \${{ country }}
    expectedToBeEnabled: true
`,
      );
      const specs = readSpecs(project).filter((s): s is Spec => "kind" in s);
      assert.equal(specs.length, 1);
      const a = specs[0].assertions;
      assert.deepEqual(
        a.map((x) => [x.index, x.line, x.description, x.value.at]),
        name === "v1"
          ? [
              [0, 3, "Assertion #1: (production) at 10%", 10],
              [1, 7, "Assertion #2: (staging) nl at 20", 20],
              [1, 7, "Assertion #2: (staging) nl at 30", 30],
            ]
          : [
              [0, 3, "Assertion #1: at 10%", 10],
              [1, 7, "Assertion #2: nl at 20", 20],
              [1, 7, "Assertion #2: nl at 30", 30],
            ],
      );
      assert.deepEqual(a[1].value.context, { country: "nl" });
    });

    it(`${name}: \`at\` is the bucket: a 50% rule serves 50 and not 50.001`, async () => {
      const project = await load(
        feature("f", "", RULE_50) +
          `//- /tests/f.spec.yml
feature: f
assertions:
  - { at: 50, environment: production, context: { userId: u }, expectedToBeEnabled: true }
  - { at: 50.001, environment: production, context: { userId: u }, expectedToBeEnabled: true }
  - { at: 0, environment: production, context: { userId: u }, expectedToBeEnabled: false }
`,
      );
      const result = spec(runTests(project).specs, "f");
      assert.deepEqual(
        result.assertions.map((a) => a.passed),
        [true, false, false],
      );
      assert.deepEqual(result.assertions[1].failures, [{ path: "expectedToBeEnabled", expected: true, actual: false }]);
      assert.equal(result.passed, false);
      assert.deepEqual(result.dependencies, ["feature:f", "config"]);
    });
  }

  it("v1: without `at` the 1.x tester's bucket is NaN, so no rule serves; v2 buckets the user", async () => {
    const user = userAt("f", (b) => b < 50000);
    const spec1 = `//- /tests/f.spec.yml
feature: f
assertions:
  - { environment: production, context: { userId: ${user} }, expectedToBeEnabled: true }
`;
    const [v1, v2] = FORMATS;
    const r1 = runTests(await load(v1.feature("f", "", RULE_50) + spec1));
    const r2 = runTests(await load(v2.feature("f", "", RULE_50) + spec1));
    assert.equal(r1.specs[0].assertions[0].passed, false);
    assert.equal(r2.specs[0].assertions[0].passed, true);
  });

  it("v2: sticky features answer first, children inherit the parent's context under their own", async () => {
    const project = await load(
      FORMATS[1].feature(
        "f",
        "",
        `rules:\n  - key: nl\n    segments: nl\n    percentage: 100\n  - key: rest\n    segments: "*"\n    percentage: 0\n`,
      ) +
        `//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    context: { country: de }
    sticky: { f: { enabled: true } }
    expectedToBeEnabled: true
  - at: 10
    environment: production
    context: {}
    expectedToBeEnabled: false
    children:
      - context: { country: nl }
        expectedToBeEnabled: true
      - context: { country: de }
        expectedToBeEnabled: true
`,
    );
    const result = spec(runTests(project).specs, "f");
    assert.equal(result.assertions[0].passed, true);
    assert.deepEqual(result.assertions[1].failures, [{ path: "children[1].expectedToBeEnabled", expected: true, actual: false }]);
  });

  it("v2: defaultVariationValue replaces an allocated variation (the 2.x SDK's quirk); variables compare deeply", async () => {
    const project = await load(
      FORMATS[1].feature(
        "f",
        `variablesSchema:\n  cfg:\n    type: object\n    defaultValue: { a: [1, { b: 2 }] }\nvariations:\n  - value: control\n    weight: 50\n  - value: treatment\n    weight: 50\n`,
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n`,
      ) +
        `//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    context: {}
    defaultVariationValue: other
    expectedVariation: other
    expectedVariables: { cfg: { a: [1, { b: 2 }] } }
  - at: 10
    environment: production
    context: {}
    expectedVariation: control
    expectedVariables: { missing: 1 }
`,
    );
    const result = spec(runTests(project).specs, "f");
    assert.equal(result.assertions[0].passed, true, JSON.stringify(result.assertions[0].failures));
    assert.deepEqual(result.assertions[1].failures, [
      { path: "expectedVariables.missing", expected: 1, actual: undefined, message: 'schema for variable "missing" not found in feature' },
    ]);
  });

  it("segment specs check the segment's conditions; a missing feature or segment fails the spec without assertions", async () => {
    const project = await load(
      `//- /tests/nl.spec.yml
segment: nl
assertions:
  - context: { country: nl }
    expectedToMatch: true
  - context: { country: de }
    expectedToMatch: true
//- /tests/gone.spec.yml
segment: gone
assertions:
  - context: {}
    expectedToMatch: true
//- /tests/nofeature.spec.yml
feature: nofeature
assertions:
  - { at: 1, environment: production, context: {}, expectedToBeEnabled: false }
`,
    );
    const run = runTests(project);
    assert.deepEqual(
      spec(run.specs, "nl").assertions.map((a) => [a.passed, a.description]),
      [
        [true, "Assertion #1: #1"],
        [false, "Assertion #2: #2"],
      ],
    );
    assert.equal(spec(run.specs, "gone").problem, 'segment "gone" not found');
    assert.equal(spec(run.specs, "nofeature").problem, 'feature "nofeature" not found');
    assert.deepEqual(run.summary, { specs: 3, passed: 0, failed: 3, assertions: 2, assertionsPassed: 1, assertionsFailed: 1 });
  });

  it("an invalid spec file is a failed spec with the reason, never a crash", async () => {
    const project = await load(`//- /tests/bad.spec.yml\n- just a list\n//- /tests/worse.spec.yml\nfeature: [\n`);
    const run = runTests(project);
    assert.equal(run.specs.length, 2);
    assert.ok(run.specs.every((s) => s.kind === "invalid" && !s.passed && s.problem));
  });
});

describe("evaluation: at, sticky and segments for a context", () => {
  it("a bucket value replaces every feature's bucket", async () => {
    const project = await load(FORMATS[1].feature("f", "", RULE_50));
    const user = userAt("f", (b) => b > 60000);
    assert.equal(evaluateFeature(project, "f", "production", { userId: user }).enabled, false);
    assert.equal(evaluateFeature(project, "f", "production", { userId: user }, { bucketValue: 50000 }).enabled, true);
    assert.equal(evaluateFeature(project, "f", "production", { userId: user }, { bucketValue: 50000 }).bucket, 50000);
  });

  it("sticky answers come first in v2", async () => {
    const project = await load(FORMATS[1].feature("f", "", RULE_50));
    const e = evaluateFeature(project, "f", "production", {}, { bucketValue: 99000, sticky: { f: { enabled: true } } });
    assert.equal(e.enabled, true);
  });

  it("evaluates a segment for a context", async () => {
    const project = await load("");
    assert.deepEqual(
      [evaluateSegment(project, "nl", { country: "nl" }).matched, evaluateSegment(project, "nl", { country: "de" }).matched],
      [true, false],
    );
    assert.equal(evaluateSegment(project, "nope", {}).found, false);
  });
});
