// Attributes named in conditions and bucketBy must exist.

import { forEachCondition } from "../../project/walk";
import { bucketByKeys, conditionValues, didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

/** The attribute key of a condition's `attribute` (v2 object attributes are written `account.plan`). */
export function attributeBase(attribute: string): string {
  const dot = attribute.indexOf(".");
  return dot > 0 ? attribute.slice(0, dot) : attribute;
}

function check(ctx: RuleContext, attribute: string, path: readonly (string | number)[]): void {
  let key = attribute;
  if (!ctx.project.attribute(key) && ctx.project.format !== "v1") key = attributeBase(attribute);
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
