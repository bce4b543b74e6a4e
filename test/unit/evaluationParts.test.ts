// The evaluation engine's parts, one concept at a time: hashing and bucketing, version comparison,
// conditions and segments per SDK generation, allocation of traffic and variation ranges, state files.

import * as assert from "node:assert/strict";
import { buildTraffic, rangesAfter, takeRanges, type ExistingFeatureState } from "../../server/src/service/evaluation/allocation";
import { bucketKey, bucketValue, readPath, readPlain } from "../../server/src/service/evaluation/bucketing";
import { conditionsMatch } from "../../server/src/service/evaluation/conditions";
import { stringifiedSegments } from "../../server/src/service/evaluation/json";
import { murmurHash3, murmurHash3Joined } from "../../server/src/service/evaluation/murmurhash";
import { featureBucket } from "../../server/src/service/evaluation/sdkCommon";
import type { DatafileFeature } from "../../server/src/service/evaluation/types";
import { segmentsMatch } from "../../server/src/service/evaluation/segments";
import { compareVersions } from "../../server/src/service/evaluation/semver";
import { loadEvaluationState } from "../../server/src/service/evaluation/state";
import { SdkError, type DatafileView } from "../../server/src/service/evaluation/types";
import { ROOT, loadFixture } from "../support/fixture";
import { sdkBucket } from "../support/evaluationFixture";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getTraffic } = require("@featurevisor/core/lib/builder/traffic") as {
  getTraffic: (variations: unknown, rules: unknown[], existing: unknown, ranges: [number, number][]) => unknown[];
};

describe("evaluation: murmurhash and bucketing", () => {
  it("hashes UTF-8 bytes as the SDK does (ASCII, non-ASCII, every tail length)", () => {
    const keys = ["", "a", "ab", "abc", "abcd", "user-1.checkout", "ünïcödé.feature", "日本語.x", "emoji 🎉", "x".repeat(257)];
    for (const key of keys) assert.equal(bucketValue(key), sdkBucket(key), key);
    assert.equal(murmurHash3("hello", 1), 3142237357);
  });

  it("hashes a bucket key from its parts as from the joined key, and a feature's bucket as the SDK does", () => {
    const parts: [string, string][] = [
      ["", "f"],
      ["user-1", "checkout"],
      ["ünï", "x"],
      ["u", "日本"],
      ["x".repeat(300), "y".repeat(300)],
    ];
    for (const [a, b] of parts) assert.equal(murmurHash3Joined(a, ".", b, 1), murmurHash3(`${a}.${b}`, 1), `${a}.${b}`);
    const feature = (bucketBy: unknown) => ({ key: "checkout", bucketBy }) as DatafileFeature;
    const contexts = [
      { userId: "u1" },
      { userId: null },
      {},
      { userId: 42 },
      { userId: ["a", null] },
      { userId: { id: 1 } },
      { userId: "ü" },
    ];
    for (const ctx of contexts) {
      const key = bucketKey("checkout", "userId", ctx, readPlain);
      assert.equal(featureBucket(feature("userId"), ctx, 1), sdkBucket(key), JSON.stringify(ctx));
    }
  });

  it("joins bucketBy values with the feature key: plain, all of a list, first of `or`", () => {
    const ctx = { userId: "u1", country: "nl", deviceId: "d1" };
    assert.equal(bucketKey("f", "userId", ctx, readPlain), "u1.f");
    assert.equal(bucketKey("f", ["userId", "country"], ctx, readPlain), "u1.nl.f");
    assert.equal(bucketKey("f", { or: ["missing", "deviceId", "userId"] }, ctx, readPlain), "d1.f");
    // Missing attributes are skipped; null joins as an empty part (Array.prototype.join).
    assert.equal(bucketKey("f", ["missing", "userId"], ctx, readPlain), "u1.f");
    assert.equal(bucketKey("f", "userId", { userId: null }, readPlain), ".f");
    assert.equal(bucketKey("f", "userId", {}, readPlain), "f");
  });

  it("reads dotted attributes as paths in v2 only", () => {
    const ctx = { account: { id: "a1" }, "account.id": "flat" };
    assert.equal(bucketKey("f", "account.id", ctx, readPath), "a1.f");
    assert.equal(bucketKey("f", "account.id", ctx, readPlain), "flat.f");
    assert.equal(readPath({ a: 0 }, "a.b"), undefined);
  });

  it("rejects a bucketBy that is neither a string, a list nor `or` (the SDK throws)", () => {
    assert.throws(() => bucketKey("f", { and: ["userId"] }, {}, readPlain), SdkError);
  });
});

