// Every difference between Flaglens and the real 2.27 and 3.1 linters that the differential test
// (featurevisorLintV3.test.ts) meets, with its reason: the one place they are documented (README links here).
// Entries match case names by pattern, because the generated families name their cases after fixture paths.
// Two kinds, kept apart:
// - EXTRA_CHECKS: the oracle passes and Flaglens reports an error on purpose, with this code.
// - KNOWN_GAPS: Flaglens bugs the test found and that are not fixed yet ("known gap (issue #11)"). The test
//   pins today's outcome, so it stays green and honest, and fails once a gap is closed: then delete the entry.
// The test also fails when an entry matches no case, so nothing stale stays listed.

import type { Mutation } from "./mutations";

export interface ExtraCheck {
  pattern: RegExp;
  /** The code of the error Flaglens must report. */
  code: string;
  reason: string;
}

export const EXTRA_CHECKS: readonly ExtraCheck[] = [
  {
    pattern: /^(2\.27|3\.1)( slash)?: misspelt variation at features\/\S+ rules\./,
    code: "unknown-variation",
    reason:
      "A rule naming a variation the feature does not have: the linters of 2.27 and 3.1 accept it (they check `force` only), and the SDK then serves a variation that does not exist.",
  },
  {
    pattern: /^(2\.27|3\.1): test expects an unknown variation$/,
    code: "unknown-variation",
    reason: "The linters do not read expectations; `featurevisor test` fails on it later. Flaglens says so while the test is written.",
  },
  {
    pattern: /^(2\.27|3\.1): test expects an undeclared variable$/,
    code: "unknown-variable",
    reason: "As above, for a variable the feature does not declare.",
  },
];

export interface KnownGap {
  pattern: RegExp;
  /** What the oracle does: "fail" (Flaglens misses the error) or "pass" (Flaglens reports a false error). */
  featurevisor: "fail" | "pass";
  reason: string;
}

/** None today: the six gaps the first full run found (v3 strictness, rule variableOverrides, property paths of
 * object attributes, `required` in variable schemas, equals without a value) are fixed. A new one goes here. */
export const KNOWN_GAPS: readonly KnownGap[] = [];

function findGap(name: string): KnownGap | undefined {
  return KNOWN_GAPS.find((g) => g.pattern.test(name));
}

/** Mutation name -> code, for the extra checks among `names`. */
export function extraChecksFor(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const extra = EXTRA_CHECKS.find((e) => e.pattern.test(name));
    if (extra) out[name] = extra.code;
  }
  return out;
}

/** The mutation with its known gap attached (as a pinned `difference`), when it has one. */
export function applyKnownDifferences(m: Mutation): Mutation {
  const gap = findGap(m.name);
  if (!gap) return m;
  const flaglens = gap.featurevisor === "fail" ? "clean" : "errors";
  return { ...m, featurevisor: gap.featurevisor, difference: { reason: `known gap (issue #11): ${gap.reason}`, flaglens, knownGap: true } };
}
