// Ruby: `#` comments and =begin/=end blocks, '...' and "..." strings (with #{interpolation}),
// %q() literals, heredocs, :symbols (read as keys), regular expressions, and methods ending in
// `?` or `!`. The SDK's methods are snake_case; calls may omit their parentheses.

import type { LanguageRules } from "../context";
import {
  BaseLexer,
  charTable,
  C,
  identEnd,
  isIdentStart,
  K_DYNSTR,
  K_IDENT,
  K_NUMBER,
  K_PUNCT,
  K_STRING,
  lineEnd,
  OP_AMPDOT,
  OP_DCOLON,
  Tokens,
} from "../lexer";
import type { LanguageScanner } from "./scanner";

const PAIRS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/** Words after which an operator position holds an operand (`/` starts a regex, `%` a literal). */
const OPERAND_WORDS = new Set([
  "if",
  "unless",
  "when",
  "return",
  "and",
  "or",
  "not",
  "then",
  "else",
  "elsif",
  "while",
  "until",
  "puts",
  "in",
]);

class RubyLexer extends BaseLexer {
  protected readonly specialStarts = charTable("#=\"'`:?/%<@");

  private skipFrom = -1;
  private skipTo = -1;

  /** Method names may end in ? or ! (`enabled?`, `save!`); `__END__` at a line start ends the code. */
  protected override identSuffix(start: number, end: number): number {
    const text = this.t.text;
    const n = text.charCodeAt(end);
    if ((n === C.question || n === C.bang) && text.charCodeAt(end + 1) !== C.eq) return end + 1;
    if (end - start === 7 && text.startsWith("__END__", start) && (start === 0 || text.charCodeAt(start - 1) === C.lf)) return text.length;
    return end;
  }

  /** Whether the previous token ends an operand, so `/` and `%` are operators. */
  private afterOperand(): boolean {
    const t = this.t;
    if (t.n === 0) return false;
    const k = t.n - 1;
    if (t.kind[k] === K_IDENT) return !OPERAND_WORDS.has(t.text_(k));
    if (t.kind[k] === K_PUNCT) return t.op[k] === C.rparen || t.op[k] === C.rbracket || t.op[k] === C.rbrace;
    return t.kind[k] === K_NUMBER || t.kind[k] === K_STRING;
  }

