// Swift: nested `/* */` comments, "strings" with `\(expression)` interpolation, """multi-line""" and
// #"raw"# strings. The SDK's methods are camelCase and often labelled (`isEnabled(featureKey: "f")`).

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, lineEnd, OP_QDOT, Tokens } from "../lexer";
import type { LanguageScanner } from "./scanner";

class SwiftLexer extends BaseLexer {
  protected readonly specialStarts = charTable('/"#');

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEnd(text, i);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", true);
      return -1;
    }
    // Raw strings: #"..."#, ##"..."##; interpolation is \#( there.
    let hashes = 0;
    while (text.charCodeAt(i + hashes) === C.hash) hashes++;
    if (text.charCodeAt(i + hashes) !== C.dquote) return -1;
    const q = i + hashes;
    const triple = text.startsWith('"""', q);
    const delim = '"'.repeat(triple ? 3 : 1);
    const close = delim + "#".repeat(hashes);
    const opener = "\\" + "#".repeat(hashes) + "(";
    return this.string(i, q + delim.length, to, close, {
      escapes: hashes === 0,
      multiline: triple,
      interpolation: (j) => (text.startsWith(opener, j) ? opener.length : 0),
      until: C.rparen,
    });
  }
}

const RULES: LanguageRules = {
  language: "swift",
  styles: ["camel"],
  hooks: false,
  memberOps: [C.dot, OP_QDOT],
  assignOps: [C.eq],
  exprKeywords: new Set(["return", "try", "await", "if", "guard", "else", "in", "is", "case", "throw", "where", "while", "repeat"]),
  selfWords: new Set(["self", "Self", "super"]),
  switchStyle: "c",
};

/** Swift files. */
export const swiftScanner: LanguageScanner = {
  language: "swift",
  extensions: [".swift"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new SwiftLexer(t).code(0, text.length);
    return { tokens: t, language: "swift" };
  },
};
