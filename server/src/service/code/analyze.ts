// From tokens to flag usages, for every language: SDK calls with their receiver and arguments,
// the variations their results are compared with, and string constants that may hold keys.
// Languages differ in a few rules (LanguageRules); the shapes of calls are the same everywhere.

import { compareCalls } from "./compare";
import { findConstants } from "./constants";
import {
  assignedName,
  bareName,
  receiverName,
  receiverStart,
  stringAt,
  type AnalyzeOptions,
  type FileContext,
  type LanguageRules,
} from "./context";
import { C, K_DYNSTR, K_IDENT, K_PUNCT, K_STRING, type Tokens } from "./lexer";
import type { MethodInfo } from "./methods";
import { Positions } from "./positions";
import type { ConstantDecl, FileScan, KeyArg, RawCall } from "./usages";

const FEATUREVISOR = /featurevisor/i;

/** Analyses one file's tokens. */
export function analyzeTokens(t: Tokens, rules: LanguageRules, options: AnalyzeOptions): FileScan {
  let imports: Map<string, string> | undefined;
  let bound: Set<string> | undefined;
  const ctx: FileContext = {
    t,
    rules,
    pos: new Positions(t.text),
    imports: () => (imports ??= rules.imports ? rules.imports(t) : new Map()),
    boundClients: () => (bound ??= findBoundClients(ctx, options)),
  };
  const calls: RawCall[] = [];
  const re = options.methodPattern;
  re.lastIndex = 0;
  for (let m = re.exec(t.text); m; m = re.exec(t.text)) {
    const i = t.at(m.index);
    if (i < 0 || t.kind[i] !== K_IDENT || t.end[i] !== m.index + m[0].length) continue; // In a comment or string.
    const info = options.methods.get(m[0]);
    if (!info) continue;
    const call = callAt(ctx, i, info, options);
    if (call) calls.push(call);
  }
  const withConstants = options.constants || calls.some((c) => c.key.type === "name" || c.variable?.type === "name");
  const found = withConstants ? findConstants(ctx) : undefined;
  const constants: ConstantDecl[] = found?.constants ?? [];
  compareCalls(ctx, calls);
  const scan: FileScan = { language: rules.language, calls, constants, withConstants };
  // Only a name a call uses can be shadowed.
  const used = new Set(
    calls.flatMap((c) => [c.key, c.variable].flatMap((a) => (a?.type === "name" && a.qualifier === undefined ? [a.name] : []))),
  );
  const locals = found?.locals.filter((l) => used.has(l.name));
  if (locals && locals.length > 0) scan.locals = locals;
  return scan;
}

/** The SDK call whose name is token `i`, when it is one. */
function callAt(
  ctx: FileContext,
  i: number,
  info: MethodInfo,
  options: AnalyzeOptions,
): (RawCall & { end: number; chainStart: number }) | undefined {
  const { t, rules } = ctx;
  const args = argumentsOf(ctx, i);
  if (!args) return undefined;
  const chainStart = receiverStart(ctx, i);
  if (chainStart < i) {
    if (!info.extra && !acceptsReceiver(ctx, i, info, options)) return undefined;
    if (t.isWord(chainStart - 1, "def")) return undefined; // Ruby: def self.is_enabled(...)
  } else {
    if (isDeclaration(ctx, i, args)) return undefined;
    if (!info.extra && rules.foreignModule) {
      const from = ctx.imports().get(t.text_(i));
      if (from !== undefined && rules.foreignModule(from)) return undefined;
    }
  }
  const parts = splitArguments(t, args.from, args.to);
  const { key, variable } = assignArguments(ctx, parts, info);
  if (!key) return undefined;
  if (rules.typeAfterName && key.type === "dynamic" && looksLikeParameter(t, parts[0])) return undefined;
  const call: RawCall & { end: number; chainStart: number } = {
    kind: info.kind,
    evaluates: info.evaluates,
    method: t.text_(i),
    callRange: ctx.pos.range(t.start[i], t.end[i]),
    key,
    end: args.end,
    chainStart,
  };
  if (info.evaluates === "variable") call.variable = variable ?? { type: "dynamic", range: call.callRange };
  return call;
}

/** The token range of a call's arguments: inside its parentheses, or (Ruby) the rest of the line. */
function argumentsOf(ctx: FileContext, i: number): { from: number; to: number; end: number } | undefined {
  const { t, rules } = ctx;
  let j = i + 1;
  // Explicit type arguments: getVariableObject<Config>("f", "v").
  if (t.isOp(j, C.lt)) {
    let k = j + 1;
    while (k < t.n && k < j + 24 && !t.isOp(k, C.gt) && (t.kind[k] === K_IDENT || t.kind[k] === K_PUNCT)) k++;
    if (t.isOp(k, C.gt)) j = k + 1;
  }
  if (t.isOp(j, C.lparen)) {
    const close = t.closing(j);
    if (close < 0) return undefined;
    return { from: j + 1, to: close, end: close };
  }
  if (rules.parenless && j < t.n && !t.nlBefore(j) && (t.kind[j] === K_STRING || t.kind[j] === K_IDENT || t.kind[j] === K_DYNSTR)) {
    let k = j;
    while (k + 1 < t.n && !t.nlBefore(k + 1) && !t.isOp(k + 1, C.semi) && !isModifier(t, k + 1)) k++;
    return { from: j, to: k + 1, end: k };
  }
  return undefined;
}

