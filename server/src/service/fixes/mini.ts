// A small expression tree for the languages Flaglens parses itself (Python, Go): just what the
// rewrite decides (not, and, or, equality, conditional expressions, parentheses, subscripts of
// known values), with everything else kept as opaque nodes around their sub-expressions.
// The evaluation mirrors the TypeScript one, and shares its logic (simplify.ts).

import { gen, splice, type Change, type Rope } from "./rope";
import {
  decideAnd,
  decideBranch,
  decideCoalesce,
  decideEquality,
  decideNot,
  decideOr,
  type EqualityOp,
  type Known,
  type Operand,
  type Semantics,
  type UseMode,
  type Value,
} from "./simplify";

interface Base {
  s: number;
  e: number;
  /** Binding strength of the node as written; higher binds tighter. */
  prec: number;
}

/** An expression node, by offsets in the file. */
export type MNode = Base &
  (
    | { k: "usage"; usage: number }
    | { k: "lit"; value: Value }
    | { k: "not"; arg: MNode }
    | { k: "and" | "or" | "coalesce"; l: MNode; r: MNode }
    | { k: "eq"; op: EqualityOp | "is" | "is-not"; l: MNode; r: MNode }
    | { k: "cond"; c: MNode; a: MNode; b: MNode }
    | { k: "paren"; inner: MNode }
    | { k: "index"; obj: MNode; key: string }
    | { k: "other"; pure: boolean; boolish: boolean; kids: MNode[] }
  );

/** The state of one evaluation. */
export interface MiniCtx {
  text: string;
  sem: Semantics;
  /** Known values of usages, by usage index. */
  values: Map<number, Known>;
  /** Usages the evaluation reached. */
  visited: Set<number>;
  /** How the language writes a value. */
  show(v: Value): string;
  /** The precedence of atoms (names, literals, calls): what never needs parentheses. */
  atomPrec: number;
  /** The logical operators take and give booleans only (Go), so only truthiness counts in them. */
  boolLogic?: boolean;
}

/** An evaluated expression: a known value, or the (rewritten) text of an original node. */
export interface MOut {
  known?: Known;
  node: MNode;
  rope?: Rope;
}

function kids(n: MNode): MNode[] {
  switch (n.k) {
    case "not":
      return [n.arg];
    case "and":
    case "or":
    case "coalesce":
    case "eq":
      return [n.l, n.r];
    case "cond":
      return [n.c, n.a, n.b];
    case "paren":
      return [n.inner];
    case "index":
      return [n.obj];
    case "other":
      return n.kids;
    default:
      return [];
  }
}

/** Whether dropping the expression loses no effect. */
export function isPureM(n: MNode): boolean {
  if (n.k === "other" && !n.pure) return false;
  return kids(n).every(isPureM);
}

/** Whether the expression is certainly a boolean. */
export function isBoolishM(n: MNode): boolean {
  switch (n.k) {
    case "lit":
      return typeof n.value === "boolean";
    case "not":
    case "eq":
      return true;
    case "and":
    case "or":
      return isBoolishM(n.l) && isBoolishM(n.r);
    case "cond":
      return isBoolishM(n.a) && isBoolishM(n.b);
    case "paren":
      return isBoolishM(n.inner);
    case "other":
      return n.boolish;
    default:
      return false;
  }
}

/** Whether a node contains a usage whose value is known (only those are worth evaluating). */
export function hasUsage(n: MNode, values: Map<number, Known>): boolean {
  return (n.k === "usage" && values.has(n.usage)) || kids(n).some((c) => hasUsage(c, values));
}

function operand(o: MOut): Operand {
  if (o.known) return { known: o.known, pure: true, boolish: typeof o.known.value === "boolean" };
  return { pure: isPureM(o.node), boolish: isBoolishM(o.node) };
}

function litKnown(n: MNode): Known | undefined {
  return n.k === "lit" ? { value: n.value, sources: [] } : undefined;
}

/** The new text of a slot (an original node) that now holds `out`; undefined when unchanged. */
export function ropeOfM(ctx: MiniCtx, out: MOut, slot: MNode, noWrap = false): Rope | undefined {
  if (out.known) return [gen(ctx.show(out.known.value), out.known.sources)];
  if (out.node === slot && !out.rope) return undefined;
  const rope = out.rope ?? [{ s: out.node.s, e: out.node.e }];
  return !noWrap && out.node.prec < slot.prec ? [gen("("), ...rope, gen(")")] : rope;
}

