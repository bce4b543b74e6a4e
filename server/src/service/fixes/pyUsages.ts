// Finds the calls that evaluate a retired flag in Python tokens: `f.is_enabled("key")`,
// `get_variation`, `get_variable` and its typed forms (`get_variable_boolean`, ...), with any
// receiver except `self`/`cls` in a file that defines the method itself, and bare calls unless the
// file defines the name or imports it from a module that is not Featurevisor's.

import { sdkMethods, usageValue, type UsageValue } from "./methods";
import type { PyTok } from "./pySyntax";
import type { RTok } from "./region";
import type { RemoveFlagRequest } from "./types";

/** A call of the retired flag in Python (or one whose key is computed at run time). */
export interface PyUsage {
  index: number;
  /** Token indices of the call's first token (its receiver's) and its closing parenthesis. */
  first: number;
  last: number;
  value: UsageValue;
  dynamic: boolean;
  quote: string;
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

function fileFacts(toks: PyTok[]): { defs: Set<string>; foreign: Set<string>; constants: Map<string, string | null> } {
  const defs = new Set<string>();
  const foreign = new Set<string>();
  const constants = new Map<string, string | null>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k === "name" && t.text === "def" && toks[i + 1]?.k === "name") defs.add(toks[i + 1].text);
    if (t.k === "name" && t.text === "from" && toks[i + 1]) {
      let j = i + 1;
      let mod = "";
      while (j < toks.length && !(toks[j].k === "name" && toks[j].text === "import")) mod += toks[j++].text;
      if (/featurevisor/i.test(mod) || mod.startsWith(".")) continue;
      j++;
      if (isOp(toks[j], "(")) j++;
      // Each imported name, or its alias, is the file's own name for something else.
      while (toks[j]?.k === "name") {
        const alias = toks[j + 1]?.k === "name" && toks[j + 1].text === "as" && toks[j + 2]?.k === "name";
        foreign.add(alias ? toks[j + 2].text : toks[j].text);
        j += alias ? 3 : 1;
        if (!isOp(toks[j], ",")) break;
        j++;
      }
    }
    if (
      t.k === "name" &&
      isOp(toks[i + 1], "=") &&
      toks[i + 2]?.k === "str" &&
      toks[i + 2].value !== undefined &&
      !isOp(toks[i - 1], ".")
    ) {
      constants.set(t.text, constants.has(t.text) ? null : toks[i + 2].value!);
    }
  }
  return { defs, foreign, constants };
}

/** The first token of the receiver chain before the `.` at `dot`, and whether it only names things (no arguments, no subscripts). */
export function receiverStart(toks: RTok[], dot: number): { start: number; plain: boolean; self: boolean } {
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
      if (open < 0) return { start, plain: false, self: false };
      if (t.text === "]" || open + 1 !== k) plain = false;
      start = toks[open - 1]?.k === "name" ? open - 1 : open;
      parts++;
    } else return { start, plain: plain && parts > 0, self: false };
    if (!isOp(toks[start - 1], ".")) break;
    j = start - 1;
  }
  const self = parts === 1 && (toks[start].text === "self" || toks[start].text === "cls");
  return { start, plain, self };
}

export function isPureArg(toks: RTok[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (isOp(t, ":=") || isOp(t, "<-") || (t.k === "name" && (t.text === "await" || t.text === "yield"))) return false;
    if (isOp(t, "(") && i > from && (toks[i - 1].k === "name" || isOp(toks[i - 1], ")") || isOp(toks[i - 1], "]"))) return false;
  }
  return true;
}

/** Finds the calls of the retired flag in Python tokens. */
export function findPyUsages(toks: PyTok[], request: RemoveFlagRequest): PyUsage[] {
  const methods = sdkMethods("snake", false, request.functions);
  const facts = fileFacts(toks);
  const out: PyUsage[] = [];
  const keyOf = (from: number, to: number): PyTok | undefined => {
    if (to !== from + 1) return undefined;
    const t = toks[from];
    if (t.k === "str" && t.value !== undefined) return t;
    const c = t.k === "name" ? facts.constants.get(t.text) : undefined;
    return typeof c === "string" ? { ...t, value: c } : undefined;
  };
  const names = [...methods.keys()];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // Calls inside f-strings are not rewritten: said so, when one may evaluate the flag.
    if (
      t.k === "str" &&
      /^[rRbB]?[fF]/.test(t.text) &&
      t.text.includes(request.featureKey) &&
      names.some((n) => t.text.includes(n + "("))
    ) {
      out.push({
        index: out.length,
        first: i,
        last: i,
        quote: '"',
        dynamic: false,
        value: { reason: "it is inside an f-string, which Flaglens does not rewrite" },
      });
      continue;
    }
    const m = t.k === "name" ? methods.get(t.text) : undefined;
    if (!m || !isOp(toks[i + 1], "(") || (toks[i - 1]?.k === "name" && toks[i - 1].text === "def")) continue;
    const dotted = isOp(toks[i - 1], ".");
    const recv = dotted ? receiverStart(toks, i - 1) : { start: i, plain: true, self: false };
    if (dotted && recv.start === i) continue;
    if (recv.self && facts.defs.has(t.text)) continue;
    if (!dotted && (facts.defs.has(t.text) || facts.foreign.has(t.text))) continue;
    const close = matching(toks, i + 1);
    if (close < 0) continue;
    // Keyword arguments may name the key and the variable: is_enabled(feature_key="x").
    const all = splitArgs(toks, i + 2, close);
    const keyword = (name: string): [number, number] | undefined => {
      const a = all.find(([s]) => toks[s].k === "name" && toks[s].text === name && isOp(toks[s + 1], "="));
      return a ? [a[0] + 2, a[1]] : undefined;
    };
    const positional = all.filter(([s]) => !(toks[s].k === "name" && isOp(toks[s + 1], "=")));
    const keyArg = positional[0] ?? keyword("feature_key");
    if (!keyArg) continue;
    const varArg = m.evaluates === "variable" ? (positional[1] ?? keyword("variable_key")) : undefined;
    const args = [
      keyArg,
      ...(varArg ? [varArg] : []),
      ...all.filter(([s, e]) => ![keyArg, varArg].some((x) => x && x[1] === e && s <= x[0])),
    ];
    const key = keyOf(keyArg[0], keyArg[1]);
    const index = out.length;
    const base = { index, first: recv.start, last: close, quote: key ? (key.text.replace(/^[rRuU]/, "")[0] ?? '"') : '"' };
    if (!key) {
      out.push({ ...base, dynamic: true, value: { reason: "its key is computed at run time" } });
      continue;
    }
    if (key.value !== request.featureKey) continue;
    const variable = varArg ? keyOf(varArg[0], varArg[1])?.value : undefined;
    let value = usageValue(m, variable, request.behaviour, index, false);
    const extra = args.slice(varArg ? 2 : 1);
    if (extra.some(([a, b]) => !isPureArg(toks, a, b)))
      value = { reason: "an argument after the key may have effects (it would be dropped)" };
    else if (!recv.plain) value = { reason: "its receiver may have effects (it would be dropped)" };
    out.push({ ...base, dynamic: false, value });
  }
  return out;
}
