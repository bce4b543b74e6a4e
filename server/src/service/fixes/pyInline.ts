// Which Python variables can be inlined: `name = value` alone on its line in a function, where
// every other occurrence of the name in the function is a plain read (no other binding, no
// parameter, no global or nonlocal, no augmented assignment, no keyword argument of that name).

import type { InlineCandidate, Occurrence } from "./inline";
import { isTarget } from "./inline";
import type { PyLine, PyStmt, PySuite, PyTok } from "./pySyntax";
import type { RegionCtx } from "./region";

const ASSIGN = new Set(["=", ":=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", ">>=", "<<=", "@="]);
const BINDERS = new Set(["def", "class", "as", "import", "global", "nonlocal", "del", "for", "lambda"]);

/** The token index whose end is `end`. */
function tokenEndingAt(toks: PyTok[], end: number): number {
  let lo = 0;
  let hi = toks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (toks[mid].s < end) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Candidates in document order: simple `name = value` lines inside function bodies. */
export function pyCandidates(toks: PyTok[], tree: PySuite): InlineCandidate[] {
  const out: InlineCandidate[] = [];
  const visit = (suite: PySuite, scope: [number, number] | undefined): void => {
    for (const st of suite.stmts) {
      const line = st.line;
      if (st.clauses.length === 0) {
        if (scope && isSimpleAssignment(toks, line))
          out.push({ stmt: line.first, nameTok: line.first, value: [line.first + 2, line.last + 1], scope });
        continue;
      }
      const isDef = toks[line.first].text === "def" || (toks[line.first].text === "async" && toks[line.first + 1]?.text === "def");
      const inner: [number, number] | undefined = isDef ? [line.first, tokenEndingAt(toks, st.end)] : scope;
      for (const c of st.clauses) if (c.suite) visit(c.suite, inner);
    }
  };
  visit(tree, undefined);
  return out;
}

function isSimpleAssignment(toks: PyTok[], line: PyLine): boolean {
  if (toks[line.first].k !== "name" || toks[line.first + 1]?.text !== "=" || line.last < line.first + 2) return false;
  let depth = 0;
  for (let i = line.first + 2; i <= line.last; i++) {
    const t = toks[i];
    if (t.k === "op" && "([{".includes(t.text)) depth++;
    else if (t.k === "op" && ")]}".includes(t.text)) depth--;
    else if (depth === 0 && t.k === "op" && (ASSIGN.has(t.text) || t.text === ";")) return false;
  }
  return true;
}

/** Classifies occurrences of a name, knowing the file's logical lines. */
export function pyOccurrence(ctx: RegionCtx, toks: PyTok[], lines: PyLine[]): (i: number) => Occurrence {
  const lineOf = new Int32Array(toks.length);
  lines.forEach((l, n) => lineOf.fill(n, l.first, l.last + 1));
  // Parameters: the names inside a def's parentheses, and between lambda and its colon.
  const params = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].k === "name" && toks[i].text === "def" && toks[i + 2]?.text === "(") {
      let depth = 0;
      for (let j = i + 2; j < toks.length; j++) {
        if (toks[j].text === "(" && toks[j].k === "op") depth++;
        else if (toks[j].text === ")" && toks[j].k === "op" && --depth === 0) break;
        else if (toks[j].k === "name") params.add(j);
      }
    } else if (toks[i].k === "name" && toks[i].text === "lambda") {
      for (let j = i + 1; j < toks.length && toks[j].text !== ":"; j++) params.add(j);
    }
  }
  return (i) => {
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (prev?.k === "op" && prev.text === ".") return "skip";
    if (params.has(i) || (prev?.k === "name" && BINDERS.has(prev.text))) return "bail";
    const line = lines[lineOf[i]];
    const lineStart = toks[line.first];
    if (
      lineStart.k === "name" &&
      (lineStart.text === "import" || lineStart.text === "from" || lineStart.text === "global" || lineStart.text === "nonlocal")
    )
      return "bail";
    if (next?.k === "op" && next.text === "=" && depthAt(toks, line.first, i) > 0) return "skip"; // A keyword argument's name.
    if (next?.k === "op" && ASSIGN.has(next.text)) return "bail";
    // `for a, name in ...`: a loop target.
    if (lineStart.k === "name" && lineStart.text === "for" && !toks.slice(line.first, i).some((t) => t.k === "name" && t.text === "in"))
      return "bail";
    return isTarget(ctx, i, line.last, ASSIGN) ? "bail" : "ref";
  };
}

function depthAt(toks: PyTok[], from: number, i: number): number {
  let depth = 0;
  for (let j = from; j < i; j++) {
    if (toks[j].k !== "op") continue;
    if ("([{".includes(toks[j].text)) depth++;
    else if (")]}".includes(toks[j].text)) depth--;
  }
  return depth;
}

export type { PyStmt };
