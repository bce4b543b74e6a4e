// A careful reader of the Python the rewrite touches: tokens (strings of every prefix, triple
// quotes, comments, continuations), logical lines, statements grouped into suites by
// indentation, and `if`/`elif`/`else` chains. Anything it does not understand stays opaque.

/** A Python token. */
export interface PyTok {
  k: "name" | "num" | "str" | "op";
  s: number;
  e: number;
  /** The text; for plain string literals, the value (undefined for f-strings, bytes and escapes). */
  text: string;
  value?: string;
}

/** A logical line: tokens `[first, last]` (inclusive), the indentation of its first physical line. */
export interface PyLine {
  first: number;
  last: number;
  indent: string;
  /** Offset of the physical line's start. */
  lineStart: number;
}

/** A statement: a simple one (one logical line), or a compound one with its clauses. */
export interface PyStmt {
  line: PyLine;
  clauses: PyClause[];
  /** Offset after the statement's last token (its last clause's body included). */
  end: number;
}

/** `if x:` with its body: a suite below it, or simple statements on the same line. */
export interface PyClause {
  line: PyLine;
  keyword: string;
  /** Token index of the header's colon. */
  colon: number;
  suite?: PySuite;
  /** Inline body: offsets of the statements after the colon. */
  inline?: { s: number; e: number };
}

/** Statements at one indentation. */
export interface PySuite {
  stmts: PyStmt[];
  indent: string;
}

const OPS3 = ["**=", "//=", ">>=", "<<=", "...", "!="];
const OPS2 = ["->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="];

function isNameChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) > 127;
}

/** The offset after a string literal starting with its quote at `q`. */
function stringEnd(text: string, q: number): number {
  const quote = text[q];
  const triple = text.startsWith(quote.repeat(3), q);
  let i = q + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (triple ? text.startsWith(quote.repeat(3), i) : c === quote) return i + (triple ? 3 : 1);
    else if (!triple && (c === "\n" || c === "\r")) return i;
    else i++;
  }
  return text.length;
}

