// The JavaScript-family lexer: code, template literals, regular expression literals and JSX,
// which call each other recursively, so a call inside `${...}` or a JSX attribute is code.

import {
  blockCommentEnd,
  C,
  CC_DIGIT,
  CC_IDENT,
  CC_SPACE,
  CHAR_CLASS,
  charClass,
  identEnd,
  isIdentPart,
  isIdentStart,
  K_DYNSTR,
  K_IDENT,
  K_NUMBER,
  K_PUNCT,
  K_REGEX,
  K_STRING,
  lexOp,
  lineEnd,
  numberEnd,
  quotedEnd,
  type Tokens,
} from "../lexer";

/** Words after which an operand starts: `/` there begins a regular expression and `<` a JSX element. */
const OPERATOR_WORDS = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
  "instanceof",
  "default",
]);

const MAX_DEPTH = 256;

/** The JavaScript-family lexer: code, template literals and JSX call each other recursively. */
class JsLexer {
  private depth = 0;

  constructor(
    private readonly t: Tokens,
    private readonly jsx: boolean,
  ) {}

  /** Lexes code from `i`; with `untilBrace`, stops after the `}` that closes an enclosing `${` or `{`. */
  code(i: number, to: number, untilBrace: boolean): number {
    const t = this.t;
    const text = t.text;
    let braces = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === C.space) {
        // Indentation: runs of spaces are the commonest characters of all.
        i++;
        while (text.charCodeAt(i) === C.space) i++;
        continue;
      }
      const cls = c < 128 ? CHAR_CLASS[c] : charClass(c);
      if (cls === CC_SPACE) {
        i++;
        continue;
      }
      if (cls === CC_IDENT) {
        const e = identEnd(text, i + 1);
        t.push(K_IDENT, i, e);
        i = e;
        continue;
      }
      if (cls === CC_DIGIT) {
        const e = numberEnd(text, i);
        t.push(K_NUMBER, i, e);
        i = e;
        continue;
      }
      switch (c) {
        case C.slash: {
          const d = text.charCodeAt(i + 1);
          if (d === C.slash) {
            i = lineEnd(text, i);
            continue;
          }
          if (d === C.star) {
            i = blockCommentEnd(text, i, "/*", "*/", false);
            continue;
          }
          if (this.regexAllowed()) {
            const e = regexEnd(text, i, to);
            if (e > 0) {
              t.push(K_REGEX, i, e);
              i = e;
              continue;
            }
          }
          break;
        }
        case C.dquote:
        case C.squote: {
          const e = quotedEnd(text, i, c, true, false);
          t.push(K_STRING, i, e, 0, i + 1, e > i + 1 && text.charCodeAt(e - 1) === c ? e - 1 : e);
          i = e;
          continue;
        }
        case C.backtick:
          i = this.template(i, to);
          continue;
        case C.lbrace:
          braces++;
          t.push(K_PUNCT, i, i + 1, C.lbrace);
          i++;
          continue;
        case C.rbrace:
          t.push(K_PUNCT, i, i + 1, C.rbrace);
          i++;
          if (untilBrace && braces === 0) return i;
          braces--;
          continue;
        case C.lt:
          if (this.jsx && this.jsxAllowed(i)) {
            const e = this.element(i, to);
            if (e >= 0) {
              i = e;
              continue;
            }
            t.push(K_PUNCT, i, i + 1, C.lt);
            i++;
            continue;
          }
          break;
        case C.hash:
          if (i === 0 && text.charCodeAt(1) === C.bang) {
            i = lineEnd(text, i); // #!/usr/bin/env node
            continue;
          }
          break;
      }
      const r = lexOp(text, i);
      const len = r & 3;
      t.push(K_PUNCT, i, i + len, r >> 2);
      i += len;
    }
    return i;
  }

  /** Whether the previous token ends an operand, so `/` divides and `<` compares. */
  private afterOperand(): boolean {
    const t = this.t;
    if (t.n === 0) return false;
    const k = t.n - 1;
    const kind = t.kind[k];
    if (kind === K_IDENT) {
      const len = t.end[k] - t.start[k];
      return !(len <= 10 && OPERATOR_WORDS.has(t.text_(k)));
    }
    if (kind !== K_PUNCT) return true;
    const op = t.op[k];
    return op === C.rparen || op === C.rbracket || op === C.rbrace || op === C.backtick;
  }

  private regexAllowed(): boolean {
    return !this.afterOperand();
  }

  private jsxAllowed(i: number): boolean {
    const next = this.t.text.charCodeAt(i + 1);
    return (isIdentStart(next) || next === C.gt) && !this.afterOperand();
  }

  /** A template literal: a plain string without `${`, else a dynamic string whose expressions are lexed as code. */
  private template(i: number, to: number): number {
    const t = this.t;
    const text = t.text;
    let j = i + 1;
    let dynamic = false;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === C.backslash) {
        j += 2;
      } else if (c === C.backtick) {
        if (dynamic) t.push(K_PUNCT, j, j + 1, C.backtick);
        else t.push(K_STRING, i, j + 1, 0, i + 1, j);
        return j + 1;
      } else if (c === C.dollar && text.charCodeAt(j + 1) === C.lbrace) {
        if (!dynamic) t.push(K_DYNSTR, i, j);
        dynamic = true;
        t.push(K_PUNCT, j, j + 2, C.lbrace);
        j = this.depth < MAX_DEPTH ? this.nested(() => this.code(j + 2, to, true)) : j + 2;
      } else j++;
    }
    if (!dynamic) t.push(K_DYNSTR, i, to);
    return to;
  }

  private nested(f: () => number): number {
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** A JSX element at `<`; returns the index after it, or -1 (nothing emitted) when it is not one. */
  private element(i: number, to: number): number {
    if (this.depth >= MAX_DEPTH) return -1;
    const t = this.t;
    const checkpoint = t.n;
    const r = this.nested(() => this.elementBody(i, to));
    if (r < 0) t.n = checkpoint;
    return r;
  }

  private elementBody(i: number, to: number): number {
    const t = this.t;
    const text = t.text;
    let j = skipSpace(text, i + 1, to);
    if (text.charCodeAt(j) === C.gt) return this.children(j + 1, to);
    const nameStart = j;
    while (
      j < to &&
      (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === C.dot || text.charCodeAt(j) === C.colon || text.charCodeAt(j) === C.minus)
    )
      j++;
    if (j === nameStart) return -1;
    t.push(K_IDENT, nameStart, j);
    for (;;) {
      j = skipSpace(text, j, to);
      if (j >= to) return -1;
      const c = text.charCodeAt(j);
      if (c === C.slash && text.charCodeAt(j + 1) === C.gt) return j + 2;
      if (c === C.gt) return this.children(j + 1, to);
      if (c === C.lbrace) {
        t.push(K_PUNCT, j, j + 1, C.lbrace);
        j = this.code(j + 1, to, true);
        continue;
      }
      if (!isIdentStart(c)) return -1;
      const attrStart = j;
      while (j < to && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === C.minus || text.charCodeAt(j) === C.colon)) j++;
      t.push(K_IDENT, attrStart, j);
      j = skipSpace(text, j, to);
      if (text.charCodeAt(j) !== C.eq) continue;
      t.push(K_PUNCT, j, j + 1, C.eq);
      j = skipSpace(text, j + 1, to);
      const v = text.charCodeAt(j);
      if (v === C.dquote || v === C.squote) {
        const e = text.indexOf(String.fromCharCode(v), j + 1);
        if (e < 0 || e >= to) return -1;
        t.push(K_STRING, j, e + 1, 0, j + 1, e);
        j = e + 1;
      } else if (v === C.lbrace) {
        t.push(K_PUNCT, j, j + 1, C.lbrace);
        j = this.code(j + 1, to, true);
      } else if (v === C.lt) {
        j = this.element(j, to);
        if (j < 0) return -1;
      } else return -1;
    }
  }

  /** JSX children: text, `{expressions}` and elements, up to the closing tag. */
  private children(j: number, to: number): number {
    const t = this.t;
    const text = t.text;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === C.lbrace) {
        t.push(K_PUNCT, j, j + 1, C.lbrace);
        j = this.code(j + 1, to, true);
      } else if (c === C.lt) {
        if (text.charCodeAt(j + 1) === C.slash) {
          const e = text.indexOf(">", j);
          return e < 0 || e >= to ? to : e + 1;
        }
        const e = this.element(j, to);
        j = e < 0 ? j + 1 : e;
      } else j++;
    }
    return to;
  }
}

function skipSpace(text: string, j: number, to: number): number {
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === C.space || c === C.lf || c === C.tab || c === C.cr) j++;
    else if (c === C.slash && text.charCodeAt(j + 1) === C.star) j = blockCommentEnd(text, j, "/*", "*/", false);
    else break;
  }
  return j;
}

/** The end of a regular expression literal at `i`, or -1 when the line ends first (then it was a division). */
function regexEnd(text: string, i: number, to: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === C.lf || c === C.cr) return -1;
    if (c === C.backslash) j += 2;
    else if (c === C.lbracket) {
      inClass = true;
      j++;
    } else if (c === C.rbracket) {
      inClass = false;
      j++;
    } else if (c === C.slash && !inClass) {
      return identEnd(text, j + 1);
    } else j++;
  }
  return -1;
}

/** Lexes JavaScript or TypeScript text (a whole file, or part of it). */
export function lexJs(t: Tokens, jsx: boolean, from = 0, to = t.text.length): void {
  new JsLexer(t, jsx).code(from, to, false);
}
