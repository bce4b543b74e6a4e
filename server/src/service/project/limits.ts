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
      const scan = scanLine(text, i, lineEnd, flow);
      flow = scan.flow;
      if (indents.length + scan.maxFlow > limit) return i;
      if (scan.blockScalar) blockScalarIndent = indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/**
 * The flow depth after one line, the deepest it reached, and whether the line starts a block
 * scalar. Outside flow collections, a bracket opens one only where a value starts, so `[` inside
 * a plain scalar (`description: see [docs]`) does not count.
 */
function scanLine(text: string, from: number, to: number, flowIn: number): { flow: number; maxFlow: number; blockScalar: boolean } {
  let flow = flowIn;
  let maxFlow = flow;
  let quote = "";
  let valueStart = true;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === "#" && (i === from || text[i - 1] === " " || text[i - 1] === "\t")) break;
    if (ch === "'" || ch === '"') {
      if (valueStart || flow > 0) quote = ch;
    } else if ((ch === "[" || ch === "{") && (flow > 0 || valueStart)) {
      flow++;
      if (flow > maxFlow) maxFlow = flow;
    } else if ((ch === "]" || ch === "}") && flow > 0) {
      flow--;
    }
    if (ch !== " " && ch !== "\t") {
      valueStart = flow > 0 ? ch === "[" || ch === "{" || ch === "," || ch === ":" : ch === ":" && text[i + 1] !== ":";
    }
  }
  return { flow, maxFlow, blockScalar: flow === 0 && BLOCK_SCALAR_HEADER.test(tail(text, from, to)) };
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