/** Tokens and logical lines of a Python file. */
export function lexPython(text: string): { toks: PyTok[]; lines: PyLine[] } {
  const toks: PyTok[] = [];
  const lines: PyLine[] = [];
  let depth = 0;
  let lineFirst = -1;
  const endLine = (): void => {
    if (lineFirst >= 0 && toks.length > lineFirst) {
      let ls = toks[lineFirst].s;
      while (ls > 0 && text[ls - 1] !== "\n" && text[ls - 1] !== "\r") ls--;
      lines.push({
        first: lineFirst,
        last: toks.length - 1,
        indent: text.slice(ls, toks[lineFirst].s).replace(/[^ \t]/g, ""),
        lineStart: ls,
      });
    }
    lineFirst = -1;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n" || c === "\r") {
      if (depth === 0) endLine();
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      continue;
    }
    if (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r")) {
      i += text[i + 1] === "\r" && text[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    if (lineFirst < 0) lineFirst = toks.length;
    const prefix = /^([rRbBuUfF]{1,2})?(['"])/.exec(text.slice(i, i + 3));
    if (prefix && (prefix[1] === undefined || /^(r|u|b|f|br|rb|fr|rf)$/i.test(prefix[1]))) {
      const q = i + (prefix[1]?.length ?? 0);
      const e = stringEnd(text, q);
      const triple = text.startsWith(text[q].repeat(3), q);
      const body = text.slice(q + (triple ? 3 : 1), e - (triple ? 3 : 1));
      const plain = !prefix[1] || /^[ur]$/i.test(prefix[1]);
      toks.push({ k: "str", s: i, e, text: text.slice(i, e), value: plain && !body.includes("\\") ? body : undefined });
      i = e;
      continue;
    }
    if (isNameChar(c) && !/[0-9]/.test(c)) {
      let e = i + 1;
      while (e < text.length && isNameChar(text[e])) e++;
      toks.push({ k: "name", s: i, e, text: text.slice(i, e) });
      i = e;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      let e = i + 1;
      while (
        e < text.length &&
        (/[0-9A-Za-z_.]/.test(text[e]) || (/[+-]/.test(text[e]) && /[eE]/.test(text[e - 1]) && !/^0[xX]/.test(text.slice(i, e))))
      )
        e++;
      toks.push({ k: "num", s: i, e, text: text.slice(i, e) });
      i = e;
      continue;
    }
    const op = OPS3.find((o) => text.startsWith(o, i)) ?? OPS2.find((o) => text.startsWith(o, i)) ?? c;
    if ("([{".includes(op)) depth++;
    else if (")]}".includes(op)) depth = Math.max(0, depth - 1);
    toks.push({ k: "op", s: i, e: i + op.length, text: op });
    i += op.length;
  }
  endLine();
  return { toks, lines };
}

const COMPOUND = new Set([
  "if",
  "elif",
  "else",
  "while",
  "for",
  "try",
  "except",
  "finally",
  "with",
  "def",
  "class",
  "async",
  "match",
  "case",
]);
const CONTINUES = new Set(["elif", "else", "except", "finally"]);

/** The header colon of a compound statement's line: the first `:` at bracket depth 0 (lambda and annotations aside). */
function headerColon(toks: PyTok[], line: PyLine): number {
  const kw = toks[line.first].text;
  if (!COMPOUND.has(kw) || toks[line.first].k !== "name") return -1;
  if ((kw === "match" || kw === "case") && toks[line.last].text !== ":") return -1;
  let depth = 0;
  let lambdas = 0;
  for (let i = line.first; i <= line.last; i++) {
    const t = toks[i].text;
    if (toks[i].k === "op" && "([{".includes(t)) depth++;
    else if (toks[i].k === "op" && ")]}".includes(t)) depth--;
    else if (depth === 0 && t === "lambda" && toks[i].k === "name") lambdas++;
    else if (depth === 0 && t === ":" && toks[i].k === "op") {
      if (lambdas > 0) lambdas--;
      else return i;
    }
  }
  return -1;
}

/** Groups logical lines into suites by indentation, and clauses into compound statements. */
export function parseSuites(toks: PyTok[], lines: PyLine[]): PySuite {
  let at = 0;
  const suite = (indent: string): PySuite => {
    const stmts: PyStmt[] = [];
    while (at < lines.length) {
      const line = lines[at];
      if (line.indent.length < indent.length) break;
      if (line.indent.length > indent.length && stmts.length > 0) {
        // Unexpected indentation: keep it with the statement before, as the language would reject it anyway.
        stmts[stmts.length - 1].end = toks[line.last].e;
        at++;
        continue;
      }
      const kw = toks[line.first].text;
      const prev = stmts[stmts.length - 1];
      const clause = readClause(line);
      if (clause && CONTINUES.has(kw) && prev && prev.clauses.length > 0) {
        prev.clauses.push(clause);
        prev.end = clauseEnd(clause);
        continue;
      }
      if (clause) stmts.push({ line, clauses: [clause], end: clauseEnd(clause) });
      else {
        stmts.push({ line, clauses: [], end: toks[line.last].e });
        at++;
      }
    }
    return { stmts, indent };
  };
  const readClause = (line: PyLine): PyClause | undefined => {
    const colon = headerColon(toks, line);
    if (colon < 0) return undefined;
    at++;
    const clause: PyClause = { line, keyword: toks[line.first].text, colon };
    if (colon < line.last) clause.inline = { s: toks[colon + 1].s, e: toks[line.last].e };
    else if (at < lines.length && lines[at].indent.length > line.indent.length) clause.suite = suite(lines[at].indent);
    return clause;
  };
  const clauseEnd = (c: PyClause): number => {
    if (c.suite && c.suite.stmts.length > 0) return c.suite.stmts[c.suite.stmts.length - 1].end;
    return toks[c.line.last].e;
  };
  return suite("");
}
