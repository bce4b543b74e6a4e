// The 3.x SDK's rules where they differ from 2.x (v3 projects), and evaluation against a v3 target's
// datafile on a small inline project: which features the target takes
// (tag, tags, include/exclude patterns, expose lists) and what its build-time context settles, each with
// a near miss (the same evaluation without the target, or with a target without context).

import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { evaluateFeature, targetSelection, type TargetSelection } from "../../server/src/service/evaluation";
import { conditionsMatch } from "../../server/src/service/evaluation/conditions";
import { segmentsMatch } from "../../server/src/service/evaluation/segments";
import type { DatafileView } from "../../server/src/service/evaluation/types";
import type { Project } from "../../server/src/service/project/project";
import { fixtureProject } from "../support/evaluationFixture";

const condition = (attribute: string, operator: string, value: string) =>
  `conditions:\n  - attribute: ${attribute}\n    operator: ${operator}\n    value: ${value}\n`;

const PROJECT = `//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], tags: ["all", "web", "ios"] };
//- /attributes/userId.yml
description: User
type: string
//- /attributes/platform.yml
description: Platform
type: string
//- /attributes/browser.yml
description: Browser
type: string
//- /segments/web.yml
description: Web
${condition("platform", "equals", "web")}//- /segments/ios.yml
description: iOS
${condition("platform", "equals", "ios")}//- /segments/notChrome.yml
description: Not Chrome
${condition("browser", "notEquals", "chrome")}//- /segments/chrome.yml
description: Chrome
${condition("browser", "equals", "chrome")}//- /targets/web.yml
description: Web
tag: web
context:
  platform: web
`;

/** A v3 feature with the same rules (and force) in both environments. */
function feature(key: string, tags: string, body: string): string {
  const indent = (s: string) => s.replace(/^(?=.)/gm, "    ");
  const [rules, force = "", head = ""] = body.split("\n---\n");
  return (
    `//- /features/${key}.yml\ndescription: ${key}\ntags: ${tags}\nbucketBy: userId\n${head}` +
    `rules:\n  staging:\n${indent(rules)}  production:\n${indent(rules)}` +
    (force ? `force:\n  staging:\n${indent(force)}  production:\n${indent(force)}` : "")
  );
}

const WEB: TargetSelection = targetSelection("web", { tag: "web", context: { platform: "web" } });
const WEB_NO_CONTEXT: TargetSelection = targetSelection("web", { tag: "web" });

function enabled(p: Project, key: string, context: Record<string, unknown>, target?: TargetSelection): boolean {
  return evaluateFeature(p, key, "production", { userId: "u-1", ...context }, { target }).enabled;
}

