// A careful reader of the Go the rewrite touches: tokens with the automatic semicolons of the
// language, statements split inside braces, and `if`/`else if`/`else` chains with their blocks.
// Every brace group inside a statement (function literal, composite literal) is read as a
// block of its own, so usages in it are found; anything not understood stays opaque.

/** A Go token; automatic semicolons are `;` tokens of zero width. */
export interface GoTok {
  k: "name" | "num" | "str" | "op";
  s: number;
  e: number;
  text: string;
  /** A string literal's value (raw, or interpreted without escapes). */
  value?: string;
}

/** Statements between braces (or of the whole file, `open` -1). */
export interface GoBlock {
  open: number;
  close: number;
  stmts: GoStmt[];
}

/** A statement: tokens `[first, last]`, after any `case x:`, `default:` or label prefix. */
export interface GoStmt {
  first: number;
  last: number;
  /** A case clause or a label leads to it: control can arrive here from elsewhere. */
  entry?: boolean;
  ifStmt?: GoIf;
  /** Brace groups inside the statement (outside an `if` chain's own blocks). */
  blocks: GoBlock[];
}

/** `if [init;] cond { } [else if ... | else { }]`. */
export interface GoIf {
  ifTok: number;
  /** The init statement `[from, to)`, if any. */
  init?: [number, number];
  cond: [number, number];
  body: GoBlock;
  elseIf?: GoIf;
  elseBody?: GoBlock;
  /** The chain's last token (a closing brace). */
  last: number;
}

const OPS = [
  "<<=",
  ">>=",
  "&^=",
  "...",
  "&&",
  "||",
  "<-",
  "++",
  "--",
  "==",
  "!=",
  "<=",
  ">=",
  ":=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
  "&^",
];
const SEMI_AFTER_WORDS = new Set(["break", "continue", "fallthrough", "return"]);

function needsSemicolon(t: GoTok | undefined): boolean {
  if (!t) return false;
  if (t.k === "name")
    return (
      !/^(if|else|for|switch|select|case|default|func|go|defer|var|const|type|import|package|struct|interface|map|chan|goto|range)$/.test(
        t.text,
      ) || SEMI_AFTER_WORDS.has(t.text)
    );
  if (t.k === "num" || t.k === "str") return true;
  return [")", "]", "}", "++", "--"].includes(t.text);
}

/** The tokens of a Go file. */
export function lexGo(text: string): GoTok[] {
  const toks: GoTok[] = [];
  const semi = (at: number): void => {
    if (needsSemicolon(toks[toks.length - 1]) && toks[toks.length - 1].text !== ";") toks.push({ k: "op", s: at, e: at, text: ";" });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      semi(i);
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (text.startsWith("/*", i)) {
      const e = text.indexOf("*/", i + 2);
      const end = e < 0 ? text.length : e + 2;
      if (text.slice(i, end).includes("\n")) semi(i);
      i = end;
    } else if (c === '"' || c === "'") {
      let e = i + 1;
      while (e < text.length && text[e] !== c && text[e] !== "\n") e += text[e] === "\\" ? 2 : 1;
      e = Math.min(e + 1, text.length);
      const body = text.slice(i + 1, e - 1);
      toks.push({ k: "str", s: i, e, text: text.slice(i, e), value: c === '"' && !body.includes("\\") ? body : undefined });
      i = e;
    } else if (c === "`") {
      const close = text.indexOf("`", i + 1);
      const e = close < 0 ? text.length : close + 1;
      toks.push({ k: "str", s: i, e, text: text.slice(i, e), value: text.slice(i + 1, e - 1) });
      i = e;
    } else if (/[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127) {
      let e = i + 1;
      while (e < text.length && (/[A-Za-z0-9_]/.test(text[e]) || text.charCodeAt(e) > 127)) e++;
      toks.push({ k: "name", s: i, e, text: text.slice(i, e) });
      i = e;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      let e = i + 1;
      while (e < text.length && (/[0-9A-Za-z_.]/.test(text[e]) || (/[+-]/.test(text[e]) && /[eEpP]/.test(text[e - 1])))) e++;
      toks.push({ k: "num", s: i, e, text: text.slice(i, e) });
      i = e;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
      toks.push({ k: "op", s: i, e: i + op.length, text: op });
      i += op.length;
    }
  }
  semi(text.length);
  return toks;
}

function isOp(t: GoTok | undefined, text: string): boolean {
  return t !== undefined && t.k === "op" && t.text === text;
}

/** The index of the bracket matching the opener at `i`. */
export function closing(toks: GoTok[], i: number): number {
  const close = { "(": ")", "[": "]", "{": "}" }[toks[i].text]!;
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    if (toks[j].k !== "op") continue;
    if (toks[j].text === toks[i].text) depth++;
    else if (toks[j].text === close && --depth === 0) return j;
  }
  return toks.length - 1;
}

