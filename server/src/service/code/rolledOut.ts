// Whether a feature is fully rolled out: in every environment every user gets the same result,
// read from the rules as written. Either enabled with one variation (or none), or disabled.
// Static and conservative: anything that makes users differ (a partial percentage, a variation
// split, a force that serves something else, segment overrides of variables, a required feature
// or group slot that is not itself for everyone) makes the answer "no", with the reason.

import { featureEnvironments, isObject, variationViews, type EnvironmentView, type RuleView } from "../project/featureView";
import type { Project } from "../project/project";
import { segmentsMatchEveryone } from "../project/walk";
import { pct } from "../authoring/wording";

/** What every user gets. */
export interface Outcome {
  enabled: boolean;
  /** The variation served, when the feature has variations and is enabled. */
  variation?: string;
}

/** The answer: one outcome for everyone, or why users differ. */
export type RolloutState = { uniform: true; outcome: Outcome } | { uniform: false; reason: string };

/** Describes an outcome: `enabled with variation "on"`, `enabled`, `disabled`. */
export function describeOutcome(o: Outcome): string {
  return o.enabled ? (o.variation !== undefined ? `enabled with variation "${o.variation}"` : "enabled") : "disabled";
}

function same(a: Outcome, b: Outcome): boolean {
  return a.enabled === b.enabled && (!a.enabled || a.variation === b.variation);
}

export { featureEnvironments };

/** Results per project, until the project changes (required features and segments take part). */
const cache = new WeakMap<Project, { generation: number; states: Map<string, RolloutState> }>();

/** Whether, and how, a feature serves every user the same in every environment. */
export function doRolloutState(project: Project, key: string): RolloutState {
  let c = cache.get(project);
  if (!c || c.generation !== project.generation) cache.set(project, (c = { generation: project.generation, states: new Map() }));
  let state = c.states.get(key);
  if (!state) c.states.set(key, (state = computeRolloutState(project, key, new Set())));
  return state;
}

function computeRolloutState(project: Project, key: string, visiting: Set<string>): RolloutState {
  const info = project.feature(key);
  const feature = info?.entry.doc?.value;
  if (!info || !isObject(feature)) return { uniform: false, reason: `feature "${key}" cannot be read` };
  if (visiting.has(key)) return { uniform: false, reason: `required features form a cycle through "${key}"` };
  visiting.add(key);
  try {
    const everyone = (segment: string) => project.segment(segment)?.matchesEveryone === true;
    let common: Outcome | undefined;
    for (const env of featureEnvironments(project, key)) {
      const o = environmentOutcome(feature, env, everyone);
      const where = env.env ? ` in ${env.env}` : "";
      if (typeof o === "string") return { uniform: false, reason: o + where };
      if (common && !same(common, o))
        return { uniform: false, reason: `environments differ: ${describeOutcome(common)} vs ${describeOutcome(o)}${where}` };
      common ??= o;
    }
    const outcome = common ?? { enabled: false };
    if (!outcome.enabled) return { uniform: true, outcome };
    for (const slot of project.groupsOf(key)) {
      if (slot.percentage !== 100) return { uniform: false, reason: `its group slot holds ${String(slot.percentage)}% of users` };
    }
    for (const req of requiredOf(feature)) {
      const r = computeRolloutState(project, req.key, visiting);
      if (!r.uniform) return { uniform: false, reason: `required feature "${req.key}" is not fully rolled out` };
      if (!r.outcome.enabled) return { uniform: true, outcome: { enabled: false } };
      if (req.variation !== undefined && r.outcome.variation !== req.variation) return { uniform: true, outcome: { enabled: false } };
    }
    return { uniform: true, outcome };
  } finally {
    visiting.delete(key);
  }
}

function requiredOf(feature: Record<string, unknown>): { key: string; variation?: string }[] {
  if (!Array.isArray(feature.required)) return [];
  return feature.required.flatMap((r) =>
    typeof r === "string"
      ? [{ key: r }]
      : isObject(r) && typeof r.key === "string"
        ? [{ key: r.key, variation: typeof r.variation === "string" ? r.variation : undefined }]
        : [],
  );
}

/** What users get in one environment: the first rule for everyone decides, unless something before it serves differently. */
function environmentOutcome(feature: Record<string, unknown>, env: EnvironmentView, everyone: (s: string) => boolean): Outcome | string {
  if (env.expose?.value === false) return { enabled: false };
  let decided: Outcome | string | undefined;
  const before: (Outcome | string)[] = [];
  for (const rule of env.rules) {
    const o = ruleOutcome(feature, rule);
    if (rule.segments !== undefined && segmentsMatchEveryone(rule.segments.value, everyone)) {
      decided = o;
      break;
    }
    before.push(o);
  }
  // Users no rule matches get the feature disabled.
  const outcome = decided ?? { enabled: false };
  if (typeof outcome === "string") return outcome;
  for (const o of before) {
    if (typeof o === "string") return `a rule before the one for everyone serves ${o}`;
    if (!same(o, outcome)) return `a rule for some users serves ${describeOutcome(o)}, everyone else ${describeOutcome(outcome)}`;
  }
  for (const force of env.force) {
    const f = forceDiffers(force, outcome);
    if (f) return f;
  }
  return outcome;
}

/** What a rule serves to the users it matches, or how they differ. */
function ruleOutcome(feature: Record<string, unknown>, rule: RuleView): Outcome | string {
  if (rule.enabled?.value === false) return { enabled: false };
  const p = rule.percentage?.value;
  if (p === 0) return { enabled: false };
  if (p !== 100) return typeof p === "number" ? `${pct(p)} of users` : "an unknown share of users";
  if (rule.overrides.length > 0) return "variables overridden for some users by the rule";
  const variations = variationViews(feature);
  let variation: string | undefined;
  if (typeof rule.variation?.value === "string") variation = rule.variation.value;
  else if (isObject(rule.variationWeights?.value)) {
    const weights = Object.entries(rule.variationWeights.value as Record<string, unknown>).filter(([, w]) => w !== 0);
    if (weights.length !== 1) return "a split of variations";
    variation = weights[0][0];
  } else if (variations.length > 0) {
    const served = variations.length === 1 ? variations : variations.filter((v) => v.weight?.value !== 0);
    if (served.length !== 1) return "a split of variations";
    variation = String(served[0].value.value);
  }
  if (variation !== undefined) {
    const v = variations.find((x) => x.value.value === variation);
    if (v && v.overrides.length > 0) return `variation "${variation}" with variables overridden for some users`;
  }
  return { enabled: true, variation };
}

/** Why a force makes some users differ from `outcome`, if it does. */
function forceDiffers(force: RuleView, outcome: Outcome): string | undefined {
  const enabled = force.enabled?.value;
  const variation = force.variation?.value;
  if (typeof enabled === "boolean" && enabled !== outcome.enabled) return `a force serves ${enabled ? "enabled" : "disabled"}`;
  if (typeof variation === "string" && outcome.enabled && variation !== outcome.variation) return `a force serves variation "${variation}"`;
  if (force.variables.length > 0) return "a force sets variables for some users";
  return undefined;
}