describe("evaluation against a v3 target", () => {
  it("the target takes features by tag, tags (list, or, and), include and exclude patterns; the others are disabled, with the reason", async () => {
    const all = `- key: all\n  segments: "*"\n  percentage: 100\n`;
    const p = await fixtureProject(
      PROJECT +
        feature("checkout", "[web]", all) +
        feature("checkoutIos", "[web, ios]", all) +
        feature("search", "[ios]", all) +
        feature("archivedOne", "[web]", all).replace("bucketBy: userId\n", "bucketBy: userId\narchived: true\n"),
    );
    const take = (target: unknown) =>
      ["archivedOne", "checkout", "checkoutIos", "search"].filter((k) => enabled(p, k, {}, targetSelection("t", target)));
    assert.deepEqual(take({ tag: "web" }), ["checkout", "checkoutIos"]);
    assert.deepEqual(take({ tags: ["web", "ios"] }), ["checkout", "checkoutIos", "search"]);
    assert.deepEqual(take({ tags: { or: ["web", "ios"] } }), ["checkout", "checkoutIos", "search"]);
    assert.deepEqual(take({ tags: { and: ["web", "ios"] } }), ["checkoutIos"]);
    assert.deepEqual(take({ tag: "web", includeFeatures: ["check*"], excludeFeatures: ["*Ios"] }), ["checkout"]);
    assert.deepEqual(take({ tags: { or: ["web", "ios"] }, includeFeatures: "*" }), ["checkout", "checkoutIos", "search"]);
    const out = evaluateFeature(p, "search", "production", { userId: "u" }, { target: targetSelection("t", { tag: "web" }) });
    assert.deepEqual([out.enabled, out.reason], [false, `feature "search" is not tagged "web"`]);
    const excluded = evaluateFeature(p, "checkoutIos", "production", {}, { target: targetSelection("t", { excludeFeatures: ["*Ios"] }) });
    assert.match(excluded.reason, /is in excludeFeatures of target "t"/);
  });

  it("an environment's expose list must name the target's tag", async () => {
    const all = `- key: all\n  segments: "*"\n  percentage: 100\n`;
    const p = await fixtureProject(
      PROJECT + feature("f", "[web, ios]", `${all}\n---\n\n---\nexpose:\n  staging: true\n  production: [ios]\n`),
    );
    assert.equal(enabled(p, "f", {}, targetSelection("t", { tag: "ios" })), true);
    assert.equal(enabled(p, "f", {}, targetSelection("t", { tag: "web" })), false);
    assert.equal(evaluateFeature(p, "f", "staging", { userId: "u" }, { target: targetSelection("t", { tag: "web" }) }).enabled, true);
  });

  it("a rule whose segment the build-time context matches serves everyone", async () => {
    const p = await fixtureProject(
      PROJECT + feature("f", "[web]", `- key: web\n  segments: web\n  percentage: 100\n- key: rest\n  segments: "*"\n  percentage: 0\n`),
    );
    assert.equal(enabled(p, "f", { platform: "ios" }, WEB), true);
    assert.equal(enabled(p, "f", { platform: "ios" }, WEB_NO_CONTEXT), false);
    assert.equal(enabled(p, "f", { platform: "ios" }), false);
  });

  it("a segment in `or` that the context matches is dropped, which narrows the `or` as in the built datafile", async () => {
    const p = await fixtureProject(PROJECT + feature("f", "[web]", `- key: r\n  segments:\n    or: [web, ios]\n  percentage: 100\n`));
    assert.equal(enabled(p, "f", { platform: "web" }, WEB), false);
    assert.equal(enabled(p, "f", { platform: "ios" }, WEB), true);
    assert.equal(enabled(p, "f", { platform: "web" }, WEB_NO_CONTEXT), true);
  });

  it("`not` whose every segment the context matches becomes `not: [*]`: nobody", async () => {
    const p = await fixtureProject(PROJECT + feature("f", "[web]", `- key: r\n  segments:\n    not: [web]\n  percentage: 100\n`));
    assert.equal(enabled(p, "f", { platform: "ios" }, WEB), false);
    assert.equal(enabled(p, "f", { platform: "ios" }, WEB_NO_CONTEXT), true);
  });

  it("the context alone decides: a condition on an attribute it lacks can match (notEquals)", async () => {
    const p = await fixtureProject(PROJECT + feature("f", "[web]", `- key: r\n  segments: notChrome\n  percentage: 100\n`));
    assert.equal(enabled(p, "f", { browser: "chrome" }, WEB), true);
    assert.equal(enabled(p, "f", { browser: "chrome" }, WEB_NO_CONTEXT), false);
    // A target whose context says chrome leaves the segment in place.
    const chrome = targetSelection("c", { tag: "web", context: { browser: "chrome" } });
    assert.equal(enabled(p, "f", { browser: "chrome" }, chrome), false);
  });

  it("a catch-all rule right after a settled one is dropped: the first rule answers", async () => {
    const p = await fixtureProject(
      PROJECT +
        feature("f", "[web]", `- key: first\n  segments: web\n  percentage: 100\n- key: rest\n  segments: "*"\n  percentage: 100\n`),
    );
    assert.match(evaluateFeature(p, "f", "production", { userId: "u", platform: "ios" }, { target: WEB }).reason, /^rule "first"/);
    assert.match(
      evaluateFeature(p, "f", "production", { userId: "u", platform: "ios" }, { target: WEB_NO_CONTEXT }).reason,
      /^rule "rest"/,
    );
  });

  it("a force's segments written as one key are settled; written as a list they are JSON text to the builder and stay", async () => {
    const rules = `- key: r\n  segments: "*"\n  percentage: 0\n`;
    const p = await fixtureProject(
      PROJECT +
        feature("byKey", "[web]", `${rules}\n---\n- segments: web\n  enabled: true\n`) +
        feature("byList", "[web]", `${rules}\n---\n- segments: [web]\n  enabled: true\n`),
    );
    assert.equal(enabled(p, "byKey", { platform: "ios" }, WEB), true);
    assert.equal(enabled(p, "byKey", { platform: "ios" }, WEB_NO_CONTEXT), false);
    assert.equal(enabled(p, "byList", { platform: "ios" }, WEB), false);
    assert.equal(enabled(p, "byList", { platform: "web" }, WEB), true);
  });

  it("a variable override by one segment key is settled too", async () => {
    const head = `variablesSchema:\n  color:\n    type: string\n    defaultValue: red\nvariations:\n  - value: on\n    weight: 100\n    variables:\n      color: blue\n    variableOverrides:\n      color:\n        - value: green\n          segments: web\n`;
    const p = await fixtureProject(PROJECT + feature("f", "[web]", `- key: r\n  segments: "*"\n  percentage: 100\n\n---\n\n---\n${head}`));
    const color = (target?: TargetSelection) =>
      evaluateFeature(p, "f", "production", { userId: "u", platform: "ios" }, { target }).variables.color;
    assert.equal(color(WEB), "green");
    assert.equal(color(WEB_NO_CONTEXT), "blue");
  });
});

