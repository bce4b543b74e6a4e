// Quick fixes for diagnostics that carry a suggestion: replace the unknown key by the close match.

import type { FileEntry } from "../project/entries";
import type { CodeActionResult, FlaglensDiagnostic } from "../types";

/** Quick fixes for the given diagnostics of a file. */
export function doCodeActions(entry: FileEntry, diagnostics: FlaglensDiagnostic[]): CodeActionResult[] {
  const doc = entry.doc;
  if (!doc) return [];
  const out: CodeActionResult[] = [];
  for (const d of diagnostics) {
    const suggestion = d.data?.suggestion;
    if (typeof suggestion !== "string" || d.source !== "flaglens") continue;
    // Keep the quotes the user wrote; the range covers the scalar as typed.
    const start = doc.lineIndex.offsetAt(d.range.start);
    const end = doc.lineIndex.offsetAt(d.range.end);
    const current = doc.text.slice(start, end);
    const quote = /^["']/.test(current) ? current[0] : "";
    const newText = d.code === "unknown-property" ? suggestion : quote + suggestion + quote;
    out.push({
      title: `Change to "${suggestion}"`,
      kind: "quickfix",
      diagnostic: d,
      edits: [{ path: entry.path, edits: [{ range: d.range, newText }] }],
      isPreferred: true,
    });
  }
  return out;
}
