// From the code index's usages to the calls a rewrite replaces: the value each call takes from
// the retired flag's behaviour (or why it is left), and, for the token-based rewriters (Python,
// Go), the tokens a usage's offset maps to. What counts as a usage is decided by the code index
// alone (service/code: scanners, clients, imports, constants, configured wrappers).

import type { Usage } from "../code/usages";
import { LineIndex } from "../text";
import type { Known, Value } from "./simplify";
import type { RTok } from "./region";
import type { Behaviour, RemoveFlagRequest, UsageSite } from "./types";

/** A usage's value, or why it has none. */
export type UsageValue = { known: Known } | { reason: string };

/** The type a typed getter converts to (`getVariableBoolean` gives a boolean); undefined for untyped ones. */
export function getterType(method: string): "boolean" | "string" | "number" | "array" | "object" | undefined {
  const m = /^(?:get_?variable_?)(boolean|string|integer|double|array|object)/i.exec(method);
  if (!m) return undefined;
  const t = m[1].toLowerCase();
  return t === "integer" || t === "double" ? "number" : (t as "boolean" | "string" | "array" | "object");
}

/** `evaluateFlag`, `evaluate_variation`, ...: they return an evaluation object, not the value. */
export function isEvaluation(method: string): boolean {
  return /^evaluate_?(flag|variation|variable)$/i.test(method);
}

/** The member of an evaluation object that holds the value, per naming style. */
export function evaluationMember(u: UsageSite, snake: boolean): string {
  const camel = u.evaluates === "flag" ? "enabled" : u.evaluates === "variation" ? "variationValue" : "variableValue";
  return snake ? camel.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()) : camel;
}

function typeOf(v: unknown): ReturnType<typeof getterType> | "null" | "other" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  if (t === "boolean" || t === "string" || t === "number") return t;
  return t === "object" ? "object" : "other";
}

/**
 * The value a usage takes: a flag the enabled state, a variation the kept variation, a variable
 * its resolved value (when the caller knows it and its type fits a typed getter).
 */
export function usageValue(u: UsageSite, b: Behaviour, index: number, fuzzyNull: boolean): UsageValue {
  const known = (value: Value): UsageValue => ({
    known: { value, sources: [index], ...(value === null && fuzzyNull ? { fuzzyNull } : {}) },
  });
  if (u.evaluates === "flag") return known(b.enabled);
  if (u.evaluates === "variation") {
    if (b.variation === undefined) return { reason: "the variation it gets is unknown (keep a variation to decide it)" };
    return known(b.variation);
  }
  const variableKey = u.variable;
  if (variableKey === undefined || variableKey === null) return { reason: "the variable key is not a string literal" };
  if (!Object.prototype.hasOwnProperty.call(b.variables, variableKey))
    return { reason: `the value of variable "${variableKey}" is unknown` };
  const v = b.variables[variableKey];
  const t = typeOf(v);
  const type = getterType(u.method);
  if (t === "other") return { reason: `variable "${variableKey}" has no literal value` };
  if (type && t !== "null" && t !== type) return { reason: `variable "${variableKey}" is not of type ${type}` };
  return known(v as Value);
}

/** The usages a rewrite acts on: those of the retired key, and those whose key is computed at run time. */
export function relevantSites(request: RemoveFlagRequest): UsageSite[] {
  return (request.usages ?? []).filter((u) => u.feature === request.featureKey || u.feature === null).sort((a, b) => a.offset - b.offset);
}

function isOp(t: RTok | undefined, text: string): boolean {
  return t !== undefined && t.k === "op" && t.text === text;
}

/** The index of the bracket matching the one at `i` (forward for openers, backward for closers). */
export function matching(toks: RTok[], i: number): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}", ")": "(", "]": "[", "}": "{" };
  const open = toks[i].text;
  const close = pairs[open];
  const step = "([{".includes(open) ? 1 : -1;
  let depth = 0;
  for (let j = i; j >= 0 && j < toks.length; j += step) {
    if (toks[j].k !== "op") continue;
    if (toks[j].text === open) depth++;
    else if (toks[j].text === close && --depth === 0) return j;
  }
  return -1;
}