describe("evaluation: the 3.x SDK's rules for v3 projects", () => {
  const segments: Record<string, unknown> = {
    nl: [{ attribute: "country", operator: "equals", value: "nl" }],
    adult: [{ attribute: "age", operator: "greaterThanOrEquals", value: 18 }],
  };
  const view = (sdk: 2 | 3): DatafileView => ({
    sdk,
    feature: () => undefined,
    absence: () => "",
    segment: (key) => (key in segments ? { conditions: segments[key] } : undefined),
  });
  const ctx = { country: "nl", age: 12 };

  it("segment `not` means not all of (2.x: none of); an empty `not` matches nobody (2.x: everyone)", () => {
    assert.equal(segmentsMatch({ not: ["adult", "nl"] }, ctx, view(3)), true);
    assert.equal(segmentsMatch({ not: ["adult", "nl"] }, ctx, view(2)), false);
    assert.equal(segmentsMatch({ not: ["nl"] }, ctx, view(3)), false);
    assert.equal(segmentsMatch({ not: ["adult"] }, ctx, view(3)), true);
    assert.equal(segmentsMatch({ not: [] }, ctx, view(3)), false);
    assert.equal(segmentsMatch({ not: [] }, ctx, view(2)), true);
  });

  it("conditions: an empty `not` matches nobody, `includes` looks for numbers, booleans and null too", () => {
    assert.equal(conditionsMatch({ not: [] }, ctx, 3), false);
    assert.equal(conditionsMatch({ not: [] }, ctx, 2), true);
    const includes = (value: unknown) => ({ attribute: "list", operator: "includes", value });
    for (const value of [2, true, null]) {
      assert.equal(conditionsMatch(includes(value), { list: [1, 2, true, null] }, 3), true, String(value));
      assert.equal(conditionsMatch(includes(value), { list: [1, 2, true, null] }, 2), false, String(value));
    }
    assert.equal(conditionsMatch(includes(3), { list: [1, 2] }, 3), false);
  });
});

describe("evaluation: a v3 rule's own variableOverrides", () => {
  const head = `variablesSchema:\n  color:\n    type: string\n    defaultValue: red\n`;
  const rules = `- key: r
  segments: "*"
  percentage: 100
  variables:
    color: white
  variableOverrides:
    color:
      - value: green
        segments: web
      - value: orange
        conditions:
          - attribute: browser
            operator: equals
            value: firefox
`;

  it("are tried in order before the rule's variables; a target's context settles their segments and conditions", async () => {
    const p = await fixtureProject(PROJECT + feature("f", "[web]", `${rules}\n---\n\n---\n${head}`));
    const color = (context: Record<string, unknown>, target?: TargetSelection) =>
      evaluateFeature(p, "f", "production", { userId: "u", ...context }, { target }).variables.color;
    assert.equal(color({ platform: "web", browser: "firefox" }), "green");
    assert.equal(color({ platform: "ios", browser: "firefox" }), "orange");
    assert.equal(color({ platform: "ios" }), "white");
    assert.equal(color({ platform: "ios" }, WEB), "green");
    const firefox = targetSelection("ff", { tag: "web", context: { browser: "firefox" } });
    assert.equal(color({ platform: "ios", browser: "chrome" }, firefox), "orange");
    assert.equal(color({ platform: "ios", browser: "chrome" }, WEB_NO_CONTEXT), "white");
  });
});

describe("flaglens evaluate --target", function () {
  this.timeout(20000);
  const CLI = path.resolve(process.cwd(), "dist/cli.js");
  let root = "";
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-evaltarget-cli-"));
    const files = (PROJECT + feature("f", "[web]", `- key: web\n  segments: web\n  percentage: 100\n`)).split(/^\/\/- \//m).filter(Boolean);
    for (const file of files) {
      const [name, ...rest] = file.split("\n");
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), rest.join("\n"));
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, "evaluate", "--project", root, ...args], (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("evaluates against the target's datafile, its context applied", async () => {
    const context = JSON.stringify({ userId: "u", platform: "ios" });
    const withTarget = await run("--environment", "production", "--target", "web", "--context", context);
    assert.equal(withTarget.code, 0, withTarget.stderr);
    assert.equal((JSON.parse(withTarget.stdout.trim()) as { enabled: boolean }).enabled, true);
    const without = await run("--environment", "production", "--context", context);
    assert.equal((JSON.parse(without.stdout.trim()) as { enabled: boolean }).enabled, false);
  });

  it("an unknown target is a usage error with a did-you-mean; so are --tag with --target and --target outside v3", async () => {
    const unknown = await run("--environment", "production", "--target", "webb", "--context", "{}");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown target "webb" \(targets: web\); did you mean "web"\?/);
    const both = await run("--environment", "production", "--target", "web", "--tag", "web", "--context", "{}");
    assert.deepEqual([both.code, /either --tag or --target/.test(both.stderr)], [2, true]);
    const v2 = path.resolve(process.cwd(), "example");
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [CLI, "evaluate", "--project", v2, "--environment", "production", "--target", "web", "--context", "{}"],
        (e, _o, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /targets are a Featurevisor 3 feature, and this is a v2 project/);
  });
});
