// The pieces of lexing that languages share: identifiers, numbers, comments, quoted strings,
// operators, and the lexer loop of languages without JavaScript's modes.

import {
  C,
  CC_DIGIT,
  CC_IDENT,
  CC_SPACE,
  CHAR_CLASS,
  charClass,
  isDigit,
  isIdentPart,
  K_DYNSTR,
  K_IDENT,
  K_NUMBER,
  K_PUNCT,
  K_STRING,
  OP_AMPDOT,
  OP_ARROW,
  OP_ASSIGN_OTHER,
  OP_COLONEQ,
  OP_DCOLON,
  OP_EQ2,
  OP_EQ3,
  OP_FATARROW,
  OP_NE,
  OP_NE2,
  OP_OTHER,
  OP_QDOT,
  type Tokens,
} from "./tokens";

export * from "./tokens";

/** The end of the identifier starting at `i`. */
export function identEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 ? CHAR_CLASS[c] < CC_IDENT : c === 0xa0 || c === 0xfeff) break;
    i++;
  }
  return i;
}

/** The end of a number literal starting at `i` (digits, letters, `_`, `.` followed by a digit). */
export function numberEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isIdentPart(c)) i++;
    else if (c === C.dot && isDigit(text.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

/** The end of a line comment starting at `i` (the line break is not included). */
export function lineEnd(text: string, i: number): number {
  const lf = text.indexOf("\n", i);
  const end = lf < 0 ? text.length : lf;
  const cr = text.indexOf("\r", i);
  return cr >= 0 && cr < end ? cr : end;
}

/** The end of a block comment opened at `i` with `open`, closed by `close`; nested comments count when `nested`. */
export function blockCommentEnd(text: string, i: number, open: string, close: string, nested: boolean): number {
  let depth = 1;
  let j = i + open.length;
  for (;;) {
    const c = text.indexOf(close, j);
    if (c < 0) return text.length;
    if (nested) {
      const o = text.indexOf(open, j);
      if (o >= 0 && o < c) {
        depth++;
        j = o + open.length;
        continue;
      }
    }
    depth--;
    j = c + close.length;
    if (depth === 0) return j;
  }
}

/** The end of a quoted string starting at `i` (the opening quote) with backslash escapes; single-line unless `multiline`. */
export function quotedEnd(text: string, i: number, quote: number, escapes: boolean, multiline: boolean): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === C.backslash && escapes) j += 2;
    else if ((c === C.lf || c === C.cr) && !multiline) return j;
    else j++;
  }
  return n;
}

/** Lexes the operator at `i`: returns `code * 4 + length`. */
export function lexOp(text: string, i: number): number {
  const c = text.charCodeAt(i);
  // Brackets and separators stand alone; they are most of the punctuation.
  if (
    c === C.lparen ||
    c === C.rparen ||
    c === C.comma ||
    c === C.semi ||
    c === C.lbracket ||
    c === C.rbracket ||
    c === C.lbrace ||
    c === C.rbrace
  ) {
    return c * 4 + 1;
  }
  const d = text.charCodeAt(i + 1);
  const e = text.charCodeAt(i + 2);
  switch (c) {
    case C.eq:
      if (d === C.eq) return e === C.eq ? OP_EQ3 * 4 + 3 : OP_EQ2 * 4 + 2;
      if (d === C.gt) return OP_FATARROW * 4 + 2;
      if (d === 126) return OP_OTHER * 4 + 2; // =~
      return C.eq * 4 + 1;
    case C.bang:
      if (d === C.eq) return e === C.eq ? OP_NE2 * 4 + 3 : OP_NE * 4 + 2;
      return C.bang * 4 + 1;
    case C.colon:
      if (d === C.colon) return OP_DCOLON * 4 + 2;
      if (d === C.eq) return OP_COLONEQ * 4 + 2;
      return C.colon * 4 + 1;
    case C.minus:
      if (d === C.gt) return OP_ARROW * 4 + 2;
      if (d === C.eq) return OP_ASSIGN_OTHER * 4 + 2;
      if (d === C.minus) return OP_OTHER * 4 + 2;
      return C.minus * 4 + 1;
    case C.question:
      if (d === C.dot && !isDigit(e)) return OP_QDOT * 4 + 2;
      if (d === C.question) return e === C.eq ? OP_ASSIGN_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      return C.question * 4 + 1;
    case C.amp:
      if (d === C.dot) return OP_AMPDOT * 4 + 2;
      if (d === C.amp) return e === C.eq ? OP_ASSIGN_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      if (d === C.eq) return OP_ASSIGN_OTHER * 4 + 2;
      return C.amp * 4 + 1;
    case C.pipe:
      if (d === C.pipe) return e === C.eq ? OP_ASSIGN_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      if (d === C.eq) return OP_ASSIGN_OTHER * 4 + 2;
      return C.pipe * 4 + 1;
    case C.lt:
      if (d === C.eq) return e === C.gt ? OP_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      if (d === C.lt) return e === C.eq ? OP_ASSIGN_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      return C.lt * 4 + 1;
    case C.gt:
      return d === C.eq ? OP_OTHER * 4 + 2 : C.gt * 4 + 1;
    case C.plus:
    case C.star:
    case C.percent:
    case 94: // ^
    case C.slash:
      if (d === C.eq) return OP_ASSIGN_OTHER * 4 + 2;
      if ((c === C.plus || c === C.star) && d === c) return OP_OTHER * 4 + 2;
      return c * 4 + 1;
    case C.dot:
      if (d === C.dot) return e === C.dot ? OP_OTHER * 4 + 3 : OP_OTHER * 4 + 2;
      return C.dot * 4 + 1;
    default:
      return c * 4 + 1;
  }
}