/** Splits `[from, to)` at commas outside brackets. */
export function splitArgs(toks: RTok[], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (t.k === "op" && "([{".includes(t.text)) depth++;
    else if (t.k === "op" && ")]}".includes(t.text)) depth--;
    else if (depth === 0 && isOp(t, ",")) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) out.push([start, to]);
  return out;
}

/** The first token of the receiver chain before the `.` at `dot`, and whether it only names things (no arguments, no subscripts). */
export function receiverStart(toks: RTok[], dot: number): { start: number; plain: boolean } {
  let j = dot;
  let start = dot + 1;
  let plain = true;
  let parts = 0;
  for (;;) {
    const k = j - 1;
    const t = toks[k];
    if (t?.k === "name") {
      start = k;
      parts++;
    } else if (isOp(t, ")") || isOp(t, "]")) {
      const open = matching(toks, k);
      if (open < 0) return { start, plain: false };
      if (t.text === "]" || open + 1 !== k) plain = false;
      start = toks[open - 1]?.k === "name" ? open - 1 : open;
      parts++;
    } else return { start, plain: plain && parts > 0 };
    if (!isOp(toks[start - 1], ".")) break;
    j = start - 1;
  }
  return { start, plain };
}

/** Whether an argument's tokens have no effects (no calls, assignments, awaits or channel operations). */
export function isPureArg(toks: RTok[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (isOp(t, ":=") || isOp(t, "<-") || (t.k === "name" && (t.text === "await" || t.text === "yield"))) return false;
    if (isOp(t, "(") && i > from && (toks[i - 1].k === "name" || isOp(toks[i - 1], ")") || isOp(toks[i - 1], "]"))) return false;
  }
  return true;
}

/** A usage mapped to tokens: its first token (its receiver's) and its last (the closing parenthesis, or an evaluation's member). */
export interface TokenCall {
  index: number;
  first: number;
  last: number;
  value: UsageValue;
  dynamic: boolean;
  /** The quote of the key literal, for writing string values in the same style. */
  quote: string;
}

/** How a token language writes calls, for `tokenCalls`. */
export interface TokenRules {
  /** Python: keyword arguments (`feature_key="x"`) may name the key and the variable. */
  keywords: boolean;
  /** Evaluation objects: the member that holds the value, or undefined when the language's are not rewritten. */
  evaluationMember?: (u: UsageSite) => string;
  /** A last word on a known value (Go has no null). */
  adjust?: (u: UsageSite, value: UsageValue, index: number) => UsageValue;
}

/**
 * Maps the code index's usages to token spans, for Python and Go. A usage whose offset is not a
 * name followed by a parenthesis is still listed, left, so that nothing the index found goes
 * unreported.
 */
