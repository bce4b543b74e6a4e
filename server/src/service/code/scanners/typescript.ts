// TypeScript and JavaScript, with JSX, template literals and regular expression literals, and
// the script blocks of Vue and Svelte files. The SDK's methods are camelCase; React and Vue
// hooks (useFlag, useVariation, useVariable) count when imported from Featurevisor, a local
// module, or not imported at all.

import type { LanguageRules } from "../context";
import { C, K_IDENT, K_STRING, OP_QDOT, Tokens } from "../lexer";
import type { CodeLanguage } from "../usages";
import { lexJs } from "./jsLexer";
import type { LanguageScanner } from "./scanner";

/** Local names bound by ES imports and `require` calls, with their module. */
export function jsImports(t: Tokens): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < t.n; k++) {
    if (t.isWord(k, "import") && (k === 0 || t.nlBefore(k) || t.isOp(k - 1, C.semi) || t.isOp(k - 1, C.rbrace))) {
      // import a, { b as c, type d } from "m"; import * as ns from "m"
      let j = k + 1;
      const names: string[] = [];
      while (j < t.n && j < k + 400 && !t.isWord(j, "from") && t.kind[j] !== K_STRING) {
        if (t.kind[j] === K_IDENT && !t.isWord(j, "type") && !t.isWord(j, "as")) {
          if (t.isWord(j + 1, "as")) {
            j++;
            continue;
          }
          names.push(t.text_(j));
        }
        j++;
      }
      if (t.isWord(j, "from")) j++;
      if (t.kind[j] === K_STRING) {
        const module = t.text.slice(t.vstart[j], t.vend[j]);
        for (const n of names) out.set(n, module);
      }
    } else if (t.isWord(k, "require") && t.isOp(k + 1, C.lparen) && t.kind[k + 2] === K_STRING && t.isOp(k + 3, C.rparen)) {
      const module = t.text.slice(t.vstart[k + 2], t.vend[k + 2]);
      if (!t.isOp(k - 1, C.eq)) continue;
      if (t.kind[k - 2] === K_IDENT) out.set(t.text_(k - 2), module);
      else if (t.isOp(k - 2, C.rbrace)) {
        // const { a, b: c } = require("m")
        const open = t.opening(k - 2);
        for (let j = open + 1; j < k - 2; j++) {
          if (t.kind[j] === K_IDENT && (t.isOp(j + 1, C.comma) || t.isOp(j + 1, C.rbrace))) out.set(t.text_(j), module);
        }
      }
    }
  }
  return out;
}

/** A module that is neither Featurevisor's, nor the project's own (relative or an alias such as `@/flags`). */
export function foreignJsModule(module: string): boolean {
  if (/featurevisor/i.test(module)) return false;
  return !/^(\.|\/|[@~#]\/|~)/.test(module);
}

const JS_RULES: LanguageRules = {
  language: "typescript",
  styles: ["camel"],
  hooks: true,
  memberOps: [C.dot, OP_QDOT],
  assignOps: [C.eq],
  objectMembers: true,
  exprKeywords: new Set([
    "return",
    "await",
    "yield",
    "typeof",
    "void",
    "delete",
    "in",
    "of",
    "case",
    "else",
    "do",
    "throw",
    "instanceof",
    "default",
  ]),
  methodDefinitions: true,
  selfWords: new Set(["this", "super"]),
  switchStyle: "c",
  imports: jsImports,
  foreignModule: foreignJsModule,
};

function lexScript(text: string, path: string, language: CodeLanguage): { tokens: Tokens; language: CodeLanguage } {
  const t = Tokens.reuse(text);
  lexJs(t, !/\.(ts|mts|cts)$/i.test(path));
  return { tokens: t, language };
}

/** TypeScript: `.ts`, `.tsx`, `.mts`, `.cts` (JSX in `.tsx` only). */
export const typescriptScanner: LanguageScanner = {
  language: "typescript",
  extensions: [".ts", ".tsx", ".mts", ".cts"],
  rules: JS_RULES,
  lex: (text, path) => lexScript(text, path, "typescript"),
};

/** JavaScript: `.js`, `.jsx`, `.mjs`, `.cjs` (JSX allowed in all of them, as React projects write it in `.js`). */
export const javascriptScanner: LanguageScanner = {
  language: "javascript",
  extensions: [".js", ".jsx", ".mjs", ".cjs"],
  rules: { ...JS_RULES, language: "javascript" },
  lex: (text, path) => lexScript(text, path, "javascript"),
};

/** Vue and Svelte single-file components: only their `<script>` blocks are code. */
export const componentScanner: LanguageScanner = {
  language: "typescript",
  extensions: [".vue", ".svelte"],
  rules: JS_RULES,
  lex(text) {
    const t = Tokens.reuse(text);
    let language: CodeLanguage = "javascript";
    const open = /<script\b([^>]*)>/gi;
    const lower = text.toLowerCase();
    for (let m = open.exec(text); m; m = open.exec(text)) {
      const from = m.index + m[0].length;
      const close = lower.indexOf("</script>", from);
      const to = close < 0 ? text.length : close;
      const ts = /\blang\s*=\s*["']?ts/i.test(m[1]);
      if (ts) language = "typescript";
      lexJs(t, !ts, from, to);
      open.lastIndex = to;
    }
    return { tokens: t, language };
  },
};
