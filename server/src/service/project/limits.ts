// Cheap textual checks made before a flag file is parsed. Both YAML parsers, and every walker
// over their results, recurse once per nesting level, and js-yaml shares aliased values, so a
// walker expands an alias bomb into billions of nodes: a file that would do either is reported
// and never parsed or walked.

/** Deeper than this, a file is reported as too deep and not parsed; real flag files nest about 10 levels. */
export const MAX_NESTING = 100;

/** Aliased values may add at most this many nodes to a file's own before it counts as an alias bomb. */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * Where a text first nests deeper than {@link MAX_NESTING}; undefined when it does not. Levels
 * are estimated from indentation, leading dashes and flow brackets: `- and:` lines count once
 * where the parsers see two levels, so a parser recurses at most about twice the limit.
 */
export function findTooDeep(text: string, limit = MAX_NESTING): number | undefined {
  if (cannotBeTooDeep(text, limit)) return undefined;
  const indents: number[] = [];
  let flow = 0;
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === "#" || text[i] === "\r";
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1; // The content of a `|` or `>` scalar is text, not structure.
      continue;
    }
    blockScalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        // Compact nesting on one line: `- - - x` opens a level per dash.
        while (i + 1 < lineEnd && text[i] === "-" && (text[i + 1] === " " || text[i + 1] === "\t")) {
          i += 2;
          while (i < lineEnd && text.charCodeAt(i) === 32) i++;
          indents.push(i - lineStart);
          if (indents.length > limit) return i;
        }
      }
      const maxFlow = scanLine(text, i, lineEnd, flow);
      flow = scanned.flow;
      if (indents.length + maxFlow > limit) return i;
      if (scanned.blockScalar) blockScalarIndent = indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/**
 * A bound found with native searches only: the block levels findTooDeep counts have strictly increasing
 * columns, so there are at most the longest line's length plus one of them, and the flow levels are at
 * most the text's opening brackets. A text under the limit by this bound (every real flag file) needs no
 * scan of its characters.
 */
function cannotBeTooDeep(text: string, limit: number): boolean {
  let longest = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start > longest) {
      longest = end - start;
      if (longest + 1 > limit) return false;
    }
    start = end + 1;
  }
  let brackets = 0;
  for (const open of ["[", "{"]) {
    for (let at = text.indexOf(open); at >= 0; at = text.indexOf(open, at + 1)) {
      if (longest + 1 + ++brackets > limit) return false;
    }
  }
  return true;
}

/** What scanLine found besides the deepest flow level: kept in one object so a line allocates nothing. */
const scanned = { flow: 0, blockScalar: false };

/**
 * The deepest flow level one line reached; `scanned` gets the flow depth after it and whether it
 * starts a block scalar. Outside flow collections, a bracket opens one only where a value starts,
 * so `[` inside a plain scalar (`description: see [docs]`) does not count.
 */
function scanLine(text: string, from: number, to: number, flowIn: number): number {
  let flow = flowIn;
  let maxFlow = flow;
  let quote = 0;
  let valueStart = true;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (quote !== 0) {
      if (ch === BACKSLASH && quote === DQUOTE) i++;
      else if (ch === quote) quote = 0;
      continue;
    }
    if (ch === HASH && (i === from || text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) break;
    if (ch === SQUOTE || ch === DQUOTE) {
      if (valueStart || flow > 0) quote = ch;
    } else if ((ch === LBRACKET || ch === LBRACE) && (flow > 0 || valueStart)) {
      flow++;
      if (flow > maxFlow) maxFlow = flow;
    } else if ((ch === RBRACKET || ch === RBRACE) && flow > 0) {
      flow--;
    }
    if (ch !== SPACE && ch !== TAB) {
      valueStart =
        flow > 0 ? ch === LBRACKET || ch === LBRACE || ch === COMMA || ch === COLON : ch === COLON && text.charCodeAt(i + 1) !== COLON;
    }
  }
  scanned.flow = flow;
  scanned.blockScalar = flow === 0 && mayEndWithBlockHeader(text, from, to) && BLOCK_SCALAR_HEADER.test(tail(text, from, to));
  return maxFlow;
}

// Character codes the line scan compares against.
const TAB = 9;
const SPACE = 32;
const DQUOTE = 34; // "
const HASH = 35; // #
const SQUOTE = 39; // '
const COMMA = 44; // ,
const COLON = 58; // :
const LBRACKET = 91; // [
const BACKSLASH = 92; // \
const RBRACKET = 93; // ]
const LBRACE = 123; // {
const RBRACE = 125; // }

/** Whether a line's last character (before spaces) can end a block scalar header: `|`, `>`, `-`, `+` or a digit. */
function mayEndWithBlockHeader(text: string, from: number, end: number): boolean {
  let e = end;
  while (e > from && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === 13)) e--;
  if (e === from) return false;
  const c = text.charCodeAt(e - 1);
  return c === 124 || c === 62 || c === 45 || c === 43 || (c >= 48 && c <= 57);
}

/** A line that ends with a block scalar header: `key: |`, `- >-`, `key: |+2`. */
const BLOCK_SCALAR_HEADER = /(^|[\s:-])[|>][-+0-9]{0,3}$/;

/** The last few characters of a line, enough to see a block scalar header. */
function tail(text: string, from: number, end: number): string {
  let e = end;
  while (e > from && (text[e - 1] === " " || text[e - 1] === "\r")) e--;
  return text.slice(Math.max(from, e - 6), e);
}

/** True when the text may hold YAML aliases (`*name`), so its value is worth measuring. */
export function mayHaveAliases(text: string): boolean {
  return text.includes("*") && text.includes("&");
}

/**
 * How many more nodes a value has once shared (aliased) values are counted at every place they
 * appear than it has distinct nodes: 0 without aliases. Each distinct object is visited once,
 * without recursion; a bomb's size is a large float, never an expansion.
 */
export function aliasExpansion(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let distinct = 0;
  // Post-order over distinct objects: an object is summed once all its children are known.
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (sizes.has(node)) {
      stack.pop();
      continue;
    }
    const children = Object.values(node) as unknown[];
    if (!open.has(node)) {
      open.add(node);
      for (const c of children) if (isNode(c) && !sizes.has(c) && !open.has(c)) stack.push(c);
      continue;
    }
    stack.pop();
    let size = 1;
    distinct++;
    for (const c of children) {
      if (!isNode(c)) distinct++;
      size += isNode(c) ? (sizes.get(c) ?? 1) : 1;
    }
    sizes.set(node, size);
  }
  return Math.max(0, (sizes.get(value) ?? 0) - distinct);
}

function isNode(v: unknown): v is object {
  return v !== null && typeof v === "object";
}
