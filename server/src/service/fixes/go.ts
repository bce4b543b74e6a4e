// The rewrite of Go: usages become their value; conditions and `if`/`else if`/`else` chains they
// decide are simplified (the taken block unwrapped into place unless its names would clash, the
// rest of a block dropped after a return that now always happens). Imports the change leaves
// unused go (Go rejects them); variables it leaves unused are reported (Go rejects them too).

import { checkedRewriter } from "./syntaxGuard";
import { GO_PREC, GoExprParser } from "./goExpr";
import { closing, lexGo, parseBlock, type GoBlock, type GoIf, type GoStmt, type GoTok } from "./goSyntax";
import { goCalls, hasWork, isPureArg } from "./callSites";
import { evalM, type MiniCtx } from "./mini";
import { buildNotes, callLabel, toTextEdits, type ExtraNote } from "./notes";
import { bracketsBalance, rwRegion, type StmtOut } from "./region";
import {
  applyOffsetEdits,
  indentOfLine,
  lineEnd,
  mergeEditSets,
  reindentBlock,
  removalRange,
  render,
  splice,
  trimRope,
  type Change,
  type OffsetEdit,
} from "./rope";
import { decideBranch, GO_SEMANTICS, type Known, type Value } from "./simplify";
import type { FlagRewriter, RemoveFlagRequest, RewriteResult } from "./types";
import { goImportEdits, goUnused, unusedNote } from "./goCleanup";
import { canUnwrap, isTerminator, type GoCtx } from "./goScope";
import { rwSwitch } from "./goSwitch";
import { planInlining } from "./inline";
import { goCandidates, goOccurrence } from "./goInline";

/** How Go writes a value (only booleans, strings and numbers reach here). */
export function showGo(v: Value): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function hasHot(ctx: GoCtx, s: number, e: number): boolean {
  return ctx.hot.some((h) => h >= s && h < e);
}

function span(ctx: GoCtx, first: number, last: number): { start: number; end: number } {
  return { start: ctx.toks[first].s, end: ctx.toks[last].e };
}

/** Rewrites a block's statements. */
function rwBlock(ctx: GoCtx, block: GoBlock, top = false): { changes: Change[]; terminates: boolean } {
  const changes: Change[] = [];
  let terminates = false;
  const stmts = block.stmts;
  for (let i = 0; i < stmts.length; i++) {
    const st = stmts[i];
    if (top) ctx.scope = [st.first, st.last];
    const r = rwStmt(ctx, st, true);
    const { start, end } = span(ctx, st.first, st.last);
    if (r.kind === "same") terminates = isTerminator(ctx, st);
    else if (r.kind === "remove") {
      const rr = removalRange(ctx.text, start, end, "//");
      changes.push({ start: rr.start, end: rr.end, rope: [] });
    } else {
      changes.push({ start, end, rope: r.rope });
      terminates = r.terminates;
      if (r.terminates && !isTerminator(ctx, st) && i + 1 < stmts.length && !stmts[i + 1].entry) {
        // The rest no longer runs, up to the next case clause or label (control arrives there from elsewhere).
        let lastDead = i + 1;
        while (lastDead + 1 < stmts.length && !stmts[lastDead + 1].entry) lastDead++;
        const rr = removalRange(ctx.text, ctx.toks[stmts[i + 1].first].s, ctx.toks[stmts[lastDead].last].e, "//");
        const from = lineEnd(ctx.text, end);
        changes.push({ start: Math.min(from + (ctx.text[from] === "\r" ? 2 : 1), rr.start), end: rr.end, rope: [] });
        ctx.extraNotes.push({
          pos: ctx.toks[stmts[i + 1].first].s,
          message: "Removed the code from here to the end of the block: it no longer runs.",
        });
        i = lastDead;
      }
    }
  }
  return { changes, terminates };
}

function blockChanges(ctx: GoCtx, b: GoBlock): Change[] {
  if (!hasHot(ctx, ctx.toks[b.open].s, ctx.toks[b.close].e)) return [];
  return rwBlock(ctx, b).changes;
}

