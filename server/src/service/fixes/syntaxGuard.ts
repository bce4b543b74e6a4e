// Python and Go rewrites are written only when tree-sitter parses them: a file that does not parse
// is not rewritten, and a rewrite whose output would not parse is refused. Either way every usage
// of the file is listed as left, with the reason, and nothing in the file changes.

import { LineIndex } from "../text";
import type { TextEdit } from "../types";
import { syntaxProblems, type SyntaxLanguage, type SyntaxProblem } from "./treeSitter";
import type { FlagRewriter, RewriteNote, RewriteResult } from "./types";

/** Applies sorted, non-overlapping edits. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, index.offsetAt(e.range.start)) + e.newText;
    at = index.offsetAt(e.range.end);
  }
  return out + text.slice(at);
}

const NAMES: Record<SyntaxLanguage, string> = { python: "Python", go: "Go" };

function refuse(result: RewriteResult, reason: string): RewriteResult {
  const notes: RewriteNote[] = result.notes
    .filter((n) => n.call !== undefined)
    .map((n) => ({ ...n, kind: "not-simplified", message: `Left ${n.call} unchanged: ${reason}; nothing in this file was changed.` }));
  return { edits: [], notes };
}

function first(problems: SyntaxProblem[]): string {
  const p = problems[0];
  return `line ${p.line + 1}: ${p.message}`;
}

/** The rewriter of a language, with its input and output checked by tree-sitter. */
export function checkedRewriter(language: SyntaxLanguage, inner: FlagRewriter): FlagRewriter {
  return {
    extensions: inner.extensions,
    syntax: language,
    rewrite(fileName, text, request) {
      const result = inner.rewrite(fileName, text, request);
      if (result.edits.length === 0 && !result.notes.some((n) => n.call !== undefined)) return result;
      const before = syntaxProblems(language, text);
      if (typeof before === "string") return refuse(result, `Flaglens could not check the ${NAMES[language]} syntax (${before})`);
      if (before.length > 0) return refuse(result, `the file does not parse (${first(before)}), so Flaglens does not rewrite it`);
      if (result.edits.length === 0) return result;
      const after = syntaxProblems(language, apply(text, result.edits));
      if (typeof after === "string") return refuse(result, `Flaglens could not check the ${NAMES[language]} syntax (${after})`);
      if (after.length > 0) return refuse(result, `the rewrite would not parse (${first(after)} of the result)`);
      return result;
    },
  };
}