  protected special(i: number, c: number, to: number): number {
    const t = this.t;
    const text = t.text;
    if (i >= this.skipFrom && i < this.skipTo) return this.skipTo; // A heredoc's body.
    if (c === C.hash) return lineEnd(text, i);
    const lineStart = i === 0 || text.charCodeAt(i - 1) === C.lf;
    if (c === C.eq && lineStart && text.startsWith("=begin", i)) {
      const e = text.indexOf("\n=end", i);
      return e < 0 ? text.length : lineEnd(text, e + 1);
    }
    const interpolation = (j: number) => (text.charCodeAt(j) === C.hash && text.charCodeAt(j + 1) === C.lbrace ? 2 : 0);
    if (c === C.dquote || c === C.backtick) {
      return this.string(i, i + 1, to, String.fromCharCode(c), { escapes: true, multiline: true, interpolation });
    }
    if (c === C.squote) return this.string(i, i + 1, to, "'", { escapes: true, multiline: true });
    if (c === C.colon) return this.symbol(i, to);
    if (c === C.question && !this.afterOperand() && isIdentStart(text.charCodeAt(i + 1)) && !isIdentStart(text.charCodeAt(i + 2))) {
      t.push(K_STRING, i, i + 2, 0, i + 1, i + 2); // ?a
      return i + 2;
    }
    if (c === C.slash && !this.afterOperand()) return this.delimited(i, i, "/", true, to);
    if (c === C.percent && !this.afterOperand()) {
      let j = i + 1;
      const type = text[j];
      if (/[qQwWiIrsx]/.test(type)) j++;
      const open = text[j];
      if (!open || /[\w\s]/.test(open)) return -1;
      return this.delimited(
        i,
        j,
        open,
        type !== "q" && type !== "w" && type !== "i",
        to,
        type === "q" || type === "Q" || !/[a-z]/i.test(type),
      );
    }
    if (c === C.lt && text.startsWith("<<", i)) {
      const m = /^<<([~-]?)(["'`]?)([A-Z_][A-Za-z0-9_]*)\2/.exec(text.slice(i, i + 80));
      if (!m) return -1;
      const bodyStart = text.indexOf("\n", i);
      if (bodyStart < 0) return -1;
      const end = new RegExp(`^[ \\t]*${m[3]}\\s*$`, "m");
      end.lastIndex = 0;
      const rest = text.slice(bodyStart + 1);
      const found = end.exec(rest);
      this.skipFrom = bodyStart + 1;
      this.skipTo = found ? bodyStart + 1 + found.index + found[0].length : text.length;
      t.push(K_DYNSTR, i, i + m[0].length);
      return i + m[0].length;
    }
    if (c === C.at) {
      // Instance and class variables: @f, @@f.
      const e = identEnd(text, text.charCodeAt(i + 1) === C.at ? i + 2 : i + 1);
      t.push(K_IDENT, i, e);
      return e;
    }
    return -1;
  }

  /** `:name`, `:"name"`; a lone `:` (hash keys, ternaries) and `::` are operators. */
  private symbol(i: number, to: number): number {
    const t = this.t;
    const text = t.text;
    const d = text.charCodeAt(i + 1);
    if (d === C.colon || (i > 0 && text.charCodeAt(i - 1) === C.colon)) return -1;
    if (d === C.dquote) return this.string(i, i + 2, to, '"', { escapes: true, multiline: false });
    if (!isIdentStart(d) || (t.n > 0 && t.kind[t.n - 1] === K_IDENT && t.end[t.n - 1] === i)) return -1;
    let e = identEnd(text, i + 2);
    const n = text.charCodeAt(e);
    if (n === C.question || n === C.bang) e++;
    t.push(K_STRING, i, e, 0, i + 1, e);
    return e;
  }

  /** A literal between delimiters (`/re/`, `%q(...)`): brackets nest; a string when `plain`, else dynamic. */
  private delimited(start: number, openAt: number, open: string, interpolates: boolean, to: number, plain = false): number {
    const t = this.t;
    const text = t.text;
    const close = PAIRS[open] ?? open;
    let depth = 0;
    let dynamic = false;
    for (let j = openAt + 1; j < to; j++) {
      const ch = text[j];
      if (ch === "\\") {
        j++;
        continue;
      }
      if (interpolates && ch === "#" && text[j + 1] === "{") dynamic = true;
      if (ch === open && close !== open) depth++;
      else if (ch === close) {
        if (depth === 0) {
          let e = j + 1;
          if (open === "/" || text[openAt - 1] === "r") while (e < to && /[a-z]/.test(text[e])) e++;
          if (plain && !dynamic) t.push(K_STRING, start, j + 1, 0, openAt + 1, j);
          else t.push(K_DYNSTR, start, e);
          return e;
        }
        depth--;
      }
    }
    t.push(K_DYNSTR, start, to);
    return to;
  }
}

const RULES: LanguageRules = {
  language: "ruby",
  styles: ["snake"],
  hooks: false,
  memberOps: [C.dot, OP_AMPDOT, OP_DCOLON],
  assignOps: [C.eq],
  objectMembers: true,
  exprKeywords: new Set([
    "return",
    "if",
    "unless",
    "elsif",
    "while",
    "until",
    "and",
    "or",
    "not",
    "when",
    "then",
    "else",
    "puts",
    "yield",
    "in",
  ]),
  parenless: true,
  selfWords: new Set(["self"]),
  switchStyle: "ruby",
};

/** Ruby files. */
export const rubyScanner: LanguageScanner = {
  language: "ruby",
  extensions: [".rb", ".rake"],
  rules: RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    new RubyLexer(t).code(0, text.length);
    return { tokens: t, language: "ruby" };
  },
};
