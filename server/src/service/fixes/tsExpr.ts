// Evaluates TypeScript/JavaScript expressions that contain a retired flag's usages: the known
// value where the flag decides it, otherwise the expression with its decided parts simplified.
// Only nodes on a path to a usage are visited; everything else is kept as written.

import ts from "typescript";
import { gen, splice, type Change, type Reindent, type Rope, type Span } from "./rope";
import {
  decideAnd,
  decideBranch,
  decideCoalesce,
  decideEquality,
  decideNot,
  decideOr,
  JS_SEMANTICS,
  type EqualityOp,
  type Known,
  type Operand,
  type UseMode,
} from "./simplify";
import { isBoolish, isPure, literalOf, precOf, Prec, renderJs } from "./tsSyntax";
import type { TsUsage } from "./tsCalls";

/** The state of one file's rewrite. */
export interface TsCtx {
  sf: ts.SourceFile;
  text: string;
  /** Usages with a known value, by call. */
  usages: Map<ts.Node, TsUsage>;
  /** References of inlined variables, with their values. */
  refs: Map<ts.Node, Known>;
  /** Variable statements whose variable was inlined. */
  removedDecls: Set<ts.Node>;
  /** Nodes on the path from the file to a usage or an inlined reference. */
  interesting: Set<ts.Node>;
  reindents: Reindent[];
  /** Multi-line string and template literals, whose lines are never re-indented. */
  protect: Span[];
  /** Usages whose call the rewrite reached (the others went with code that no longer runs). */
  visited: Set<number>;
  memo: Map<ts.Node, Out>[];
  /** Extra notes: line and message. */
  extraNotes: { pos: number; message: string }[];
  /** Rewrites any node: statements, blocks, JSX, or expressions in value position. */
  rw(node: ts.Node): Rope | undefined;
}

/** An expression after evaluation: a known value, or (the rewritten text of) an original node. */
export interface Out {
  known?: Known;
  /** The original node whose text (with `rope`'s changes) this is: the expression itself or a part it reduced to. */
  node: ts.Node;
  rope?: Rope;
  prec: Prec;
}

/** Marks a node and its ancestors as worth visiting. */
export function markPath(ctx: TsCtx, node: ts.Node): void {
  for (let n: ts.Node | undefined = node; n && !ctx.interesting.has(n); n = n.parent) ctx.interesting.add(n);
}

export function spanOf(ctx: TsCtx, node: ts.Node): Span {
  return { s: node.getStart(ctx.sf), e: node.end };
}

export function addReindent(ctx: TsCtx, r: Reindent | undefined): void {
  if (r && !ctx.reindents.some((x) => x.start === r.start && x.end === r.end)) ctx.reindents.push(r);
}

function quoteOf(ctx: TsCtx, k: Known): string {
  for (const i of k.sources) for (const u of ctx.usages.values()) if (u.index === i) return u.quote;
  return '"';
}

/** The new text of a slot (an original child node) that now holds `out`; undefined when unchanged. */
export function ropeOf(ctx: TsCtx, out: Out, slot: ts.Node): Rope | undefined {
  const parent = slot.parent;
  if (out.known) {
    const v = out.known.value;
    let t = renderJs(v, quoteOf(ctx, out.known));
    const isObject = v !== null && typeof v === "object" && !Array.isArray(v);
    if (isObject && parent && ((ts.isArrowFunction(parent) && parent.body === slot) || ts.isExpressionStatement(parent))) t = `(${t})`;
    else if (
      typeof v === "number" &&
      parent &&
      (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
      parent.expression === slot
    )
      t = `(${t})`;
    else if (typeof v === "number" && v < 0 && parent && precOf(parent) >= Prec.Unary) t = `(${t})`;
    return [gen(t, out.known.sources)];
  }
  if (out.node === slot && !out.rope) return undefined;
  const rope = out.rope ?? [spanOf(ctx, out.node)];
  if (out.prec < slotPrec(slot)) return [gen("("), ...rope, gen(")")];
  return rope;
}

/** The loosest precedence an expression may have in the place of `slot`. */
function slotPrec(slot: ts.Node): Prec {
  const p = slot.parent;
  if (!p || ts.isParenthesizedExpression(p)) return Prec.Comma;
  const listed =
    ts.isVariableDeclaration(p) ||
    ts.isPropertyAssignment(p) ||
    ts.isReturnStatement(p) ||
    ts.isExpressionStatement(p) ||
    ts.isJsxExpression(p) ||
    ts.isArrayLiteralExpression(p) ||
    ts.isTemplateSpan(p) ||
    ts.isExportAssignment(p) ||
    ts.isSpreadElement(p) ||
    ts.isPropertyDeclaration(p) ||
    ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments !== undefined && p.arguments.includes(slot as ts.Expression)) ||
    (ts.isArrowFunction(p) && p.body === slot);
  return listed ? Prec.Assignment : precOf(slot);
}

