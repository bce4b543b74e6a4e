// The rewrite of Python: usages become their value; conditions, `if`/`elif`/`else` chains,
// conditional expressions and `while` loops they decide are simplified (the taken body
// dedented into place, the rest of a suite dropped after a return that now always happens, `pass`
// where a suite would be empty). Other statements only get the value in place of the call.

import { evalM, type MiniCtx } from "./mini";
import { buildNotes, callLabel, toTextEdits } from "./notes";
import { PY_PREC, PyExprParser, type PyUsageSpan } from "./pyExpr";
import { lexPython, parseSuites, type PyClause, type PyLine, type PyStmt, type PySuite, type PyTok } from "./pySyntax";
import { hasWork, pyCalls, type TokenCall as PyUsage } from "./callSites";
import {
  gen,
  lineEnd,
  reindentBlock,
  removalRange,
  render,
  splice,
  trimRope,
  ropeText,
  type Change,
  type Reindent,
  type Rope,
  type Span,
  mergeEditSets,
} from "./rope";
import { decideBranch, PY_SEMANTICS, type Known, type Value } from "./simplify";
import type { FlagRewriter, RemoveFlagRequest, RewriteResult } from "./types";
import { bracketsBalance, rwRegion, type RegionCtx, type StmtOut } from "./region";
import { planInlining } from "./inline";
import { pyCandidates, pyOccurrence } from "./pyInline";
import { pyImportEdits } from "./pyCleanup";
import { checkedRewriter } from "./syntaxGuard";

/** How Python writes a string, in the file's quote style. */
function pyString(s: string, quote: string): string {
  const body = JSON.stringify(s).slice(1, -1);
  return quote === "'" ? `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : `"${body}"`;
}

/** How Python writes a value. */
export function showPy(v: Value, quote = '"'): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return pyString(v, quote);
  if (Array.isArray(v)) return `[${v.map((x) => showPy(x as Value, quote)).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyString(k, quote)}: ${showPy(x as Value, quote)}`)
    .join(", ")}}`;
}

interface PyCtx extends RegionCtx {
  toks: PyTok[];
  /** Statements (by first token) of variables that were inlined. */
  removed: Set<number>;
  reindents: Reindent[];
  protect: Span[];
  extraNotes: { pos: number; message: string }[];
  /** Offsets of usages with known values, sorted: statements without one are skipped. */
  hot: number[];
}

function hasHot(ctx: PyCtx, s: number, e: number): boolean {
  return ctx.hot.some((h) => h >= s && h < e);
}

const TERMINATORS = new Set(["return", "raise", "break", "continue"]);

function stmtStart(ctx: PyCtx, st: PyStmt): number {
  return ctx.toks[st.line.first].s;
}

function isTerminator(ctx: PyCtx, st: PyStmt): boolean {
  return st.clauses.length === 0 && TERMINATORS.has(ctx.toks[st.line.first].text);
}

/** Rewrites a suite; a suite that would be empty gets `pass` (except the file's). */
function rwSuite(ctx: PyCtx, suite: PySuite, top: boolean): { changes: Change[]; terminates: boolean } {
  const changes: Change[] = [];
  let terminates = false;
  let survivors = 0;
  let firstRemoved: PyStmt | undefined;
  const stmts = suite.stmts;
  for (let i = 0; i < stmts.length; i++) {
    const st = stmts[i];
    const r = rwStmt(ctx, st);
    if (r.kind === "remove") {
      firstRemoved ??= st;
      const rr = removalRange(ctx.text, stmtStart(ctx, st), st.end, "#");
      changes.push({ start: rr.start, end: rr.end, rope: [] });
      continue;
    }
    survivors++;
    if (r.kind === "same") {
      terminates = isTerminator(ctx, st);
      continue;
    }
    changes.push({ start: stmtStart(ctx, st), end: r.kind === "patch" ? (r.end ?? st.end) : st.end, rope: r.rope });
    terminates = r.terminates;
    if (r.terminates && !isTerminator(ctx, st) && i + 1 < stmts.length) {
      // The rest of the suite no longer runs: it goes, with the comments among it.
      const from = lineEnd(ctx.text, st.end);
      const rr = removalRange(ctx.text, stmtStart(ctx, stmts[i + 1]), stmts[stmts.length - 1].end, "#");
      const start = Math.min(from + (ctx.text[from] === "\r" ? 2 : 1), rr.start);
      changes.push({ start, end: rr.end, rope: [] });
      ctx.extraNotes.push({
        pos: stmtStart(ctx, stmts[i + 1]),
        message: "Removed the code from here to the end of the block: it no longer runs.",
      });
      break;
    }
  }
  if (!top && survivors === 0 && firstRemoved) {
    const i = changes.findIndex((c) => c.start <= stmtStart(ctx, firstRemoved!) && stmtStart(ctx, firstRemoved!) < c.end);
    changes[i] = { start: stmtStart(ctx, firstRemoved), end: firstRemoved.end, rope: [gen("pass")] };
  }
  return { changes: changes.sort((a, b) => a.start - b.start), terminates };
}

function patch(start: number, end: number, changes: Change[], terminates = false): StmtOut {
  return changes.length === 0 ? { kind: "same" } : { kind: "patch", rope: splice(start, end, changes), terminates, end };
}

/** After the line break that ends the line of `end` (past a trailing comment): a compound statement's changes may reach it. */
function fullEnd(text: string, end: number): number {
  let i = end;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] === "#") i = lineEnd(text, i);
  if (text[i] === "\r" && text[i + 1] === "\n") return i + 2;
  return text[i] === "\n" || text[i] === "\r" ? i + 1 : end;
}

