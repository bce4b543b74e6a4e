// Variable mutations (Featurevisor 2.14 and later, so 2.27 and 3.1): the builder, not the SDK, resolves them.
// A variation's or rule's `variables`, and a force's, may hold keys that are paths into a declared variable:
// `"config.width": 1500`, `"tags[0]": x`, `"items[id=2].name": y`, with an operation suffix `:append`,
// `:prepend` (arrays), `:before`, `:after` (next to an element chosen by `[prop=value]`) or `:remove`. The
// builder starts from the variable's default value, applies the keys shortest first, and writes only declared
// variables. An override's value that is an object is a path map into its variable, applied on the value the
// variation or rule gives it (or on the default): `{ "deep.count": 20 }`, and also `{ theme: dark }`, which
// so merges into the object instead of replacing it.
//
// Written from the behaviour of the 3.1 builder (packages/core/src/builder/mutator.ts, mutateVariables.ts),
// checked against it by test/diff/evaluationTargets.test.ts.

import { parsePath, splitOperation, rootVariable, type Operation, type Step } from "../project/mutationPath";
import { isJsonObject, type DatafileFeature, type JsonObject, type VariableOverride } from "./types";

export { rootVariable };

/** The array a step with an index or a selector works on: the container itself when it is one. */
function arrayOf(container: unknown, step: Step): unknown[] | undefined {
  if (Array.isArray(container)) return container;
  if (step.key === "" || !isJsonObject(container)) return undefined;
  const value = container[step.key];
  return Array.isArray(value) ? value : undefined;
}

function selected(item: unknown, select: { prop: string; value: string }, numeric: boolean): boolean {
  if (typeof item !== "object" || item === null) return false;
  const v = (item as JsonObject)[select.prop];
  return String(v) === select.value || (numeric && v === parseInt(select.value, 10));
}

function descend(container: unknown, step: Step): unknown {
  if (container === null || container === undefined) return undefined;
  if (step.index !== undefined) return arrayOf(container, step)?.[step.index];
  if (step.select) return arrayOf(container, step)?.find((item) => selected(item, step.select!, false));
  return typeof container === "object" ? (container as JsonObject)[step.key] : undefined;
}

