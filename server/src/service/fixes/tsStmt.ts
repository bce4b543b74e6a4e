// Statements of TypeScript/JavaScript: `if` and `switch` with a decided condition keep the taken
// code (a block is unwrapped into the enclosing list, re-indented, comments kept), statements
// that decide nothing go, and when the kept code now always returns, the rest of the list goes.

import ts from "typescript";
import { gen, indentOfLine, reindentBlock, removalRange, splice, trimRope, type Change, type Rope } from "./rope";
import { decideBranch, decideEquality, JS_SEMANTICS } from "./simplify";
import { addReindent, changeOf, evalExpr, operand, ropeOf, spanOf, spliceChildren, type TsCtx } from "./tsExpr";
import { canUnwrap } from "./tsScope";
import { literalOf } from "./tsSyntax";

/** What became of a statement. */
export type StmtOut =
  | { kind: "same" }
  /** The statement's text is now `rope`; `terminates`: it always returns, throws, breaks or continues. */
  | { kind: "patch"; rope: Rope; terminates: boolean }
  /** Several statements take its place (only in a statement list). */
  | { kind: "unwrap"; rope: Rope; terminates: boolean }
  | { kind: "remove" };

/** What became of a statement list. */
export interface ListOut {
  changes: Change[];
  /** Its last statement now always returns, throws, breaks or continues. */
  terminates: boolean;
}

function isTerminator(st: ts.Node): boolean {
  return ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st);
}

/** Declarations that unreachable code still provides (hoisted functions and `var`s, types, imports). */
function isHoisted(st: ts.Statement): boolean {
  if (ts.isFunctionDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) return true;
  if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isModuleDeclaration(st)) return true;
  return ts.isVariableStatement(st) && (st.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
}

function push(changes: Change[], c: Change): void {
  const last = changes[changes.length - 1];
  const start = last ? Math.max(c.start, last.end) : c.start;
  if (start < c.end || (start === c.end && c.rope.length > 0)) changes.push({ ...c, start });
}

function removal(ctx: TsCtx, start: number, end: number): Change {
  const r = removalRange(ctx.text, start, end, "//");
  return { start: r.start, end: r.end, rope: [] };
}

/** Where a statement's own comments start: the comments on the lines above it, after the previous statement. */
function leadingStart(ctx: TsCtx, st: ts.Statement): number {
  const comments = ts.getLeadingCommentRanges(ctx.text, st.pos) ?? [];
  const prevLineEnd = ctx.text.indexOf("\n", st.pos);
  const own = comments.find((c) => prevLineEnd >= 0 && c.pos > prevLineEnd);
  return own ? own.pos : st.getStart(ctx.sf);
}

/** Rewrites a statement list. */
export function rwList(ctx: TsCtx, stmts: readonly ts.Statement[]): ListOut {
  const changes: Change[] = [];
  let terminates = false;
  let dead = false;
  for (const st of stmts) {
    if (dead && !isHoisted(st)) {
      push(changes, removal(ctx, leadingStart(ctx, st), st.end));
      continue;
    }
    const r = rwStatement(ctx, st, true);
    if (r.kind === "same") terminates = isTerminator(st);
    else if (r.kind === "remove") push(changes, removal(ctx, st.getStart(ctx.sf), st.end));
    else {
      push(changes, { ...range(ctx, st), rope: r.rope });
      terminates = r.terminates;
      if (r.terminates && !isTerminator(st) && !dead) {
        const next = stmts[stmts.indexOf(st) + 1];
        if (next)
          ctx.extraNotes.push({
            pos: next.getStart(ctx.sf),
            message: "Removed the code from here to the end of the block: it no longer runs.",
          });
        dead = true;
      }
    }
  }
  return { changes, terminates };
}

function range(ctx: TsCtx, node: ts.Node): { start: number; end: number } {
  const s = spanOf(ctx, node);
  return { start: s.s, end: s.e };
}

/** A statement's new text in a place that holds exactly one statement. */
export function stmtRope(out: StmtOut): Rope | undefined {
  if (out.kind === "same") return undefined;
  if (out.kind === "remove") return [gen("{}")];
  return out.rope;
}