/** The change of a child slot, if any. */
export function changeOf(ctx: TsCtx, out: Out, slot: ts.Node): Change | undefined {
  const rope = ropeOf(ctx, out, slot);
  return rope ? { ...spanToRange(spanOf(ctx, slot)), rope } : undefined;
}

function spanToRange(s: Span): { start: number; end: number } {
  return { start: s.s, end: s.e };
}

/** What the simplifier needs to know about an evaluated operand. */
export function operand(ctx: TsCtx, out: Out): Operand {
  if (out.known) return { known: out.known, pure: true, boolish: typeof out.known.value === "boolean" };
  const pureCall = (c: ts.CallExpression): boolean => ctx.usages.has(c);
  return { pure: isPure(out.node, pureCall), boolish: isBoolish(out.node) };
}

function same(node: ts.Node): Out {
  return { node, prec: precOf(node) };
}

/** The expression with its children's changes spliced in. */
function spliced(ctx: TsCtx, node: ts.Node, changes: (Change | undefined)[]): Out {
  const cs = changes.filter((c): c is Change => c !== undefined);
  if (cs.length === 0) return same(node);
  const s = spanOf(ctx, node);
  return { node, rope: splice(s.s, s.e, cs), prec: precOf(node) };
}

/** Rewrites every child of a node: expressions in value position, statements and the rest by the dispatcher. */
export function spliceChildren(ctx: TsCtx, node: ts.Node): Rope | undefined {
  const changes: Change[] = [];
  ts.forEachChild(node, (child) => {
    if (!ctx.interesting.has(child)) return;
    const rope = ctx.rw(child);
    if (rope) changes.push({ ...spanToRange(spanOf(ctx, child)), rope });
  });
  if (changes.length === 0) return undefined;
  const s = spanOf(ctx, node);
  return splice(s.s, s.e, changes);
}

const EQUALITY: Partial<Record<ts.SyntaxKind, EqualityOp>> = {
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: "strict-eq",
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "strict-ne",
  [ts.SyntaxKind.EqualsEqualsToken]: "loose-eq",
  [ts.SyntaxKind.ExclamationEqualsToken]: "loose-ne",
};

/** Evaluates an expression; `mode` says whether its consumer reads its value or only its truthiness. */
export function evalExpr(ctx: TsCtx, node: ts.Node, mode: UseMode): Out {
  if (!ctx.interesting.has(node)) return same(node);
  const memo = ctx.memo[mode === "bool" ? 1 : 0];
  const hit = memo.get(node);
  if (hit) return hit;
  const out = evaluate(ctx, node, mode);
  memo.set(node, out);
  return out;
}

function known(node: ts.Node, k: Known): Out {
  return { known: k, node, prec: Prec.Primary };
}

