// Variables set by variations, overrides, rules, forces and expected by tests must be declared.

import { isObject, variableBaseKey, type OverrideView } from "../../project/featureView";
import type { JsonPath } from "../../types";
import { didYouMean, testAssertions, testSubject } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

function check(ctx: RuleContext, feature: string, known: string[], key: string, path: JsonPath, target: "key" | "value"): void {
  const base = variableBaseKey(key);
  if (known.includes(base)) return;
  const hint = closest(base, known);
  const has = known.length ? ` Declared: ${known.join(", ")}.` : " It declares no variables.";
  ctx.report("unknown-variable", path, `Feature "${feature}" declares no variable "${base}".${didYouMean(hint)}${hint ? "" : has}`, {
    target,
    data: { feature, key: base, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownVariableRule: Rule = {
  codes: ["unknown-variable"],
  kinds: ["feature", "environment", "test"],
  run(ctx) {
    if (ctx.entry.kind === "feature" || ctx.entry.kind === "environment") {
      const feature = ctx.entry.key;
      const known = ctx.variables.map((d) => d.key);
      // A v2 override list is keyed by its variable: one finding per key, however many overrides it holds.
      const listed = new Set<string>();
      const checkOverride = (o: OverrideView) => {
        const path = o.path.slice(0, -1);
        const id = JSON.stringify(path);
        if (listed.has(id)) return;
        listed.add(id);
        check(ctx, feature, known, o.key, path, "key");
      };
      for (const env of ctx.environments) {
        for (const r of [...env.rules, ...env.force]) {
          for (const a of r.variables) check(ctx, feature, known, a.key, a.keyPath, a.keyTarget);
          r.overrides.forEach(checkOverride);
        }
      }
      if (ctx.entry.kind === "feature") {
        for (const variation of ctx.variations) {
          for (const a of variation.variables) check(ctx, feature, known, a.key, a.keyPath, a.keyTarget);
          for (const o of variation.overrides) {
            // v2 overrides are keyed by variable name; v1 overrides sit under a variable already checked.
            if (o.path.includes("variableOverrides")) checkOverride(o);
          }
        }
      }
      return;
    }
    const subject = testSubject(ctx);
    if (subject?.kind !== "feature") return;
    ctx.dependOn("feature", subject.key);
    const info = ctx.project.feature(subject.key);
    if (!info) return;
    const known = [...info.variables.keys()];
    for (const a of testAssertions(ctx)) {
      const expected = a.value.expectedVariables;
      if (!isObject(expected)) continue;
      for (const k of Object.keys(expected)) check(ctx, subject.key, known, k, [...a.path, "expectedVariables", k], "key");
    }
  },
};
