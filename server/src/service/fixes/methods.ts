// The SDK calls a rewrite recognises, per naming style, and the value each one takes from the
// retired flag's behaviour.

import type { Known, Value } from "./simplify";
import type { Behaviour, WrapperFunction } from "./types";

/** What a call evaluates. */
export type Evaluates = "flag" | "variation" | "variable";

/** A recognised method name. */
export interface SdkMethod {
  evaluates: Evaluates;
  /** The type the typed getters convert to: `getVariableBoolean` gives a boolean. */
  type?: "boolean" | "string" | "number" | "array" | "object";
  /** React/Vue hooks are called bare; other names may have any receiver. */
  hook: boolean;
}

/** How an SDK spells its methods. */
export type NamingStyle = "camel" | "snake" | "pascal";

const TYPED: [string, SdkMethod["type"]][] = [
  ["Boolean", "boolean"],
  ["String", "string"],
  ["Integer", "number"],
  ["Double", "number"],
  ["Array", "array"],
  ["Object", "object"],
  ["JSON", undefined],
  ["Json", undefined],
];

function spell(name: string, style: NamingStyle): string {
  if (style === "camel") return name;
  if (style === "pascal") return name[0].toUpperCase() + name.slice(1);
  return name.replace(/JSON$/, "Json").replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** The method names of one naming style, plus hooks (JavaScript) and the project's wrappers. */
export function sdkMethods(style: NamingStyle, hooks: boolean, wrappers: readonly WrapperFunction[] = []): Map<string, SdkMethod> {
  const table = new Map<string, SdkMethod>();
  const add = (name: string, m: SdkMethod): void => void table.set(spell(name, style), m);
  add("isEnabled", { evaluates: "flag", hook: false });
  add("getVariation", { evaluates: "variation", hook: false });
  add("getVariable", { evaluates: "variable", hook: false });
  for (const [suffix, type] of TYPED) add("getVariable" + suffix, { evaluates: "variable", type, hook: false });
  if (hooks) {
    table.set("useFlag", { evaluates: "flag", hook: true });
    table.set("useVariation", { evaluates: "variation", hook: true });
    table.set("useVariable", { evaluates: "variable", hook: true });
  }
  for (const w of wrappers) table.set(w.name, { evaluates: w.evaluates, hook: false });
  return table;
}

/** A usage's value, or why it has none. */
export type UsageValue = { known: Known } | { reason: string };

function typeOf(v: unknown): SdkMethod["type"] | "null" | "other" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  if (t === "boolean" || t === "string" || t === "number") return t;
  return t === "object" ? "object" : "other";
}

/**
 * The value a recognised call takes: `isEnabled` the enabled state, `getVariation` the variation,
 * `getVariable` the variable's resolved value (when the caller knows it and its type fits the getter).
 */
export function usageValue(m: SdkMethod, variableKey: string | undefined, b: Behaviour, index: number, fuzzyNull: boolean): UsageValue {
  const known = (value: Value): UsageValue => ({
    known: { value, sources: [index], ...(value === null && fuzzyNull ? { fuzzyNull } : {}) },
  });
  if (m.evaluates === "flag") return known(b.enabled);
  if (m.evaluates === "variation") {
    if (b.variation === undefined) return { reason: "the variation it gets is unknown (keep a variation to decide it)" };
    return known(b.variation);
  }
  if (variableKey === undefined) return { reason: "the variable key is not a string literal" };
  if (!Object.prototype.hasOwnProperty.call(b.variables, variableKey))
    return { reason: `the value of variable "${variableKey}" is unknown` };
  const v = b.variables[variableKey];
  const t = typeOf(v);
  if (t === "other") return { reason: `variable "${variableKey}" has no literal value` };
  if (m.type && t !== "null" && t !== m.type) return { reason: `variable "${variableKey}" is not of type ${m.type}` };
  return known(v as Value);
}
