// PHP: code between `<?php` (or `<?=`) and `?>` only; `//`, `#` and `/* */` comments; '...' and
// "..." strings (with $variables and {$expressions}); heredocs and nowdocs. The SDK's methods are
// camelCase, called with `->`; named arguments (`featureKey: 'f'`) are understood.

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, isIdentStart, K_DYNSTR, OP_ARROW, OP_DCOLON, Tokens } from "../lexer";
import type { LanguageScanner } from "./scanner";

class PhpLexer extends BaseLexer {
  protected readonly specialStarts = charTable("/#'\"<");

  /** Lexes the whole file: HTML outside the PHP tags is skipped. */
  lexFile(): void {
    const text = this.t.text;
    let i = 0;
    while (i < text.length) {
      const open = text.indexOf("<?", i);
      if (open < 0) return;
      let start = open + 2;
      if (text.startsWith("php", start)) start += 3;
      else if (text.charCodeAt(start) === C.eq) start += 1;
      const close = this.closeTag(start);
      this.code(start, close);
      i = close + 2;
    }
  }

  /** The `?>` that ends the PHP block starting at `from` (outside strings and comments, approximately: the first one). */
  private closeTag(from: number): number {
    const text = this.t.text;
    let j = from;
    for (;;) {
      const q = text.indexOf("?>", j);
      if (q < 0) return text.length;
      // Skip a ?> inside a quoted string on the same line.
      const lineStart = text.lastIndexOf("\n", q) + 1;
      const before = text.slice(lineStart, q);
      const quotes = (before.match(/(?<!\\)'/g)?.length ?? 0) + (before.match(/(?<!\\)"/g)?.length ?? 0);
      if (quotes % 2 === 0) return q;
      j = q + 2;
    }
  }

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEndPhp(text, i, to);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", false);
      return -1;
    }
    if (c === C.hash && text.charCodeAt(i + 1) !== C.lbracket) return lineEndPhp(text, i, to);
    if (c === C.squote) return this.string(i, i + 1, to, "'", { escapes: true, multiline: true });
    if (c === C.dquote) {
      return this.string(i, i + 1, to, '"', {
        escapes: true,
        multiline: true,
        interpolation: (j) => {
          const n = text.charCodeAt(j + 1);
          if (text.charCodeAt(j) === C.dollar) return n === C.lbrace ? 2 : isIdentStart(n) ? -1 : 0;
          return text.charCodeAt(j) === C.lbrace && n === C.dollar ? 1 : 0;
        },
      });
    }
    if (c === C.lt && text.startsWith("<<<", i)) {
      const m = /^<<<[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(text.slice(i, i + 80));
      if (!m) return -1;
      const end = new RegExp(`^[ \\t]*${m[2]}\\b`, "m");
      const body = i + m[0].length;
      const found = end.exec(text.slice(body));
      const e = found ? body + found.index + found[0].length : to;
      this.t.push(K_DYNSTR, i, e);
      return e;
    }
    return -1;
  }
}

/** A line comment ends at the line break or at `?>`. */
function lineEndPhp(text: string, i: number, to: number): number {
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === C.lf || c === C.cr) return j;
    if (c === C.question && text.charCodeAt(j + 1) === C.gt) return j;
    j++;
  }
  return to;
}

const RULES: LanguageRules = {
  language: "php",
  styles: ["camel"],
  hooks: false,
  memberOps: [OP_ARROW, OP_DCOLON],
  assignOps: [C.eq],
  exprKeywords: new Set(["return", "echo", "print", "case", "else", "yield", "throw", "new", "and", "or", "not", "fn"]),
  selfWords: new Set(["this", "self", "static", "parent"]),
  switchStyle: "c",
};

/** PHP files. */
export const phpScanner: LanguageScanner = {
  language: "php",
  extensions: [".php"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new PhpLexer(t).lexFile();
    return { tokens: t, language: "php" };
  },
};