function rwStmt(ctx: GoCtx, st: GoStmt, inList: boolean): StmtOut {
  if (ctx.removed.has(st.first)) return { kind: "remove" };
  const { start, end } = span(ctx, st.first, st.last);
  if (!hasHot(ctx, start, end)) return { kind: "same" };
  if (st.ifStmt) return rwIf(ctx, st.ifStmt, inList, start);
  if (inList && ctx.toks[st.first].text === "switch") {
    const r = rwSwitch(ctx, st, start, (b) => rwBlock(ctx, b));
    if (r) return r;
  }
  const changes = [...rwRegion(ctx, st.first, st.last + 1, "statement"), ...st.blocks.flatMap((b) => blockChanges(ctx, b))];
  if (changes.length === 1 && changes[0].start === start && changes[0].end === end && changes[0].rope.length === 0)
    return { kind: "remove" };
  return changes.length ? { kind: "patch", rope: splice(start, end, changes), terminates: isTerminator(ctx, st) } : { kind: "same" };
}

function condition(ctx: GoCtx, g: GoIf): { decided?: boolean; changes: Change[] } {
  const [from, to] = g.cond;
  if (g.init) return { changes: [...rwRegion(ctx, g.init[0], g.init[1], "statement"), ...rwRegion(ctx, from, to, "bool")] };
  const nodes = ctx.parser.parseList(from, to);
  if (!nodes || nodes.length !== 1) return { changes: rwRegion(ctx, from, to, "bool") };
  const out = evalM(ctx.mini, nodes[0], "bool");
  const decided = decideBranch(out.known ? { known: out.known, pure: true, boolish: true } : { pure: false, boolish: false }, GO_SEMANTICS);
  if (decided !== undefined) return { decided, changes: [] };
  const rope = out.rope ?? (out.node !== nodes[0] ? [{ s: out.node.s, e: out.node.e }] : undefined);
  return { changes: rope ? [{ start: nodes[0].s, end: nodes[0].e, rope }] : [] };
}

function rwIf(ctx: GoCtx, g: GoIf, inList: boolean, anchor: number): StmtOut {
  const cond = condition(ctx, g);
  if (cond.decided === undefined) {
    const changes = [...cond.changes, ...blockChanges(ctx, g.body)];
    if (g.elseIf) {
      const r = rwIf(ctx, g.elseIf, false, anchor);
      // `else if false {...}` without its own else: the whole else part goes.
      if (r.kind === "remove") changes.push({ start: ctx.toks[g.body.close].e, end: ctx.toks[g.elseIf.last].e, rope: [] });
      else if (r.kind !== "same") changes.push({ ...span(ctx, g.elseIf.ifTok, g.elseIf.last), rope: r.rope });
    }
    if (g.elseBody) changes.push(...blockChanges(ctx, g.elseBody));
    const s = span(ctx, g.ifTok, g.last);
    return changes.length ? { kind: "patch", rope: splice(s.start, s.end, changes), terminates: false } : { kind: "same" };
  }
  if (!cond.decided && g.elseIf) {
    const r = rwIf(ctx, g.elseIf, inList, anchor);
    return r.kind === "same"
      ? { kind: "patch", rope: [{ s: ctx.toks[g.elseIf.ifTok].s, e: ctx.toks[g.elseIf.last].e }], terminates: false }
      : r;
  }
  const taken = cond.decided ? g.body : g.elseBody;
  // Outside a list, only an else-if can be left without a branch: its caller drops the else part.
  if (!taken) return { kind: "remove" };
  const list = rwBlock(ctx, taken);
  const open = ctx.toks[taken.open].e;
  const close = ctx.toks[taken.close].s;
  if (!inList || !canUnwrap(ctx, taken.stmts, [g.ifTok, g.last])) {
    return { kind: "patch", rope: splice(ctx.toks[taken.open].s, ctx.toks[taken.close].e, list.changes), terminates: list.terminates };
  }
  const rope = trimRope(ctx.text, splice(open, close, list.changes));
  if (rope.length === 0) return { kind: "remove" };
  let from = open;
  while (from < close && /\s/.test(ctx.text[from])) from++;
  let to = close;
  while (to > from && /\s/.test(ctx.text[to - 1])) to--;
  const r = reindentBlock(ctx.text, from, to, indentOfLine(ctx.text, anchor), []);
  if (r) ctx.reindents.push(r);
  return { kind: "unwrap", rope, terminates: list.terminates };
}

