// Attributes named in conditions and bucketBy must exist; a condition's property path into an object attribute
// (`account.plan`, v2 and later) must name properties its schema has.

import { attributePathProblem } from "../../project/attributePath";
import { isObject } from "../../project/featureView";
import { forEachCondition } from "../../project/walk";
import { bucketByKeys, conditionValues, didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

/**
 * A condition's attribute: from v2 on, the 2.27 and 3.1 linters read everything after the first `.` as a property
 * path, so with v3's default `.` namespace an attribute kept in a subfolder (`attributes/user/id.yml`, key
 * `user.id`) cannot be named in a condition, only in `bucketBy`.
 */
function checkCondition(ctx: RuleContext, attribute: string, path: readonly (string | number)[]): void {
  const key = ctx.project.format === "v1" ? attribute : attribute.split(".")[0];
  ctx.dependOn("attribute", key);
  if (ctx.project.attribute(key)) {
    if (key !== attribute) checkProperties(ctx, attribute, key, path);
    return;
  }
  ctx.dependOn("attribute", attribute);
  if (key !== attribute && ctx.project.attribute(attribute)) {
    ctx.report(
      "unknown-attribute",
      path,
      `Unknown attribute "${attribute}": a condition reads it as the property "${attribute.slice(key.length + 1)}" of an attribute "${key}", and there is none. The attribute "${attribute}" of a subfolder can be named in bucketBy, not in conditions.`,
      { data: { key: attribute } },
    );
    return;
  }
  reportUnknown(ctx, key, path);
}

function reportUnknown(ctx: RuleContext, key: string, path: readonly (string | number)[]): void {
  const hint = closest(key, ctx.project.keys("attribute"));
  ctx.report("unknown-attribute", path, `Unknown attribute "${key}".${didYouMean(hint)}`, {
    data: { key, ...(hint ? { suggestion: hint } : {}) },
  });
}

/**
 * bucketBy names an attribute by its key, or (2.27, 3.1) by a path of properties its schema declares inline
 * (`account.plan`: `properties` at each step, not `additionalProperties` or schema references).
 */
function checkBucketBy(ctx: RuleContext, name: string, path: readonly (string | number)[]): void {
  ctx.dependOn("attribute", name);
  if (ctx.project.attribute(name)) return;
  if (ctx.project.format !== "v1") {
    for (let dot = name.indexOf("."); dot > 0; dot = name.indexOf(".", dot + 1)) {
      const root = name.slice(0, dot);
      ctx.dependOn("attribute", root);
      if (declaresPropertyPath(ctx.project.entry("attribute", root)?.doc?.value, name.slice(dot + 1).split("."))) return;
    }
  }
  reportUnknown(ctx, name, path);
}

function declaresPropertyPath(schema: unknown, properties: string[]): boolean {
  let current = schema;
  for (const property of properties) {
    if (!isObject(current) || current.type !== "object" || !isObject(current.properties)) return false;
    if (!Object.prototype.hasOwnProperty.call(current.properties, property)) return false;
    current = current.properties[property];
  }
  return true;
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
        if (typeof cond.attribute === "string") checkCondition(ctx, cond.attribute, [...path, "attribute"]);
      });
    }
    for (const { key, path } of bucketByKeys(ctx)) if (key !== "*") checkBucketBy(ctx, key, path);
  },
};