describe("evaluation: semver comparison", () => {
  const cases: [string, string, number | undefined][] = [
    ["1.0.0", "1.0.0", 0],
    ["1.2", "1.2.0", 0],
    ["v1.2.3", "1.2.3", 0],
    ["1.10.0", "1.9.0", 1],
    ["1.2.3-alpha", "1.2.3", -1],
    ["1.2.3-alpha.2", "1.2.3-alpha.10", -1],
    ["1.2.3-beta", "1.2.3-alpha", 1],
    ["1.x", "1.7.3", -1], // a missing patch is 0, and only x itself is a wildcard
    ["1.x.x", "1.7.3", 0],
    ["1.2.3.4", "1.2.3.5", -1],
    ["1.2.3+build", "1.2.3", 0],
    ["5.5", "5.5.0", 0],
    ["not a version", "1.0.0", undefined],
    ["1.2-beta", "1.2.0", undefined], // pre-release tags need a patch number
  ];
  for (const [a, b, expected] of cases) it(`${a} vs ${b}`, () => assert.equal(compareVersions(a, b), expected));
});

describe("evaluation: conditions", () => {
  const c = (attribute: string, operator: string, value?: unknown) => ({ attribute, operator, value });
  const both = (cond: unknown, ctx: Record<string, unknown>) => [conditionsMatch(cond, ctx, 1), conditionsMatch(cond, ctx, 2)];

  it("compares strings, numbers and versions alike in both generations", () => {
    assert.deepEqual(both(c("country", "equals", "nl"), { country: "nl" }), [true, true]);
    assert.deepEqual(both(c("country", "notEquals", "nl"), {}), [true, true]);
    assert.deepEqual(both(c("plan", "startsWith", "pro"), { plan: "pro-1" }), [true, true]);
    assert.deepEqual(both(c("plan", "endsWith", "-1"), { plan: "pro-1" }), [true, true]);
    assert.deepEqual(both(c("plan", "contains", "o-"), { plan: "pro-1" }), [true, true]);
    assert.deepEqual(both(c("plan", "notContains", "x"), { plan: "pro-1" }), [true, true]);
    assert.deepEqual(both(c("age", "greaterThanOrEquals", 18), { age: 18 }), [true, true]);
    assert.deepEqual(both(c("age", "lessThan", 18), { age: 18 }), [false, false]);
    assert.deepEqual(both(c("version", "semverGreaterThan", "5.0.0"), { version: "5.10" }), [true, true]);
    assert.deepEqual(both(c("version", "semverLessThanOrEquals", "5.0.0"), { version: "garbage" }), [false, false]);
  });

  it("near misses: an operator needs the types of its branch", () => {
    assert.deepEqual(both(c("age", "greaterThan", 18), { age: "30" }), [false, false]);
    assert.deepEqual(both(c("country", "equals", "nl"), { country: "NL" }), [false, false]);
    assert.deepEqual(both(c("country", "startsWith", "n"), { country: 5 }), [false, false]);
  });

  it("compares dates with before/after, from text or Date", () => {
    const cond = c("date", "before", "2023-11-27T00:00:00.000Z");
    assert.deepEqual(both(cond, { date: "2023-11-26T23:59:59Z" }), [true, true]);
    assert.deepEqual(both(cond, { date: new Date("2023-11-27T00:00:00Z") }), [false, false]);
    assert.deepEqual(both(c("date", "after", "2023-11-24"), { date: "not a date" }), [false, false]);
  });

  it("`in` takes numbers and null only in v2", () => {
    assert.deepEqual(both(c("country", "in", ["nl", "de"]), { country: "de" }), [true, true]);
    assert.deepEqual(both(c("code", "in", [31, 49]), { code: 31 }), [false, true]);
    assert.deepEqual(both(c("code", "notIn", [31, null]), { code: null }), [false, false]);
    assert.deepEqual(both(c("country", "notIn", ["nl"]), { country: "de" }), [true, true]);
  });

  it("v2 operators: exists, includes, matches; nothing in v1", () => {
    assert.deepEqual(both(c("email", "exists"), { email: "x" }), [false, true]);
    assert.deepEqual(both(c("email", "notExists"), {}), [false, true]);
    // A string value sends `exists` to the string branch, where it is no operator.
    assert.deepEqual(both(c("email", "exists", "yes"), { email: "x" }), [false, false]);
    assert.deepEqual(both(c("labels", "includes", "vip"), { labels: ["vip"] }), [false, true]);
    assert.deepEqual(both(c("labels", "notIncludes", "vip"), { labels: ["a"] }), [false, true]);
    assert.deepEqual(both({ ...c("email", "matches", "@GMAIL\\.com$"), regexFlags: "i" }, { email: "a@gmail.com" }), [false, true]);
    assert.deepEqual(both(c("email", "notMatches", "corp"), { email: "a@corp.com" }), [false, false]);
    assert.deepEqual(both(c("email", "matches", "("), { email: "(" }), [false, false]);
  });

  it("reads dotted attributes as paths in v2", () => {
    assert.deepEqual(both(c("account.plan", "equals", "pro"), { account: { plan: "pro" } }), [false, true]);
    assert.deepEqual(both(c("account.plan", "equals", "pro"), { "account.plan": "pro" }), [true, false]);
  });

  it("combines with lists (all), and, or, and not (not all)", () => {
    const nl = c("country", "equals", "nl");
    const adult = c("age", "greaterThanOrEquals", 18);
    const ctx = { country: "nl", age: 12 };
    assert.equal(conditionsMatch([nl, adult], ctx, 1), false);
    assert.equal(conditionsMatch({ or: [nl, adult] }, ctx, 1), true);
    assert.equal(conditionsMatch({ and: [nl, { or: [adult] }] }, ctx, 2), false);
    assert.equal(conditionsMatch({ not: [nl, adult] }, ctx, 1), true); // not (nl and adult)
    assert.equal(conditionsMatch({ not: [nl] }, ctx, 2), false);
    assert.equal(conditionsMatch([], ctx, 1), true);
  });

  it("`*` matches everyone in v2 and throws in v1 (as the v1 SDK does)", () => {
    assert.equal(conditionsMatch("*", {}, 2), true);
    assert.equal(conditionsMatch("other", {}, 2), false);
    assert.throws(() => conditionsMatch("*", {}, 1), SdkError);
  });
});

