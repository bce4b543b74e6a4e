// Quick fix on an unknown flag key, variation or variable in code: change it to the close key the
// diagnostic suggests ("did you mean"). Only the key's text inside the string literal is replaced, so the quotes stay.

import type { CodeActionResult, FlaglensDiagnostic } from "../types";
import type { UnknownKeyData } from "./diagnostics";

const FIXED = new Set(["unknown-flag", "unknown-variation", "unknown-variable"]);

/** The "change to" fixes for the unknown-flag, unknown-variation and unknown-variable diagnostics (the server's own, with their data) of a code file. */
export function doChangeToFixes(path: string, diagnostics: FlaglensDiagnostic[]): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  for (const d of diagnostics) {
    if (!FIXED.has(String(d.code)) || d.source !== "flaglens") continue;
    const data = d.data as UnknownKeyData | undefined;
    if (typeof data?.suggestion !== "string" || !data.replaceRange || data.notLiteral) continue;
    out.push({
      title: `Change to "${data.suggestion}"`,
      kind: "quickfix",
      diagnostic: d,
      edits: [{ path, edits: [{ range: data.replaceRange, newText: data.suggestion }] }],
      isPreferred: true,
    });
  }
  return out;
}
