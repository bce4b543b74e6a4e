// One wording of rollouts, for every place that describes one: the code lens on a feature's
// environment, the inlay hint on a rule (and its tooltip), the hovers in flag files and in code,
// the code lens over flag calls in application code, and the CLI.
//
// Who gets the feature, in the order the rules are read: "employees, 50% of netherlands, 5% of
// everyone else". 100% of a segment is the segment's name; a catch-all after other rules is
// "everyone else"; a share of 0% at the end is left out (those users do not get it); a segment the
// project does not define is called unknown; what is not (yet) a rule says so, never "?".

import type { Project } from "../project/project";
import { isObject, variationViews, type EnvironmentView, type RuleView } from "../project/featureView";
import { segmentsMatchEveryone } from "../project/walk";

/** The longest inlay hint label: VS Code cuts longer ones off (at about 43 characters). */
export const HINT_MAX = 40;

/**
 * What the wording needs to know of a project: which segments exist, which are archived (the
 * builders leave them out, so they match nobody), which match everyone, and what `not` means.
 */
export interface SegmentFacts {
  exists: (key: string) => boolean;
  archived?: (key: string) => boolean;
  everyone: (key: string) => boolean;
  /** The 3.x SDK reads `not: [a, b]` as "not all of" (not (a and b)); earlier ones as "none of" (not (a or b)). */
  notAll?: boolean;
}

/** The segment facts of a project. */
export function segmentFacts(project: Project): SegmentFacts {
  return {
    exists: (key) => project.segment(key) !== undefined,
    archived: (key) => project.segment(key)?.archived === true,
    everyone: (key) => project.segment(key)?.matchesEveryone === true,
    notAll: project.format === "v3",
  };
}

/** A percentage as written, rounded to 3 decimals: `50%`, `33.333%`. */
export function pct(n: number): string {
  return `${Math.round(n * 1000) / 1000}%`;
}

/**
 * A segment expression in words: `"*"` is "everyone", a list is "and", `not` is "not" ("not (a or b)",
 * or "not (a and b)" for the 3.x SDK); a group inside another gets brackets ("mobile and (germany or
 * switzerland)"); a key the project does not define is "netherland (unknown segment)", an archived
 * one "qa (archived segment)". Undefined for what is not (yet) an expression.
 */
export function whoInWords(segments: unknown, facts: SegmentFacts, nested = false): string | undefined {
  if (segments === "*") return "everyone";
  if (typeof segments === "string") {
    if (segments.trim() === "") return undefined;
    if (!facts.exists(segments)) return `${segments} (unknown segment)`;
    return facts.archived?.(segments) ? `${segments} (archived segment)` : segments;
  }
  const join = (list: unknown[], word: string): string | undefined => {
    if (list.length === 0) return undefined;
    const parts = list.map((x) => whoInWords(x, facts, true));
    if (parts.some((p) => p === undefined)) return undefined;
    const text = parts.join(` ${word} `);
    return nested && list.length > 1 ? `(${text})` : text;
  };
  if (Array.isArray(segments)) return join(segments, "and");
  if (isObject(segments)) {
    if (Array.isArray(segments.and)) return join(segments.and, "and");
    if (Array.isArray(segments.or)) return join(segments.or, "or");
    if (Array.isArray(segments.not)) {
      const inner = join(segments.not, facts.notAll ? "and" : "or");
      return inner === undefined ? undefined : `not ${segments.not.length > 1 && !nested ? `(${inner})` : inner}`;
    }
  }
  return undefined;
}

/** Whom a rule or force is for: its segments, or "matching conditions" for a force by conditions. */
function whom(rule: RuleView, facts: SegmentFacts): string | undefined {
  if (rule.segments) return whoInWords(rule.segments.value, facts);
  if (rule.conditions) return "matching conditions";
  return undefined;
}

