// Local variables that hold a retired flag's value, in the token-based languages (Python, Go):
// when a variable is bound once in its function and only read, its reads take the value (as
// usages of their own) and its declaration goes. The language says which names are reads.

import { evalM } from "./mini";
import type { RegionCtx } from "./region";

/** `name = value` (Python) or `name := value` (Go), alone in its statement. */
export interface InlineCandidate {
  /** The statement's first token: the key under which its removal is recorded. */
  stmt: number;
  nameTok: number;
  /** The value's tokens `[from, to)`. */
  value: [number, number];
  /** The tokens `[from, to]` of the function the variable lives in. */
  scope: [number, number];
}

/** What an occurrence of the variable's name is: a read, something else (an attribute), or a use that forbids inlining. */
export type Occurrence = "ref" | "skip" | "bail";

/**
 * Decides the inlining of candidates in document order (a variable computed from an inlined one
 * can be inlined too); registers each read as a usage with the value, and returns the statements
 * to remove.
 */
export function planInlining(
  ctx: RegionCtx,
  candidates: readonly InlineCandidate[],
  occurrence: (i: number) => Occurrence,
  hot: number[],
  firstIndex: number,
): Set<number> {
  const removed = new Set<number>();
  let index = firstIndex;
  const hasValue = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (ctx.mini.values.has(ctx.spans.get(i)?.index ?? -1)) return true;
    return false;
  };
  for (const c of candidates) {
    if (!hasValue(c.value[0], c.value[1])) continue;
    const nodes = ctx.parser.parseList(c.value[0], c.value[1]);
    if (!nodes || nodes.length !== 1) continue;
    const k = evalM(ctx.mini, nodes[0], "value").known;
    if (!k || (k.value !== null && typeof k.value === "object")) continue;
    const name = ctx.toks[c.nameTok].text;
    const refs: number[] = [];
    let ok = true;
    for (let i = c.scope[0]; i <= c.scope[1] && ok; i++) {
      const t = ctx.toks[i];
      if (i === c.nameTok || t.k !== "name" || t.text !== name) continue;
      const o = occurrence(i);
      if (o === "bail") ok = false;
      else if (o === "ref") refs.push(i);
    }
    if (!ok) continue;
    const id = index++;
    ctx.mini.values.set(id, k);
    for (const r of refs) {
      ctx.spans.set(r, { index: id, last: r });
      hot.push(ctx.toks[r].s);
    }
    removed.add(c.stmt);
  }
  return removed;
}

/** Whether an assignment operator follows token `i` at bracket depth 0 up to token `last` (the statement's end): `i` is then a target. */
export function isTarget(ctx: RegionCtx, i: number, last: number, assign: ReadonlySet<string>): boolean {
  let depth = 0;
  for (let j = i + 1; j <= last && j < ctx.toks.length; j++) {
    const t = ctx.toks[j];
    if (t.k !== "op") continue;
    if ("([{".includes(t.text)) depth++;
    else if (")]}".includes(t.text)) {
      if (--depth < 0) return false;
    } else if (depth === 0 && assign.has(t.text)) return true;
    else if (depth === 0 && t.text === ";") return false;
  }
  return false;
}
