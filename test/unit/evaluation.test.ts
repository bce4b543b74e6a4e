// The evaluation engine on small inline projects: force, rules, percentages, bucketing and variations, in
// both formats, each with a near miss. Users are picked by the bucket the real SDK's hash gives them
// (userAt), so every premise such as "a user at 12%" holds independently of Flaglens.

import * as assert from "node:assert/strict";
import { evaluateFeature } from "../../server/src/service/evaluation";
import { FORMATS, load, sdkBucket, userAt, v1, v2 } from "../support/evaluationFixture";

describe("evaluation: force, rules and percentages", () => {
  for (const { name, feature } of FORMATS) {
    it(`${name}: force by conditions or segments wins over rules; a near miss falls through to the rules`, async () => {
      const p = await load(
        feature(
          "f",
          "",
          `force:
  - conditions:
      - attribute: userId
        operator: equals
        value: tester
    enabled: true
  - segments: de
    enabled: false
rules:
  - key: all
    segments: "*"
    percentage: 0
`,
        ),
      );
      assert.equal(evaluateFeature(p, "f", "staging", { userId: "tester" }).enabled, true);
      assert.match(evaluateFeature(p, "f", "staging", { userId: "tester" }).reason, /forced by force #1/);
      const de = evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b === 0), country: "de" });
      assert.deepEqual([de.enabled, de.reason], [false, "forced by force #2"]);
      assert.equal(evaluateFeature(p, "f", "staging", { userId: "testers", country: "nl" }).enabled, false);
    });

    it(`${name}: only the first rule whose segments match counts`, async () => {
      const p = await load(
        feature(
          "f",
          "",
          `rules:\n  - key: nl\n    segments: nl\n    percentage: 10\n  - key: all\n    segments: "*"\n    percentage: 100\n`,
        ),
      );
      const user = userAt("f", (b) => b > 20000);
      const nl = evaluateFeature(p, "f", "production", { userId: user, country: "nl" });
      assert.equal(nl.enabled, false);
      assert.match(nl.reason, /^rule "nl" \(nl\) at bucket [\d.]+% > 10%$/);
      assert.equal(evaluateFeature(p, "f", "production", { userId: user, country: "de" }).enabled, true);
      assert.equal(evaluateFeature(p, "f", "production", { userId: user }).enabled, true);
    });

    it(`${name}: a percentage enables the users whose bucket is at or below it`, async () => {
      const p = await load(feature("f", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 25.5\n`));
      assert.equal(evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b === 25500) }).enabled, true);
      assert.equal(evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b === 25501) }).enabled, false);
      // Without a userId, the bucket key is the feature key alone.
      assert.equal(evaluateFeature(p, "f", "staging", { country: "nl" }).bucket, sdkBucket("f"));
    });

    it(`${name}: \`enabled\` on a rule is ignored, because featurevisor build does not copy it into datafiles`, async () => {
      const p = await load(feature("f", "", `rules:\n  - key: off\n    segments: nl\n    percentage: 100\n    enabled: false\n`));
      assert.equal(evaluateFeature(p, "f", "staging", { userId: "u", country: "nl" }).enabled, true);
    });
  }

  it("percentage 0: v1 still enables bucket 0 (`<=`), v2 disables everyone", async () => {
    const zero = userAt("f", (b) => b === 0);
    const p1 = await load(v1("f", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 0\n`));
    const p2 = await load(v2("f", "", `rules:\n  - key: all\n    segments: "*"\n    percentage: 0\n`));
    assert.equal(evaluateFeature(p1, "f", "staging", { userId: zero }).enabled, true);
    assert.equal(evaluateFeature(p1, "f", "staging", { userId: "user-1" }).enabled, false);
    assert.deepEqual(
      [evaluateFeature(p2, "f", "staging", { userId: zero }).enabled, evaluateFeature(p2, "f", "staging", { userId: zero }).reason],
      [false, 'rule "all" (everyone) has percentage 0'],
    );
  });
});

describe("evaluation: bucketBy", () => {
  it("buckets by every attribute of a list, or the first present of `or`", async () => {
    const p = await load(`//- /features/f.yml
description: f
tags: [all]
bucketBy:
  or: [userId, deviceId]
rules:
  staging:
    - key: all
      segments: "*"
      percentage: 50
  production:
    - key: all
      segments: "*"
      percentage: 50
`);
    const device = userAt("f", (b) => b < 50000, "device-");
    assert.equal(evaluateFeature(p, "f", "staging", { deviceId: device }).enabled, true);
    assert.equal(
      evaluateFeature(p, "f", "staging", { deviceId: device }).bucket,
      evaluateFeature(p, "f", "staging", { userId: device }).bucket,
    );
  });

  it("v2 reads dotted bucketBy attributes as paths; an invalid bucketBy is an error, disabled", async () => {
    const p = await load(`//- /features/f.yml
description: f
tags: [all]
bucketBy: account.id
rules:
  staging:
    - key: all
      segments: "*"
      percentage: 100
  production: []
//- /features/bad.yml
description: bad
tags: [all]
bucketBy: { and: [userId] }
rules:
  staging:
    - key: all
      segments: "*"
      percentage: 100
  production: []
`);
    const nested = evaluateFeature(p, "f", "staging", { account: { id: "a1" } });
    assert.equal(nested.bucket, evaluateFeature(p, "f", "staging", { userId: "x", account: { id: "a1" } }).bucket);
    assert.notEqual(nested.bucket, evaluateFeature(p, "f", "staging", { "account.id": "a1" }).bucket);
    const bad = evaluateFeature(p, "bad", "staging", { userId: "u" });
    assert.deepEqual([bad.enabled, bad.reason], [false, "error: invalid bucketBy"]);
  });
});

describe("evaluation: variations", () => {
  const variations = "variations:\n  - value: control\n    weight: 50\n  - value: treatment\n    weight: 50\n";
  for (const { name, feature } of FORMATS) {
    it(`${name}: the allocation decides by bucket; a rule's variation overrides it; a forced variation wins`, async () => {
      const p = await load(
        feature(
          "f",
          variations,
          `force:\n  - segments: de\n    variation: treatment\nrules:\n  - key: nl\n    segments: nl\n    percentage: 100\n    variation: treatment\n  - key: all\n    segments: "*"\n    percentage: 100\n`,
        ),
      );
      const low = userAt("f", (b) => b < 50000);
      assert.equal(evaluateFeature(p, "f", "staging", { userId: low }).variation, "control");
      assert.equal(evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b > 50000) }).variation, "treatment");
      assert.match(evaluateFeature(p, "f", "staging", { userId: low, country: "nl" }).reason, /variation "treatment" set by rule "nl"$/);
      assert.equal(evaluateFeature(p, "f", "staging", { userId: low, country: "de" }).variation, "treatment");
    });
  }

  it("v2: variationWeights re-split a rule; a disabled feature serves disabledVariationValue", async () => {
    const p = await load(
      v2(
        "f",
        `disabledVariationValue: control\n${variations}`,
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 100\n    variationWeights:\n      control: 10\n      treatment: 90\n`,
        `rules:\n  - key: all\n    segments: "*"\n    percentage: 0\n`,
      ),
    );
    assert.equal(evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b < 10000) }).variation, "control");
    assert.equal(evaluateFeature(p, "f", "staging", { userId: userAt("f", (b) => b > 10000 && b < 50000) }).variation, "treatment");
    const off = evaluateFeature(p, "f", "production", { userId: "u" });
    assert.deepEqual([off.enabled, off.variation], [false, "control"]);
  });
});
