// New text as a rope over the original: spans of original text kept, in order, and generated
// pieces. Rewriters build ropes bottom-up; rendering turns the file's rope into minimal edits,
// re-indenting the lines of unwrapped blocks on the way. Original text is never reordered or
// duplicated, so every kept span is one that the editor does not have to touch.

/** Original text `[s, e)`, kept. */
export interface Span {
  s: number;
  e: number;
}

/** Generated text, with the usages whose value it spells (for the notes). */
export interface Gen {
  t: string;
  src?: readonly number[];
}

/** A piece of new text. */
export type Piece = Span | Gen;

/** New text, piece by piece. */
export type Rope = Piece[];

/** The original range `[start, end)` becomes `rope`. */
export interface Change {
  start: number;
  end: number;
  rope: Rope;
}

/** Lines starting inside `(start, end)` whose indentation starts with `from` get `to` instead. */
export interface Reindent {
  start: number;
  end: number;
  from: string;
  to: string;
}

/** An edit in offsets of the original text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function isGen(p: Piece): p is Gen {
  return (p as Gen).t !== undefined;
}

/** Generated text. */
export function gen(t: string, src?: readonly number[]): Gen {
  return src && src.length > 0 ? { t, src } : { t };
}

/** The original text `[start, end)` with `changes` (sorted, non-overlapping) applied; changes are clipped to the range. */
export function splice(start: number, end: number, changes: readonly Change[]): Rope {
  const out: Rope = [];
  let at = start;
  for (const c of [...changes].sort((a, b) => a.start - b.start)) {
    const s = Math.max(c.start, start);
    const e = Math.min(c.end, end);
    if (s < at || e < s) continue;
    if (s > at) out.push({ s: at, e: s });
    out.push(...c.rope);
    at = e;
  }
  if (at < end) out.push({ s: at, e: end });
  return out;
}

/** The rope's text, without re-indentation (for checks and lookahead). */
export function ropeText(text: string, rope: Rope): string {
  return rope.map((p) => (isGen(p) ? p.t : text.slice(p.s, p.e))).join("");
}

const WS = /\s/;

/** The rope without leading and trailing whitespace (spaces, tabs and line breaks). */
export function trimRope(text: string, rope: Rope): Rope {
  const out = rope.map((p) => ({ ...p }));
  while (out.length > 0) {
    const p = out[0];
    if (isGen(p)) {
      p.t = p.t.replace(/^\s+/, "");
      if (p.t === "") out.shift();
      else break;
    } else {
      while (p.s < p.e && WS.test(text[p.s])) p.s++;
      if (p.s === p.e) out.shift();
      else break;
    }
  }
  while (out.length > 0) {
    const p = out[out.length - 1];
    if (isGen(p)) {
      p.t = p.t.replace(/\s+$/, "");
      if (p.t === "") out.pop();
      else break;
    } else {
      while (p.e > p.s && WS.test(text[p.e - 1])) p.e--;
      if (p.s === p.e) out.pop();
      else break;
    }
  }
  return out;
}

/** The offset where the line holding `pos` starts. */
export function lineStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && text[i - 1] !== "\n") i--;
  return i;
}

/** The offset of the line break ending the line holding `pos` (or the text's end). */
export function lineEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
  return i;
}

/** Past the line break at `pos` (which is a line end), if any. */
function pastBreak(text: string, pos: number): number {
  if (text[pos] === "\r" && text[pos + 1] === "\n") return pos + 2;
  if (text[pos] === "\n" || text[pos] === "\r") return pos + 1;
  return pos;
}

/** The leading spaces and tabs of the line starting at `ls`. */
export function indentAt(text: string, ls: number): string {
  let i = ls;
  while (text[i] === " " || text[i] === "\t") i++;
  return text.slice(ls, i);
}

/** The indentation of the line holding `pos`. */
export function indentOfLine(text: string, pos: number): string {
  return indentAt(text, lineStart(text, pos));
}

function isBlankFrom(text: string, ls: number): boolean {
  const ws = indentAt(text, ls);
  const c = text[ls + ws.length];
  return c === undefined || c === "\n" || c === "\r";
}

