// Attributes named in conditions and bucketBy must exist.

import { attributeKeyOf } from "../../project/featureView";
import { forEachCondition } from "../../project/walk";
import { bucketByKeys, conditionValues, didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

function check(ctx: RuleContext, attribute: string, path: readonly (string | number)[]): void {
  const key = attributeKeyOf(ctx.project, attribute);
  ctx.dependOn("attribute", key);
  if (ctx.project.attribute(key)) return;
  const hint = closest(key, ctx.project.keys("attribute"));
  ctx.report("unknown-attribute", path, `Unknown attribute "${key}".${didYouMean(hint)}`, {
    data: { key, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownAttributeRule: Rule = {
  codes: ["unknown-attribute"],
  kinds: ["segment", "feature", "environment"],
  run(ctx) {
    for (const conditions of conditionValues(ctx)) {
      forEachCondition(conditions, (cond, path) => {
        if (typeof cond.attribute === "string") check(ctx, cond.attribute, [...path, "attribute"]);
      });
    }
    for (const { key, path } of bucketByKeys(ctx)) if (key !== "*") check(ctx, key, path);
  },
};