export function tokenCalls(toks: RTok[], request: RemoveFlagRequest, rules: TokenRules): TokenCall[] {
  const byStart = new Map<number, number>();
  toks.forEach((t, i) => byStart.set(t.s, i));
  const out: TokenCall[] = [];
  for (const u of relevantSites(request)) {
    const index = out.length;
    const i = byStart.get(u.offset);
    if (i === undefined || toks[i].k !== "name" || !isOp(toks[i + 1], "(")) {
      // Inside a string token: a call in an f-string's replacement field.
      const at = i ?? toks.findIndex((t) => t.s <= u.offset && u.offset < t.e);
      if (at < 0) continue;
      const reason =
        toks[at].k === "str"
          ? "it is inside an f-string, which Flaglens does not rewrite"
          : "Flaglens cannot rewrite a call written this way";
      out.push({ index, first: at, last: at, quote: '"', dynamic: u.feature === null, value: { reason } });
      continue;
    }
    const dotted = isOp(toks[i - 1], ".");
    const recv = dotted ? receiverStart(toks, i - 1) : { start: i, plain: true };
    const close = matching(toks, i + 1);
    if (close < 0) continue;
    const all = splitArgs(toks, i + 2, close);
    const keyword = (name: string): [number, number] | undefined => {
      const a = all.find(([s]) => toks[s].k === "name" && toks[s].text === name && isOp(toks[s + 1], "="));
      return a ? [a[0] + 2, a[1]] : undefined;
    };
    const positional = rules.keywords ? all.filter(([s]) => !(toks[s].k === "name" && isOp(toks[s + 1], "="))) : all;
    const keyArg = positional[0] ?? (rules.keywords ? keyword("feature_key") : undefined);
    const varArg = u.evaluates === "variable" ? (positional[1] ?? (rules.keywords ? keyword("variable_key") : undefined)) : undefined;
    const extra = all.filter(([s, e]) => ![keyArg, varArg].some((x) => x && x[1] === e && s <= x[0]));
    const keyTok = keyArg && keyArg[1] === keyArg[0] + 1 ? toks[keyArg[0]] : undefined;
    const quote = keyTok?.k === "str" ? (keyTok.text.replace(/^[rRuU]/, "")[0] ?? '"') : '"';
    let last = close;
    if (u.feature === null) {
      out.push({ index, first: recv.start, last, quote, dynamic: true, value: { reason: "its key is computed at run time" } });
      continue;
    }
    let value: UsageValue = usageValue(u, request.behaviour, index, false);
    if (isEvaluation(u.method)) {
      const member = rules.evaluationMember?.(u);
      if (member !== undefined && isOp(toks[close + 1], ".") && toks[close + 2]?.text === member) last = close + 2;
      else
        value = {
          reason: `${u.method} returns an evaluation object${member ? `: only its .${member} is rewritten` : ", which Flaglens does not rewrite in this language"}`,
        };
    }
    if ("known" in value && rules.adjust) value = rules.adjust(u, value, index);
    if (extra.some(([a, b]) => !isPureArg(toks, a, b)))
      value = { reason: "an argument after the key may have effects (it would be dropped)" };
    else if (!recv.plain) value = { reason: "its receiver may have effects (it would be dropped)" };
    out.push({ index, first: recv.start, last, quote, dynamic: false, value });
  }
  return out;
}

/** Whether a file has anything to rewrite: a usage of the key, or the key in its text (for dynamic keys). */
export function hasWork(text: string, request: RemoveFlagRequest): boolean {
  const sites = relevantSites(request);
  return sites.some((u) => u.feature === request.featureKey) || (sites.length > 0 && text.includes(request.featureKey));
}

/** Python's calls: keyword arguments, and `evaluate_flag(...).enabled`. */
export function pyCalls(toks: RTok[], request: RemoveFlagRequest): TokenCall[] {
  return tokenCalls(toks, request, { keywords: true, evaluationMember: (u) => evaluationMember(u, true) });
}

/**
 * Go's calls. Go has no null: a missing variation is the empty string, and variables without a
 * value, objects and arrays are left alone (no literal to write). Evaluations are left.
 */
export function goCalls(toks: RTok[], request: RemoveFlagRequest): TokenCall[] {
  return tokenCalls(toks, request, {
    keywords: false,
    adjust(u, value, index) {
      if (!("known" in value)) return value;
      const v = value.known.value;
      if (v === null && u.evaluates === "variation") return { known: { value: "", sources: [index] } };
      if (v === null) return { reason: "the variable has no value, and Go has no literal for the zero value of an unknown type" };
      if (typeof v === "object") return { reason: "Go has no literal for this value without its type" };
      return value;
    },
  });
}

/** The code index's usages of a file as the rewriters take them. */
export function usageSites(text: string, usages: readonly Usage[]): UsageSite[] {
  const lines = new LineIndex(text);
  return usages.flatMap((u): UsageSite[] =>
    u.kind === "constant" || !u.evaluates || !u.method
      ? []
      : [
          {
            offset: lines.offsetAt(u.callRange.start),
            feature: u.feature,
            evaluates: u.evaluates,
            method: u.method,
            ...(u.variable !== undefined ? { variable: u.variable } : {}),
          },
        ],
  );
}
