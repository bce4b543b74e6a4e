// Attributes named in conditions and bucketBy must exist; a condition's property path into an object attribute
// (`account.plan`, v2 and later) must name properties its schema has.

import { attributePathProblem } from "../../project/attributePath";
import { attributeKeyOf } from "../../project/featureView";
import { forEachCondition } from "../../project/walk";
import { bucketByKeys, conditionValues, didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

function check(ctx: RuleContext, attribute: string, path: readonly (string | number)[], propertyPath: boolean): void {
  const key = attributeKeyOf(ctx.project, attribute);
  ctx.dependOn("attribute", key);
  if (ctx.project.attribute(key)) {
    if (propertyPath && key !== attribute) checkProperties(ctx, attribute, key, path);
    return;
  }
  const hint = closest(key, ctx.project.keys("attribute"));
  ctx.report("unknown-attribute", path, `Unknown attribute "${key}".${didYouMean(hint)}`, {
    data: { key, ...(hint ? { suggestion: hint } : {}) },
  });
}

function checkProperties(ctx: RuleContext, attribute: string, root: string, path: readonly (string | number)[]): void {
  const properties = attribute.slice(root.length + 1).split(".");
  const problem = attributePathProblem(ctx.project, root, properties, (schema) => ctx.dependOn("schema", schema));
  if (!problem) return;
  const near = closest(problem.property, problem.candidates);
  const hint = near === undefined ? undefined : [problem.parent, near, ...properties.slice(problem.parent.split(".").length)].join(".");
  ctx.report("unknown-attribute", path, `Unknown attribute "${attribute}": ${problem.message}.${didYouMean(hint)}`, {
    data: { key: attribute, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownAttributeRule: Rule = {
  codes: ["unknown-attribute"],
  kinds: ["segment", "feature", "environment"],
  run(ctx) {
    for (const conditions of conditionValues(ctx)) {
      forEachCondition(conditions, (cond, path) => {
        if (typeof cond.attribute === "string") check(ctx, cond.attribute, [...path, "attribute"], true);
      });
    }
    // bucketBy names attributes by their key: a property path is checked by its root only.
    for (const { key, path } of bucketByKeys(ctx)) if (key !== "*") check(ctx, key, path, false);
  },
};
