// Finds the calls that evaluate a retired flag in Go tokens: `f.IsEnabled("key", ctx)`,
// `GetVariation`, `GetVariable` and its typed forms, on any receiver; the key a string literal
// or a constant of the file. Go has no null: a missing variation is the empty string, and
// variables without a value, objects and arrays are left alone (no literal to write).

import type { GoTok } from "./goSyntax";
import { sdkMethods, usageValue, type UsageValue } from "./methods";
import { isPureArg, matching, receiverStart, splitArgs } from "./pyUsages";
import type { RemoveFlagRequest } from "./types";

/** A call of the retired flag in Go (or one whose key is computed at run time). */
export interface GoUsage {
  index: number;
  first: number;
  last: number;
  value: UsageValue;
  dynamic: boolean;
}

function constants(toks: GoTok[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let inConst = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k === "name" && t.text === "const") inConst = true;
    else if (t.k === "op" && t.text === ")" && inConst) inConst = false;
    if (!inConst || t.k !== "name") continue;
    // NAME = "x" or NAME string = "x"
    let j = i + 1;
    if (toks[j]?.k === "name" && toks[j].text === "string") j++;
    if (toks[j]?.text === "=" && toks[j + 1]?.k === "str" && toks[j + 1].value !== undefined && toks[j + 2]?.text !== ".") {
      out.set(t.text, out.has(t.text) ? null : toks[j + 1].value!);
    }
  }
  return out;
}

/** Finds the calls of the retired flag in Go tokens. */
export function findGoUsages(toks: GoTok[], request: RemoveFlagRequest): GoUsage[] {
  const methods = sdkMethods("pascal", false, request.functions);
  const consts = constants(toks);
  const out: GoUsage[] = [];
  const keyOf = (from: number, to: number): string | undefined => {
    if (to !== from + 1) return undefined;
    const t = toks[from];
    if (t.k === "str" && t.text[0] !== "'") return t.value;
    const c = t.k === "name" ? consts.get(t.text) : undefined;
    return typeof c === "string" ? c : undefined;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const m = t.k === "name" ? methods.get(t.text) : undefined;
    if (!m || toks[i + 1]?.text !== "(" || toks[i - 1]?.text === "func" || toks[i - 1]?.text === ")") continue;
    const dotted = toks[i - 1]?.text === ".";
    const recv = dotted ? receiverStart(toks, i - 1) : { start: i, plain: true };
    if (dotted && recv.start === i) continue;
    const close = matching(toks, i + 1);
    if (close < 0) continue;
    const args = splitArgs(toks, i + 2, close);
    if (args.length === 0) continue;
    const key = keyOf(args[0][0], args[0][1]);
    const index = out.length;
    const base = { index, first: recv.start, last: close };
    if (key === undefined) {
      out.push({ ...base, dynamic: true, value: { reason: "its key is computed at run time" } });
      continue;
    }
    if (key !== request.featureKey) continue;
    const variable = m.evaluates === "variable" && args[1] ? keyOf(args[1][0], args[1][1]) : undefined;
    let value: UsageValue = usageValue(m, variable, request.behaviour, index, false);
    if ("known" in value) {
      const v = value.known.value;
      if (v === null && m.evaluates === "variation") value = { known: { value: "", sources: [index] } };
      else if (v === null) value = { reason: "the variable has no value, and Go has no literal for the zero value of an unknown type" };
      else if (typeof v === "object") value = { reason: "Go has no literal for this value without its type" };
    }
    const extra = args.slice(m.evaluates === "variable" ? 2 : 1);
    if (extra.some(([a, b]) => !isPureArg(toks, a, b)))
      value = { reason: "an argument after the key may have effects (it would be dropped)" };
    else if (!recv.plain) value = { reason: "its receiver may have effects (it would be dropped)" };
    out.push({ ...base, dynamic: false, value });
  }
  return out;
}
