import * as assert from "node:assert/strict";
import { parseKeep, resolveBehaviour } from "../../../server/src/service/fixes/behaviour";
import { doRemoveFlag, getRewriter, rewritableExtensions } from "../../../server/src/service/fixes/index";
import { decideAnd, decideEquality, decideOr, JS_SEMANTICS, PY_SEMANTICS } from "../../../server/src/service/fixes/simplify";
import { unifiedDiff } from "../../../server/src/service/fixes/unifiedDiff";

const CHECKOUT = {
  variablesSchema: {
    buttonColor: { type: "string", defaultValue: "blue" },
    steps: { type: "integer", defaultValue: 3, disabledValue: 0 },
    theme: { type: "json", defaultValue: '{"dark":false}', useDefaultWhenDisabled: true },
    promo: { type: "string", defaultValue: "none" },
  },
  variations: [
    { value: "control", weight: 50 },
    {
      value: "treatment",
      weight: 50,
      variables: { buttonColor: "green", steps: 2 },
      variableOverrides: { promo: [{ segments: "nl", value: "nl" }] },
    },
  ],
  disabledVariationValue: "off",
  rules: { production: [{ key: "everyone", segments: "*", percentage: 100 }] },
};

describe("fixes: parts", () => {
  describe("unifiedDiff", () => {
    it("prints hunks with three lines of context, as diff -u does", () => {
      // Compared with GNU diff -u: changes 7 lines apart make two hunks, 6 lines apart one.
      const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nl\n";
      const after = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nl\nk\n";
      assert.equal(
        unifiedDiff(before, after, "a/x", "b/x"),
        "--- a/x\n+++ b/x\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -9,3 +9,4 @@\n i\n j\n l\n+k\n",
      );
      const near = unifiedDiff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n", "a/x", "b/x");
      assert.equal(near, "--- a/x\n+++ b/x\n@@ -1,10 +1,11 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n j\n+k\n");
    });

    it("marks a missing final line break, and is empty for equal texts", () => {
      assert.equal(unifiedDiff("x\ny", "x\n", "a/f", "b/f"), "--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n x\n-y\n\\ No newline at end of file\n");
      assert.equal(unifiedDiff("same\n", "same\n", "a", "b"), "");
      assert.equal(unifiedDiff("", "new\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n");
    });
  });

  describe("resolveBehaviour", () => {
    it("a kept variation gets its variables over the defaults; overridden ones are unknown", () => {
      const r = resolveBehaviour(CHECKOUT, { kind: "variation", value: "treatment" }, "v2", ["production"]);
      assert.deepEqual(r.behaviour, {
        enabled: true,
        variation: "treatment",
        variables: { buttonColor: "green", steps: 2, theme: { dark: false } },
      });
      assert.deepEqual(r.warnings, ['Variable "promo" has overrides in variation "treatment": its usages are left as they are.']);
      const c = resolveBehaviour(CHECKOUT, { kind: "variation", value: "control" }, "v2", ["production"]);
      assert.deepEqual(c.behaviour.variables, { buttonColor: "blue", steps: 3, theme: { dark: false }, promo: "none" });
    });

    it("disabled serves disabledVariationValue, disabledValue and defaults when asked (v2), nothing in v1", () => {
      const r = resolveBehaviour(CHECKOUT, { kind: "disabled" }, "v2", ["production"]);
      assert.deepEqual(r.behaviour, {
        enabled: false,
        variation: "off",
        variables: { buttonColor: null, steps: 0, theme: { dark: false }, promo: null },
      });
      const v1 = resolveBehaviour(
        { variablesSchema: [{ key: "color", type: "string", defaultValue: "blue" }], variations: [{ value: "on" }] },
        { kind: "disabled" },
        "v1",
        ["production"],
      );
      assert.deepEqual(v1.behaviour, { enabled: false, variation: null, variables: { color: null } });
    });

    it("enabled without a variation leaves the variation and the variables variations set unknown", () => {
      const r = resolveBehaviour(CHECKOUT, { kind: "enabled" }, "v2", ["production"]);
      assert.deepEqual(r.behaviour, { enabled: true, variation: undefined, variables: { theme: { dark: false } } });
      assert.equal(r.warnings.length, 4);
      const plain = resolveBehaviour(
        { variablesSchema: { limit: { type: "integer", defaultValue: 5 } } },
        { kind: "enabled" },
        "v2",
        false,
      );
      assert.deepEqual(plain.behaviour, { enabled: true, variation: null, variables: { limit: 5 } });
    });

    it("rejects a variation the feature does not have", () => {
      assert.equal(
        resolveBehaviour(CHECKOUT, { kind: "variation", value: "blue" }, "v2", false).error,
        'the feature has no variation "blue" (it has: control, treatment)',
      );
    });

    it("parses --keep values", () => {
      assert.deepEqual(parseKeep("enabled"), { kind: "enabled" });
      assert.deepEqual(parseKeep("variation:b:c"), { kind: "variation", value: "b:c" });
      assert.equal(parseKeep("variation:"), undefined);
      assert.equal(parseKeep("on"), undefined);
    });
  });

  describe("registry and logic", () => {
    it("chooses a rewriter by extension and leaves other files alone", () => {
      assert.ok(getRewriter("/a/b.TSX"));
      assert.ok(getRewriter("/a/b.py"));
      assert.ok(getRewriter("/a/b.go"));
      assert.equal(getRewriter("/a/b.rb"), undefined);
      assert.ok(rewritableExtensions().includes(".mjs"));
      assert.deepEqual(
        doRemoveFlag("/a/b.rb", 'if f.is_enabled("x")\nend\n', { featureKey: "x", behaviour: { enabled: true, variables: {} } }),
        { edits: [], notes: [] },
      );
    });

    it("drops an operand only when it has no effect, and keeps values where they matter", () => {
      const t = { known: { value: true, sources: [] }, pure: true, boolish: true };
      const f = { known: { value: false, sources: [] }, pure: true, boolish: true };
      const pure = { pure: true, boolish: false };
      const call = { pure: false, boolish: false };
      assert.deepEqual(decideAnd(pure, f, "bool", JS_SEMANTICS), { value: false, sources: [] });
      assert.equal(decideAnd(call, f, "bool", JS_SEMANTICS), undefined);
      assert.equal(decideAnd(pure, t, "value", JS_SEMANTICS), undefined);
      assert.deepEqual(decideAnd(pure, t, "bool", JS_SEMANTICS), { keep: "left" });
      assert.equal(decideOr(call, t, "bool", JS_SEMANTICS), undefined);
      assert.deepEqual(decideOr({ known: { value: [], sources: [] }, pure: true, boolish: false }, pure, "value", PY_SEMANTICS), {
        keep: "right",
      });
      assert.deepEqual(decideOr({ known: { value: [], sources: [] }, pure: true, boolish: false }, pure, "value", JS_SEMANTICS), {
        value: [],
        sources: [],
      });
      assert.equal(decideEquality({ value: null, sources: [1], fuzzyNull: true }, { value: null, sources: [] }, "strict-eq"), undefined);
      assert.deepEqual(decideEquality({ value: null, sources: [1], fuzzyNull: true }, { value: null, sources: [] }, "loose-eq"), {
        value: true,
        sources: [1],
      });
      assert.equal(decideEquality({ value: "1", sources: [] }, { value: 1, sources: [] }, "loose-eq"), undefined);
    });
  });
});