/** Rewrites one statement; `anchor` is the statement whose place it fills (for indentation). */
export function rwStatement(ctx: TsCtx, st: ts.Statement, inList: boolean, anchor: ts.Node = st): StmtOut {
  if (!ctx.interesting.has(st)) return { kind: "same" };
  if (ctx.removedDecls.has(st)) return { kind: "remove" };
  if (ts.isIfStatement(st)) return rwIf(ctx, st, inList, anchor);
  if (ts.isSwitchStatement(st)) return rwSwitch(ctx, st, inList, anchor) ?? generic(ctx, st);
  if (ts.isBlock(st)) {
    const list = rwList(ctx, st.statements);
    const s = spanOf(ctx, st);
    return list.changes.length ? { kind: "patch", rope: splice(s.s, s.e, list.changes), terminates: list.terminates } : { kind: "same" };
  }
  if (ts.isExpressionStatement(st)) {
    const out = evalExpr(ctx, st.expression, "bool");
    // A discarded value that is known was computed for nothing.
    if (out.known) return { kind: "remove" };
    const c = changeOf(ctx, out, st.expression);
    const s = spanOf(ctx, st);
    return c ? { kind: "patch", rope: splice(s.s, s.e, [c]), terminates: false } : { kind: "same" };
  }
  if (ts.isWhileStatement(st)) {
    const c = evalExpr(ctx, st.expression, "bool");
    if (decideBranch(operand(ctx, c), JS_SEMANTICS) === false) return { kind: "remove" };
  }
  return generic(ctx, st);
}

function generic(ctx: TsCtx, st: ts.Statement): StmtOut {
  const rope = spliceChildren(ctx, st);
  return rope ? { kind: "patch", rope, terminates: isTerminator(st) } : { kind: "same" };
}

function rwIf(ctx: TsCtx, st: ts.IfStatement, inList: boolean, anchor: ts.Node): StmtOut {
  const c = evalExpr(ctx, st.expression, "bool");
  const branch = decideBranch(operand(ctx, c), JS_SEMANTICS);
  if (branch === undefined) {
    const changes: Change[] = [];
    const cc = changeOf(ctx, c, st.expression);
    if (cc) changes.push(cc);
    const then = stmtRope(rwStatement(ctx, st.thenStatement, false));
    if (then) changes.push({ ...range(ctx, st.thenStatement), rope: then });
    if (st.elseStatement) {
      const e = rwStatement(ctx, st.elseStatement, false);
      // `else if (false) ...` without its own else: the whole else part goes.
      if (e.kind === "remove") changes.push({ start: st.thenStatement.end, end: st.elseStatement.end, rope: [] });
      else if (e.kind !== "same") changes.push({ ...range(ctx, st.elseStatement), rope: e.rope });
    }
    const s = spanOf(ctx, st);
    return changes.length ? { kind: "patch", rope: splice(s.s, s.e, changes), terminates: false } : { kind: "same" };
  }
  const taken = branch ? st.thenStatement : st.elseStatement;
  if (!taken) return { kind: "remove" };
  return rwTaken(ctx, taken, inList, anchor);
}

/** The code of a taken branch, in place of the statement `anchor`. */
function rwTaken(ctx: TsCtx, taken: ts.Statement, inList: boolean, anchor: ts.Node): StmtOut {
  if (!ts.isBlock(taken)) {
    const r = rwStatement(ctx, taken, inList, anchor);
    if (r.kind === "same") return { kind: "patch", rope: [spanOf(ctx, taken)], terminates: isTerminator(taken) };
    return r;
  }
  const list = rwList(ctx, taken.statements);
  const s = spanOf(ctx, taken);
  if (!inList || !canUnwrap(ctx, taken.statements, anchor)) {
    return { kind: "patch", rope: splice(s.s, s.e, list.changes), terminates: list.terminates };
  }
  return unwrap(ctx, s.s + 1, s.e - 1, list, anchor);
}

/** The statements of `[from, to)` (with the list's changes), trimmed and re-indented to the anchor's indentation. */
function unwrap(ctx: TsCtx, from: number, to: number, list: ListOut, anchor: ts.Node): StmtOut {
  const text = ctx.text;
  let start = from;
  while (start < to && /\s/.test(text[start])) start++;
  let end = to;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const rope = trimRope(text, splice(start, end, list.changes));
  if (rope.length === 0) return { kind: "remove" };
  addReindent(ctx, reindentBlock(text, start, end, indentOfLine(text, anchor.getStart(ctx.sf)), ctx.protect));
  return { kind: "unwrap", rope, terminates: list.terminates };
}

/** An unlabeled `break` that leaves this switch from inside the statements (not from a nested loop or switch). */
function hasBreak(node: ts.Node): boolean {
  if (ts.isBreakStatement(node)) return node.label === undefined;
  if (ts.isIterationStatement(node, false) || ts.isSwitchStatement(node) || ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (c) => (hasBreak(c) ? true : undefined)) === true;
}

