// Kotlin: nested `/* */` comments, "strings" with `$name` and `${expression}` templates,
// """raw strings""" and 'chars'. The SDK's methods are camelCase; named arguments
// (`featureKey = "f"`) and `when` branches (`"treatment" ->`) are understood.

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, isIdentStart, lineEnd, OP_QDOT, Tokens } from "../lexer";
import { jvmImports } from "./jvm";
import type { LanguageScanner } from "./scanner";

class KotlinLexer extends BaseLexer {
  protected readonly specialStarts = charTable("/\"'");

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEnd(text, i);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", true);
      return -1;
    }
    const interpolation = (j: number) => {
      if (text.charCodeAt(j) !== C.dollar) return 0;
      const n = text.charCodeAt(j + 1);
      return n === C.lbrace ? 2 : isIdentStart(n) ? -1 : 0;
    };
    if (c === C.dquote) {
      if (text.startsWith('"""', i)) return this.string(i, i + 3, to, '"""', { escapes: false, multiline: true, interpolation });
      return this.string(i, i + 1, to, '"', { escapes: true, multiline: false, interpolation });
    }
    if (c === C.squote) return this.string(i, i + 1, to, "'", { escapes: true, multiline: false });
    return -1;
  }
}

const RULES: LanguageRules = {
  language: "kotlin",
  styles: ["camel"],
  hooks: false,
  memberOps: [C.dot, OP_QDOT],
  assignOps: [C.eq],
  exprKeywords: new Set(["return", "else", "in", "is", "throw", "when", "if", "do", "try"]),
  selfWords: new Set(["this", "super"]),
  switchStyle: "kotlin",
  imports: jvmImports,
};

/** Kotlin files. */
export const kotlinScanner: LanguageScanner = {
  language: "kotlin",
  extensions: [".kt", ".kts"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new KotlinLexer(t).code(0, text.length);
    return { tokens: t, language: "kotlin" };
  },
};
