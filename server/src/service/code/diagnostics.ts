// Diagnostics in application code: unknown, archived, deprecated and stale flags, and
// variations or variables a feature does not have. Each carries in `data` what its quick fix
// needs (the key, the suggestion, the range to replace).

import type { FlaglensDiagnostic, Range, Severity } from "../types";
import { CODES, type SeverityOverrides } from "../validation/codes";
import { closest } from "../validation/suggest";
import type { FlagCatalog } from "./catalog";
import type { Usage } from "./usages";

/** `data` of unknown-flag, unknown-variation and unknown-variable. */
export interface UnknownKeyData extends Record<string, unknown> {
  feature: string;
  /** The unknown variation or variable (absent for unknown-flag). */
  value?: string;
  /** The closest known key, if one is close enough. */
  suggestion?: string;
  /** What a "change to" fix replaces: the text inside the quotes. */
  replaceRange: Range;
  /** The key is not a string literal here (e.g. a variable key held by a constant): no "change to" fix. */
  notLiteral?: true;
}

/** `data` of archived-flag, deprecated-flag and stale-flag. */
export interface FlagStateData extends Record<string, unknown> {
  feature: string;
  kind: Usage["kind"];
  /** The called name's range, for fixes that rewrite the call. */
  callRange: Range;
  /** stale-flag: what every user gets, so a fix can inline it. */
  outcome?: { enabled: boolean; variation?: string };
  /** stale-flag: when the feature last changed (ms since the epoch). */
  since?: number;
}

/** The codes of a retired flag's usage: the ones a removal (quick fix or source action) is offered on. */
export const RETIRED_FLAG_CODES: ReadonlySet<string> = new Set(["archived-flag", "deprecated-flag", "stale-flag"]);

type CodeDiagnosticCode = "unknown-flag" | "archived-flag" | "deprecated-flag" | "stale-flag" | "unknown-variation" | "unknown-variable";

/** The diagnostics of one file's usages. */
export function doCodeDiagnostics(usages: readonly Usage[], catalog: FlagCatalog, overrides: SeverityOverrides = {}): FlaglensDiagnostic[] {
  const out: FlaglensDiagnostic[] = [];
  const push = (code: CodeDiagnosticCode, range: Range, message: string, data: Record<string, unknown>) => {
    const o = overrides[code];
    if (o === "off") return;
    const severity: Severity = o ?? CODES[code].severity;
    out.push({ range, severity, code, message, source: "flaglens", data });
  };
  for (const u of usages) {
    if (u.feature === null) continue;
    const ref = catalog.lookup(u.feature);
    if (!ref) {
      // Reported where the key is written: the literal, or the constant's declaration (not each call through it).
      if (u.keyRange && (u.kind === "constant" || !u.via)) {
        const suggestion = closest(u.feature, catalog.keys());
        const data: UnknownKeyData = { feature: u.feature, replaceRange: u.keyRange };
        if (suggestion) data.suggestion = suggestion;
        push("unknown-flag", u.keyRange, `Unknown feature "${u.feature}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`, data);
      }
      continue;
    }
    if (u.kind === "constant") continue; // Calls through the constant get the findings below.
    const state: FlagStateData = { feature: u.feature, kind: u.kind, callRange: u.callRange };
    const where = u.keyRange ?? u.range;
    if (ref.info.archived) push("archived-flag", where, `Feature "${u.feature}" is archived.`, state);
    else if (ref.info.deprecated) push("deprecated-flag", where, `Feature "${u.feature}" is deprecated.`, state);
    else {
      const stale = catalog.rolledOut(u.feature);
      if (stale)
        push("stale-flag", where, `Feature "${u.feature}": ${stale.message} The flag can be removed.`, {
          ...state,
          outcome: stale.outcome,
          since: stale.since,
        });
    }
    for (const c of u.comparedVariations ?? []) {
      if (ref.info.variations.includes(c.value)) continue;
      const suggestion = closest(c.value, ref.info.variations);
      const data: UnknownKeyData = { feature: u.feature, value: c.value, replaceRange: c.valueRange };
      if (suggestion) data.suggestion = suggestion;
      const message =
        ref.info.variations.length === 0
          ? `Feature "${u.feature}" has no variations.`
          : `Feature "${u.feature}" has no variation "${c.value}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`;
      push("unknown-variation", c.valueRange, message, data);
    }
    if (typeof u.variable === "string" && !ref.info.variables.has(u.variable)) {
      const suggestion = closest(u.variable, ref.info.variables.keys());
      const range = u.variableKeyRange ?? u.variableRange ?? u.range;
      const data: UnknownKeyData = { feature: u.feature, value: u.variable, replaceRange: range };
      if (suggestion) data.suggestion = suggestion;
      if (!u.variableKeyRange) data.notLiteral = true;
      push(
        "unknown-variable",
        range,
        `Feature "${u.feature}" has no variable "${u.variable}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
        data,
      );
    }
  }
  return out;
}