/** The `{` opening a statement's body: the first at bracket depth 0, past function literals. */
export function bodyBrace(toks: GoTok[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (t.k === "op" && (t.text === "(" || t.text === "[")) i = closing(toks, i);
    else if (t.k === "name" && t.text === "func" && isOp(toks[i + 1], "(")) {
      // A function literal: its signature, then its body.
      let j = closing(toks, i + 1) + 1;
      while (j < to && !isOp(toks[j], "{")) j = isOp(toks[j], "(") ? closing(toks, j) + 1 : j + 1;
      i = j < to ? closing(toks, j) : j;
    } else if (isOp(t, "{")) return i;
  }
  return -1;
}

function isPrefix(toks: GoTok[], i: number): boolean {
  const t = toks[i];
  if (t.k !== "name") return false;
  return t.text === "case" || t.text === "default" || isOp(toks[i + 1], ":");
}

/** Parses the statements between `from` and `to` (exclusive) into a block. */
export function parseBlock(toks: GoTok[], open: number, from: number, to: number): GoBlock {
  const stmts: GoStmt[] = [];
  let i = from;
  while (i < to) {
    if (isOp(toks[i], ";")) {
      i++;
      continue;
    }
    let first = i;
    let entry = false;
    // `case x:`, `default:` and labels come before the statement they lead to (several may).
    while (first < to && isPrefix(toks, first)) {
      let j = first;
      let depth = 0;
      for (; j < to; j++) {
        if (toks[j].k === "op" && "([{".includes(toks[j].text)) depth++;
        else if (toks[j].k === "op" && ")]}".includes(toks[j].text)) depth--;
        else if (depth === 0 && isOp(toks[j], ":")) break;
      }
      first = j + 1;
      entry = true;
      while (first < to && isOp(toks[first], ";")) first++;
    }
    if (first >= to) break;
    const stmt = parseStatement(toks, first, to);
    if (entry) stmt.entry = true;
    stmts.push(stmt);
    i = stmt.last + 1;
  }
  return { open, close: to, stmts };
}

function parseStatement(toks: GoTok[], first: number, to: number): GoStmt {
  const t = toks[first];
  if (t.k === "name" && t.text === "if") {
    const ifStmt = parseIf(toks, first, to);
    if (ifStmt) return { first, last: ifStmt.last, ifStmt, blocks: [] };
  }
  let end = first;
  const blocks: GoBlock[] = [];
  if (t.k === "name" && /^(for|switch|select)$/.test(t.text)) {
    // Header semicolons belong to the statement, which ends with its body.
    const brace = bodyBrace(toks, first + 1, to);
    if (brace >= 0) {
      collectBlocks(toks, first + 1, brace, blocks);
      const close = closing(toks, brace);
      blocks.push(parseBlock(toks, brace, brace + 1, close));
      return { first, last: close, blocks };
    }
  }
  let depth = 0;
  for (end = first; end < to; end++) {
    const x = toks[end];
    if (x.k === "op" && "([{".includes(x.text)) depth++;
    else if (x.k === "op" && ")]}".includes(x.text)) depth--;
    else if (depth === 0 && x.text === ";" && x.k === "op") break;
  }
  collectBlocks(toks, first, end, blocks);
  return { first, last: Math.max(first, end - 1), blocks };
}

/** Every outermost brace group in `[from, to)`, as a block. */
function collectBlocks(toks: GoTok[], from: number, to: number, out: GoBlock[]): void {
  for (let i = from; i < to; i++) {
    if (isOp(toks[i], "{")) {
      const close = closing(toks, i);
      out.push(parseBlock(toks, i, i + 1, close));
      i = close;
    }
  }
}

function parseIf(toks: GoTok[], ifTok: number, to: number): GoIf | undefined {
  const brace = bodyBrace(toks, ifTok + 1, to);
  if (brace < 0) return undefined;
  let init: [number, number] | undefined;
  let condFrom = ifTok + 1;
  let depth = 0;
  for (let i = ifTok + 1; i < brace; i++) {
    const x = toks[i];
    if (x.k === "op" && "([{".includes(x.text)) depth++;
    else if (x.k === "op" && ")]}".includes(x.text)) depth--;
    else if (depth === 0 && isOp(x, ";")) {
      init = [ifTok + 1, i];
      condFrom = i + 1;
    }
  }
  const close = closing(toks, brace);
  const result: GoIf = { ifTok, init, cond: [condFrom, brace], body: parseBlock(toks, brace, brace + 1, close), last: close };
  const next = toks[close + 1];
  if (next?.k === "name" && next.text === "else") {
    const after = toks[close + 2];
    if (after?.k === "name" && after.text === "if") {
      const elseIf = parseIf(toks, close + 2, to);
      if (elseIf) {
        result.elseIf = elseIf;
        result.last = elseIf.last;
      }
    } else if (isOp(after, "{")) {
      const c2 = closing(toks, close + 2);
      result.elseBody = parseBlock(toks, close + 2, close + 3, c2);
      result.last = c2;
    }
  }
  return result;
}