function rwStmt(ctx: PyCtx, st: PyStmt): StmtOut {
  if (st.clauses.length === 0 && ctx.removed.has(st.line.first)) return { kind: "remove" };
  if (!hasHot(ctx, stmtStart(ctx, st), st.end)) return { kind: "same" };
  if (st.clauses.length === 0) return rwSimple(ctx, st.line.first, st.line.last);
  if (st.clauses[0].keyword === "if") return rwIf(ctx, st);
  const changes: Change[] = [];
  for (const c of st.clauses) {
    if (c.keyword === "while" && st.clauses.length === 1) {
      const cond = condition(ctx, c);
      if (cond.decided === false) return { kind: "remove" };
      changes.push(...cond.changes);
    } else changes.push(...rwRegion(ctx, c.line.first + 1, c.colon, "value"));
    changes.push(...rwBody(ctx, c));
  }
  return patch(stmtStart(ctx, st), fullEnd(ctx.text, st.end), changes);
}

/** A simple statement line, or the statements after an inline clause's colon. */
function rwSimple(ctx: PyCtx, first: number, last: number): StmtOut {
  const changes = rwRegion(ctx, first, last + 1, "statement");
  if (changes.length === 1 && changes[0].start === ctx.toks[first].s && changes[0].end === ctx.toks[last].e && changes[0].rope.length === 0)
    return { kind: "remove" };
  return patch(ctx.toks[first].s, ctx.toks[last].e, changes);
}

function rwBody(ctx: PyCtx, c: PyClause): Change[] {
  if (c.suite) return rwSuite(ctx, c.suite, false).changes;
  if (!c.inline) return [];
  const r = rwSimple(ctx, c.colon + 1, c.line.last);
  if (r.kind === "remove") return [{ start: c.inline.s, end: c.inline.e, rope: [gen("pass")] }];
  return r.kind === "same" ? [] : [{ start: c.inline.s, end: c.inline.e, rope: r.rope }];
}