/** The share of a rule: a number from 0 to 100, else undefined (not written yet, or wrong). */
function share(rule: RuleView): number | undefined {
  const p = rule.percentage?.value;
  return typeof p === "number" && p >= 0 && p <= 100 ? p : undefined;
}

/** What one rule serves, read in its place among the rules. */
export interface RuleWords {
  /** Who gets it: "employees", "50% of netherlands", "5% of everyone else", "off for qa". */
  who: string;
  /** A variation the rule serves, or its own weights: "→ treatment", "control 80% / treatment 20%". */
  serves?: string;
  /** The rule never applies: a rule above matches everyone. */
  unreachable?: boolean;
  /** The rule is not complete (segments or percentage missing or wrong): nothing is said about it. */
  incomplete?: boolean;
  /** The rule matches everyone (rules below it never apply). */
  catchAll: boolean;
}

function weightsInWords(weights: [string, unknown][]): string | undefined {
  if (weights.length === 0 || weights.some(([, w]) => typeof w !== "number")) return undefined;
  return weights.map(([v, w]) => `${v} ${pct(w as number)}`).join(" / ");
}

/** The rules of one environment in words, in order. */
export function rulesInWords(rules: readonly RuleView[], facts: SegmentFacts): RuleWords[] {
  const out: RuleWords[] = [];
  let caught = false;
  for (const [i, r] of rules.entries()) {
    const catchAll = r.segments !== undefined && segmentsMatchEveryone(r.segments.value, facts.everyone);
    if (caught) {
      out.push({ who: "never applies: everyone matched above", unreachable: true, catchAll });
      continue;
    }
    caught = catchAll;
    const who = whom(r, facts);
    const p = share(r);
    if (who === undefined || (p === undefined && r.enabled?.value !== false)) {
      out.push({ who: "incomplete rule", incomplete: true, catchAll });
      continue;
    }
    const people = catchAll && i > 0 ? "everyone else" : who;
    if (r.enabled?.value === false) {
      out.push({ who: `off for ${people}`, catchAll });
      continue;
    }
    const words: RuleWords = { who: p === 100 ? people : `${pct(p!)} of ${people}`, catchAll };
    if (typeof r.variation?.value === "string") words.serves = `→ ${r.variation.value}`;
    else if (isObject(r.variationWeights?.value)) {
      const weights = weightsInWords(Object.entries(r.variationWeights!.value as Record<string, unknown>));
      if (weights) words.serves = weights;
    }
    out.push(words);
  }
  return out;
}

/** A force in words: "qa → treatment", "qa → on", "matching conditions → off". */
export function forceInWords(force: RuleView, facts: SegmentFacts): string | undefined {
  const who = whom(force, facts);
  if (who === undefined) return undefined;
  const result = force.enabled?.value === false ? "off" : typeof force.variation?.value === "string" ? force.variation.value : "on";
  return `${who} → ${result}`;
}

/**
 * Who gets the feature in one environment, without its name: "employees, 50% of netherlands,
 * 5% of everyone else", "nobody (no rules)", "not exposed in datafiles"; forces follow
 * ("everyone; forced: qa → treatment").
 */
export function environmentInWords(env: EnvironmentView, facts: SegmentFacts): string {
  if (env.expose?.value === false) return "not exposed in datafiles";
  const rules = rulesInWords(env.rules, facts);
  const parts: string[] = [];
  for (const r of rules) {
    if (r.unreachable) break;
    parts.push(r.incomplete ? "(incomplete rule)" : r.who + (r.serves?.startsWith("→") ? ` ${r.serves}` : ""));
  }
  // A share of 0% at the end (usually "0% of everyone else") gives nobody the feature.
  while (parts.length > 1 && /^0% of /.test(parts[parts.length - 1])) parts.pop();
  let who =
    env.rules.length === 0 ? "nobody (no rules)" : parts.length === 1 && parts[0].startsWith("0% of ") ? "nobody" : parts.join(", ");
  const forced = env.force.map((f) => forceInWords(f, facts)).filter((x): x is string => x !== undefined);
  if (forced.length > 0) who += `; forced: ${forced.join(", ")}`;
  return who;
}

