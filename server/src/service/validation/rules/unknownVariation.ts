// Variation values used by rules, forces, required features and tests must be defined by the feature.

import { isObject } from "../../project/featureView";
import type { JsonPath } from "../../types";
import { didYouMean, testAssertions, testSubject } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

function check(
  ctx: RuleContext,
  feature: string,
  known: string[],
  value: unknown,
  path: JsonPath,
  target: "key" | "value" = "value",
): void {
  if (typeof value !== "string" || known.includes(value)) return;
  const hint = closest(value, known);
  const has = known.length ? ` It has: ${known.join(", ")}.` : " It has no variations.";
  ctx.report("unknown-variation", path, `Feature "${feature}" has no variation "${value}".${didYouMean(hint)}${hint ? "" : has}`, {
    target,
    data: { feature, value, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownVariationRule: Rule = {
  codes: ["unknown-variation"],
  kinds: ["feature", "environment", "test"],
  run(ctx) {
    if (ctx.entry.kind === "feature" || ctx.entry.kind === "environment") {
      const feature = ctx.entry.key;
      const known = ctx.variations.map((v) => v.value.value).filter((v): v is string => typeof v === "string");
      for (const env of ctx.environments) {
        for (const r of [...env.rules, ...env.force]) {
          if (r.variation) check(ctx, feature, known, r.variation.value, r.variation.path);
          if (r.variationWeights && isObject(r.variationWeights.value)) {
            for (const k of Object.keys(r.variationWeights.value)) check(ctx, feature, known, k, [...r.variationWeights.path, k], "key");
          }
        }
      }
      const v = ctx.value;
      if (ctx.entry.kind === "feature" && isObject(v) && "disabledVariationValue" in v) {
        check(ctx, feature, known, v.disabledVariationValue, ["disabledVariationValue"]);
      }
      for (const r of ctx.required) {
        if (!r.variation || typeof r.key.value !== "string") continue;
        const other = ctx.project.feature(r.key.value);
        ctx.dependOn("feature", r.key.value);
        if (other) check(ctx, r.key.value, other.variations, r.variation.value, r.variation.path);
      }
      return;
    }
    const subject = testSubject(ctx);
    if (subject?.kind !== "feature") return;
    ctx.dependOn("feature", subject.key);
    const info = ctx.project.feature(subject.key);
    if (!info) return;
    for (const a of testAssertions(ctx)) {
      if ("expectedVariation" in a.value)
        check(ctx, subject.key, info.variations, a.value.expectedVariation, [...a.path, "expectedVariation"]);
    }
  },
};