function apply(container: unknown, step: Step, operation: Operation, value: unknown): void {
  if (step.index !== undefined || step.select) {
    const list = arrayOf(container, step);
    if (!list) return;
    // An index that is not a number removes the first element, as Array.prototype.splice reads NaN as 0.
    const at =
      step.index !== undefined ? step.index : list.findIndex((item) => selected(item, step.select!, /^\d+$/.test(step.select!.value)));
    if (step.select && at < 0) return;
    if (operation === "remove") list.splice(at, 1);
    else if (operation === "set" && step.index !== undefined) list[at] = value;
    else if (operation === "after" && step.select && value !== undefined) list.splice(at + 1, 0, value);
    else if (operation === "before" && step.select && value !== undefined) list.splice(at, 0, value);
    return;
  }
  if (!isJsonObject(container) && !Array.isArray(container)) return;
  const object = container as JsonObject;
  if (operation === "remove") delete object[step.key];
  else if (operation === "set") object[step.key] = value;
  else if ((operation === "append" || operation === "prepend") && value !== undefined) {
    const current = object[step.key] ?? [];
    if (!Array.isArray(current)) return;
    if (operation === "append") current.push(value);
    else current.unshift(value);
    object[step.key] = current;
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** A copy of `value` with one mutation (`path`, relative to the variable, with its operation) applied. */
export function mutateValue(value: unknown, notation: string, setValue: unknown): unknown {
  if (value === null || value === undefined) return value;
  const result = clone(value);
  const { path, operation } = splitOperation(notation.trim());
  const steps = parsePath(path);
  if (steps.length === 0) {
    if (Array.isArray(result) && setValue !== undefined) {
      if (operation === "append") result.push(setValue);
      else if (operation === "prepend") result.unshift(setValue);
    }
    return result;
  }
  let container: unknown = result;
  for (const step of steps.slice(0, -1)) {
    container = descend(container, step);
    if (container === undefined) return result;
  }
  apply(container, steps[steps.length - 1], operation, setValue);
  return result;
}

function declared(schema: JsonObject, key: string): JsonObject | undefined {
  const v = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
  return isJsonObject(v) ? v : undefined;
}

/**
 * Variables with mutation keys resolved, as the builder writes them: only declared variables, each from its
 * default value with its keys applied shortest first. Undefined when nothing is declared or set.
 */
export function resolveVariables(variablesSchema: unknown, variables: unknown): Record<string, unknown> | undefined {
  if (!isJsonObject(variables) || Object.keys(variables).length === 0) return undefined;
  if (!isJsonObject(variablesSchema) || Object.keys(variablesSchema).length === 0) return undefined;
  const keys = Object.keys(variables);
  const out: Record<string, unknown> = {};
  let any = false;
  for (const variable of new Set(keys.map(rootVariable))) {
    const schema = variable ? declared(variablesSchema, variable) : undefined;
    if (!schema) continue;
    let value: unknown = schema.defaultValue === null || schema.defaultValue === undefined ? undefined : clone(schema.defaultValue);
    const mine = keys
      .filter(
        (k) =>
          rootVariable(k) === variable &&
          (k === variable || ([".", "[", ":"].includes(k.charAt(variable.length)) && k.startsWith(variable))),
      )
      .sort((a, b) => a.length - b.length);
    for (const key of mine) {
      const set = variables[key];
      if (key === variable) value = set === null || set === undefined ? set : clone(set);
      else
        value = mutateValue(value, key.charAt(variable.length) === "." ? key.slice(variable.length + 1) : key.slice(variable.length), set);
    }
    out[variable] = value;
    any = true;
  }
  return any ? out : undefined;
}

/**
 * An override's value as the builder writes it: an object is a map of paths into the variable (a key equal
 * to the variable's own key replaces it), applied on `base` (the variation's or rule's value), else on the
 * default. Any other value stands as it is.
 */
export function resolveOverrideValue(variablesSchema: unknown, variableKey: string, value: unknown, base: unknown): unknown {
  if (!isJsonObject(variablesSchema) || !declared(variablesSchema, variableKey)) return value;
  if (!isJsonObject(value)) return value;
  const flat: Record<string, unknown> = {};
  if (base !== undefined) flat[variableKey] = clone(base);
  for (const [k, v] of Object.entries(value)) flat[k === variableKey ? k : `${variableKey}.${k}`] = v;
  const resolved = resolveVariables(variablesSchema, flat);
  return resolved && variableKey in resolved ? resolved[variableKey] : value;
}

function resolveOverrides(
  variablesSchema: unknown,
  overrides: Record<string, VariableOverride[]> | undefined,
  base: Record<string, unknown> | undefined,
): Record<string, VariableOverride[]> | undefined {
  if (!overrides) return overrides;
  const out: Record<string, VariableOverride[]> = {};
  for (const [key, list] of Object.entries(overrides)) {
    out[key] = list.map((o) =>
      "conditions" in o || "segments" in o ? { ...o, value: resolveOverrideValue(variablesSchema, key, o.value, base?.[key]) } : o,
    );
  }
  return out;
}

/**
 * A built feature's variables as a 2.14+ builder writes them (the parts are fresh objects of this build, so
 * they are replaced in place; the file's values are never touched): variations' and rules' `variables` and
 * force `variables` resolved, and the overrides of each applied on the value its variation or rule gives.
 */
export function resolveFeatureMutations(
  variablesSchema: unknown,
  feature: Pick<DatafileFeature, "variations" | "traffic" | "force">,
): void {
  for (const variation of feature.variations ?? []) {
    variation.variables = resolveVariables(variablesSchema, variation.variables);
    variation.variableOverrides = resolveOverrides(variablesSchema, variation.variableOverrides, variation.variables);
  }
  for (const traffic of feature.traffic) {
    traffic.variables = resolveVariables(variablesSchema, traffic.variables);
    traffic.variableOverrides = resolveOverrides(variablesSchema, traffic.variableOverrides, traffic.variables);
  }
  if (feature.force)
    feature.force = feature.force.map((f) => (f.variables ? { ...f, variables: resolveVariables(variablesSchema, f.variables) } : f));
}