function evaluate(ctx: TsCtx, node: ts.Node, mode: UseMode): Out {
  const usage = ctx.usages.get(node);
  if (usage && "known" in usage.value) {
    ctx.visited.add(usage.index);
    return known(node, usage.value.known);
  }
  const ref = ctx.refs.get(node);
  if (ref) return known(node, ref);
  if (ts.isParenthesizedExpression(node)) return parenthesized(ctx, node, mode);
  if (ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
    const inner = evalExpr(ctx, node.expression, mode);
    return inner.known ? known(node, inner.known) : spliced(ctx, node, [changeOf(ctx, inner, node.expression)]);
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const a = evalExpr(ctx, node.operand, "bool");
    const d = decideNot(operand(ctx, a), JS_SEMANTICS);
    return d && !("keep" in d) ? known(node, { value: d.value, sources: d.sources }) : spliced(ctx, node, [changeOf(ctx, a, node.operand)]);
  }
  if (ts.isBinaryExpression(node)) return binary(ctx, node, mode);
  if (ts.isConditionalExpression(node)) {
    const c = evalExpr(ctx, node.condition, "bool");
    const branch = decideBranch(operand(ctx, c), JS_SEMANTICS);
    if (branch !== undefined) return evalExpr(ctx, branch ? node.whenTrue : node.whenFalse, mode);
    const t = evalExpr(ctx, node.whenTrue, mode);
    const f = evalExpr(ctx, node.whenFalse, mode);
    return spliced(ctx, node, [changeOf(ctx, c, node.condition), changeOf(ctx, t, node.whenTrue), changeOf(ctx, f, node.whenFalse)]);
  }
  if (ts.isPropertyAccessExpression(node)) {
    const obj = evalExpr(ctx, node.expression, "value");
    const v = obj.known?.value;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, node.name.text)) {
      const p = (v as Record<string, unknown>)[node.name.text];
      if (p === null || ["boolean", "string", "number", "object"].includes(typeof p))
        return known(node, { value: p as Known["value"], sources: obj.known!.sources });
    }
    return spliced(ctx, node, [changeOf(ctx, obj, node.expression)]);
  }
  // JSX elements have children that render nothing when false: the dispatcher knows them.
  const rope = ts.isJsxElement(node) || ts.isJsxFragment(node) ? ctx.rw(node) : spliceChildren(ctx, node);
  return rope ? { node, rope, prec: precOf(node) } : same(node);
}

/** Text that stands alone without parentheses: names, literals, calls, member accesses, JSX. */
function isAtomic(out: Out): boolean {
  return out.known !== undefined || out.prec >= Prec.Call;
}

function parenthesized(ctx: TsCtx, node: ts.ParenthesizedExpression, mode: UseMode): Out {
  const inner = evalExpr(ctx, node.expression, mode);
  if (inner.known) return inner;
  if (inner.node !== node.expression && isAtomic(inner) && !ts.isJsxElement(inner.node) && !ts.isJsxFragment(inner.node)) return inner;
  return spliced(ctx, node, [changeOf(ctx, inner, node.expression)]);
}

function binary(ctx: TsCtx, node: ts.BinaryExpression, mode: UseMode): Out {
  const op = node.operatorToken.kind;
  const K = ts.SyntaxKind;
  if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
    const l = evalExpr(ctx, node.left, op === K.QuestionQuestionToken ? "value" : mode);
    const r = evalExpr(ctx, node.right, mode);
    const lo = operand(ctx, l);
    const ro = operand(ctx, r);
    const d =
      op === K.AmpersandAmpersandToken
        ? decideAnd(lo, ro, mode, JS_SEMANTICS)
        : op === K.BarBarToken
          ? decideOr(lo, ro, mode, JS_SEMANTICS)
          : decideCoalesce(lo);
    if (d && "keep" in d) return d.keep === "left" ? l : r;
    if (d) return known(node, { value: d.value, sources: d.sources });
    return spliced(ctx, node, [changeOf(ctx, l, node.left), changeOf(ctx, r, node.right)]);
  }
  const l = evalExpr(ctx, node.left, "value");
  const r = evalExpr(ctx, node.right, "value");
  const eq = EQUALITY[op];
  if (eq) {
    const lk = l.known ?? (l.node === node.left ? literalOf(node.left) : undefined);
    const rk = r.known ?? (r.node === node.right ? literalOf(node.right) : undefined);
    const d = lk && rk && (l.known || r.known) ? decideEquality(lk, rk, eq) : undefined;
    if (d && !("keep" in d)) return known(node, { value: d.value, sources: d.sources });
  }
  return spliced(ctx, node, [changeOf(ctx, l, node.left), changeOf(ctx, r, node.right)]);
}
