// Statement-level expression regions of the token-based languages (Python, Go): the value after
// `=` or `return`, an expression statement, or a header's expression; each is parsed into a mini
// tree and evaluated, and where it does not parse, each usage is replaced by its value alone.

import { evalM, ropeOfM, type MiniCtx, type MNode } from "./mini";
import { gen, type Change, type Rope } from "./rope";

/** The token shape both lexers share. */
export interface RTok {
  k: string;
  s: number;
  e: number;
  text: string;
}

/** What became of a statement. */
export type StmtOut =
  | { kind: "same" }
  /** `end`: where the rope ends, when past the statement (a compound statement's rope takes its last line break). */
  | { kind: "patch"; rope: Rope; terminates: boolean; end?: number }
  | { kind: "unwrap"; rope: Rope; terminates: boolean }
  | { kind: "remove" };

/** What region rewriting needs from a language. */
export interface RegionCtx {
  text: string;
  toks: RTok[];
  parser: { parseList(from: number, to: number): MNode[] | undefined };
  mini: MiniCtx;
  /** Usages by their first token: the usage index and last token. */
  spans: Map<number, { index: number; last: number }>;
  /** Keywords followed by an expression (`return`), and keywords of statements without one. */
  statementKeywords: { value: string[]; none: string[] };
  /** Brace groups (open token to close token) that are blocks of their own: regions skip them (Go). */
  blocks?: Map<number, number>;
}

/** The next token index to look at after `i`: past a block of its own. */
function next(ctx: RegionCtx, i: number): number {
  return (ctx.blocks?.get(i) ?? i) + 1;
}

const ASSIGN = new Set(["=", ":=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", ">>=", "<<=", "@=", "&^="]);

/** Each usage in `[from, to)` replaced by its value, where the expression around it is not understood. */
export function fallback(ctx: RegionCtx, from: number, to: number): Change[] {
  const out: Change[] = [];
  for (let i = from; i < to; i = next(ctx, i)) {
    const span = ctx.spans.get(i);
    const k = span && ctx.mini.values.get(span.index);
    if (!span || !k) continue;
    ctx.mini.visited.add(span.index);
    out.push({ start: ctx.toks[i].s, end: ctx.toks[span.last].e, rope: [gen(ctx.mini.show(k.value), k.sources)] });
    i = span.last;
  }
  return out;
}

function hasUsage(ctx: RegionCtx, from: number, to: number): boolean {
  for (let i = from; i < to; i = next(ctx, i)) if (ctx.spans.has(i) && ctx.mini.values.has(ctx.spans.get(i)!.index)) return true;
  return false;
}

/** The changes of the expressions of `[from, to)`, comma-separated, evaluated for their value or truthiness. */
export function rwExpressions(ctx: RegionCtx, from: number, to: number, mode: "value" | "bool"): Change[] {
  if (!hasUsage(ctx, from, to)) return [];
  const nodes = ctx.parser.parseList(from, to);
  if (!nodes) return fallback(ctx, from, to);
  const out: Change[] = [];
  for (const n of nodes) {
    const rope = ropeOfM(ctx.mini, evalM(ctx.mini, n, mode), n);
    if (rope) out.push({ start: n.s, end: n.e, rope });
  }
  return out;
}

function depthZero(ctx: RegionCtx, from: number, to: number, test: (t: RTok) => boolean): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = ctx.toks[i];
    if (t.k === "op" && "([{".includes(t.text)) depth++;
    else if (t.k === "op" && ")]}".includes(t.text)) depth--;
    else if (depth === 0 && test(t)) out.push(i);
  }
  return out;
}

/** One simple statement `[from, to)`: the value it computes is rewritten; a discarded known value removes it. */
function rwStatement(ctx: RegionCtx, from: number, to: number): Change[] {
  if (!hasUsage(ctx, from, to)) return [];
  const first = ctx.toks[from];
  const kw = ctx.statementKeywords;
  if (first.k === "name" && kw.none.includes(first.text)) return fallback(ctx, from, to);
  if (first.k === "name" && kw.value.includes(first.text)) return rwExpressions(ctx, from + 1, to, "value");
  const assign = depthZero(ctx, from, to, (t) => t.k === "op" && ASSIGN.has(t.text));
  if (assign.length > 0) {
    const eq = assign[assign.length - 1];
    return [...fallback(ctx, from, eq), ...rwExpressions(ctx, eq + 1, to, "value")];
  }
  const nodes = ctx.parser.parseList(from, to);
  if (!nodes) return fallback(ctx, from, to);
  if (nodes.length === 1) {
    const out = evalM(ctx.mini, nodes[0], "bool");
    // A discarded value that is known was computed for nothing.
    if (out.known) return [{ start: first.s, end: ctx.toks[to - 1].e, rope: [] }];
    const rope = ropeOfM(ctx.mini, out, nodes[0]);
    return rope ? [{ start: nodes[0].s, end: nodes[0].e, rope }] : [];
  }
  return rwExpressions(ctx, from, to, "value");
}

/** Rewrites a token range as statements (split at `;`), or as expressions for their value or truthiness. */
export function rwRegion(ctx: RegionCtx, from: number, to: number, mode: "value" | "bool" | "statement"): Change[] {
  if (from >= to || !hasUsage(ctx, from, to)) return [];
  if (mode !== "statement") return rwExpressions(ctx, from, to, mode);
  const semis = depthZero(ctx, from, to, (t) => t.k === "op" && t.text === ";");
  const out: Change[] = [];
  let start = from;
  for (const end of [...semis, to]) {
    if (end > start) out.push(...rwStatement(ctx, start, end));
    start = end + 1;
  }
  return out;
}

/** Whether every bracket closes the one opened last: a file where they do not is not rewritten. */
export function bracketsBalance(toks: readonly RTok[]): boolean {
  const stack: string[] = [];
  for (const t of toks) {
    if (t.k !== "op") continue;
    if (t.text === "(" || t.text === "[" || t.text === "{") stack.push(t.text);
    else if (t.text === ")" || t.text === "]" || t.text === "}") {
      if (stack.pop() !== { ")": "(", "]": "[", "}": "{" }[t.text]) return false;
    }
  }
  return stack.length === 0;
}
