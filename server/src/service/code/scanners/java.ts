// Java: `//` and `/* */` comments, "strings", 'chars' and """text blocks""". The SDK's methods are
// camelCase; `"treatment".equals(v)` and switch cases count as comparisons.

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, lineEnd, Tokens } from "../lexer";
import { jvmImports } from "./jvm";
import type { LanguageScanner } from "./scanner";

class JavaLexer extends BaseLexer {
  protected readonly specialStarts = charTable("/\"'");

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEnd(text, i);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", false);
      return -1;
    }
    if (c === C.dquote) {
      if (text.startsWith('"""', i)) return this.string(i, i + 3, to, '"""', { escapes: true, multiline: true });
      return this.string(i, i + 1, to, '"', { escapes: true, multiline: false });
    }
    if (c === C.squote) return this.string(i, i + 1, to, "'", { escapes: true, multiline: false });
    return -1;
  }
}

const RULES: LanguageRules = {
  language: "java",
  styles: ["camel"],
  hooks: false,
  memberOps: [C.dot],
  assignOps: [C.eq],
  exprKeywords: new Set(["return", "case", "else", "do", "throw", "new", "yield", "assert"]),
  selfWords: new Set(["this", "super"]),
  switchStyle: "c",
  imports: jvmImports,
};

/** Java files. */
export const javaScanner: LanguageScanner = {
  language: "java",
  extensions: [".java"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new JavaLexer(t).code(0, text.length);
    return { tokens: t, language: "java" };
  },
};
