// The rollout diff's changedShare against brute force: 100,000 generated users evaluated before and
// after with the evaluation engine (the SDK's steps), counting those whose answer (enabled, variation,
// variables) changes. Only the changed rules' features are evaluated, and every user matches the rule.

import * as assert from "node:assert/strict";
import { diffRollouts } from "../../server/src/service/diff/rolloutDiff";
import { evaluateFeature } from "../../server/src/service/evaluation";
import { loadProjects } from "../../server/src/service/project/loader";
import type { Project } from "../../server/src/service/project/project";
import { MemoryFileSystem } from "../support/memoryFileSystem";

const ROOT = "/project";
const USERS = 100_000;

async function load(files: Record<string, string>): Promise<Project[]> {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, c]) => [`${ROOT}/${p}`, c])));
  return loadProjects(fs, ROOT, { maxFileSize: 1 << 20, log: () => undefined });
}

const V2 = {
  "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "attributes/deviceId.yml": "description: Device\ntype: string\n",
};

const V1 = {
  "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
  "attributes/deviceId.yml": "description: Device\ntype: string\n",
};

/** A v2 feature with one rule for everyone in production. */
function v2Feature(o: { percentage: number; weights?: [number, number]; bucketBy?: string; ruleWeights?: string }): string {
  const variations = o.weights
    ? `variations:\n  - value: control\n    weight: ${o.weights[0]}\n  - value: treatment\n    weight: ${o.weights[1]}\n`
    : "";
  return (
    `description: Checkout\ntags: [all]\nbucketBy: ${o.bucketBy ?? "userId"}\n${variations}` +
    `rules:\n  production:\n    - key: everyone\n      segments: "*"\n      percentage: ${o.percentage}\n${o.ruleWeights ?? ""}`
  );
}

function v1Feature(percentage: number, weights: [number, number]): string {
  return `description: Checkout
tags: [all]
bucketBy: userId
variations:
  - value: control
    weight: ${weights[0]}
  - value: treatment
    weight: ${weights[1]}
environments:
  production:
    rules:
      - key: everyone
        segments: "*"
        percentage: ${percentage}
`;
}

/** The share (points) of generated users whose answer changes, evaluated with the engine. */
function bruteForce(before: Project, after: Project, beforeKey: string, afterKey: string): number {
  let changed = 0;
  for (let i = 0; i < USERS; i++) {
    const context = { userId: `user-${i}`, deviceId: `device-${(i * 7919) % 1000003}` };
    const b = evaluateFeature(before, beforeKey, "production", context);
    const a = evaluateFeature(after, afterKey, "production", context);
    if (b.enabled !== a.enabled || b.variation !== a.variation || JSON.stringify(b.variables) !== JSON.stringify(a.variables)) changed++;
  }
  return (changed / USERS) * 100;
}

async function check(beforeFiles: Record<string, string>, afterFiles: Record<string, string>, expected: number): Promise<void> {
  const before = await load(beforeFiles);
  const after = await load(afterFiles);
  const diff = diffRollouts({ projects: before }, { projects: after });
  assert.equal(diff.changes.length, 1, JSON.stringify(diff.changes));
  const [change] = diff.changes;
  assert.equal(change.rules.length, 1, JSON.stringify(change.rules));
  const share = change.rules[0].changedShare;
  // The engine's answer, from the bucket ranges, is the figure the scenario predicts...
  assert.equal(share, expected);
  // ...and the users evaluated one by one agree within half a point.
  const beforeKey = change.before.match(/^as "([^"]+)"/)?.[1] ?? change.feature;
  const brute = bruteForce(before[0], after[0], beforeKey, change.feature);
  assert.ok(Math.abs(brute - share!) <= 0.5, `changedShare ${share} but ${brute.toFixed(3)} points of ${USERS} users changed`);
}

describe("rollout diff: changedShare against 100,000 users", function () {
  this.timeout(60000);

  it("a percentage change, 5 to 50 (v2)", () =>
    check(
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 5 }) },
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 50 }) },
      45,
    ));

  it("a weights-only change re-assigns the moved share (v2, 50/50 to 80/20 at 60%)", () =>
    check(
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 60, weights: [50, 50] }) },
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 60, weights: [80, 20] }) },
      18,
    ));

  it("a rule's own variationWeights (v2): 50/50 to 10/90 at 100%", () =>
    check(
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 100, weights: [50, 50] }) },
      {
        ...V2,
        "features/checkout.yml": v2Feature({
          percentage: 100,
          weights: [50, 50],
          ruleWeights: "      variationWeights:\n        control: 10\n        treatment: 90\n",
        }),
      },
      40,
    ));

  it("a bucketBy change re-buckets everyone: independent buckets (v2, 50%)", () =>
    check(
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 50 }) },
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 50, bucketBy: "deviceId" }) },
      50,
    ));

  it("a renamed feature re-buckets (its key is in the bucket key): 30% with a 50/50 split", () =>
    check(
      { ...V2, "features/checkout.yml": v2Feature({ percentage: 30, weights: [50, 50] }) },
      { ...V2, "features/payment.yml": v2Feature({ percentage: 30, weights: [50, 50] }) },
      // 30,001 buckets on (control 0 to 15,000, treatment 15,001 to 30,000), 69,999 off:
      // kept 0.69999² + 0.15001² + 0.15² = 0.534989, so 46.501 points change
      46.501,
    ));

  it("a percentage and weights change together (v1: `<=`, ranges of the 1.x builder)", () =>
    check({ ...V1, "features/checkout.yml": v1Feature(20, [50, 50]) }, { ...V1, "features/checkout.yml": v1Feature(40, [75, 25]) }, 30));
});
