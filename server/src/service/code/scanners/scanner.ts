// What a language scanner is: a lexer and the language's rules. Scanners are registered in
// scanners/index.ts; adding a language is one file here plus one line there.

import type { LanguageRules } from "../context";
import type { Tokens } from "../lexer";
import type { CodeLanguage } from "../usages";

/** One language: how to find its files, lex them, and read calls in them. */
export interface LanguageScanner {
  language: CodeLanguage;
  /** File extensions with the dot, lower case: `.ts`. */
  extensions: readonly string[];
  rules: LanguageRules;
  /**
   * Lexes a file's text into tokens. `path` lets one scanner serve variants (`.tsx` allows JSX;
   * `.vue` lexes only its script blocks) and returns the language the tokens are in.
   */
  lex(text: string, path: string): { tokens: Tokens; language: CodeLanguage };
}

/** The lower-case extension of a path, with its dot; "" when it has none. */
export function extensionOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : "";
}
