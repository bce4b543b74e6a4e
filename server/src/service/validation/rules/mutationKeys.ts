// Variable mutations (2.14 and later, so 2.27 and 3.1), checked as their linters check them: a mutation key
// (`config.width`, `tags:append`, `items[id=2]:after`) in a variation's, rule's or force's `variables` must
// lead somewhere the variable's schema declares, its operation must suit what it leads to (`:append` to an
// array, `:remove` of a property that is not `required`, `:after` next to an array element), and its value
// must have the type found there. A `variableOverrides` key is a variable, never a path; an override whose
// value is a path map (a key in mutation notation, or any key of a variable whose object schema declares
// properties) has each path checked the same way, and its `:remove` paths take `null`.
// Deliberately shallow: the value found at a path is checked for its type, not its nested properties.

import { isObject, type VariableAssignment, type VariableDecl } from "../../project/featureView";
import { isMutationKey, parsePath, splitOperation, type Operation, type Step } from "../../project/mutationPath";
import { versionAtLeast } from "../../project/version";
import type { JsonPath } from "../../types";
import type { Rule, RuleContext } from "../rule";
import { DESCRIBE, variableTypeProblem } from "./variableType";

type Schema = Record<string, unknown>;

/** Follows `schema: <key>` references into schemas/ (a reference to a missing schema stays as it is). */
function follow(ctx: RuleContext, schema: unknown, depth = 0): Schema | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.schema === "string" && depth < 32) {
    ctx.dependOn("schema", schema.schema);
    const target = ctx.project.entry("schema", schema.schema)?.doc?.value;
    if (isObject(target)) return follow(ctx, target, depth + 1);
  }
  return schema;
}

