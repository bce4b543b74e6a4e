// The rollout panel's model: shares, bars and splits from the engine's datafile, the wording's words,
// forces, requirements, groups, deprecated/archived, and a previewed context's path rule by rule.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { environmentSummary, rulesInWords, segmentFacts } from "../../server/src/service/authoring/wording";
import { evaluateFeature } from "../../server/src/service/evaluation";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { featureEnvironments } from "../../server/src/service/project/featureView";
import type { Project } from "../../server/src/service/project/project";
import { rolloutModel, type RolloutModel } from "../../server/src/service/rolloutModel";
import { Workspace } from "../../server/src/service/workspace";
import { requireShared, SHARED_FIXTURES } from "../support/skip";

async function load(root: string): Promise<Project[]> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addProject(toServicePath(root));
  return [...workspace.projects.values()];
}

function model(project: Project, key: string, preview?: Record<string, unknown>): RolloutModel {
  const m = rolloutModel(project, key, preview ? { preview: { name: "user", context: preview } } : {});
  assert.ok(m, `no model of ${key}`);
  return m;
}

describe("the rollout panel's model", () => {
  let example: Project;
  before(async () => {
    [example] = await load(path.join(process.cwd(), "example"));
  });

  it("gives each environment's rules their shares, bars and variation splits", () => {
    const m = model(example, "newCheckout");
    assert.deepEqual(
      m.environments.map((e) => e.name),
      ["staging", "production"],
    );
    const production = m.environments[1];
    assert.deepEqual(
      production.rules.map((r) => [r.key, r.share]),
      [
        ["employees", 100],
        ["dutch", 50],
        ["everyone", 5],
      ],
    );
    const dutch = production.rules[1];
    // Half of the dutch users, split evenly between the variations, in the builder's bucket ranges.
    assert.deepEqual(dutch.parts, [
      { from: 0, to: 25, enabled: true, variation: "control" },
      { from: 25, to: 50, enabled: true, variation: "treatment" },
      { from: 50, to: 100, enabled: false },
    ]);
    assert.deepEqual(dutch.split, [
      { variation: "control", share: 50 },
      { variation: "treatment", share: 50 },
    ]);
    // A rule's own variation takes all of its users.
    assert.deepEqual(production.rules[0].split, [{ variation: "treatment", share: 100 }]);
    assert.deepEqual(m.variations, [
      { value: "control", weight: 50 },
      { value: "treatment", weight: 50 },
    ]);
  });

  it("says it in the wording of wording.ts, forces included", () => {
    const m = model(example, "newCheckout");
    const facts = segmentFacts(example);
    const envs = featureEnvironments(example, "newCheckout");
    for (const [i, env] of envs.entries()) {
      assert.equal(`${m.environments[i].name}: ${m.environments[i].summary}`, environmentSummary(env, facts));
      assert.deepEqual(
        m.environments[i].rules.map((r) => r.who),
        rulesInWords(env.rules, facts).map((w) => w.who),
      );
    }
    assert.deepEqual(m.environments[0].forces, [{ index: 0, words: "qa → treatment" }]);
    assert.match(m.environments[1].rules[1].label, /^Rule dutch: 50% of netherlands; split control 50% \/ treatment 50%$/);
  });

  it("shows the group slot that caps a feature, and the features it excludes", () => {
    const m = model(example, "searchA");
    assert.deepEqual(m.groups, [
      {
        key: "searchExperiments",
        file: `${example.root}/groups/searchExperiments.yml`,
        slot: 1,
        slots: 2,
        share: 50,
        ranges: [[0, 50]],
        others: ["searchB"],
      },
    ]);
    const rule = m.environments[1].rules[0];
    assert.equal(rule.grouped, true);
    assert.equal(rule.share, 50);
    // searchB's slot is the other half.
    assert.deepEqual(
      model(example, "searchB").environments[1].rules[0].parts.map((p) => [p.from, p.to, p.enabled]),
      [
        [0, 50.001],
        [50.001, 100],
      ].map(([a, b], i) => [a, b, i === 1]),
    );
  });

  it("lists requirements with the required feature's rollout, and the deprecated and archived states", () => {
    const badge = model(example, "saleBadge");
    assert.deepEqual(badge.environments[1].requirements, [{ key: "oldBanner", words: "everyone" }]);
    assert.equal(model(example, "oldBanner").deprecated, true);
    const archived = model(example, "classicSearch");
    assert.equal(archived.archived, true);
    assert.deepEqual(
      archived.environments.map((e) => [e.absent, e.rules.length]),
      [
        ['feature "classicSearch" is archived', 0],
        ['feature "classicSearch" is archived', 0],
      ],
    );
    assert.equal(rolloutModel(example, "noSuchFeature"), undefined);
  });

  it("follows a previewed context rule by rule, with the engine's answer", () => {
    const context = { userId: "visitor-42", country: "nl" };
    const production = model(example, "newCheckout", context).environments[1];
    const evaluation = evaluateFeature(example, "newCheckout", "production", context);
    assert.deepEqual(
      production.rules.map((r) => r.path?.step),
      ["skipped", "matched", "not-reached"],
    );
    assert.equal(production.rules[0].path?.words, "skipped: not employees");
    const bucket = evaluation.bucket! / 1000;
    assert.equal(
      production.rules[1].path?.words,
      `matched: bucket ${bucket}% ${bucket <= 50 ? "≤" : ">"} 50% → ${evaluation.enabled ? "enabled" : "disabled"}${evaluation.variation ? `, variation ${evaluation.variation}` : ""}`,
    );
    assert.deepEqual(production.preview, {
      enabled: evaluation.enabled,
      variation: evaluation.variation,
      variables: evaluation.variables,
      bucket,
      reason: evaluation.reason,
    });
  });

  it("shows a force that applies, and rules not reached", () => {
    const staging = model(example, "newCheckout", { userId: "qa-1" }).environments[0];
    assert.deepEqual(staging.forces, [{ index: 0, words: "qa → treatment", applies: true }]);
    assert.equal(staging.preview?.force, 0);
    assert.equal(staging.preview?.variation, "treatment");
    assert.deepEqual(
      staging.rules.map((r) => r.path?.step),
      ["not-reached"],
    );
  });

  it("tells whether a previewed context meets a requirement", () => {
    const production = model(example, "saleBadge", { userId: "u1" }).environments[1];
    assert.equal(production.requirements[0].met, evaluateFeature(example, "oldBanner", "production", { userId: "u1" }).enabled);
  });

  it("draws incomplete and wrong rules as enabling nobody, never failing", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-panel-"));
    try {
      fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
      fs.writeFileSync(
        path.join(root, "features/broken.yml"),
        'description: x\ntags: [web]\nbucketBy: userId\nvariations: nonsense\nrules:\n  production:\n    - key: a\n      segments: nosuch\n    - key: b\n      segments: "*"\n      percentage: "lots"\n    - 42\n',
      );
      const [project] = await load(root);
      const production = model(project, "broken", { userId: "u1" }).environments.find((e) => e.name === "production")!;
      assert.deepEqual(
        production.rules.map((r) => [r.who, r.share, r.parts.every((p) => !p.enabled)]),
        [
          ["incomplete rule", 0, true],
          ["incomplete rule", 0, true],
          ["incomplete rule", 0, true],
        ],
      );
      assert.equal(production.preview?.enabled, false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  describe("in a v3 project with targets", () => {
    let project: Project;
    before(async function () {
      requireShared(this);
      [project] = await load(path.join(SHARED_FIXTURES, "v3.1-example-targets"));
    });

    it("gives each target's datafile: its context settles rules, other targets leave the feature out", () => {
      const production = model(project, "browserOptimization").environments[1];
      assert.deepEqual(
        production.rules.map((r) => [r.who, r.share]),
        [
          ["chromeUsers", 100],
          ["50% of everyone else", 50],
        ],
      );
      const byTarget = new Map(production.targets.map((t) => [t.target, t]));
      // Target chrome (context browser: chrome): chromeUsers becomes everyone, and the rule after it goes.
      assert.deepEqual(
        byTarget.get("chrome")?.rules.map((r) => [r.who, r.share]),
        [["everyone", 100]],
      );
      assert.equal(byTarget.get("android")?.absent, 'feature "browserOptimization" is not tagged "android"');
      assert.equal(byTarget.get("nl")?.rules.length, 2);
    });

    it("follows a previewed context through a target's datafile too", () => {
      const context = { userId: "u1", browser: "firefox" };
      const production = model(project, "browserOptimization", context).environments[1];
      assert.deepEqual(
        production.rules.map((r) => r.path?.step),
        ["skipped", "matched"],
      );
      assert.equal(production.forces[0].applies, false);
      // Target chrome's context settles the force's chromeUsers too: forced on for everyone, its rules not reached.
      const chrome = production.targets.find((t) => t.target === "chrome")!;
      assert.deepEqual(chrome.forces, [{ index: 0, words: "everyone → on", applies: true }]);
      assert.equal(chrome.preview?.enabled, true);
      assert.deepEqual(
        chrome.rules.map((r) => r.path?.step),
        ["not-reached"],
      );
    });
  });
});