/** Whether only spaces and tabs stand between the line's start and `pos`. */
export function startsLine(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

/**
 * The range to delete when removing the code `[start, end)`: its whole lines when it has them to
 * itself (with a trailing comment that starts with `lineComment`), collapsing the blank lines
 * around it to one; otherwise the code and the spaces before it.
 */
export function removalRange(text: string, start: number, end: number, lineComment: string): { start: number; end: number } {
  const ls = lineStart(text, start);
  let e = end;
  while (text[e] === " " || text[e] === "\t") e++;
  if (lineComment && text.startsWith(lineComment, e)) e = lineEnd(text, e);
  const atEol = e >= text.length || text[e] === "\n" || text[e] === "\r";
  if (startsLine(text, start) && atEol) {
    let after = pastBreak(text, e);
    // Two blank lines meeting where the code was become one.
    const prevBlank = ls === 0 || isBlankFrom(text, lineStart(text, ls - 1));
    if (prevBlank && after < text.length && isBlankFrom(text, after)) after = pastBreak(text, lineEnd(text, after));
    return { start: ls, end: after };
  }
  let s = start;
  while (s > ls && (text[s - 1] === " " || text[s - 1] === "\t")) s--;
  return { start: s === ls ? start : s, end: s === ls ? e : end };
}

/** The common indentation of the non-blank lines of `[start, end)` (the first line counts when `start` begins it). */
export function commonIndent(text: string, start: number, end: number, protect: readonly Span[], comment?: string): string | undefined {
  let common: string | undefined;
  const take = (ls: number): void => {
    if (isBlankFrom(text, ls) || isProtected(protect, ls)) return;
    const ws = indentAt(text, ls);
    // Where a comment's indentation means nothing (Python), a comment line does not decide the block's.
    if (comment !== undefined && text.startsWith(comment, ls + ws.length)) return;
    if (common === undefined) common = ws;
    else {
      let k = 0;
      while (k < common.length && k < ws.length && common[k] === ws[k]) k++;
      common = common.slice(0, k);
    }
  };
  if (startsLine(text, start)) take(lineStart(text, start));
  for (let i = start; i < end; i++) if (text[i] === "\n" && i + 1 < end) take(i + 1);
  return common;
}

function isProtected(protect: readonly Span[], pos: number): boolean {
  for (const p of protect) if (p.s < pos && pos < p.e) return true;
  return false;
}

/** A re-indentation of the block `[start, end)` from its own indentation to `to`, or undefined if there is nothing to do. */
export function reindentBlock(
  text: string,
  start: number,
  end: number,
  to: string,
  protect: readonly Span[],
  comment?: string,
): Reindent | undefined {
  const from = commonIndent(text, start, end, protect, comment);
  if (from === undefined || from === to) return undefined;
  return { start, end, from, to };
}

/** What rendering a file's rope gives. */
export interface Rendered {
  edits: OffsetEdit[];
  /** Original spans that survive unchanged. */
  kept: Span[];
  /** Usages whose value was written into the new text. */
  emitted: Set<number>;
  text: string;
}

/** Renders a rope covering the whole of `text` into edits, re-indenting lines as the regions say. */
export function render(text: string, rope: Rope, regions: readonly Reindent[], protect: readonly Span[]): Rendered {
  const sorted = [...regions].sort((a, b) => a.end - a.start - (b.end - b.start));
  const edits: OffsetEdit[] = [];
  const kept: Span[] = [];
  const emitted = new Set<number>();
  let out = "";
  let cursor = 0;
  let pending: OffsetEdit | undefined;
  const open = (): OffsetEdit => (pending ??= { start: cursor, end: cursor, newText: "" });
  const keep = (s: number, e: number): void => {
    if (e <= s) return;
    if (s > cursor) open();
    if (pending) {
      pending.end = s;
      edits.push(pending);
      pending = undefined;
    }
    kept.push({ s, e });
    out += text.slice(s, e);
    cursor = e;
  };
  const insert = (t: string): void => {
    if (t === "") return;
    open().newText += t;
    out += t;
  };
  for (const p of rope) {
    if (isGen(p)) {
      insert(p.t);
      for (const u of p.src ?? []) emitted.add(u);
      continue;
    }
    if (p.s < cursor) throw new Error(`rope goes back from ${cursor} to ${p.s}`);
    if (p.s > cursor) {
      open();
      cursor = p.s;
    }
    let at = p.s;
    for (let ls = p.s; ls < p.e; ls++) {
      const isLineStart =
        ls === p.s ? (out === "" ? ls === 0 : out.endsWith("\n")) && (ls === 0 || text[ls - 1] === "\n") : text[ls - 1] === "\n";
      if (!isLineStart || isBlankFrom(text, ls) || isProtected(protect, ls)) continue;
      const ws = indentAt(text, ls);
      let now = ws;
      for (const r of sorted) if (r.start < ls && ls < r.end && now.startsWith(r.from)) now = r.to + now.slice(r.from.length);
      if (now === ws) continue;
      const wsEnd = Math.min(ls + ws.length, p.e);
      let k = 0;
      while (k < now.length && k < ws.length && now[k] === ws[k]) k++;
      keep(at, ls + k);
      cursor = ls + k;
      open();
      cursor = wsEnd;
      insert(now.slice(k));
      at = wsEnd;
    }
    keep(at, p.e);
    cursor = Math.max(cursor, p.e);
  }
  if (cursor < text.length) {
    open();
    cursor = text.length;
  }
  if (pending) {
    pending.end = cursor;
    edits.push(pending);
  }
  return { edits: mergeEdits(edits.filter((e) => e.end > e.start || e.newText !== "")), kept, emitted, text: out };
}

function mergeEdits(edits: OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.end === e.start) {
      last.end = e.end;
      last.newText += e.newText;
    } else out.push({ ...e });
  }
  return out;
}

/** Applies offset edits (sorted, non-overlapping) to a text. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Merges two sets of sorted, non-overlapping edits; on overlap the first set wins. */
export function mergeEditSets(a: readonly OffsetEdit[], b: readonly OffsetEdit[]): OffsetEdit[] {
  const out = [...a];
  for (const e of b) if (!a.some((x) => x.start < e.end && e.start < x.end)) out.push(e);
  return mergeEdits(out.sort((x, y) => x.start - y.start || x.end - y.end));
}