function isModifier(t: Tokens, i: number): boolean {
  return t.isWord(i, "if") || t.isWord(i, "unless") || t.isWord(i, "do") || t.isWord(i, "then") || t.isOp(i, C.lbrace);
}

/** Whether the receiver of the call named at `i` is a Featurevisor instance. */
function acceptsReceiver(ctx: FileContext, i: number, info: MethodInfo, options: AnalyzeOptions): boolean {
  if (options.anyClient) return true;
  const name = receiverName(ctx, i);
  if (name === undefined) return false;
  const bare = bareName(name);
  if (options.clients.has(bare) || FEATUREVISOR.test(bare)) return true;
  if (ctx.boundClients().has(bare)) return true;
  // A hook through a namespace import: import * as fv from "@featurevisor/react"; fv.useFlag("f").
  if (info.hook) {
    const from = ctx.imports().get(bare);
    if (from !== undefined && FEATUREVISOR.test(from)) return true;
  }
  return false;
}

/** Whether a bare name followed by arguments declares a function rather than calls it. */
function isDeclaration(ctx: FileContext, i: number, args: { to: number }): boolean {
  const { t, rules } = ctx;
  const p = i - 1;
  if (p >= 0 && t.kind[p] === K_IDENT && !rules.exprKeywords.has(t.text_(p))) return true;
  // Go: func (f *Featurevisor) IsEnabled(...).
  if (t.isOp(p, C.rparen)) {
    const open = t.opening(p);
    if (open > 0 && t.isWord(open - 1, "func")) return true;
  }
  if (rules.methodDefinitions) {
    const after = args.to + 1;
    if (t.isOp(after, C.lbrace) || t.isOp(after, C.colon)) return true;
  }
  return false;
}

/** Go parameters (`featureKey string`): two names in a row. */
function looksLikeParameter(t: Tokens, part: [number, number] | undefined): boolean {
  return part !== undefined && part[1] - part[0] >= 2 && t.kind[part[0]] === K_IDENT && t.kind[part[0] + 1] === K_IDENT;
}

/** Splits a token range at top-level commas. */
export function splitArguments(t: Tokens, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    if (t.kind[k] !== K_PUNCT) continue;
    const o = t.op[k];
    if (o === C.lparen || o === C.lbracket || o === C.lbrace) depth++;
    else if (o === C.rparen || o === C.rbracket || o === C.rbrace) depth--;
    else if (o === C.comma && depth === 0) {
      parts.push([start, k]);
      start = k + 1;
    }
  }
  if (to > start) parts.push([start, to]);
  return parts;
}

/** Picks the feature and variable arguments, positional or labelled (`featureKey:`, `feature_key=`). */
function assignArguments(ctx: FileContext, parts: [number, number][], info: MethodInfo): { key?: KeyArg; variable?: KeyArg } {
  const { t } = ctx;
  const positional: [number, number][] = [];
  let key: KeyArg | undefined;
  let variable: KeyArg | undefined;
  for (const [a, b] of parts) {
    const labelled = b - a >= 3 && t.kind[a] === K_IDENT && (t.isOp(a + 1, C.colon) || t.isOp(a + 1, C.eq));
    if (!labelled) {
      positional.push([a, b]);
      continue;
    }
    const label = t.text_(a).toLowerCase();
    if (label.includes("variable")) variable = keyArg(ctx, a + 2, b);
    else if (label.includes("feature") || label === "key") key = keyArg(ctx, a + 2, b);
  }
  const keyLabelled = key !== undefined;
  if (!key && positional.length > 0) key = keyArg(ctx, positional[0][0], positional[0][1]);
  if (info.evaluates === "variable" && !variable) {
    const p = positional[keyLabelled ? 0 : 1];
    if (p) variable = keyArg(ctx, p[0], p[1]);
  }
  return { key, variable };
}