/** A `switch` on a known value keeps the statements of the matching case (or the default). */
function rwSwitch(ctx: TsCtx, st: ts.SwitchStatement, inList: boolean, anchor: ts.Node): StmtOut | undefined {
  const d = evalExpr(ctx, st.expression, "value");
  if (!d.known || !inList) return undefined;
  const clauses = st.caseBlock.clauses;
  let chosen = -1;
  for (let i = 0; i < clauses.length && chosen < 0; i++) {
    const c = clauses[i];
    if (!ts.isCaseClause(c)) continue;
    const lit = literalOf(c.expression);
    const eq = lit && decideEquality(d.known, lit, "strict-eq");
    // A case that is not a literal might match: leave the switch alone.
    if (!eq || "keep" in eq) return undefined;
    if (eq.value === true) chosen = i;
  }
  if (chosen < 0) chosen = clauses.findIndex((c) => ts.isDefaultClause(c));
  if (chosen < 0) return { kind: "remove" };
  // Empty cases fall through to the next one with statements.
  let k = chosen;
  while (k < clauses.length && clauses[k].statements.length === 0) k++;
  if (k === clauses.length) return { kind: "remove" };
  const clause = clauses[k];
  let body: readonly ts.Statement[] = clause.statements;
  let from = clause.statements.pos;
  if (body.length === 1 && ts.isBlock(body[0])) {
    from = body[0].getStart(ctx.sf) + 1;
    body = body[0].statements;
  }
  let kept = body;
  const last = body[body.length - 1];
  if (last && ts.isBreakStatement(last) && !last.label) kept = body.slice(0, -1);
  else if (k < clauses.length - 1 && !(last && isTerminator(last))) return undefined;
  if (kept.some(hasBreak)) return undefined;
  if (kept.length === 0) return { kind: "remove" };
  if (!canUnwrap(ctx, kept, anchor)) return undefined;
  const list = rwList(ctx, kept);
  return unwrap(ctx, from, kept[kept.length - 1].end, list, anchor);
}

/** A JSX child `{...}`: gone when it renders nothing, unwrapped when it is an element, else rewritten. */
export function rwJsxChild(ctx: TsCtx, je: ts.JsxExpression): Change | undefined {
  if (!je.expression) return undefined;
  const out = evalExpr(ctx, je.expression, "value");
  const k = out.known ?? (out.node !== je.expression ? literalOf(out.node) : undefined);
  const nothing =
    (k && (k.value === null || typeof k.value === "boolean")) ||
    (out.node !== je.expression && ts.isIdentifier(out.node) && out.node.text === "undefined");
  if (nothing) {
    // JSX has no line comments: text after the braces is text.
    const r = removalRange(ctx.text, je.getStart(ctx.sf), je.end, "");
    return { start: r.start, end: r.end, rope: [] };
  }
  let el = out.known ? undefined : out.node;
  const parenthesized = el !== undefined && ts.isParenthesizedExpression(el) && !out.rope;
  if (el && parenthesized) el = (el as ts.ParenthesizedExpression).expression;
  if (el && el !== je.expression && (ts.isJsxElement(el) || ts.isJsxSelfClosingElement(el) || ts.isJsxFragment(el))) {
    const rope = parenthesized ? (ropeOf(ctx, evalExpr(ctx, el, "value"), el) ?? [spanOf(ctx, el)]) : (out.rope ?? [spanOf(ctx, el)]);
    const s = spanOf(ctx, el);
    addReindent(ctx, reindentBlock(ctx.text, s.s, s.e, indentOfLine(ctx.text, je.getStart(ctx.sf)), ctx.protect));
    return { ...range(ctx, je), rope };
  }
  const c = changeOf(ctx, out, je.expression);
  if (!c) return undefined;
  const s = spanOf(ctx, je);
  return { start: s.s, end: s.e, rope: splice(s.s, s.e, [c]) };
}

/** A JSX element or fragment with its children rewritten. */
export function rwJsx(ctx: TsCtx, node: ts.JsxElement | ts.JsxFragment): Rope | undefined {
  const changes: Change[] = [];
  const opening = ts.isJsxElement(node) ? node.openingElement : node.openingFragment;
  const o = ctx.rw(opening);
  if (o) changes.push({ ...range(ctx, opening), rope: o });
  for (const child of node.children) {
    if (!ctx.interesting.has(child)) continue;
    const c = ts.isJsxExpression(child) ? rwJsxChild(ctx, child) : undefined;
    if (c) push(changes, c);
    else if (!ts.isJsxExpression(child)) {
      const r = ctx.rw(child);
      if (r) changes.push({ ...range(ctx, child), rope: r });
    }
  }
  if (changes.length === 0) return undefined;
  const s = spanOf(ctx, node);
  return splice(s.s, s.e, changes);
}
