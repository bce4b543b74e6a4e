// A condition's value must fit its operator (and, where decidable, its attribute's type).

import { forEachCondition, type PlainCondition } from "../../project/walk";
import type { JsonPath } from "../../types";
import { conditionValues } from "../refs";
import type { Rule, RuleContext } from "../rule";

const NUMERIC = ["greaterThan", "greaterThanOrEquals", "lessThan", "lessThanOrEquals"];
const STRING = ["contains", "notContains", "startsWith", "endsWith"];
const SEMVER = [
  "semverEquals",
  "semverNotEquals",
  "semverGreaterThan",
  "semverGreaterThanOrEquals",
  "semverLessThan",
  "semverLessThanOrEquals",
];
const DATE = ["before", "after"];
const ARRAY = ["in", "notIn"];
const REGEX = ["matches", "notMatches"];
const NO_VALUE = ["exists", "notExists"];
/** Operators whose value the other checks do not require by type: without one, both linters fail (2.x and 3.x). */
const NEEDS_VALUE = ["equals", "notEquals", "includes", "notIncludes"];

function isDateLike(v: unknown, format: string): boolean {
  if (v instanceof Date) return true;
  // v1 accepts only real YAML timestamps; v2 also accepts date strings.
  return format !== "v1" && typeof v === "string" && !Number.isNaN(Date.parse(v));
}

/** What is wrong with a condition's value for its operator, or undefined. */
function problem(cond: PlainCondition, format: string): string | undefined {
  const op = cond.operator;
  const v = cond.value;
  if (typeof op !== "string") return undefined;
  // v1's schema requires `value` on every condition already.
  if (v === undefined && format !== "v1" && NEEDS_VALUE.includes(op)) {
    return op.endsWith("quals")
      ? `"${op}" needs a value: a string, number, boolean, date or null`
      : `"${op}" needs the value to look for in the array`;
  }
  if (NUMERIC.includes(op) && typeof v !== "number") return `"${op}" compares numbers: the value must be a number`;
  if (STRING.includes(op) && typeof v !== "string") return `"${op}" needs a string value`;
  if (SEMVER.includes(op)) {
    if (typeof v !== "string") return `"${op}" needs a version string such as "5.0.0" (quote it so YAML keeps it a string)`;
    if (!/^v?\d+(\.\d+){0,2}([-+].*)?$/.test(v)) return `"${v}" is not a semantic version`;
  }
  if (DATE.includes(op) && !isDateLike(v, format)) return `"${op}" needs a date such as 2024-01-31T00:00:00Z`;
  if (ARRAY.includes(op) && !(Array.isArray(v) && v.every((x) => typeof x === "string" || (format !== "v1" && typeof x === "number")))) {
    return `"${op}" needs a list of strings`;
  }
  if (REGEX.includes(op)) {
    if (typeof v !== "string") return `"${op}" needs a regular expression string`;
    try {
      new RegExp(v, typeof cond.regexFlags === "string" ? cond.regexFlags : "");
    } catch (e) {
      return `invalid regular expression: ${(e as Error).message}`;
    }
  }
  if ((op === "equals" || op === "notEquals") && (Array.isArray(v) || (typeof v === "object" && v !== null && !(v instanceof Date)))) {
    return `"${op}" compares a single value: use "in" or "notIn" for a list`;
  }
  return undefined;
}

const BOOLEAN_OPERATORS = ["equals", "notEquals", "exists", "notExists", "in", "notIn"];

function attributeProblem(ctx: RuleContext, cond: PlainCondition): string | undefined {
  if (typeof cond.attribute !== "string" || typeof cond.operator !== "string") return undefined;
  // Only a condition on a whole attribute has a type to check; `account.plan` is a property of one.
  const attr = ctx.project.attribute(cond.attribute);
  if (!attr) return undefined;
  if (attr.type === "boolean") {
    if (!BOOLEAN_OPERATORS.includes(cond.operator)) return `attribute "${attr.key}" is a boolean: "${cond.operator}" cannot apply`;
    if ((cond.operator === "equals" || cond.operator === "notEquals") && typeof cond.value === "string") {
      return `attribute "${attr.key}" is a boolean: compare with true or false, not the string "${cond.value}"`;
    }
  }
  if ((attr.type === "integer" || attr.type === "double") && STRING.includes(cond.operator)) {
    return `attribute "${attr.key}" is a number: "${cond.operator}" works on strings`;
  }
  return undefined;
}

export const operatorValueRule: Rule = {
  codes: ["operator-value"],
  kinds: ["segment", "feature", "environment"],
  run(ctx) {
    for (const conditions of conditionValues(ctx)) {
      forEachCondition(conditions, (cond, path: JsonPath) => {
        if (typeof cond.operator === "string" && NO_VALUE.includes(cond.operator)) return;
        const p = problem(cond, ctx.project.format);
        if (p) {
          ctx.report("operator-value", "value" in cond ? [...path, "value"] : path, `Invalid value: ${p}.`, {
            data: { operator: cond.operator },
          });
          return;
        }
        if (typeof cond.attribute === "string") ctx.dependOn("attribute", cond.attribute);
        const a = attributeProblem(ctx, cond);
        if (a)
          ctx.report("operator-value", [...path, "operator"], `Condition does not fit its attribute: ${a}.`, {
            severity: "warning",
            data: { operator: cond.operator },
          });
      });
    }
  },
};
