// The token stream every scanner produces: kinds, operator codes and character classes.
// Tokens live in typed arrays: candidate files are lexed whole, and objects per token would
// cost more than the lexing itself.

/** An identifier or keyword (with its sigil in PHP and Ruby: `$f`, `@f`). */
export const K_IDENT = 1;
/** A string literal without interpolation: its value is known. */
export const K_STRING = 2;
/** The start of a string with interpolation (template literal, f-string): its value is not known. */
export const K_DYNSTR = 3;
export const K_NUMBER = 4;
/** Punctuation and operators; `op` holds the character code or one of the OP_ codes. */
export const K_PUNCT = 5;
/** A regular expression literal. */
export const K_REGEX = 6;

export const OP_EQ2 = 256; // ==
export const OP_EQ3 = 257; // ===
export const OP_NE = 258; // !=
export const OP_NE2 = 259; // !==
export const OP_COLONEQ = 260; // :=
export const OP_FATARROW = 261; // =>
export const OP_ARROW = 262; // ->
export const OP_DCOLON = 263; // ::
export const OP_QDOT = 264; // ?.
export const OP_AMPDOT = 265; // &. (Ruby)
export const OP_ASSIGN_OTHER = 266; // +=, ||=, ...
export const OP_OTHER = 267; // &&, <=, ++, ...

/** Character codes used by the lexers. */
export const C = {
  tab: 9,
  lf: 10,
  cr: 13,
  space: 32,
  bang: 33,
  dquote: 34,
  hash: 35,
  dollar: 36,
  percent: 37,
  amp: 38,
  squote: 39,
  lparen: 40,
  rparen: 41,
  star: 42,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  slash: 47,
  colon: 58,
  semi: 59,
  lt: 60,
  eq: 61,
  gt: 62,
  question: 63,
  at: 64,
  lbracket: 91,
  backslash: 92,
  rbracket: 93,
  backtick: 96,
  lbrace: 123,
  pipe: 124,
  rbrace: 125,
} as const;

/** The tokens of one file. */
export class Tokens {
  n = 0;
  kind: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Punctuation: the operator code. */
  op: Uint16Array;
  /** Strings: where the value's text starts and ends (inside the quotes). */
  vstart: Uint32Array;
  vend: Uint32Array;

  private static shared: Tokens | undefined;

  /**
   * Tokens for a text, reusing the arrays of the previous call: a scan lexes one file at a time
   * and keeps nothing of its tokens, and allocating fresh arrays per file costs as much as lexing.
   */
  static reuse(text: string): Tokens {
    const t = Tokens.shared;
    if (!t) return (Tokens.shared = new Tokens(text));
    (t as { text: string }).text = text;
    t.n = 0;
    return t;
  }

  constructor(
    readonly text: string,
    capacity = Math.max(256, text.length >> 3),
  ) {
    this.kind = new Uint8Array(capacity);
    this.start = new Uint32Array(capacity);
    this.end = new Uint32Array(capacity);
    this.op = new Uint16Array(capacity);
    this.vstart = new Uint32Array(capacity);
    this.vend = new Uint32Array(capacity);
  }

  private grow(): void {
    const cap = this.kind.length * 2;
    const g = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.start = g(this.start, (n) => new Uint32Array(n));
    this.end = g(this.end, (n) => new Uint32Array(n));
    this.op = g(this.op, (n) => new Uint16Array(n));
    this.vstart = g(this.vstart, (n) => new Uint32Array(n));
    this.vend = g(this.vend, (n) => new Uint32Array(n));
  }

  push(kind: number, start: number, end: number, op = 0, vstart = 0, vend = 0): void {
    if (this.n === this.kind.length) this.grow();
    const i = this.n++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.op[i] = op;
    this.vstart[i] = vstart;
    this.vend[i] = vend;
  }

  /** Whether a line break separates token `i` from the one before it (true for the first token). */
  nlBefore(i: number): boolean {
    if (i <= 0) return true;
    if (i >= this.n) return true;
    // Only the gap between the tokens is read: a search of the rest of the text (a file without `\r`) made this linear in the file.
    const text = this.text;
    for (let j = this.end[i - 1], to = this.start[i]; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === C.lf || c === C.cr) return true;
    }
    return false;
  }

  /** The source text of token `i`. */
  text_(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  /** Whether token `i` is punctuation with operator code `op`. */
  isOp(i: number, op: number): boolean {
    return i >= 0 && i < this.n && this.kind[i] === K_PUNCT && this.op[i] === op;
  }

  /** Whether token `i` is an identifier spelled `word`. */
  isWord(i: number, word: string): boolean {
    if (i < 0 || i >= this.n || this.kind[i] !== K_IDENT) return false;
    const s = this.start[i];
    if (this.end[i] - s !== word.length) return false;
    return this.text.startsWith(word, s);
  }

  /** The index of the token that starts at `offset`, or -1. */
  at(offset: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.start[mid];
      if (s === offset) return mid;
      if (s < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The index of the bracket that closes the one at `i` (`(`, `[`, `{`), or -1. */
  closing(i: number): number {
    const open = this.op[i];
    const close = open === C.lparen ? C.rparen : open === C.lbracket ? C.rbracket : C.rbrace;
    let depth = 0;
    for (let j = i; j < this.n; j++) {
      if (this.kind[j] !== K_PUNCT) continue;
      const o = this.op[j];
      if (o === open) depth++;
      else if (o === close && --depth === 0) return j;
    }
    return -1;
  }

  /** The index of the bracket that opens the one at `i` (`)`, `]`, `}`), or -1. */
  opening(i: number): number {
    const close = this.op[i];
    const open = close === C.rparen ? C.lparen : close === C.rbracket ? C.lbracket : C.lbrace;
    let depth = 0;
    for (let j = i; j >= 0; j--) {
      if (this.kind[j] !== K_PUNCT) continue;
      const o = this.op[j];
      if (o === close) depth++;
      else if (o === open && --depth === 0) return j;
    }
    return -1;
  }
}

/** Character classes of ASCII characters, for the lexers' dispatch. */
export const CC_OTHER = 0;
export const CC_SPACE = 1;
export const CC_IDENT = 2;
export const CC_DIGIT = 3;
export const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CHAR_CLASS[c] =
    c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12
      ? CC_SPACE
      : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36
        ? CC_IDENT
        : c >= 48 && c <= 57
          ? CC_DIGIT
          : CC_OTHER;
}

/** The class of a character: non-ASCII characters are identifier characters (U+00A0 and U+FEFF are spaces). */
export function charClass(c: number): number {
  return c < 128 ? CHAR_CLASS[c] : c === 0xa0 || c === 0xfeff ? CC_SPACE : CC_IDENT;
}

/** Whether a character can start an identifier (ASCII letters, `_`, `$`, and anything non-ASCII). */
export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

/** Whether a character can continue an identifier. */
export function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}

/** Whether a character is a decimal digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
