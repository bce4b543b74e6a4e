// What the builder of each version writes into a datafile, on small inline projects that need no
// ../shared: the allocation of a first variation that weighs 0 (fixed in 1.22.1, so a 1.11 pin keeps the
// old behaviour), and more below. The same cases run against the real 3.1 builder and SDK in
// test/diff/evaluationTargets.test.ts (fixture v3.1-example-1).

import * as assert from "node:assert/strict";
import { evaluateFeature } from "../../server/src/service/evaluation";
import { rangesAfter } from "../../server/src/service/evaluation/allocation";
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
