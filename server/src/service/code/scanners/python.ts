// Python: `#` comments, string prefixes (r, b, u, f and their combinations), triple quotes, and
// f-strings whose `{expressions}` are code. The SDK's methods are snake_case (`is_enabled`,
// `get_variable_boolean`); keyword arguments (`feature_key="f"`) are understood.

import type { LanguageRules } from "../context";
import { BaseLexer, charTable, C, K_IDENT, lineEnd, Tokens } from "../lexer";
import type { LanguageScanner } from "./scanner";

class PythonLexer extends BaseLexer {
  protected readonly specialStarts = charTable("#\"'rRbBuUfFtT");

  protected special(i: number, c: number, to: number): number {
    const text = this.t.text;
    if (c === C.hash) return lineEnd(text, i);
    if (c === C.dquote || c === C.squote) return this.pyString(i, i, false, to);
    // A string prefix: up to two letters among r, b, u, f, t directly before the quote.
    if (isPrefixLetter(c)) {
      const d = text.charCodeAt(i + 1);
      if (d === C.dquote || d === C.squote) return this.pyString(i, i + 1, isF(c), to);
      if (isPrefixLetter(d)) {
        const e = text.charCodeAt(i + 2);
        if ((e === C.dquote || e === C.squote) && (i === 0 || !isWordChar(text.charCodeAt(i - 1))))
          return this.pyString(i, i + 2, isF(c) || isF(d), to);
      }
    }
    return -1;
  }

  private pyString(start: number, quote: number, fstring: boolean, to: number): number {
    const text = this.t.text;
    const q = text.charCodeAt(quote);
    const triple = text.charCodeAt(quote + 1) === q && text.charCodeAt(quote + 2) === q;
    const close = String.fromCharCode(q).repeat(triple ? 3 : 1);
    return this.string(start, quote + close.length, to, close, {
      escapes: true,
      multiline: triple,
      doubledBraces: fstring,
      interpolation: fstring ? (j) => (text.charCodeAt(j) === C.lbrace ? 1 : 0) : undefined,
    });
  }
}

function isPrefixLetter(c: number): boolean {
  // r R b B u U f F t T
  return c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85 || c === 102 || c === 70 || c === 116 || c === 84;
}

function isF(c: number): boolean {
  return c === 102 || c === 70 || c === 116 || c === 84;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `from m import a, b as c` and `import m as n`: local names with their module. */
function pythonImports(t: Tokens): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < t.n; k++) {
    if (!(t.isWord(k, "from") && t.nlBefore(k)) && !(k === 0 && t.isWord(k, "from"))) continue;
    let j = k + 1;
    let module = "";
    while (j < t.n && !t.isWord(j, "import") && !t.nlBefore(j)) module += t.text_(j++);
    if (!t.isWord(j, "import")) continue;
    for (j++; j < t.n && (!t.nlBefore(j) || t.isOp(j - 1, C.comma) || t.isOp(j - 1, C.lparen)); j++) {
      if (t.kind[j] !== K_IDENT || t.isWord(j, "as")) continue;
      if (t.isWord(j + 1, "as")) continue;
      out.set(t.text_(j), module);
    }
  }
  return out;
}

const RULES: LanguageRules = {
  language: "python",
  styles: ["snake"],
  hooks: false,
  memberOps: [C.dot],
  assignOps: [C.eq],
  exprKeywords: new Set([
    "return",
    "await",
    "yield",
    "not",
    "and",
    "or",
    "in",
    "is",
    "if",
    "elif",
    "else",
    "while",
    "assert",
    "lambda",
    "print",
  ]),
  selfWords: new Set(["self", "cls"]),
  switchStyle: "python",
  imports: pythonImports,
};

/** Python files. */
export const pythonScanner: LanguageScanner = {
  language: "python",
  extensions: [".py", ".pyi"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new PythonLexer(t).code(0, text.length);
    return { tokens: t, language: "python" };
  },
};