/** The rewrite before its syntax check (tests and the fuzz use it to see what the check refuses). */
export function rewrite(_fileName: string, text: string, request: RemoveFlagRequest): RewriteResult {
  if (!hasWork(text, request)) return { edits: [], notes: [] };
  const toks = lexGo(text);
  const usages = goCalls(toks, request);
  // A file whose brackets do not balance does not parse: it is not rewritten.
  if (!bracketsBalance(toks)) for (const u of usages) if ("known" in u.value) u.value = { reason: "the file has syntax errors" };
  const values = new Map<number, Known>();
  const spans = new Map<number, { index: number; last: number }>();
  for (const u of usages) {
    spans.set(u.first, { index: u.index, last: u.last });
    if ("known" in u.value) values.set(u.index, u.value.known);
  }
  const blocks = new Map<number, number>();
  toks.forEach((t, i) => t.k === "op" && t.text === "{" && blocks.set(i, closing(toks, i)));
  const mini: MiniCtx = { text, sem: GO_SEMANTICS, values, visited: new Set(), show: showGo, atomPrec: GO_PREC.primary, boolLogic: true };
  const ctx: GoCtx = {
    text,
    toks,
    parser: new GoExprParser(toks, spans),
    mini,
    spans,
    blocks,
    statementKeywords: {
      value: ["return", "go", "defer"],
      none: ["import", "package", "break", "continue", "goto", "fallthrough", "type", "func"],
    },
    reindents: [],
    extraNotes: [],
    hot: usages.filter((u) => "known" in u.value).map((u) => toks[u.first].s),
    scope: [0, toks.length - 1],
    removed: new Set(),
  };
  const file = parseBlock(toks, -1, 0, toks.length);
  if (ctx.hot.length > 0) ctx.removed = planInlining(ctx, goCandidates(toks, file), goOccurrence(ctx, toks), ctx.hot, usages.length);
  const changes = ctx.hot.length > 0 ? rwBlock(ctx, file, true).changes : [];
  const rendered = render(text, splice(0, text.length, changes), ctx.reindents, []);
  const extra = [...ctx.extraNotes];
  const edits = rendered.edits.length > 0 ? cleanUp(text, toks, file, rendered.edits, extra) : [];
  const noteUsages = usages.map((u) => ({
    index: u.index,
    start: toks[u.first].s,
    end: toks[u.last].e,
    label: callLabel(text, toks[u.first].s, toks[u.last].e),
    value: u.value,
    dynamic: u.dynamic,
  }));
  const notes = buildNotes(text, request.featureKey, noteUsages, rendered, mini.visited, extra, showGo);
  return { edits: toTextEdits(text, edits), notes };
}

function allStatements(block: GoBlock, out: Map<number, GoStmt>): Map<number, GoStmt> {
  for (const st of block.stmts) {
    out.set(st.first, st);
    for (const b of st.blocks) allStatements(b, out);
    for (let g = st.ifStmt; g; g = g.elseIf) {
      allStatements(g.body, out);
      if (g.elseBody) allStatements(g.elseBody, out);
    }
  }
  return out;
}

/**
 * What Go rejects after the change: a variable no longer used goes when it is declared alone
 * with a value that has no effect (`ctx := Context{"userId": id}`), and is reported otherwise;
 * then imports no longer used go.
 */
function cleanUp(text: string, toks: GoTok[], file: GoBlock, main: OffsetEdit[], notes: ExtraNote[]): OffsetEdit[] {
  const stmts = allStatements(file, new Map());
  let edits = main;
  for (let round = 0; round < 3; round++) {
    const removals: OffsetEdit[] = [];
    for (const u of goUnused(toks, lexGo(applyOffsetEdits(text, edits)))) {
      const st = stmts.get(u.decl);
      const single = st && toks[st.first + 1]?.text === ":=" && isPureArg(toks, st.first + 2, st.last + 1);
      const r = single ? removalRange(text, toks[st.first].s, toks[st.last].e, "//") : undefined;
      if (r && !edits.some((e) => e.start < r.end && r.start < e.end)) removals.push({ start: r.start, end: r.end, newText: "" });
      else if (round === 2 || !single) notes.push(unusedNote(toks, u));
    }
    if (removals.length === 0) break;
    edits = mergeEditSets(edits, removals);
  }
  return mergeEditSets(edits, goImportEdits(text, toks, lexGo(applyOffsetEdits(text, edits))));
}

/** Go. */
export const goRewriter: FlagRewriter = checkedRewriter("go", { extensions: [".go"], rewrite, syntax: "go" });