/** Decodes the common backslash escapes of a string's text; keys rarely have any. */
export function unescape(raw: string): string {
  if (raw.indexOf("\\") < 0) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "0":
        return "\0";
      case "u":
        return String.fromCodePoint(parseInt(e[1] === "{" ? e.slice(2, -1) : e.slice(1), 16));
      case "x":
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/**
 * The lexer loop of languages without JavaScript's modes: whitespace, identifiers, numbers and
 * operators here; comments and strings (which may contain interpolated code) in `special`.
 */
export abstract class BaseLexer {
  private depth = 0;

  constructor(readonly t: Tokens) {}

  /** The ASCII characters at which `special` may find something; it is not called elsewhere. */
  protected abstract readonly specialStarts: Uint8Array;

  /** Handles a comment or string at `i`; returns the index after it, or -1 when there is none. */
  protected abstract special(i: number, c: number, to: number): number;

  /** The end of an identifier that lexes to `end` (Ruby's `enabled?` extends it). */
  protected identSuffix(_start: number, end: number): number {
    return end;
  }

  /** Lexes code from `i`; with `until` (`}` or `)`), returns after the bracket that closes the enclosing one. */
  code(i: number, to: number, until = 0): number {
    const t = this.t;
    const text = t.text;
    const opener = until === C.rbrace ? C.lbrace : until === C.rparen ? C.lparen : -1;
    let nest = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === C.space) {
        i++;
        while (text.charCodeAt(i) === C.space) i++;
        continue;
      }
      const cls = c < 128 ? CHAR_CLASS[c] : charClass(c);
      if (cls === CC_SPACE) {
        i++;
        continue;
      }
      if (c < 128 && this.specialStarts[c] === 1) {
        const s = this.special(i, c, to);
        if (s >= 0) {
          i = s;
          continue;
        }
      }
      if (cls === CC_IDENT) {
        const e = this.identSuffix(i, identEnd(text, i + 1));
        t.push(K_IDENT, i, e);
        i = e;
      } else if (cls === CC_DIGIT) {
        const e = numberEnd(text, i);
        t.push(K_NUMBER, i, e);
        i = e;
      } else {
        const r = lexOp(text, i);
        const len = r & 3;
        const op = r >> 2;
        t.push(K_PUNCT, i, i + len, op);
        i += len;
        if (op === opener) nest++;
        else if (op === until && until !== 0) {
          if (nest === 0) return i;
          nest--;
        }
      }
    }
    return i;
  }

  /** Lexes code interpolated in a string, from `i` to the bracket `until` that closes it. */
  protected interpolation(i: number, to: number, until: number): number {
    if (this.depth > 64) return to;
    this.depth++;
    try {
      return this.code(i, to, until);
    } finally {
      this.depth--;
    }
  }

  /**
   * Reads a string from its body at `body` to its closing delimiter `close`, lexing the code of
   * interpolations: a plain string token when it has none, else a dynamic string followed by the
   * interpolated tokens. Returns the index after the string.
   */
  protected string(start: number, body: number, to: number, close: string, o: StringOptions): number {
    const t = this.t;
    const text = t.text;
    const closeC = close.charCodeAt(0);
    let j = body;
    let dynamic = false;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === closeC && (close.length === 1 || text.startsWith(close, j))) {
        if (o.doubledQuote && close.length === 1 && text.charCodeAt(j + 1) === closeC) {
          j += 2;
          continue;
        }
        if (!dynamic) t.push(K_STRING, start, j + close.length, 0, body, j);
        return j + close.length;
      }
      if (o.doubledBraces && (c === C.lbrace || c === C.rbrace) && text.charCodeAt(j + 1) === c) {
        j += 2;
        continue;
      }
      if (o.interpolation) {
        const len = o.interpolation(j);
        if (len !== 0) {
          if (!dynamic) t.push(K_DYNSTR, start, j);
          dynamic = true;
          if (len > 0) {
            // An opening bracket balances the closing one that ends the interpolation.
            t.push(K_PUNCT, j, j + len, o.until === C.rparen ? C.lparen : C.lbrace);
            j = this.interpolation(j + len, to, o.until ?? C.rbrace);
          } else j++;
          continue;
        }
      }
      if (c === C.backslash && o.escapes) j += 2;
      else if ((c === C.lf || c === C.cr) && !o.multiline) break;
      else j++;
    }
    if (!dynamic) t.push(K_STRING, start, j, 0, body, j);
    return Math.min(j, to);
  }
}

/** A table of the characters in `chars`, for `specialStarts`. */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** How a string literal is written. */
export interface StringOptions {
  /** Backslash escapes (so `\"` does not close the string). */
  escapes: boolean;
  multiline: boolean;
  /** C# verbatim strings: `""` is a quote. */
  doubledQuote?: boolean;
  /** `{{` and `}}` are literal braces (Python f-strings, C# interpolated strings). */
  doubledBraces?: boolean;
  /** The length of an interpolation opener at `j` (code follows), -1 for a bare `$name`, 0 for none. */
  interpolation?: (j: number) => number;
  /** The bracket that closes an interpolation: `}` (default) or `)` (Swift). */
  until?: number;
}
