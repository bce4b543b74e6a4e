// Variations a call's result is compared with: `getVariation("f") === "b"`, `"b" == v`,
// `v.equals("b")`, and the cases of a switch (`case "b":`, Kotlin's `"b" ->`, Ruby's `when "b"`,
// Python's `case "b":`), directly on the call or on the variable it was assigned to.

import { assignedToken, isEquality, stringAt, type FileContext } from "./context";
import { C, K_IDENT, K_PUNCT, K_STRING, OP_ARROW } from "./lexer";
import type { RawCall, StringAt } from "./usages";

/** How far after an assignment the variable's comparisons are looked for, in tokens (a long function). */
const FOLLOW_LIMIT = 2000;

/** Fills `compared` on every variation call, and drops the analysis-only fields. */
export function compareCalls(ctx: FileContext, calls: (RawCall & { end?: number; chainStart?: number })[]): void {
  for (const call of calls) {
    const end = call.end!;
    const start = call.chainStart!;
    delete call.end;
    delete call.chainStart;
    if (call.evaluates !== "variation") continue;
    const out: StringAt[] = [];
    comparisonsAround(ctx, start, end, out);
    casesOfSwitch(ctx, start, end, out);
    const v = assignedToken(ctx, start);
    if (v >= 0) followVariable(ctx, v, end + 1, out);
    if (out.length > 0) call.compared = out;
  }
}

/** `X == "b"`, `"b" == X`, `X.equals("b")`, `"b".equals(X)` for the expression from `first` to `last`. */
function comparisonsAround(ctx: FileContext, first: number, last: number, out: StringAt[]): void {
  const { t } = ctx;
  if (isEquality(t, last + 1) && t.kind[last + 2] === K_STRING) out.push(stringAt(ctx, last + 2));
  let f = first;
  while (t.isOp(f - 1, C.star)) f--; // Go: *v == "b"
  if (isEquality(t, f - 1) && t.kind[f - 2] === K_STRING) out.push(stringAt(ctx, f - 2));
  if (isEqualsCall(ctx, last + 1) && t.kind[last + 4] === K_STRING && t.isOp(last + 5, C.rparen)) out.push(stringAt(ctx, last + 4));
  if (t.isOp(first - 1, C.lparen) && t.isOp(last + 1, C.rparen) && isEqualsCall(ctx, first - 3) && t.kind[first - 4] === K_STRING) {
    out.push(stringAt(ctx, first - 4));
  }
}

/** `.equals(` or `.equalsIgnoreCase(` at `i`. */
function isEqualsCall(ctx: FileContext, i: number): boolean {
  const { t } = ctx;
  return t.isOp(i, C.dot) && (t.isWord(i + 1, "equals") || t.isWord(i + 1, "equalsIgnoreCase")) && t.isOp(i + 2, C.lparen);
}

/** Follows a variable after its assignment, up to its next assignment. */
function followVariable(ctx: FileContext, nameToken: number, from: number, out: StringAt[]): void {
  const { t, rules } = ctx;
  const s = t.start[nameToken];
  const len = t.end[nameToken] - s;
  const name = t.text.slice(s, s + len);
  const to = Math.min(t.n, from + FOLLOW_LIMIT);
  for (let k = from; k < to; k++) {
    if (t.kind[k] !== K_IDENT || t.end[k] - t.start[k] !== len || !t.text.startsWith(name, t.start[k])) continue;
    if (t.isOp(k - 1, C.dot)) continue; // other.v
    if (t.kind[k + 1] === K_PUNCT && rules.assignOps.includes(t.op[k + 1])) return; // Reassigned.
    comparisonsAround(ctx, k, k, out);
    casesOfSwitch(ctx, k, k, out);
  }
}

/** The string cases of a switch whose subject is the expression from `first` to `last`. */
function casesOfSwitch(ctx: FileContext, first: number, last: number, out: StringAt[]): void {
  const { t, rules } = ctx;
  let k = first - 1;
  while (t.isOp(k, C.star)) k--;
  let after = last + 1;
  if (t.isOp(k, C.lparen) && t.isOp(last + 1, C.rparen)) {
    k--;
    after++;
  }
  switch (rules.switchStyle) {
    case "c":
      if (t.isWord(k, "switch") && t.isOp(after, C.lbrace)) braceCases(ctx, after, out);
      return;
    case "kotlin":
      if (t.isWord(k, "when") && t.isOp(after, C.lbrace)) kotlinCases(ctx, after, out);
      return;
    case "ruby":
      if (t.isWord(k, "case")) rubyCases(ctx, after, out);
      return;
    case "python":
      if (t.isWord(k, "match") && t.isOp(after, C.colon)) pythonCases(ctx, k, after + 1, out);
      return;
  }
}

/** `case "a":`, `case "a", "b":` and Java's `case "a" ->` directly inside the block at `open`. */
function braceCases(ctx: FileContext, open: number, out: StringAt[]): void {
  const { t } = ctx;
  const close = t.closing(open);
  let depth = 0;
  for (let k = open; k < close; k++) {
    if (t.isOp(k, C.lbrace)) depth++;
    else if (t.isOp(k, C.rbrace)) depth--;
    else if (depth === 1 && t.isWord(k, "case")) {
      let j = k + 1;
      while (t.kind[j] === K_STRING) {
        out.push(stringAt(ctx, j));
        if (!t.isOp(j + 1, C.comma)) break;
        j += 2;
      }
    }
  }
}

/** Kotlin: `"a" ->` and `"a", "b" ->` at the start of a branch of the `when` block at `open`. */
function kotlinCases(ctx: FileContext, open: number, out: StringAt[]): void {
  const { t } = ctx;
  const close = t.closing(open);
  let depth = 0;
  for (let k = open; k < close; k++) {
    if (t.isOp(k, C.lbrace)) depth++;
    else if (t.isOp(k, C.rbrace)) depth--;
    else if (depth === 1 && t.kind[k] === K_STRING && (t.nlBefore(k) || t.isOp(k - 1, C.lbrace) || t.isOp(k - 1, C.comma))) {
      if (t.isOp(k + 1, OP_ARROW) || t.isOp(k + 1, C.comma)) out.push(stringAt(ctx, k));
    }
  }
}

/** Ruby: `when "a", "b"` lines until the `end` that closes the `case`. */
function rubyCases(ctx: FileContext, from: number, out: StringAt[]): void {
  const { t } = ctx;
  for (let k = from; k < t.n && k < from + FOLLOW_LIMIT; k++) {
    if (t.isWord(k, "end") && t.nlBefore(k)) return;
    if (!t.isWord(k, "when")) continue;
    let j = k + 1;
    while (t.kind[j] === K_STRING) {
      out.push(stringAt(ctx, j));
      if (!t.isOp(j + 1, C.comma)) break;
      j += 2;
    }
  }
}

/** Python: `case "a":` and `case "a" | "b":` lines indented under the `match` at `match`. */
function pythonCases(ctx: FileContext, match: number, from: number, out: StringAt[]): void {
  const { t } = ctx;
  const column = (i: number) => t.start[i] - (t.text.lastIndexOf("\n", t.start[i] - 1) + 1);
  const indent = column(match);
  for (let k = from; k < t.n && k < from + FOLLOW_LIMIT; k++) {
    if (t.nlBefore(k) && column(k) <= indent) return;
    if (!(t.isWord(k, "case") && t.nlBefore(k))) continue;
    let j = k + 1;
    while (t.kind[j] === K_STRING) {
      out.push(stringAt(ctx, j));
      if (!t.isOp(j + 1, C.pipe)) break;
      j += 2;
    }
  }
}