describe("evaluation: segments", () => {
  const segments: Record<string, unknown> = {
    nl: [{ attribute: "country", operator: "equals", value: "nl" }],
    adult: [{ attribute: "age", operator: "greaterThanOrEquals", value: 18 }],
  };
  const view = (sdk: 1 | 2): DatafileView => ({
    sdk,
    feature: () => undefined,
    absence: () => "",
    segment: (key) => (key in segments ? { conditions: segments[key] } : undefined),
  });
  const ctx = { country: "nl", age: 12 };

  it("matches everyone, keys, lists (all), and, or, and not (none of)", () => {
    for (const sdk of [1, 2] as const) {
      assert.equal(segmentsMatch("*", ctx, view(sdk)), true);
      assert.equal(segmentsMatch("nl", ctx, view(sdk)), true);
      assert.equal(segmentsMatch(["nl", "adult"], ctx, view(sdk)), false);
      assert.equal(segmentsMatch({ or: ["adult", "nl"] }, ctx, view(sdk)), true);
      assert.equal(segmentsMatch({ not: ["adult"] }, ctx, view(sdk)), true);
      assert.equal(segmentsMatch({ not: ["adult", "nl"] }, ctx, view(sdk)), false); // none of, unlike conditions
      assert.equal(segmentsMatch([{ and: ["nl"] }, { not: ["adult"] }], ctx, view(sdk)), true);
    }
  });

  it("a segment the datafile lacks (missing, archived) matches nobody, even under not", () => {
    assert.equal(segmentsMatch("missing", ctx, view(1)), false);
    assert.equal(segmentsMatch({ not: ["missing"] }, ctx, view(1)), true);
  });

  it("reads stringified segments as a builder wrote them", () => {
    assert.deepEqual(stringifiedSegments(["nl"]), ["nl"]);
    assert.equal(stringifiedSegments("nl"), "nl");
    assert.equal(stringifiedSegments(null), "null");
  });
});

