import * as assert from "node:assert/strict";
import { codePathFilter, DEFAULT_CODE_SETTINGS, parseCodeSettings, parseFunctionSpec } from "../../../server/src/service/code/settings";

describe("code settings (flaglens.code.*, flaglens.stale.*)", () => {
  it("takes every setting as the CLI's options mean it", () => {
    const { settings, problems } = parseCodeSettings(
      {
        functions: ["isFeatureOn", "flagVariant:variation", "flagValue:variable"],
        clients: ["flags", "*"],
        include: ["src/**"],
        exclude: ["vendor/"],
        gitignore: false,
        lens: "call",
      },
      { days: 7, permanentTags: ["keep", "ops"] },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.tree, {
      include: ["src/**"],
      exclude: ["vendor/"],
      gitignore: false,
      settings: {
        functions: [
          { name: "isFeatureOn", evaluates: "flag" },
          { name: "flagVariant", evaluates: "variation" },
          { name: "flagValue", evaluates: "variable" },
        ],
        clients: ["flags", "*"],
      },
    });
    assert.equal(settings.staleness.days, 7);
    assert.deepEqual(settings.staleness.permanentTags, ["keep", "ops"]);
    assert.equal(settings.lens, "call");
    assert.equal(parseCodeSettings({ lens: "off" }, undefined).settings.lens, "off");
  });

  it("gives the defaults when nothing is set", () => {
    assert.deepEqual(parseCodeSettings(undefined, undefined), { settings: DEFAULT_CODE_SETTINGS, problems: [] });
    assert.deepEqual(parseCodeSettings({}, null), { settings: DEFAULT_CODE_SETTINGS, problems: [] });
  });

  it("ignores wrong values, each with a problem naming the setting, and keeps the good ones", () => {
    const { settings, problems } = parseCodeSettings(
      {
        functions: ["is-on", "isOn:flagg", "a:flag:b", "isOn:variation", 3],
        clients: ["this.sdk"],
        include: "src/**",
        gitignore: "no",
        lens: "file",
      },
      { days: -1, permanentTags: [""] },
    );
    assert.deepEqual(settings.tree.settings.functions, [{ name: "isOn", evaluates: "variation" }]);
    assert.deepEqual(settings.tree.settings.clients, []);
    assert.deepEqual(settings.tree.include, []);
    assert.equal(settings.tree.gitignore, true);
    assert.equal(settings.lens, "line");
    assert.equal(settings.staleness.days, 30);
    assert.deepEqual(settings.staleness.permanentTags, []);
    assert.deepEqual(problems, [
      `flaglens.code.functions: "is-on" is not a function name (use NAME or NAME:flag|variation|variable); ignored.`,
      `flaglens.code.functions: "isOn:flagg": the kind after the colon must be flag, variation or variable (use NAME or NAME:flag|variation|variable); ignored.`,
      `flaglens.code.functions: "a:flag:b": the kind after the colon must be flag, variation or variable (use NAME or NAME:flag|variation|variable); ignored.`,
      "flaglens.code.functions: 3 is not a string; ignored.",
      `flaglens.code.clients: "this.sdk" is not a name (or * for any receiver); ignored.`,
      "flaglens.code.include must be a list of strings; ignored.",
      "flaglens.code.gitignore must be true or false; ignored.",
      'flaglens.code.lens must be one of call, line, off, not "file"; using line.',
      "flaglens.stale.days must be a whole number of at least 0, not -1; using 30.",
      "flaglens.stale.permanentTags: an empty string; ignored.",
    ]);
    assert.deepEqual(parseCodeSettings([], 5).problems, [
      "flaglens.code must be an object; ignored.",
      "flaglens.stale must be an object; ignored.",
    ]);
  });

  it("parses a function spec as --function does", () => {
    assert.deepEqual(parseFunctionSpec("isFeatureOn"), { name: "isFeatureOn", evaluates: "flag" });
    assert.deepEqual(parseFunctionSpec("$flag:variable"), { name: "$flag", evaluates: "variable" });
    assert.equal(typeof parseFunctionSpec("1st"), "string");
    assert.equal(typeof parseFunctionSpec("on:"), "string");
  });

  it("filters paths by the globs seen from the innermost workspace folder", () => {
    const accepts = codePathFilter(["/w", "/w/app"], ["src/**"], ["src/vendor/", "**/*.test.ts"]);
    assert.equal(accepts("/w/src/a.ts"), true);
    assert.equal(accepts("/w/lib/a.ts"), false, "not included");
    assert.equal(accepts("/w/src/vendor/x/a.ts"), false, "inside an excluded folder");
    assert.equal(accepts("/w/src/a.test.ts"), false, "an excluded file");
    assert.equal(accepts("/w/app/src/a.ts"), true, "relative to the inner folder");
    assert.equal(accepts("/elsewhere/a.ts"), true, "outside every folder");
    assert.equal(codePathFilter(["/w"], [], [])("/w/anything.ts"), true);
  });
});