/** Classifies an argument: a string literal, a (possibly qualified) name, or anything else. */
export function keyArg(ctx: FileContext, a: number, b: number): KeyArg {
  const { t, rules } = ctx;
  // Unwrap (x), and drop TypeScript's `as T` and `!`.
  while (b - a >= 3 && t.isOp(a, C.lparen) && t.closing(a) === b - 1) {
    a++;
    b--;
  }
  for (let k = a + 1; k < b; k++) {
    if (t.isWord(k, "as")) {
      b = k;
      break;
    }
  }
  while (b - a > 1 && t.isOp(b - 1, C.bang)) b--;
  const range = ctx.pos.range(t.start[a], t.end[Math.max(a, b - 1)]);
  if (b - a === 1 && t.kind[a] === K_STRING) return { type: "literal", literal: stringAt(ctx, a) };
  // NAME, Q.NAME, self.NAME, Flags::NAME.
  if ((b - a) % 2 === 1 && t.kind[b - 1] === K_IDENT) {
    let ok = true;
    for (let k = a; k < b; k++) {
      const even = (k - a) % 2 === 0;
      if (even ? t.kind[k] !== K_IDENT : !(t.kind[k] === K_PUNCT && rules.memberOps.includes(t.op[k]))) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const name = bareName(t.text_(b - 1));
      let qualifier = b - a >= 3 ? bareName(t.text_(b - 3)) : undefined;
      if (qualifier !== undefined && rules.selfWords.has(qualifier)) qualifier = undefined;
      const imported = ctx.imports().get(qualifier ?? name);
      const constantLike = /^[A-Z][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name);
      return {
        type: "name",
        name,
        qualifier,
        module: imported,
        global: qualifier !== undefined || imported !== undefined || constantLike,
        range,
      };
    }
  }
  return { type: "dynamic", range };
}

/**
 * Names bound to a Featurevisor instance in this file: assigned from an expression that names
 * Featurevisor (`f = createInstance(...)`, `f := featurevisor.CreateFeaturevisor(...)`), declared
 * with a Featurevisor type (`f: FeaturevisorInstance`, `Featurevisor f`), or spawned from one.
 */
function findBoundClients(ctx: FileContext, options: AnalyzeOptions): Set<string> {
  const { t, rules } = ctx;
  const out = new Set<string>();
  const re = /featurevisor|createInstance|create_instance/gi;
  for (let m = re.exec(t.text); m; m = re.exec(t.text)) {
    // The identifier that contains the hit.
    let lo = 0;
    let hi = t.n - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t.end[mid] <= m.index) lo = mid + 1;
      else if (t.start[mid] > m.index) hi = mid - 1;
      else {
        i = mid;
        break;
      }
    }
    if (i < 0 || t.kind[i] !== K_IDENT) continue;
    re.lastIndex = t.end[i];
    const name = boundName(ctx, i);
    if (name) out.add(name);
  }
  // Children: child = f.spawn(...).
  for (let i = 0; i < t.n; i++) {
    if (!t.isWord(i, "spawn") || !t.isOp(i + 1, C.lparen)) continue;
    const recv = receiverName(ctx, i);
    if (recv === undefined) continue;
    const r = bareName(recv);
    if (!(out.has(r) || options.clients.has(r) || FEATUREVISOR.test(r))) continue;
    const name = assignedName(ctx, receiverStart(ctx, i));
    if (name) out.add(name);
  }
  void rules;
  return out;
}

/** The name a declaration binds when token `i` (naming Featurevisor) is its type or its value. */
function boundName(ctx: FileContext, i: number): string | undefined {
  const { t, rules } = ctx;
  // Walk back over a qualified name and prefixes: new, await, *, &.
  let s = i;
  while (
    s >= 2 &&
    t.kind[s - 2] === K_IDENT &&
    t.kind[s - 1] === K_PUNCT &&
    (rules.memberOps.includes(t.op[s - 1]) || t.op[s - 1] === C.backslash)
  )
    s -= 2;
  let p = s - 1;
  while (
    p >= 0 &&
    (t.isWord(p, "new") || t.isWord(p, "await") || t.isWord(p, "try") || t.isOp(p, C.star) || t.isOp(p, C.amp) || t.isOp(p, C.backslash))
  )
    p--;
  if (p < 0) return undefined;
  // Value: NAME = ..., NAME := ..., NAME: T = ...
  const assigned = assignedName(ctx, p + 1);
  if (assigned) return assigned;
  // Type annotation: NAME: FeaturevisorInstance (TypeScript, Kotlin, Swift, Python).
  if (t.isOp(p, C.colon) && p > 0 && t.kind[p - 1] === K_IDENT) return bareName(t.text_(p - 1));
  // Go: f *featurevisor.Featurevisor.
  if (rules.typeAfterName && t.kind[p] === K_IDENT && !rules.exprKeywords.has(t.text_(p))) return t.text_(p);
  // Type first: Featurevisor f, FeaturevisorInstance $f (Java, C#, PHP).
  let e = i + 1;
  if (t.isOp(e, C.lt)) {
    const close = t.closing(e);
    e = close > 0 ? close + 1 : e;
  }
  while (t.isOp(e, C.question)) e++;
  if (
    e < t.n &&
    t.kind[e] === K_IDENT &&
    (t.isOp(e + 1, C.eq) || t.isOp(e + 1, C.semi) || t.isOp(e + 1, C.comma) || t.isOp(e + 1, C.rparen))
  )
    return bareName(t.text_(e));
  return undefined;
}
