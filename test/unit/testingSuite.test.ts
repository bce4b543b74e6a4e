// What editors get of the test runner (service/testing/suite.ts): the listing of specs and assertions,
// a chosen subset run, the messages of failed checks, and which specs an edited entity affects.

import * as assert from "node:assert/strict";
import {
  assertionMessage,
  failureMessage,
  listSpec,
  listSpecs,
  runSelection,
  specDependencies,
  specsAffectedBy,
  specSummary,
  testDiagnostics,
} from "../../server/src/service/testing";
import { readSpecs } from "../../server/src/service/testing/specs";
import { readSettings } from "../../server/src/settings";
import { FORMATS, load } from "../support/evaluationFixture";

const v2 = FORMATS[1].feature;
const RULE = (segments: string, percentage: number) => `rules:\n  - key: r\n    segments: ${segments}\n    percentage: ${percentage}\n`;

/** checkout: served to the Dutch; it requires base, served to all but Germans; checkout sits in a group. */
const PROJECT =
  v2("checkout", "required:\n  - base\n", RULE("nl", 100)) +
  v2("base", "", RULE("{ not: [de] }", 100)) +
  v2("other", "", RULE('"*"', 100)) +
  `//- /groups/g.yml
description: G
slots:
  - feature: checkout
    percentage: 100
//- /tests/checkout.spec.yml
feature: checkout
assertions:
  - at: 10
    environment: production
    context: { country: nl }
    expectedToBeEnabled: false
  - matrix:
      country: [nl, de]
    description: "in \${{ country }}"
    at: 10
    environment: staging
    context:
      country: \${{ country }}
    expectedToBeEnabled: false
//- /tests/nl.spec.yml
segment: nl
assertions:
  - context: { country: nl }
    expectedToMatch: true
  - context: { country: de }
    expectedToMatch: true
//- /tests/broken.spec.yml
assertions: []
`;

