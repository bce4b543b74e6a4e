// A Go `switch` on a value the flag decides (`switch f.GetVariation("k", ctx) { case "a": ... }`)
// keeps the statements of the matching case (or the default), unwrapped into place. Go cases do
// not fall through; a case that ends in `fallthrough`, or breaks out of the switch from inside,
// is left alone, as is a switch whose cases are not all literals.

import { closing, parseBlock, type GoBlock, type GoStmt } from "./goSyntax";
import { canUnwrap, type GoCtx } from "./goScope";
import { evalM } from "./mini";
import type { StmtOut } from "./region";
import { indentOfLine, reindentBlock, splice, trimRope, type Change } from "./rope";
import { decideEquality } from "./simplify";

interface Clause {
  /** The `case` or `default` token, and the clause's colon. */
  kw: number;
  colon: number;
  /** The token after the clause's statements. */
  end: number;
}

function clausesOf(ctx: GoCtx, body: GoBlock): Clause[] {
  const toks = ctx.toks;
  const out: Clause[] = [];
  for (let i = body.open + 1; i < body.close; i++) {
    const t = toks[i];
    if (t.k === "op" && "([{".includes(t.text)) i = closing(toks, i);
    else if (t.k === "name" && (t.text === "case" || t.text === "default")) {
      let colon = i + 1;
      while (colon < body.close && !(toks[colon].k === "op" && toks[colon].text === ":")) {
        colon = toks[colon].k === "op" && "([{".includes(toks[colon].text) ? closing(toks, colon) + 1 : colon + 1;
      }
      if (out.length > 0) out[out.length - 1].end = i;
      out.push({ kw: i, colon, end: body.close });
      i = colon;
    }
  }
  return out;
}

/** An unlabeled `break` that leaves the switch from inside the statements (not from a nested loop, switch or select). */
function breaksOut(ctx: GoCtx, stmts: readonly GoStmt[]): boolean {
  for (const st of stmts) {
    const first = ctx.toks[st.first].text;
    if (first === "break" && ctx.toks[st.first + 1]?.text === ";") return true;
    if (/^(for|switch|select|func)$/.test(first)) continue;
    for (let g = st.ifStmt; g; g = g.elseIf) {
      if (breaksOut(ctx, g.body.stmts) || (g.elseBody && breaksOut(ctx, g.elseBody.stmts))) return true;
    }
    if (st.blocks.some((b) => breaksOut(ctx, b.stmts))) return true;
  }
  return false;
}

/** The switch's decided case in place of the statement at `anchor`, or undefined when it is not decided. */
export function rwSwitch(
  ctx: GoCtx,
  st: GoStmt,
  anchor: number,
  rwBlock: (b: GoBlock) => { changes: Change[]; terminates: boolean },
): StmtOut | undefined {
  const toks = ctx.toks;
  const body = st.blocks[st.blocks.length - 1];
  if (!body) return undefined;
  for (let i = st.first + 1; i < body.open; i++) if (toks[i].k === "op" && toks[i].text === ";") return undefined;
  const tag = ctx.parser.parseList(st.first + 1, body.open);
  if (!tag || tag.length !== 1) return undefined;
  const known = evalM(ctx.mini, tag[0], "value").known;
  if (!known || (known.value !== null && typeof known.value === "object")) return undefined;
  const clauses = clausesOf(ctx, body);
  let chosen: Clause | undefined;
  for (const c of clauses) {
    if (toks[c.kw].text === "default") continue;
    const values = ctx.parser.parseList(c.kw + 1, c.colon);
    if (!values) return undefined;
    for (const v of values) {
      const eq = v.k === "lit" ? decideEquality(known, { value: v.value, sources: [] }, "strict-eq") : undefined;
      // A case that is not a literal might match: leave the switch alone.
      if (!eq || "keep" in eq) return undefined;
      if (eq.value === true) chosen ??= c;
    }
  }
  chosen ??= clauses.find((c) => toks[c.kw].text === "default");
  if (!chosen) return { kind: "remove" };
  const block = parseBlock(toks, body.open, chosen.colon + 1, chosen.end);
  const stmts = block.stmts;
  const last = stmts[stmts.length - 1];
  if (last && toks[last.first].text === "fallthrough") return undefined;
  const kept = last && toks[last.first].text === "break" && toks[last.first + 1]?.text === ";" ? stmts.slice(0, -1) : stmts;
  if (breaksOut(ctx, kept) || !canUnwrap(ctx, kept, [st.first, st.last])) return undefined;
  if (kept.length === 0) return { kind: "remove" };
  const list = rwBlock({ ...block, stmts: kept });
  let from = toks[chosen.colon].e;
  while (from < ctx.text.length && /\s/.test(ctx.text[from])) from++;
  const to = toks[kept[kept.length - 1].last].e;
  const rope = trimRope(ctx.text, splice(from, to, list.changes));
  if (rope.length === 0) return { kind: "remove" };
  const r = reindentBlock(ctx.text, from, to, indentOfLine(ctx.text, anchor), []);
  if (r) ctx.reindents.push(r);
  return { kind: "unwrap", rope, terminates: list.terminates };
}
