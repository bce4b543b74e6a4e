// The short words of rollout changes (service/rolloutChanges.ts): what the change lenses and the
// Rollout changes view say about one rule and one environment.

import * as assert from "node:assert/strict";
import type { RolloutChange, RuleChange } from "../../server/src/service/diff/types";
import { changeWords, indirectCause, ruleChangeWords } from "../../server/src/service/rolloutChanges";

const rule = (
  percentageBefore: number | null,
  percentageAfter: number | null,
  changedShare: number | null,
  segments = "everyone",
): RuleChange => ({
  rule: "r",
  segments,
  percentageBefore,
  percentageAfter,
  changedShare,
});

const change = (rules: RuleChange[], cause: RolloutChange["cause"] = { kind: "feature", key: "f" }): RolloutChange => ({
  feature: "f",
  environment: "production",
  set: null,
  target: null,
  cause,
  before: "5% of everyone",
  after: "50% of everyone",
  rules,
  contextsChanged: null,
});

describe("rollout change words", () => {
  it("says a percentage change in signed points, and the engine's share when the percentage stays", () => {
    assert.equal(ruleChangeWords(rule(5, 50, 45)), "5% → 50% of everyone (+45 points)");
    assert.equal(ruleChangeWords(rule(50, 49, 1, "beta")), "50% → 49% of beta (−1 point)");
    // A split makes more users change than the percentage moved: the details say so (ruleWords), not the short words.
    assert.equal(ruleChangeWords(rule(5, 50, 47.5)), "5% → 50% of everyone (+45 points)");
    assert.equal(ruleChangeWords(rule(100, 100, 20)), "100% of everyone (20% change)");
    assert.equal(ruleChangeWords(rule(33.3333, 50, 16.6667)), "33.333% → 50% of everyone (+16.667 points)");
  });

  it("says new, removed and re-matched rules", () => {
    assert.equal(ruleChangeWords(rule(null, 10, null, "beta")), "new rule: 10% of beta");
    assert.equal(ruleChangeWords(rule(10, null, null, "beta")), "rule removed: 10% of beta");
    assert.equal(ruleChangeWords(rule(10, 20, null, "beta")), "10% → 20% of beta (+10 points, who matches changes)");
  });

  it("names two rules and counts the rest; rules whose users change together; the rollout without rules", () => {
    assert.equal(changeWords(change([rule(5, 50, 45)])), "5% → 50% of everyone (+45 points)");
    assert.equal(
      changeWords(change([rule(1, 2, 1, "a"), rule(3, 4, 1, "b"), rule(5, 6, 1, "c")])),
      "1% → 2% of a (+1 point), 3% → 4% of b (+1 point) and 1 more rule",
    );
    assert.equal(
      changeWords(change([rule(50, 50, null, "netherlands"), rule(5, 5, null)], { kind: "segment", key: "netherlands" })),
      "who matches 50% of netherlands and 5% of everyone changes",
    );
    assert.equal(changeWords(change([])), "5% of everyone → 50% of everyone");
    assert.equal(indirectCause(change([], { kind: "segment", key: "netherlands" })), "segment netherlands");
    assert.equal(indirectCause(change([], { kind: "force", key: "f" })), undefined);
  });
});