/** The condition of an `if`, `elif` or `while` clause: its changes, and the branch it decides. */
function condition(ctx: PyCtx, c: PyClause): { decided?: boolean; changes: Change[] } {
  const nodes = ctx.parser.parseList(c.line.first + 1, c.colon);
  if (!nodes || nodes.length !== 1) return { changes: rwRegion(ctx, c.line.first + 1, c.colon, "value") };
  const out = evalM(ctx.mini, nodes[0], "bool");
  const decided = decideBranch(
    out.known ? { known: out.known, pure: true, boolish: false } : { pure: false, boolish: false },
    PY_SEMANTICS,
  );
  if (decided !== undefined) return { decided, changes: [] };
  const rope = out.rope ?? (out.node !== nodes[0] ? [{ s: out.node.s, e: out.node.e }] : undefined);
  return { changes: rope ? [{ start: nodes[0].s, end: nodes[0].e, rope }] : [] };
}

function clauseEnd(ctx: PyCtx, c: PyClause): number {
  if (c.suite && c.suite.stmts.length > 0) return c.suite.stmts[c.suite.stmts.length - 1].end;
  return ctx.toks[c.line.last].e;
}

/** An `if` chain: false clauses go, a true one becomes the `else` (or the whole statement when it comes first). */
function rwIf(ctx: PyCtx, st: PyStmt): StmtOut {
  const clauses = st.clauses;
  const status: ("keep" | "drop" | "taken")[] = [];
  const conds: Change[][] = [];
  let taken = -1;
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (taken >= 0) {
      status.push("drop");
      continue;
    }
    if (c.keyword === "else") {
      status.push("taken");
      taken = i;
      continue;
    }
    const cond = condition(ctx, c);
    conds[i] = cond.changes;
    status.push(cond.decided === undefined ? "keep" : cond.decided ? "taken" : "drop");
    if (cond.decided) taken = i;
  }
  const firstKept = status.indexOf("keep");
  if (firstKept < 0) return taken < 0 ? { kind: "remove" } : unwrapClause(ctx, clauses[taken], st);
  const changes: Change[] = [];
  const kw = (c: PyClause): PyTok => ctx.toks[c.line.first];
  const lastKept = status.lastIndexOf("keep");
  // The last clause that stays: a kept one, or the taken one after it (an `else`, or an `elif` that becomes it).
  const lastLive = Math.max(lastKept, taken);
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (status[i] === "drop" && i < lastLive) changes.push({ start: kw(c).s, end: kw(clauses[i + 1]).s, rope: [] });
    if (status[i] === "keep") {
      if (i === firstKept && c.keyword === "elif") changes.push({ start: kw(c).s, end: kw(c).e, rope: [gen("if")] });
      changes.push(...conds[i], ...rwBody(ctx, c));
    }
    if (status[i] === "taken") {
      if (c.keyword === "elif") changes.push({ start: kw(c).s, end: ctx.toks[c.colon].e, rope: [gen("else:")] });
      changes.push(...rwBody(ctx, c));
    }
  }
  // Dropped clauses after the last kept or taken one go with the line break before them.
  // From the line after the last live clause (a statement it holds may be patched up to there: a nested `if`).
  if (lastLive + 1 < clauses.length) {
    const from = clauseEnd(ctx, clauses[lastLive]);
    const next = fullEnd(ctx.text, from);
    changes.push(next > from ? { start: next, end: fullEnd(ctx.text, st.end), rope: [] } : { start: from, end: st.end, rope: [] });
  }
  return patch(stmtStart(ctx, st), fullEnd(ctx.text, st.end), changes);
}