/** An environment's name in the wording: as written, or "all environments" when the project has none. */
export function environmentName(env: EnvironmentView): string {
  return env.env || "all environments";
}

/** A one-line summary of an environment: `production: employees, 50% of netherlands, 5% of everyone else`. */
export function environmentSummary(env: EnvironmentView, facts: SegmentFacts): string {
  return `${environmentName(env)}: ${environmentInWords(env, facts)}`;
}

/** Cuts a label to `max` characters, ending in "…" when cut. */
export function fit(text: string, max = HINT_MAX): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/** An inlay hint: a label of at most {@link HINT_MAX} characters, and the whole story as markdown. */
export interface HintWords {
  label: string;
  tooltip: string;
}

/** The first of some labels that fits, else the first cut to fit. */
function firstFitting(candidates: string[]): string {
  return candidates.find((c) => c.length <= HINT_MAX) ?? fit(candidates[0]);
}

/** Text as markdown that shows it as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~-]/g, (c) => `\\${c}`);
}

/** The hint of a rule, or undefined for an incomplete rule (nothing misleading while typing). */
export function ruleHint(feature: unknown, rule: RuleView, words: RuleWords): HintWords | undefined {
  if (words.incomplete) return undefined;
  const full = !words.serves ? words.who : `${words.who}${words.serves.startsWith("→") ? " " : " · "}${words.serves}`;
  const label = firstFitting(words.serves && !words.serves.startsWith("→") ? [full, `${words.who} · custom split`, words.who] : [full]);
  const lines = [escapeMarkdown(full)];
  if (!words.unreachable && !words.who.startsWith("off for") && !words.serves) {
    const weights = weightsInWords(variationViews(feature).map((v) => [String(v.value.value), v.weight?.value]));
    if (weights) lines.push(`Variations: ${escapeMarkdown(weights)}`);
  }
  const key = rule.key?.value;
  if (typeof key === "string") lines.unshift(`Rule \`${key.replace(/`/g, "'")}\``);
  return { label, tooltip: lines.join("\n\n") };
}

/** The hint of a force. */
export function forceHint(force: RuleView, facts: SegmentFacts): HintWords | undefined {
  const words = forceInWords(force, facts);
  if (words === undefined) return undefined;
  const full = `forced: ${words}`;
  return { label: fit(full), tooltip: escapeMarkdown(full) };
}

/** What one user gets from a feature in one environment. */
export interface OutcomeWords {
  enabled: boolean;
  variation?: string | null;
  variables?: Record<string, unknown>;
}

function shortValue(value: unknown): string {
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s.length > 24 ? s.slice(0, 23) + "…" : s;
}

/**
 * What a user gets, in words. In full (a feature file's lens): "enabled · treatment · buttonColor=green, steps=2";
 * short (over a flag call in code): "enabled (treatment)", "disabled".
 */
export function outcomeInWords(outcome: OutcomeWords, form: "full" | "short" = "full"): string {
  const state = outcome.enabled ? "enabled" : "disabled";
  if (form === "short") return outcome.variation ? `${state} (${outcome.variation})` : state;
  const vars = Object.entries(outcome.variables ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${shortValue(v)}`);
  return [state, ...(outcome.variation ? [outcome.variation] : []), ...(vars.length ? [vars.join(", ")] : [])].join(" · ");
}

/**
 * A flag as one user gets it, on one line (the lens over a flag call while previewing as a user):
 * `newCheckout as QA tester · staging: enabled (treatment) · production: disabled`.
 */
export function userLine(key: string, user: string, outcomes: readonly (OutcomeWords & { environment: string })[]): string {
  return [`${key} as ${user}`, ...outcomes.map((o) => `${o.environment || "all environments"}: ${outcomeInWords(o, "short")}`)].join(" · ");
}
