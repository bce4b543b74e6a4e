// Quick fixes on archived, deprecated and stale flags in code: remove the flag from this file,
// keeping it enabled or disabled (for a stale flag, the behaviour it has everywhere comes first).

import { resolveBehaviour, type Keep } from "../fixes/behaviour";
import { planFlagRemoval } from "../fixes/plan";
import type { CodeActionResult, FlaglensDiagnostic } from "../types";
import type { FlagCatalog } from "./catalog";
import type { CodeIndex } from "./codeIndex";
import { RETIRED_FLAG_CODES, type FlagStateData } from "./diagnostics";

function keepLabel(keep: Keep): string {
  return keep.kind === "variation" ? `keep variation "${keep.value}"` : `keep ${keep.kind}`;
}

/** Line numbers as a short list: "3, 7-9, 12". */
function summarizeLines(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(", ");
}

/** The removal fixes for the retired-flag diagnostics of one code file (its current text). */
export function doRemoveFlagFixes(
  path: string,
  text: string,
  diagnostics: FlaglensDiagnostic[],
  catalog: FlagCatalog,
  index: CodeIndex,
): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!RETIRED_FLAG_CODES.has(d.code)) continue;
    const data = d.data as FlagStateData | undefined;
    const ref = data?.feature ? catalog.lookup(data.feature) : undefined;
    if (!data || !ref) continue;
    const keeps: Keep[] = [{ kind: "enabled" }, { kind: "disabled" }];
    // A stale flag behaves one way everywhere: that behaviour is the preferred fix.
    const outcome = data.outcome;
    const preferred: Keep | undefined = outcome
      ? outcome.enabled
        ? outcome.variation !== undefined
          ? { kind: "variation", value: outcome.variation }
          : { kind: "enabled" }
        : { kind: "disabled" }
      : undefined;
    if (preferred?.kind === "variation") keeps.unshift(preferred);
    for (const keep of keeps) {
      const id = `${data.feature}|${keepLabel(keep)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const { behaviour, error } = resolveBehaviour(ref.info.entry.doc?.value, keep, ref.project.format, ref.project.environments);
      if (error) continue;
      // The plan of `flaglens remove`, on this file only.
      const plan = planFlagRemoval({
        featureKey: data.feature,
        behaviour,
        index,
        scope: [path],
        read: (p) => (p === path ? text : undefined),
      });
      const edits = plan.edits.find((e) => e.path === path)?.edits ?? [];
      if (edits.length === 0) continue;
      const isPreferred = preferred !== undefined && keepLabel(preferred) === keepLabel(keep);
      const lines = new Set(edits.map((e) => e.range.start.line + 1));
      out.push({
        title: `Remove flag "${data.feature}" here (${keepLabel(keep)})`,
        kind: "quickfix",
        diagnostic: d,
        edits: [{ path, edits }],
        isPreferred,
        // A removal rewrites branches around the call: shown before it is applied.
        confirm: {
          label: `Remove flag "${data.feature}" here`,
          description: `${keepLabel(keep)}: ${edits.length} edit${edits.length === 1 ? "" : "s"} on line${lines.size === 1 ? "" : "s"} ${summarizeLines([...lines])}`,
        },
      });
    }
  }
  return out;
}