function changeOf(ctx: MiniCtx, out: MOut, slot: MNode, noWrap = false): Change | undefined {
  const rope = ropeOfM(ctx, out, slot, noWrap);
  return rope ? { start: slot.s, end: slot.e, rope } : undefined;
}

function spliced(n: MNode, changes: (Change | undefined)[]): MOut {
  const cs = changes.filter((c): c is Change => c !== undefined);
  return cs.length === 0 ? { node: n } : { node: n, rope: splice(n.s, n.e, cs) };
}

/** Evaluates an expression; `mode` says whether its consumer reads its value or only its truthiness. */
export function evalM(ctx: MiniCtx, n: MNode, mode: UseMode): MOut {
  if (!hasUsage(n, ctx.values)) return { node: n };
  switch (n.k) {
    case "usage": {
      ctx.visited.add(n.usage);
      return { node: n, known: ctx.values.get(n.usage) };
    }
    case "not": {
      const a = evalM(ctx, n.arg, "bool");
      const d = decideNot(operand(a), ctx.sem);
      return d && !("keep" in d) ? { node: n, known: { value: d.value, sources: d.sources } } : spliced(n, [changeOf(ctx, a, n.arg)]);
    }
    case "and":
    case "or":
    case "coalesce": {
      const m = ctx.boolLogic ? "bool" : mode;
      const l = evalM(ctx, n.l, n.k === "coalesce" ? "value" : m);
      const r = evalM(ctx, n.r, m);
      const lo = operand(l);
      const d =
        n.k === "and" ? decideAnd(lo, operand(r), m, ctx.sem) : n.k === "or" ? decideOr(lo, operand(r), m, ctx.sem) : decideCoalesce(lo);
      if (d && "keep" in d) return d.keep === "left" ? l : r;
      if (d) return { node: n, known: { value: d.value, sources: d.sources } };
      return spliced(n, [changeOf(ctx, l, n.l), changeOf(ctx, r, n.r)]);
    }
    case "eq": {
      const l = evalM(ctx, n.l, "value");
      const r = evalM(ctx, n.r, "value");
      const lk = l.known ?? litKnown(n.l);
      const rk = r.known ?? litKnown(n.r);
      if (lk && rk && (l.known || r.known)) {
        const d = n.op === "is" || n.op === "is-not" ? decideIs(lk, rk, n.op) : decideEquality(lk, rk, n.op);
        if (d && !("keep" in d)) return { node: n, known: { value: d.value, sources: d.sources } };
      }
      return spliced(n, [changeOf(ctx, l, n.l), changeOf(ctx, r, n.r)]);
    }
    case "cond": {
      const c = evalM(ctx, n.c, "bool");
      const branch = decideBranch(operand(c), ctx.sem);
      if (branch !== undefined) return evalM(ctx, branch ? n.a : n.b, mode);
      return spliced(n, [changeOf(ctx, c, n.c), changeOf(ctx, evalM(ctx, n.a, mode), n.a), changeOf(ctx, evalM(ctx, n.b, mode), n.b)]);
    }
    case "paren": {
      const inner = evalM(ctx, n.inner, mode);
      if (inner.known) return inner;
      if (inner.node !== n.inner && inner.node.prec >= ctx.atomPrec) return inner;
      return spliced(n, [changeOf(ctx, inner, n.inner, true)]);
    }
    case "index": {
      const obj = evalM(ctx, n.obj, "value");
      const v = obj.known?.value;
      if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, n.key)) {
        const p = (v as Record<string, unknown>)[n.key];
        if (p === null || ["boolean", "string", "number", "object"].includes(typeof p))
          return { node: n, known: { value: p as Value, sources: obj.known!.sources } };
      }
      return spliced(n, [changeOf(ctx, obj, n.obj)]);
    }
    case "other":
      return spliced(
        n,
        n.kids.map((c) => changeOf(ctx, evalM(ctx, c, "value"), c)),
      );
    default:
      return { node: n };
  }
}

/** Python's `is` / `is not`: decided only against None, which is unique. */
function decideIs(l: Known, r: Known, op: "is" | "is-not"): { value: Value; sources: readonly number[] } | undefined {
  if (l.value !== null && r.value !== null) return undefined;
  const same = l.value === null && r.value === null;
  return { value: op === "is" ? same : !same, sources: [...l.sources, ...r.sources] };
}

/** The rope of a slot after evaluation, or its original text. */
export function ropeOrSpan(ctx: MiniCtx, n: MNode, mode: UseMode): Rope {
  return ropeOfM(ctx, evalM(ctx, n, mode), n) ?? [{ s: n.s, e: n.e }];
}
