import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { HINT_MAX, fit, whoInWords } from "../../server/src/service/authoring/wording";
import { LanguageService } from "../../server/src/service/languageService";
import { Workspace } from "../../server/src/service/workspace";
import { loadFixture, ROOT } from "../support/fixture";
import { SHARED_FIXTURES, requireShared } from "../support/skip";

const PROJECT = `//- /segments/netherlands.yml
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /segments/employees.yml
conditions:
  - attribute: email
    operator: endsWith
    value: "@example.com"
//- /segments/everyone.yml
conditions: "*"
//- /attributes/country.yml
type: string
//- /attributes/email.yml
type: string
`;

/** The rollout hints and environment summaries of one feature file of a fixture, by line. */
async function hintsOf(feature: string) {
  const { workspace } = await loadFixture(`${PROJECT}//- /features/f.yml\n${feature}`);
  const service = new LanguageService(workspace);
  return service.doRolloutHints(`${ROOT}/features/f.yml`);
}

const FEATURE = (rules: string) => `description: f
tags: [web]
bucketBy: userId
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
environments:
  production:
    rules:
${rules}`;

describe("rollout wording", () => {
  it("says who gets the feature, in rule order, never a single misleading number", async () => {
    const hints = await hintsOf(
      FEATURE(`      - key: employees
        segments: employees
        percentage: 100
        variation: treatment
      - key: dutch
        segments: netherlands
        percentage: 50
      - key: everyone
        segments: "*"
        percentage: 5
`),
    );
    const env = hints.find((h) => h.kind === "environment")!;
    assert.equal(env.label, "production: employees → treatment, 50% of netherlands, 5% of everyone else");
    assert.deepEqual(
      hints.filter((h) => h.kind === "rule").map((h) => h.label),
      ["employees → treatment", "50% of netherlands", "5% of everyone else"],
    );
    // The variations a rule splits into are in the tooltip.
    assert.match(hints.find((h) => h.label === "50% of netherlands")!.tooltip!, /Variations: control 50% \/ treatment 50%/);
  });

  it("calls a segment the project does not define unknown", async () => {
    const hints = await hintsOf(
      FEATURE(`      - key: dutch
        segments: netherland
        percentage: 50
`),
    );
    assert.equal(hints.find((h) => h.kind === "environment")!.label, "production: 50% of netherland (unknown segment)");
    assert.equal(hints.find((h) => h.kind === "rule")!.label, "50% of netherland (unknown segment)");
  });

  it("calls an archived segment archived: the datafile leaves it out, so it matches nobody", async () => {
    const { workspace } = await loadFixture(
      `${PROJECT}//- /segments/old.yml\narchived: true\nconditions: "*"\n//- /features/f.yml\n${FEATURE(`      - key: old\n        segments: old\n        percentage: 50\n`)}`,
    );
    const hints = new LanguageService(workspace).doRolloutHints(`${ROOT}/features/f.yml`);
    assert.equal(hints.find((h) => h.kind === "rule")!.label, "50% of old (archived segment)");
  });

  it("words `not` as each SDK reads it: none of (1.x, 2.x), not all of (3.x)", () => {
    const facts = { exists: () => true, everyone: () => false };
    const not = { not: ["mobile", "nl"] };
    assert.equal(whoInWords(not, facts), "not (mobile or nl)");
    assert.equal(whoInWords(not, { ...facts, notAll: true }), "not (mobile and nl)");
    assert.equal(whoInWords({ or: ["de", not] }, { ...facts, notAll: true }), "de or not (mobile and nl)");
    assert.equal(whoInWords({ not: ["nl"] }, facts), "not nl");
  });

  it("shows nothing about a rule being typed (no segments or percentage yet)", async () => {
    for (const rule of [
      `      - key: dutch\n        segments:\n        percentage: 50\n`,
      `      - key: dutch\n        segments: netherlands\n        percentage:\n`,
      `      - key: dutch\n        segments: netherlands\n        percentage: "5"\n`,
      `      - key: dutch\n        segments: { or: }\n        percentage: 50\n`,
    ]) {
      const hints = await hintsOf(FEATURE(rule));
      assert.deepEqual(
        hints.filter((h) => h.kind === "rule"),
        [],
        rule,
      );
      const env = hints.find((h) => h.kind === "environment")!.label;
      assert.equal(env, "production: (incomplete rule)", rule);
      assert.doesNotMatch(env, /\?/);
    }
  });

  it("leaves out a 0% share at the end and says nobody when no one gets it", async () => {
    const some = await hintsOf(
      FEATURE(`      - key: staff
        segments: employees
        percentage: 100
      - key: everyone
        segments: "*"
        percentage: 0
`),
    );
    assert.equal(some.find((h) => h.kind === "environment")!.label, "production: employees");
    const none = await hintsOf(FEATURE(`      - key: everyone\n        segments: "*"\n        percentage: 0\n`));
    assert.equal(none.find((h) => h.kind === "environment")!.label, "production: nobody");
  });

  it(`cuts a hint to ${HINT_MAX} characters, with the whole text in its tooltip`, async () => {
    const hints = await hintsOf(
      FEATURE(`      - key: long
        segments: [employees, netherlands, { or: [employees, netherlands] }]
        percentage: 33.333
        variationWeights:
          control: 80
          treatment: 20
`),
    );
    const rule = hints.find((h) => h.kind === "rule")!;
    assert.ok(rule.label.length <= HINT_MAX, rule.label);
    assert.ok(rule.label.endsWith("…"), rule.label);
    assert.match(rule.tooltip!, /33\.333% of employees and netherlands and \\\(employees or netherlands\\\)/);
    assert.match(rule.tooltip!, /control 80% \/ treatment 20%/);
    assert.equal(fit("x".repeat(HINT_MAX)), "x".repeat(HINT_MAX));
    assert.equal(fit("x".repeat(HINT_MAX + 1)).length, HINT_MAX);
  });

  it(`keeps every hint of the example and the shared projects within ${HINT_MAX} characters, each with a tooltip`, async function () {
    const roots = [path.join(process.cwd(), "example")];
    if (fs.existsSync(SHARED_FIXTURES))
      for (const name of fs.readdirSync(SHARED_FIXTURES).sort()) {
        const dir = path.join(SHARED_FIXTURES, name);
        if (fs.statSync(dir).isDirectory()) roots.push(dir);
      }
    else requireShared(this);
    let checked = 0;
    let cut = 0;
    for (const root of roots) {
      const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
      await workspace.addFolder(toServicePath(root));
      const service = new LanguageService(workspace);
      for (const project of workspace.projects.values())
        for (const entry of [...project.entries("feature"), ...project.entries("environment")])
          for (const h of service.doRolloutHints(entry.path)) {
            if (h.kind === "environment") continue;
            checked++;
            assert.ok(h.label.length <= HINT_MAX, `${entry.path}: "${h.label}" is ${h.label.length} characters`);
            assert.ok(h.tooltip && h.tooltip.length > 0, `${entry.path}: "${h.label}" has no tooltip`);
            if (h.label.endsWith("…")) cut++;
          }
    }
    assert.ok(checked > 100, `only ${checked} hints checked`);
    assert.ok(cut > 0, "no hint needed cutting: the limit was never exercised");
  });
});
