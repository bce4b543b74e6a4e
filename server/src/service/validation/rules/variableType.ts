// Variable values (defaults, variations, overrides, rules, forces) must match the declared type.

import { isObject, type At } from "../../project/featureView";
import type { Rule, RuleContext } from "../rule";

export const DESCRIBE: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  double: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  json: "a JSON string",
};

/** Why a value does not fit a variable type, or undefined when it fits (or the type is not checkable). */
export function variableTypeProblem(type: unknown, value: unknown, format: string): string | undefined {
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : "";
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? undefined : "";
    case "double":
      return typeof value === "number" ? undefined : "";
    case "boolean":
      return typeof value === "boolean" ? undefined : "";
    case "array":
      if (!Array.isArray(value)) return "";
      if (format === "v1" && value.some((x) => typeof x !== "string")) return "v1 array variables hold strings only";
      return undefined;
    case "object":
      if (!isObject(value)) return "";
      if (format === "v1" && Object.values(value).some((x) => typeof x === "object" && x !== null))
        return "v1 object variables must be flat";
      return undefined;
    case "json":
      if (format !== "v1") return undefined;
      if (typeof value !== "string") return "";
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return "the string is not valid JSON";
      }
    default:
      return undefined;
  }
}

/** True for an object whose keys are all mutation paths (`a.b`, `[0].name`, `items:append`). */
function isPathMap(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /[.[\]:]/.test(k));
}

function check(ctx: RuleContext, name: string, type: unknown, at: At<unknown> | undefined): void {
  if (!at || typeof type !== "string") return;
  if (ctx.project.format !== "v1" && isPathMap(at.value)) return; // A v2 mutation map such as { "[0].name": "x" }.
  const problem = variableTypeProblem(type, at.value, ctx.project.format);
  if (problem === undefined) return;
  ctx.report(
    "variable-type",
    at.path,
    `Variable "${name}" is of type ${type}: expected ${DESCRIBE[type] ?? type}${problem ? ` (${problem})` : ""}.`,
    {
      data: { variable: name, type },
    },
  );
}

export const variableTypeRule: Rule = {
  codes: ["variable-type"],
  kinds: ["feature", "environment"],
  run(ctx) {
    const types = new Map(ctx.variables.map((d) => [d.key, d.type]));
    if (ctx.entry.kind === "feature") {
      for (const d of ctx.variables) {
        check(ctx, d.key, d.type, d.defaultValue);
        if ("disabledValue" in d.raw) check(ctx, d.key, d.type, { value: d.raw.disabledValue, path: [...d.path, "disabledValue"] });
      }
      for (const variation of ctx.variations) {
        for (const a of variation.variables) check(ctx, a.key, types.get(a.key), a.value);
        for (const o of variation.overrides) check(ctx, o.key, types.get(o.key), o.value);
      }
    }
    for (const env of ctx.environments) {
      for (const r of [...env.rules, ...env.force]) {
        for (const a of r.variables) check(ctx, a.key, types.get(a.key), a.value);
        for (const o of r.overrides) check(ctx, o.key, types.get(o.key), o.value);
      }
    }
  },
};
