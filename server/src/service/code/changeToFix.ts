// Quick fix on an unknown flag key in code: change it to the close feature key the diagnostic
// suggests. Only the key's text inside the string literal is replaced, so the quotes stay.

import type { CodeActionResult, FlaglensDiagnostic } from "../types";
import type { UnknownKeyData } from "./diagnostics";

/** The "change to" fixes for the unknown-flag diagnostics (the server's own, with their data) of a code file. */
export function doChangeToFixes(path: string, diagnostics: FlaglensDiagnostic[]): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  for (const d of diagnostics) {
    if (d.code !== "unknown-flag" || d.source !== "flaglens") continue;
    const data = d.data as UnknownKeyData | undefined;
    if (typeof data?.suggestion !== "string" || !data.replaceRange) continue;
    out.push({
      title: `Change to '${data.suggestion}'`,
      kind: "quickfix",
      diagnostic: d,
      edits: [{ path, edits: [{ range: data.replaceRange, newText: data.suggestion }] }],
      isPreferred: true,
    });
  }
  return out;
}