describe("evaluation: allocation", () => {
  it("takes and leaves ranges as the builder's allocator does", () => {
    assert.deepEqual(takeRanges([[0, 100]], 30), [[0, 30]]);
    assert.deepEqual(
      takeRanges(
        [
          [0, 10],
          [20, 50],
        ],
        25,
      ),
      [
        [0, 10],
        [20, 35],
      ],
    );
    assert.deepEqual(
      rangesAfter(
        [
          [0, 10],
          [20, 50],
        ],
        25,
      ),
      [[35, 50]],
    );
    // The free ranges the fill did not reach are dropped, as in the builder.
    assert.deepEqual(
      rangesAfter(
        [
          [0, 10],
          [20, 50],
        ],
        5,
      ),
      [[5, 10]],
    );
    assert.deepEqual(rangesAfter([[0, 10]], 0), []);
  });

  const variations = [
    { value: "a", weight: 33.34 },
    { value: "b", weight: 33.33 },
    { value: "c", weight: 33.33 },
  ];
  const rule = (key: string, percentage: number) => ({ key, segments: "*", percentage });
  const mine = (vs: unknown, rules: unknown[], existing: ExistingFeatureState | undefined, ranges: [number, number][]) =>
    buildTraffic({ sdk: 1, variations: vs, rules, existing, groupRanges: ranges, segmentsView: stringifiedSegments });
  const stateOf = (vs: typeof variations, traffic: unknown[]): ExistingFeatureState =>
    JSON.parse(JSON.stringify({ variations: vs.map(({ value, weight }) => ({ value, weight })), traffic }));

  it("matches @featurevisor/core's getTraffic: fresh, grown, shrunk, re-weighted, in group slots", () => {
    const fresh = getTraffic(variations, [rule("1", 50), rule("2", 80)], undefined, []);
    assert.deepEqual(mine(variations, [rule("1", 50), rule("2", 80)], undefined, []), fresh);
    const state = stateOf(variations, fresh);
    for (const next of [[rule("1", 75), rule("2", 80)], [rule("1", 20), rule("2", 100)], [rule("3", 10)]]) {
      assert.deepEqual(mine(variations, next, state, []), getTraffic(variations, next, state, []), JSON.stringify(next));
    }
    const reweighted = [
      { value: "a", weight: 50 },
      { value: "b", weight: 50 },
    ];
    assert.deepEqual(mine(reweighted, [rule("1", 60)], state, []), getTraffic(reweighted, [rule("1", 60)], state, []));
    const slots: [number, number][] = [[50001, 100000]];
    assert.deepEqual(mine(variations, [rule("1", 50)], undefined, slots), getTraffic(variations, [rule("1", 50)], undefined, slots));
  });

  it("v2: variationWeights override weights (but not with 0) and always re-bucket; empty allocations are dropped", () => {
    const v2 = (rules: unknown[], existing?: ExistingFeatureState) =>
      buildTraffic({ sdk: 2, variations, rules, existing, groupRanges: [], segmentsView: (s) => s });
    const [t] = v2([{ ...rule("1", 100), variationWeights: { a: 10, b: 0, c: 90 } }]);
    // b keeps its own 33.33 because a weight of 0 is falsy; c then only gets what is left.
    assert.deepEqual(t.allocation, [
      { variation: "a", range: [0, 10000] },
      { variation: "b", range: [10000, 43330] },
      { variation: "c", range: [43330, 100000] },
    ]);
    assert.equal(v2([rule("1", 0)])[0].allocation, undefined);
    assert.deepEqual(v2([rule("1", 0)], undefined)[0].percentage, 0);
  });
});

describe("evaluation: state files", () => {
  it("reads existing-state-<env>.json from the state directory; a broken file is reported and ignored", async () => {
    const { workspace, fs } = await loadFixture(`//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], stateDirectoryPath: "state" };
//- /features/a.yml
description: A
tags: [all]
bucketBy: userId
rules:
  staging: []
  production: []
`);
    fs.write(`${ROOT}/state/existing-state-staging.json`, JSON.stringify({ features: { a: { traffic: [] } } }));
    fs.write(`${ROOT}/state/existing-state-production.json`, "{ not json");
    const state = await loadEvaluationState(fs, workspace.projects.get(ROOT)!);
    assert.deepEqual([...state.environments.keys()], ["staging"]);
    assert.deepEqual(state.environments.get("staging")!.features, { a: { traffic: [] } });
    assert.equal(state.problems.length, 1);
    assert.match(state.problems[0], /existing-state-production\.json/);
  });
});