const isOneOf = (s: Schema) => Array.isArray(s.oneOf) && s.oneOf.length > 0;
const own = (o: unknown, key: string): unknown => (isObject(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);
const isElement = (s: Step) => s.index !== undefined || s.select !== undefined;

/** The schema of a property of an object schema: declared, else `additionalProperties` when that is a schema. */
function property(ctx: RuleContext, s: Schema, key: string): Schema | undefined {
  const declared = own(s.properties, key);
  return follow(ctx, declared !== undefined ? declared : s.additionalProperties);
}

/** The schema a path leads to, or undefined when the schema does not declare it. */
function schemaAt(ctx: RuleContext, root: Schema, steps: Step[]): Schema | undefined {
  let current: Schema | undefined = root;
  for (const step of steps) {
    if (!current || isOneOf(current)) return undefined;
    if (step.key) {
      if (current.type !== "object") return undefined;
      const declared = own(current.properties, step.key) !== undefined;
      current = property(ctx, current, step.key);
      // As in the linter, a property found through additionalProperties does not go on into an index.
      if (!declared) continue;
    }
    if (isElement(step)) {
      if (current?.type !== "array") return undefined;
      current = follow(ctx, current.items);
    }
  }
  return current;
}

interface Container {
  /** What the last step names: the array for an element, else the property's schema. */
  schema: Schema | undefined;
  /** What holds it: the array for an element, else the object. */
  parent: Schema;
  last: Step;
}

/** Where the last step of a path lands, or undefined when the schema does not declare the way there. */
function containerAt(ctx: RuleContext, root: Schema, steps: Step[]): Container | undefined {
  if (steps.length === 0) return { schema: root, parent: root, last: { key: "" } };
  const parent = schemaAt(ctx, root, steps.slice(0, -1));
  if (!parent) return undefined;
  const last = steps[steps.length - 1];
  if (isElement(last)) {
    let array: Schema | undefined = parent;
    if (last.key) {
      if (parent.type !== "object") return undefined;
      array = property(ctx, parent, last.key);
      if (!array) return undefined;
    }
    return { schema: array, parent: array, last: { ...last, key: "" } };
  }
  const schema = property(ctx, parent, last.key);
  return schema ? { schema, parent, last } : undefined;
}

/** A mutation key's problem, or the schema its value must fit (null: any value). */
function validate(
  ctx: RuleContext,
  key: string,
  decl: VariableDecl,
): { error: string } | { valueSchema: Schema | null; operation: Operation } {
  const { path, operation } = splitOperation(key.trim());
  const all = parsePath(path);
  const first = all[0];
  const steps = first && isElement(first) ? [{ ...first, key: "" }, ...all.slice(1)] : all.slice(1);
  const root = follow(ctx, decl.raw);
  if (!root) return { error: `Could not resolve schema for variable "${decl.key}".` };
  if (steps.length > 0 && isOneOf(root))
    return { error: `Cannot mutate path into variable "${decl.key}" (root schema is \`oneOf\`; path resolution not defined).` };
  const nowhere = { error: `Path "${key}" is invalid for variable "${decl.key}" (path does not exist in schema).` };
  if (operation === "set") {
    const at = schemaAt(ctx, root, steps);
    if (!at && steps.length > 0) return nowhere;
    if (at && isOneOf(at))
      return { error: `Cannot set value at path "${key}" (target schema is \`oneOf\`; mutation target must be a single schema).` };
    return { valueSchema: at ?? null, operation };
  }
  const container = containerAt(ctx, root, steps);
  if (!container) return nowhere;
  if (operation === "append" || operation === "prepend") {
    const array = container.schema;
    if (array?.type !== "array")
      return {
        error: `Operation ":${operation}" is only allowed on array variables or object properties of type array; path "${key}" does not point to an array.`,
      };
    if (isOneOf(array)) return { error: `Operation ":${operation}" is not allowed when array \`items\` is \`oneOf\` (path "${key}").` };
    return { valueSchema: follow(ctx, array.items) ?? null, operation };
  }
  if (isElement(container.last)) {
    if (container.parent.type !== "array")
      return {
        error: `Operation ":${operation}" with array index/selector is only allowed on arrays; path "${key}" does not point to an array element.`,
      };
    if (operation === "remove") return { valueSchema: null, operation };
    const items = container.parent.items;
    if (isObject(items) && isOneOf(items))
      return { error: `Operation ":${operation}" is not allowed when array \`items\` is \`oneOf\` (path "${key}").` };
    return { valueSchema: follow(ctx, items) ?? null, operation };
  }
  if (container.parent.type !== "object")
    return {
      error: `Operation ":${operation}" on a property is only allowed on objects; path "${key}" does not point to an object property.`,
    };
  const required = container.parent.required;
  if (operation === "remove" && Array.isArray(required) && required.includes(container.last.key))
    return {
      error: `Cannot remove required property "${container.last.key}" from variable "${decl.key}" (listed in schema \`required\`).`,
    };
  return { valueSchema: null, operation };
}

function checkValue(ctx: RuleContext, label: string, schema: Schema | null, value: unknown, path: JsonPath): void {
  if (!schema || typeof schema.type !== "string") return;
  const problem = variableTypeProblem(schema.type, value, ctx.project.format);
  if (problem === undefined) return;
  ctx.report(
    "variable-type",
    path,
    `Variable "${label}" is of type ${schema.type} at this path: expected ${DESCRIBE[schema.type] ?? schema.type}${problem ? ` (${problem})` : ""}.`,
    {
      data: { variable: label, type: schema.type },
    },
  );
}

function checkAssignment(ctx: RuleContext, decls: Map<string, VariableDecl>, a: VariableAssignment): void {
  if (!isMutationKey(a.key)) return;
  const rootKey = parsePath(splitOperation(a.key.trim()).path)[0]?.key ?? "";
  const decl = decls.get(rootKey);
  if (!decl) return; // unknown-variable reports it, and a key that starts with no variable name (`[0]`).
  const result = validate(ctx, a.key, decl);
  if ("error" in result) ctx.report("invalid-mutation", a.keyPath, result.error, { target: a.keyTarget });
  else if (a.value) checkValue(ctx, a.key, result.valueSchema, a.value.value, a.value.path);
}

/** The overrides of one variable, by the path of their list; each list is checked once. */
function checkOverrides(
  ctx: RuleContext,
  decls: Map<string, VariableDecl>,
  overrides: { key: string; path: JsonPath; value?: { value: unknown; path: JsonPath } }[],
): void {
  const listed = new Set<string>();
  for (const o of overrides) {
    const listPath = o.path.slice(0, -1);
    if (!o.path.includes("variableOverrides")) continue; // v1 overrides sit under their variable.
    const id = JSON.stringify(listPath);
    if (!listed.has(id)) {
      listed.add(id);
      if (isMutationKey(o.key)) {
        ctx.report(
          "invalid-mutation",
          listPath,
          `Variable override key "${o.key}" must be a declared variable key, not mutation notation. Use mutation notation inside each override's \`value\` object.`,
          { target: "key" },
        );
      }
    }
    const decl = decls.get(o.key);
    if (!decl || isMutationKey(o.key) || !o.value || !isObject(o.value.value)) continue;
    const map = o.value.value;
    const keys = Object.keys(map);
    const root = follow(ctx, decl.raw);
    const structured = root?.type === "object" && (Boolean(root.properties) || Boolean(root.additionalProperties));
    if (!(keys.some(isMutationKey) || (structured && keys.length > 0))) continue;
    for (const k of keys) {
      const path = [...o.value.path, k];
      const result = validate(ctx, `${o.key}.${k}`, decl);
      if ("error" in result) {
        ctx.report("invalid-mutation", path, result.error, { target: "key" });
        continue;
      }
      if (result.operation === "remove") {
        if (map[k] !== null) ctx.report("invalid-mutation", path, `Mutation "${k}:remove" must use \`null\` as value.`);
        continue;
      }
      const fallback = result.operation === "set" ? null : { type: "string" };
      checkValue(ctx, k, result.valueSchema ?? fallback, map[k], path);
    }
  }
}

export const mutationKeysRule: Rule = {
  codes: ["invalid-mutation", "variable-type"],
  kinds: ["feature", "environment"],
  run(ctx) {
    if (ctx.project.format === "v1" || !versionAtLeast(ctx.project, 2, 14)) return;
    const decls = new Map(ctx.variables.map((d) => [d.key, d]));
    if (decls.size === 0) return;
    for (const variation of ctx.entry.kind === "feature" ? ctx.variations : []) {
      for (const a of variation.variables) checkAssignment(ctx, decls, a);
      checkOverrides(ctx, decls, variation.overrides);
    }
    for (const env of ctx.environments) {
      for (const r of [...env.rules, ...env.force]) {
        for (const a of r.variables) checkAssignment(ctx, decls, a);
        checkOverrides(ctx, decls, r.overrides);
      }
    }
  },
};
