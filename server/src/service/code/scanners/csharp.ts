// C#: `//` and `/* */` comments, preprocessor lines (`#region ...`), "strings", @"verbatim" strings
// (`""` is a quote), $"interpolated {expressions}", """raw""" strings and 'chars'. No Featurevisor
// SDK for .NET exists yet: PascalCase (the .NET convention) and camelCase names are both read.

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, lineEnd, OP_QDOT, Tokens } from "../lexer";
import { jvmImports } from "./jvm";
import type { LanguageScanner } from "./scanner";

class CSharpLexer extends BaseLexer {
  protected readonly specialStarts = charTable("/#'\"$@");

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEnd(text, i);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", false);
      return -1;
    }
    if (c === C.hash) {
      // A preprocessor directive when it starts its line.
      const lineStart = text.lastIndexOf("\n", i - 1) + 1;
      return text.slice(lineStart, i).trim() === "" ? lineEnd(text, i) : -1;
    }
    if (c === C.squote) return this.string(i, i + 1, to, "'", { escapes: true, multiline: false });
    // Prefixes: $, @, $@, @$ (any number of $ for raw interpolated strings).
    let j = i;
    let interpolated = false;
    let verbatim = false;
    while (j < i + 4) {
      const p = text.charCodeAt(j);
      if (p === C.dollar) interpolated = true;
      else if (p === C.at) verbatim = true;
      else break;
      j++;
    }
    if (text.charCodeAt(j) !== C.dquote) return -1;
    const interpolation = interpolated ? (k: number) => (text.charCodeAt(k) === C.lbrace ? 1 : 0) : undefined;
    if (text.startsWith('"""', j)) {
      let n = 3;
      while (text.charCodeAt(j + n) === C.dquote) n++;
      const delim = '"'.repeat(n);
      return this.string(i, j + n, to, delim, { escapes: false, multiline: true, interpolation, doubledBraces: interpolated });
    }
    return this.string(i, j + 1, to, '"', {
      escapes: !verbatim,
      multiline: verbatim,
      doubledQuote: verbatim,
      doubledBraces: interpolated,
      interpolation,
    });
  }
}

const RULES: LanguageRules = {
  language: "csharp",
  styles: ["pascal", "camel"],
  hooks: false,
  memberOps: [C.dot, OP_QDOT],
  assignOps: [C.eq],
  exprKeywords: new Set(["return", "await", "case", "else", "do", "throw", "new", "yield", "in", "is", "when"]),
  selfWords: new Set(["this", "base"]),
  switchStyle: "c",
  imports: jvmImports,
};

/** C# files. */
export const csharpScanner: LanguageScanner = {
  language: "csharp",
  extensions: [".cs"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new CSharpLexer(t).code(0, text.length);
    return { tokens: t, language: "csharp" };
  },
};
