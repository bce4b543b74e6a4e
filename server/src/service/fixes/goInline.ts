// Which Go variables can be inlined: `name := value` alone in its statement in a function, where
// every other occurrence of the name in the function is a plain read (no parameter, no other
// declaration or assignment, no address taken, no field key).

import { closing, type GoBlock, type GoTok } from "./goSyntax";
import { isTarget, type InlineCandidate, type Occurrence } from "./inline";
import type { RegionCtx } from "./region";

const ASSIGN = new Set(["=", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="]);
const DECLARE = new Set(["var", "const", "type", "func"]);

/** Candidates in document order: `name := value` statements inside the file's functions. */
export function goCandidates(toks: GoTok[], file: GoBlock): InlineCandidate[] {
  const out: InlineCandidate[] = [];
  const visit = (block: GoBlock, scope: [number, number]): void => {
    for (const st of block.stmts) {
      if (toks[st.first].k === "name" && toks[st.first + 1]?.text === ":=" && st.last >= st.first + 2) {
        out.push({ stmt: st.first, nameTok: st.first, value: [st.first + 2, st.last + 1], scope });
      }
      for (const b of st.blocks) visit(b, scope);
      for (let g = st.ifStmt; g; g = g.elseIf) {
        visit(g.body, scope);
        if (g.elseBody) visit(g.elseBody, scope);
      }
    }
  };
  for (const st of file.stmts) {
    if (toks[st.first].text === "func") for (const b of st.blocks) visit(b, [st.first, st.last]);
  }
  return out;
}

/** The parameter and result names of every function signature. */
function parameters(toks: GoTok[]): Set<number> {
  const out = new Set<number>();
  const mark = (open: number): number => {
    const close = closing(toks, open);
    for (let k = open + 1; k < close; k++) if (toks[k].k === "name") out.add(k);
    return close + 1;
  };
  for (let i = 0; i < toks.length; i++) {
    if (!(toks[i].k === "name" && toks[i].text === "func")) continue;
    let j = i + 1;
    if (toks[j]?.text === "(") j = mark(j);
    if (toks[j]?.k === "name") j++;
    if (toks[j]?.text === "(") j = mark(j);
    if (toks[j]?.text === "(") mark(j);
  }
  return out;
}

/** Classifies occurrences of a name in Go tokens. */
export function goOccurrence(ctx: RegionCtx, toks: GoTok[]): (i: number) => Occurrence {
  const params = parameters(toks);
  return (i) => {
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (prev?.text === "." && prev.k === "op") return "skip";
    if (params.has(i) || prev?.text === "&" || (prev?.k === "name" && DECLARE.has(prev.text))) return "bail";
    if (next?.k === "name" || next?.text === ":" || next?.text === "++" || next?.text === "--") return "bail";
    return isTarget(ctx, i, toks.length - 1, ASSIGN) ? "bail" : "ref";
  };
}
