// Go: `//` and `/* */` comments, interpreted "strings", raw `strings` and 'runes'. The SDK's
// methods are PascalCase (`IsEnabled`, `GetVariableBoolean`, `GetVariableObjectInto`); a
// declaration's type follows its name (`const Checkout string = "checkout"`).

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, blockCommentEnd, C, K_IDENT, K_STRING, lineEnd, OP_COLONEQ, quotedEnd, Tokens } from "../lexer";
import type { LanguageScanner } from "./scanner";

class GoLexer extends BaseLexer {
  protected readonly specialStarts = charTable("/\"'`");

  protected special(i: number, c: number): number {
    const text = this.t.text;
    if (c === C.slash) {
      const d = text.charCodeAt(i + 1);
      if (d === C.slash) return lineEnd(text, i);
      if (d === C.star) return blockCommentEnd(text, i, "/*", "*/", false);
      return -1;
    }
    if (c === C.dquote || c === C.squote) {
      const e = quotedEnd(text, i, c, true, false);
      this.t.push(K_STRING, i, e, 0, i + 1, e > i + 1 && text.charCodeAt(e - 1) === c ? e - 1 : e);
      return e;
    }
    if (c === C.backtick) {
      const e = text.indexOf("`", i + 1);
      const end = e < 0 ? text.length : e + 1;
      this.t.push(K_STRING, i, end, 0, i + 1, e < 0 ? end : e);
      return end;
    }
    return -1;
  }
}

/** `import "a/b/flags"` and `import f "a/b/flags"`: package names (the last path segment, or the alias) with their path. */
function goImports(t: Tokens): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < t.n; k++) {
    if (!t.isWord(k, "import")) continue;
    let j = k + 1;
    const grouped = t.isOp(j, C.lparen);
    const end = grouped ? t.closing(j) : j + 2;
    for (j = grouped ? j + 1 : j; j < end && j < t.n; j++) {
      if (t.kind[j] !== K_STRING) continue;
      const path = t.text.slice(t.vstart[j], t.vend[j]);
      const alias = j > 0 && !t.nlBefore(j) && t.kind[j - 1] === K_IDENT && !t.isWord(j - 1, "import") ? t.text_(j - 1) : undefined;
      out.set(alias ?? path.slice(path.lastIndexOf("/") + 1), path);
    }
  }
  return out;
}

const RULES: LanguageRules = {
  language: "go",
  styles: ["pascal"],
  hooks: false,
  memberOps: [C.dot],
  assignOps: [C.eq, OP_COLONEQ],
  typeAfterName: true,
  exprKeywords: new Set(["return", "go", "defer", "case", "if", "else", "range", "switch", "for"]),
  selfWords: new Set(),
  switchStyle: "c",
  imports: goImports,
};

/** Go files. */
export const goScanner: LanguageScanner = {
  language: "go",
  extensions: [".go"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new GoLexer(t).code(0, text.length);
    return { tokens: t, language: "go" };
  },
};
