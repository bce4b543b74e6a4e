// The Featurevisor SDK method names per naming style, what each evaluates, and the literal
// needles that select the files worth parsing.

import type { Evaluates, ExtraFunction, RawCall } from "./usages";

/** How an SDK spells its methods. */
export type NamingStyle = "camel" | "snake" | "pascal";

/** What a recognised name means. */
export interface MethodInfo {
  kind: RawCall["kind"];
  evaluates: Evaluates;
  /** Hooks are called bare (`useFlag("f")`); methods need an SDK instance as receiver. */
  hook: boolean;
  /** Configured wrappers are trusted with any receiver, or none. */
  extra: boolean;
}

const VARIABLE_TYPES = ["Boolean", "String", "Integer", "Double", "Array", "Object", "JSON"];

/** Method names in camelCase, as the JavaScript, Java, Kotlin, Swift and PHP SDKs write them. */
function camelNames(): [string, MethodInfo][] {
  const m = (kind: RawCall["kind"], evaluates: Evaluates): MethodInfo => ({ kind, evaluates, hook: false, extra: false });
  const out: [string, MethodInfo][] = [
    ["isEnabled", m("isEnabled", "flag")],
    ["evaluateFlag", m("isEnabled", "flag")],
    ["getVariation", m("getVariation", "variation")],
    ["evaluateVariation", m("getVariation", "variation")],
    ["getVariable", m("getVariable", "variable")],
    ["evaluateVariable", m("getVariable", "variable")],
  ];
  for (const t of VARIABLE_TYPES) out.push([`getVariable${t}`, m("getVariable", "variable")]);
  // Kotlin and others also spell it getVariableJson.
  out.push(["getVariableJson", m("getVariable", "variable")]);
  return out;
}

function toSnake(name: string): string {
  return name.replace(/JSON$/, "Json").replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

function toPascal(name: string): string {
  return name[0].toUpperCase() + name.slice(1);
}

const HOOKS: [string, MethodInfo][] = [
  ["useFlag", { kind: "hook", evaluates: "flag", hook: true, extra: false }],
  ["useVariation", { kind: "hook", evaluates: "variation", hook: true, extra: false }],
  ["useVariable", { kind: "hook", evaluates: "variable", hook: true, extra: false }],
];

/** The names a language's SDK uses, plus the configured wrappers. */
export function methodTable(styles: readonly NamingStyle[], hooks: boolean, extra: readonly ExtraFunction[]): Map<string, MethodInfo> {
  const table = new Map<string, MethodInfo>();
  for (const style of styles) {
    for (const [name, info] of camelNames()) {
      const spelled = style === "camel" ? name : style === "snake" ? toSnake(name) : toPascal(name);
      table.set(spelled, info);
    }
    // The Go SDK decodes arrays and objects into a pointer with ...Into.
    if (style === "pascal") {
      table.set("GetVariableArrayInto", { kind: "getVariable", evaluates: "variable", hook: false, extra: false });
      table.set("GetVariableObjectInto", { kind: "getVariable", evaluates: "variable", hook: false, extra: false });
    }
  }
  if (hooks) for (const [name, info] of HOOKS) table.set(name, info);
  for (const f of extra) {
    const kind = f.evaluates === "flag" ? "isEnabled" : f.evaluates === "variation" ? "getVariation" : "getVariable";
    table.set(f.name, { kind, evaluates: f.evaluates, hook: false, extra: true });
  }
  return table;
}

/**
 * Substrings of which every recognised name contains at least one: a file without any of them
 * has no usage, and is never parsed. Few and short, so one pass over the bytes finds them.
 */
export function needlesFor(extra: readonly ExtraFunction[]): string[] {
  // isEnabled/is_enabled/IsEnabled; getVariation/getVariable and their other spellings;
  // evaluateFlag/evaluate_flag; useFlag.
  const needles = ["nabled", "ariab", "ariat", "valuate", "useFlag"];
  for (const f of extra) if (!needles.some((n) => f.name.includes(n))) needles.push(f.name);
  return needles;
}

/** A regular expression that matches any needle: one pass over a file's text. */
export function needleRegExp(needles: readonly string[]): RegExp {
  return new RegExp(needles.map(escapeRegExp).join("|"));
}

/** Escapes a string for use in a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