describe("testing: the suite editors see", () => {
  it("lists each spec with its assertions, a matrix's combinations under its assertion, and invalid specs with the reason", async () => {
    const project = await load(PROJECT);
    const specs = listSpecs(project);
    assert.deepEqual(
      specs.map((s) => [s.file, s.kind, s.key, s.line, s.problem]),
      [
        ["tests/broken.spec.yml", "invalid", "", 1, "a spec needs `feature` or `segment`"],
        ["tests/checkout.spec.yml", "feature", "checkout", 1, undefined],
        ["tests/nl.spec.yml", "segment", "nl", 1, undefined],
      ],
    );
    const checkout = specs[1];
    assert.equal(checkout.path, "/project/tests/checkout.spec.yml");
    assert.deepEqual(checkout.assertions, [
      { index: 0, line: 3, description: "Assertion #1: at 10%" },
      {
        index: 1,
        line: 7,
        description: "Assertion #2: in nl",
        combinations: [
          { description: "Assertion #2: in nl", combination: { country: "nl" } },
          { description: "Assertion #2: in de", combination: { country: "de" } },
        ],
      },
    ]);
    assert.deepEqual(
      listSpec(project, "/project/tests/nl.spec.yml")?.assertions.map((a) => a.line),
      [3, 5],
    );
    assert.equal(listSpec(project, "/project/features/checkout.yml"), undefined);
  });

  it("runs every spec, one spec file or one assertion, on the runner", async () => {
    const project = await load(PROJECT);
    const all = runSelection(project);
    assert.deepEqual(all.summary, { specs: 3, passed: 0, failed: 3, assertions: 5, assertionsPassed: 2, assertionsFailed: 3 });
    const file = runSelection(project, { path: "/project/tests/checkout.spec.yml" });
    assert.deepEqual(
      file.specs.map((s) => s.assertions.map((a) => [a.assertion, a.line, a.passed])),
      [
        [
          [1, 3, false],
          [2, 7, false],
          [2, 7, true],
        ],
      ],
    );
    const one = runSelection(project, { path: "/project/tests/checkout.spec.yml", assertion: 1 });
    assert.deepEqual(
      one.specs[0].assertions.map((a) => [a.description, a.passed]),
      [
        ["Assertion #2: in nl", false],
        ["Assertion #2: in de", true],
      ],
    );
    const segment = runSelection(project, { path: "/project/tests/nl.spec.yml", assertion: 1 });
    assert.deepEqual(segment.specs[0].assertions[0].failures, [{ path: "expectedToMatch", expected: true, actual: false }]);
    assert.deepEqual(runSelection(project, { path: "/project/features/checkout.yml" }).specs, []);
  });

  it("puts a failed check into words: expected against got, or the runner's message", async () => {
    const project = await load(PROJECT);
    const failed = runSelection(project, { path: "/project/tests/checkout.spec.yml", assertion: 0 }).specs[0].assertions[0];
    assert.equal(assertionMessage(failed), "Assertion #1: at 10%: expectedToBeEnabled: expected false, got true");
    assert.equal(
      failureMessage({ path: "expectedVariation", expected: "b", actual: undefined }),
      'expectedVariation: expected "b", got undefined',
    );
    assert.equal(
      failureMessage({ path: "expectedVariables.x", expected: 1, actual: undefined, message: "no x" }),
      "expectedVariables.x: no x",
    );
  });

  it("a feature spec depends on the feature, its segments and their attributes, its groups and what it requires", async () => {
    const project = await load(PROJECT);
    const specs = readSpecs(project);
    const deps = (file: string) =>
      [
        ...specDependencies(
          project,
          specs.find((s) => s.file === file)!,
        ),
      ].sort();
    assert.deepEqual(deps("tests/checkout.spec.yml"), [
      "attribute:country",
      "attribute:userId",
      "config",
      "environment:base",
      "environment:checkout",
      "feature:base",
      "feature:checkout",
      "group:g",
      "segment:de",
      "segment:nl",
    ]);
    assert.deepEqual(deps("tests/nl.spec.yml"), ["attribute:country", "config", "segment:nl"]);
    assert.deepEqual(deps("tests/broken.spec.yml"), ["config"]);
  });

  it("an edit reruns only the specs that depend on what it touched", async () => {
    const project = await load(PROJECT);
    const affected = (...entities: string[]) => specsAffectedBy(project, entities).map((p) => p.slice("/project/tests/".length));
    assert.deepEqual(affected("segment:nl"), ["checkout.spec.yml", "nl.spec.yml"]);
    assert.deepEqual(affected("attribute:country"), ["checkout.spec.yml", "nl.spec.yml"]);
    // Through `required`: base's segment.
    assert.deepEqual(affected("segment:de"), ["checkout.spec.yml"]);
    assert.deepEqual(affected("group:g"), ["checkout.spec.yml"]);
    assert.deepEqual(affected("feature:other"), []);
    assert.deepEqual(affected("test:nl.spec"), ["nl.spec.yml"]);
    assert.deepEqual(affected(), []);
  });

  it("reports each failing assertion as test-failed on its line, and sums a spec up for its code lens", async () => {
    const project = await load(PROJECT);
    const [checkout, nl] = runSelection(project).specs.filter((s) => s.kind !== "invalid");
    const text = project.files.get(checkout.path)!.doc!.text;
    const diagnostics = testDiagnostics(text, checkout);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.code, d.message]),
      [
        [2, 2, 10, "error", "test-failed", "Assertion #1: at 10%: expectedToBeEnabled: expected false, got true"],
        [6, 2, 11, "error", "test-failed", "Assertion #2: in nl: expectedToBeEnabled: expected false, got true"],
      ],
    );
    assert.deepEqual(diagnostics[1].data, { assertion: 1, combination: { country: "nl" } });
    assert.deepEqual(testDiagnostics(text, checkout, { "test-failed": "off" }), []);
    assert.equal(testDiagnostics(text, checkout, { "test-failed": "warning" })[0].severity, "warning");
    assert.equal(specSummary(checkout), "2 of 3 failed");
    assert.equal(specSummary(nl), "1 of 2 failed");
    const passing = runSelection(project, { path: nl.path, assertion: 0 }).specs[0];
    assert.equal(specSummary(passing), "1 passed");
    assert.deepEqual(testDiagnostics(text, passing), []);
  });

  it("reads flaglens.tests.run: onChange by default, a wrong value ignored with a problem", () => {
    assert.equal(readSettings({}).tests, "onChange");
    assert.equal(readSettings({ tests: { run: "onSave" } }).tests, "onSave");
    assert.equal(readSettings({ tests: { run: "off" } }).tests, "off");
    const wrong = readSettings({ tests: { run: "always" } });
    assert.equal(wrong.tests, "onChange");
    assert.deepEqual(wrong.problems, ["flaglens.tests.run must be one of onChange, onSave, off; using onChange."]);
  });
});