/** The body of the taken clause in place of the whole statement, dedented to its indentation. */
function unwrapClause(ctx: PyCtx, c: PyClause, st: PyStmt): StmtOut {
  if (c.inline) {
    const r = rwSimple(ctx, c.colon + 1, c.line.last);
    if (r.kind === "remove") return r;
    return {
      kind: "unwrap",
      rope: r.kind === "same" ? [{ s: c.inline.s, e: c.inline.e }] : r.rope,
      terminates: TERMINATORS.has(ctx.toks[c.colon + 1].text),
    };
  }
  if (!c.suite) return { kind: "remove" };
  const list = rwSuite(ctx, c.suite, false);
  const start = ctx.toks[c.line.last].e;
  const end = clauseEnd(ctx, c);
  const rope = trimRope(ctx.text, splice(start, end, list.changes));
  if (ropeText(ctx.text, rope).trim() === "pass" || rope.length === 0) return { kind: "remove" };
  // From the colon: a comment after it stays first, and every line below moves.
  // A comment line less indented than the body (Python ignores its indentation) stays where it is.
  const r = reindentBlock(ctx.text, start, end, st.line.indent, ctx.protect, "#");
  if (r) ctx.reindents.push(r);
  return { kind: "unwrap", rope, terminates: list.terminates };
}

/** The rewrite before its syntax check (tests and the fuzz use it to see what the check refuses). */
export function rewrite(fileName: string, text: string, request: RemoveFlagRequest): RewriteResult {
  if (!hasWork(text, request)) return { edits: [], notes: [] };
  const { toks, lines } = lexPython(text);
  const usages = pyCalls(toks, request);
  // A file whose brackets do not balance does not parse: it is not rewritten.
  if (!bracketsBalance(toks)) for (const u of usages) if ("known" in u.value) u.value = { reason: "the file has syntax errors" };
  const values = new Map<number, Known>();
  const spans = new Map<number, PyUsageSpan>();
  const show = (v: Value): string => showPy(v, usages.find((u) => "known" in u.value && u.value.known.value === v)?.quote ?? '"');
  for (const u of usages) {
    spans.set(u.first, { index: u.index, last: u.last });
    if ("known" in u.value) values.set(u.index, u.value.known);
  }
  const mini: MiniCtx = { text, sem: PY_SEMANTICS, values, visited: new Set(), show, atomPrec: PY_PREC.primary };
  const ctx: PyCtx = {
    text,
    toks,
    parser: new PyExprParser(toks, spans),
    mini,
    spans,
    reindents: [],
    protect: toks.filter((t) => t.k === "str" && t.text.includes("\n")).map((t) => ({ s: t.s, e: t.e })),
    extraNotes: [],
    hot: usages.filter((u) => "known" in u.value).map((u) => toks[u.first].s),
    statementKeywords: STATEMENT_KEYWORDS,
    removed: new Set(),
  };
  const tree = parseSuites(toks, lines);
  if (ctx.hot.length > 0) ctx.removed = planInlining(ctx, pyCandidates(toks, tree), pyOccurrence(ctx, toks, lines), ctx.hot, usages.length);
  const changes = ctx.hot.length > 0 ? rwSuite(ctx, tree, true).changes : [];
  const rope: Rope = splice(0, text.length, changes);
  const rendered = render(text, rope, ctx.reindents, ctx.protect);
  const noteUsages = usages.map((u: PyUsage) => ({
    index: u.index,
    start: toks[u.first].s,
    end: toks[u.last].e,
    label: callLabel(text, toks[u.first].s, toks[u.last].e),
    value: u.value,
    dynamic: u.dynamic,
  }));
  const notes = buildNotes(text, request.featureKey, noteUsages, rendered, mini.visited, ctx.extraNotes, (v) => showPy(v));
  const edits =
    rendered.edits.length > 0 ? mergeEditSets(rendered.edits, pyImportEdits(fileName, text, { toks, lines }, rendered.text)) : [];
  return { edits: toTextEdits(text, edits), notes };
}

/** Statements whose expression follows a keyword (`return x`), and those without one. */
const STATEMENT_KEYWORDS = {
  value: ["return", "yield", "raise", "assert", "await"],
  none: ["import", "from", "global", "nonlocal", "pass", "break", "continue", "del"],
};

/** Python. */
export const pythonRewriter: FlagRewriter = checkedRewriter("python", { extensions: [".py", ".pyi"], rewrite, syntax: "python" });

export type { PyLine };
