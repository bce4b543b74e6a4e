// Quick fixes on archived, deprecated and stale flags in code: remove the flag from this file,
// keeping it enabled or disabled (for a stale flag, the behaviour it has everywhere comes first).

import { doRemoveFlag } from "../fixes";
import { resolveBehaviour, type Keep } from "../fixes/behaviour";
import type { CodeActionResult, FlaglensDiagnostic } from "../types";
import type { FlagCatalog } from "./catalog";
import type { FlagStateData } from "./diagnostics";

const RETIRED = new Set(["archived-flag", "deprecated-flag", "stale-flag"]);

function keepLabel(keep: Keep): string {
  return keep.kind === "variation" ? `keep variation "${keep.value}"` : `keep ${keep.kind}`;
}

/** The removal fixes for the retired-flag diagnostics of one code file (its current text). */
export function doRemoveFlagFixes(path: string, text: string, diagnostics: FlaglensDiagnostic[], catalog: FlagCatalog): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!RETIRED.has(d.code)) continue;
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
      const result = doRemoveFlag(path, text, { featureKey: data.feature, behaviour });
      if (result.edits.length === 0) continue;
      const isPreferred = preferred !== undefined && keepLabel(preferred) === keepLabel(keep);
      out.push({
        title: `Remove flag '${data.feature}' here (${keepLabel(keep)})`,
        kind: "quickfix",
        diagnostic: d,
        edits: [{ path, edits: result.edits }],
        isPreferred,
      });
    }
  }
  return out;
}
