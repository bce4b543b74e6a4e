// Names and control flow in Go, from tokens: the state of a file's rewrite, statements that always
// leave their block, and whether a block's declarations can move into the enclosing one.

import { closing, type GoStmt, type GoTok } from "./goSyntax";
import type { ExtraNote } from "./notes";
import type { RegionCtx } from "./region";
import type { Reindent } from "./rope";

/** The state of one Go file's rewrite. */
export interface GoCtx extends RegionCtx {
  toks: GoTok[];
  reindents: Reindent[];
  extraNotes: ExtraNote[];
  hot: number[];
  /** The top-level declaration being rewritten: names are looked up in it. */
  scope: [number, number];
  /** Statements (by first token) of variables that were inlined. */
  removed: Set<number>;
}

export const TERMINATORS = new Set(["return", "break", "continue", "goto", "fallthrough"]);

export function isTerminator(ctx: GoCtx, st: GoStmt): boolean {
  const t = ctx.toks[st.first];
  return t.k === "name" && (TERMINATORS.has(t.text) || (t.text === "panic" && ctx.toks[st.first + 1]?.text === "("));
}

/** The names a block declares at its top level (`x, err :=`, `var x`, `const`, `type`). */
function declaredNames(ctx: GoCtx, stmts: readonly GoStmt[]): Set<string> {
  const names = new Set<string>();
  const toks = ctx.toks;
  for (const st of stmts) {
    const first = toks[st.first];
    if (first.k === "name" && /^(var|const|type)$/.test(first.text)) {
      for (let i = st.first + 1; i <= st.last; i++) {
        const prev = toks[i - 1];
        if (toks[i].k === "name" && (i === st.first + 1 || prev.text === "(" || prev.text === ";" || prev.text === ","))
          names.add(toks[i].text);
      }
      continue;
    }
    for (let i = st.first; i <= st.last; i++) {
      if (toks[i].text === ":=" && toks[i].k === "op") {
        for (let j = st.first; j < i; j++) if (toks[j].k === "name") names.add(toks[j].text);
        break;
      }
      if (toks[i].k === "op" && "({[".includes(toks[i].text)) i = closing(toks, i);
    }
  }
  return names;
}

/** Whether statements' names can move into the enclosing block without meeting the same names there (outside `range`). */
export function canUnwrap(ctx: GoCtx, stmts: readonly GoStmt[], range: [number, number]): boolean {
  const names = declaredNames(ctx, stmts);
  if (names.size === 0) return true;
  const [from, to] = ctx.scope;
  for (let i = from; i <= to; i++) {
    if (i >= range[0] && i <= range[1]) continue;
    const t = ctx.toks[i];
    if (t.k === "name" && names.has(t.text) && ctx.toks[i - 1]?.text !== ".") return false;
  }
  return true;
}
