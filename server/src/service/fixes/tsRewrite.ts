// The rewrite of TypeScript and JavaScript (with JSX), on the TypeScript compiler's syntax tree:
// usages become their value, decided code is simplified, inlined variables and unused imports go.
// The new text must parse as well as the old one did, or nothing is changed.

import ts from "typescript";
import { buildNotes, callLabel, toTextEdits } from "./notes";
import { mergeEditSets, render, splice, type Rope, type Span } from "./rope";
import { evalExpr, markPath, ropeOf, spanOf, spliceChildren, type TsCtx } from "./tsExpr";
import { planInlining, pruneImports } from "./tsScope";
import { rwJsx, rwList, rwStatement, stmtRope } from "./tsStmt";
import { renderJs } from "./tsSyntax";
import { tsCalls } from "./tsCalls";
import { hasWork } from "./callSites";
import { gen } from "./rope";
import type { RemoveFlagRequest, RewriteResult } from "./types";

function scriptKind(fileName: string): ts.ScriptKind {
  const ext = /\.[^./]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
  if (ext === ".tsx") return ts.ScriptKind.TSX;
  if (ext === ".jsx") return ts.ScriptKind.JSX;
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs") return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses a file; the compiler never throws on bad input, it records parse diagnostics. */
export function parseTs(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

/** The syntax errors of a parsed file (the compiler keeps them on an internal field). */
export function parseErrors(sf: ts.SourceFile): number {
  return ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}

function rw(ctx: TsCtx, node: ts.Node): Rope | undefined {
  if (!ctx.interesting.has(node)) return undefined;
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    const list = rwList(ctx, node.statements);
    if (list.changes.length === 0) return undefined;
    const s = ts.isSourceFile(node) ? { s: 0, e: ctx.text.length } : spanOf(ctx, node);
    return splice(s.s, s.e, list.changes);
  }
  if (ts.isStatement(node)) return stmtRope(rwStatement(ctx, node, false));
  if (ts.isJsxElement(node) || ts.isJsxFragment(node)) return rwJsx(ctx, node);
  if (ts.isShorthandPropertyAssignment(node)) {
    const k = ctx.refs.get(node.name);
    if (k) return [spanOf(ctx, node.name), gen(": " + renderJs(k.value, '"'), k.sources)];
  }
  if (ts.isExpression(node)) return ropeOf(ctx, evalExpr(ctx, node, "value"), node);
  return spliceChildren(ctx, node);
}

/** Multi-line string and template literals: their lines are content, never re-indented. */
function protectedSpans(sf: ts.SourceFile): Span[] {
  const out: Span[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    ) {
      const s = n.getStart(sf);
      if (sf.text.slice(s, n.end).includes("\n")) out.push({ s, e: n.end });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Rewrites a TypeScript/JavaScript file. */
export function rewriteTypeScript(fileName: string, text: string, request: RemoveFlagRequest): RewriteResult {
  if (!hasWork(text, request)) return { edits: [], notes: [] };
  const sf = parseTs(fileName, text);
  const errors = parseErrors(sf);
  const usages = tsCalls(sf, request, true);
  const ctx: TsCtx = {
    sf,
    text,
    usages: new Map(),
    refs: new Map(),
    removedDecls: new Set(),
    interesting: new Set(),
    reindents: [],
    protect: [],
    visited: new Set(),
    memo: [new Map(), new Map()],
    extraNotes: [],
    rw: (n) => rw(ctx, n),
  };
  // A file that does not parse is not rewritten: the tree would not be what the user means.
  if (errors === 0) {
    for (const u of usages) {
      if ("known" in u.value) {
        ctx.usages.set(u.call, u);
        markPath(ctx, u.call);
      }
    }
  }
  const noteUsages = usages.map((u) => ({
    index: u.index,
    start: u.call.getStart(sf),
    end: u.call.end,
    label: callLabel(text, u.call.getStart(sf), u.call.end),
    value: errors > 0 && "known" in u.value ? { reason: "the file has syntax errors" } : u.value,
    dynamic: u.dynamic,
  }));
  if (ctx.usages.size > 0) {
    ctx.protect = protectedSpans(sf);
    planInlining(ctx);
  }
  const rope = rw(ctx, sf) ?? [{ s: 0, e: text.length }];
  let rendered = render(text, rope, ctx.reindents, ctx.protect);
  let edits = rendered.edits;
  if (edits.length > 0) {
    const after = parseTs(fileName, rendered.text);
    if (parseErrors(after) > 0) {
      // Never hand out code that does not parse: change nothing, and say so.
      rendered = render(text, [{ s: 0, e: text.length }], [], []);
      edits = [];
      for (const u of noteUsages)
        if ("known" in u.value) u.value = { reason: "Flaglens could not rewrite it safely (please report this file)" };
    } else edits = mergeEditSets(edits, pruneImports(sf, after));
  }
  const show = (v: Parameters<typeof renderJs>[0]): string => renderJs(v, '"');
  const notes = buildNotes(text, request.featureKey, noteUsages, rendered, ctx.visited, ctx.extraNotes, show);
  return { edits: toTextEdits(text, edits), notes };
}
