// The rollout panel's data: for one feature, per environment (and, in v3 projects, per target), who
// gets it rule by rule as a bar over the 100,000 buckets (the share each rule enables, the variation
// ranges inside it), the forces, the requirements and the group slots that cap it, its deprecated and
// archived state, and, for a previewed user context, the path that context takes rule by rule.
//
// Numbers come from the evaluation engine: the datafile view `flaglens evaluate` builds (traffic
// percentages, variation allocations, group slot ranges, with the builder's state when given), read
// with the SDK steps' own helpers (inGroupSlot, matchAllocation), and the preview is evaluateFeature's
// answer. Words come from authoring/wording.ts. The editor only draws this model.

import {
  environmentInWords,
  environmentName,
  forceInWords,
  pct,
  rulesInWords,
  segmentFacts,
  whoInWords,
  type SegmentFacts,
} from "./authoring/wording";
import { datafileFor, evaluateFeature, evaluatorFor, targetSelection, type EvaluationState, type TargetSelection } from "./evaluation";
import { formatBucket } from "./evaluation/bucketing";
import { groupRanges } from "./evaluation/groups";
import { findVariation, inGroupSlot, matchAllocation } from "./evaluation/sdkCommon";
import { matchSegments, segmentResults } from "./evaluation/segments";
import { MAX_BUCKET, SdkError, type DatafileFeature, type DatafileView, type Force, type Traffic } from "./evaluation/types";
import { featureEnvironments, isObject, requiredViews, variationViews, type EnvironmentView, type RuleView } from "./project/featureView";
import type { Project } from "./project/project";
import type { ProjectFormat } from "./types";

/** A piece of a rule's bar: a range of buckets, as percentages of all users (0 to 100). */
export interface RolloutBarPart {
  from: number;
  to: number;
  /** Whether a user whose bucket is in this range gets the feature when the rule matches. */
  enabled: boolean;
  /** The variation those users get (features with variations). */
  variation?: string;
}

/** Where a previewed context went at one rule. */
export interface RolloutRuleStep {
  /** `skipped`: its segments do not match; `matched`: the first rule that matches; `not-reached`: decided before it. */
  step: "skipped" | "matched" | "not-reached" | "error";
  words: string;
}

/** One rule of one datafile. */
export interface RolloutRule {
  index: number;
  key?: string;
  /** wording.ts: "50% of netherlands", "everyone else", "never applies: everyone matched above". */
  who: string;
  /** wording.ts: "→ treatment", "control 80% / treatment 20%". */
  serves?: string;
  /** The segments in words, without the share ("netherlands", "everyone"). */
  segments?: string;
  /** The percentage of the users the rule matches who get the feature (the datafile's, or the group slot's). */
  share: number;
  parts: RolloutBarPart[];
  /** The variation split of the users the rule enables, each as a percentage of them. */
  split: { variation: string; share: number }[];
  /** The share is set by a mutually exclusive group's slot. */
  grouped?: boolean;
  unreachable?: boolean;
  incomplete?: boolean;
  catchAll: boolean;
  /** The whole rule in words, for screen readers. */
  label: string;
  path?: RolloutRuleStep;
}

export interface RolloutForce {
  index: number;
  /** wording.ts: "qa → treatment". */
  words: string;
  /** With a preview: whether this force applies to the context. */
  applies?: boolean;
}

export interface RolloutRequirement {
  key: string;
  variation?: string;
  /** The required feature's rollout in the same environment, in words (or why there is none). */
  words: string;
  /** With a preview: whether the context meets it. */
  met?: boolean;
}

/** What a previewed context gets from one datafile. */
export interface RolloutPreview {
  enabled: boolean;
  variation: string | null;
  variables: Record<string, unknown>;
  /** The bucket, as a percentage (0 to 100), when the evaluation got as far as bucketing. */
  bucket: number | null;
  /** evaluateFeature's reason. */
  reason: string;
  /** The place (0-based) of the force that applies, if one does. */
  force?: number;
}

/** One datafile: an environment's, or a v3 target's in that environment. */
export interface RolloutView {
  /** The environment key; null for a project without environments. */
  environment: string | null;
  /** wording.ts: the environment's name ("all environments" without environments). */
  name: string;
  target?: string;
  /** wording.ts: who gets it, in one line. */
  summary: string;
  /** Why the datafile does not carry the feature (archived, not exposed, not in the target). */
  absent?: string;
  rules: RolloutRule[];
  forces: RolloutForce[];
  requirements: RolloutRequirement[];
  preview?: RolloutPreview;
  /** What changed in this datafile against the compared git revision (flaglens/rolloutChanges), if anything. */
  change?: RolloutViewChange;
}

/** A datafile's change against the compared revision: the change in words and the datafile as it was. */
export interface RolloutViewChange {
  /** The revision compared with ("HEAD", a branch). */
  base: string;
  /** The change in a few words, as its code lens says it. */
  summary: string;
  /** Each changed rule in words, with the share of its users whose answer changes (format.ts's ruleWords). */
  details: string[];
  /** The entity that caused it when not the feature's own file: "segment netherlands". */
  cause?: string;
  /** The risk notes about it, each as `severity code`: "warning exposure-jump". */
  risks: string[];
  /** The datafile at the base revision; absent when the feature was not there. */
  before?: RolloutView;
}

export interface RolloutEnvironment extends RolloutView {
  /** v3: the datafiles of the project's targets in this environment. */
  targets: RolloutView[];
}

export interface RolloutGroup {
  key: string;
  file: string;
  /** 1-based. */
  slot: number;
  slots: number;
  /** The slot's share of all users, and its bucket ranges as percentages. */
  share: number;
  ranges: [number, number][];
  /** The other features of the group (mutually exclusive with this one). */
  others: string[];
}

export interface RolloutModel {
  feature: string;
  project: string;
  set?: string;
  format: ProjectFormat;
  /** The feature file. */
  file: string;
  description?: string;
  archived: boolean;
  deprecated: boolean;
  variations: { value: string; weight?: number }[];
  groups: RolloutGroup[];
  environments: RolloutEnvironment[];
  /** The previewed context's name. */
  preview?: string;
}

/** What the model is computed with: the builder's state, and a context to preview. */
export interface RolloutOptions {
  state?: EvaluationState;
  preview?: { name: string; context: Record<string, unknown> };
}

const percentOf = (buckets: number) => Math.round((buckets / MAX_BUCKET) * 100 * 1000) / 1000;

/** The bar of one rule: the bucket ranges it enables and the variation of each, as the SDK step reads them. */
function barOf(feature: DatafileFeature, traffic: Traffic, sdk: 1 | 2 | 3): RolloutBarPart[] {
  const grouped = (feature.ranges ?? []).length > 0;
  const cuts = new Set<number>([0, MAX_BUCKET]);
  const add = (n: unknown) => {
    if (typeof n === "number" && Number.isFinite(n)) cuts.add(Math.min(MAX_BUCKET, Math.max(0, n)));
  };
  if (grouped) for (const r of feature.ranges!) r.forEach(add);
  else add(traffic.percentage);
  for (const a of traffic.allocation ?? []) if (Array.isArray(a.range)) a.range.forEach(add);
  const points = [...cuts].sort((a, b) => a - b);
  const withVariations = Array.isArray(feature.variations) && feature.variations.length > 0;
  const parts: RolloutBarPart[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const mid = (a + b) / 2;
    // The flag step: a grouped feature is enabled in its slot, any other up to the rule's percentage (0: nobody, from 2.x on).
    const enabled = sdk >= 2 && traffic.percentage === 0 ? false : grouped ? inGroupSlot(feature, mid) : mid <= traffic.percentage;
    let variation: string | undefined;
    if (enabled && withVariations) {
      const fromRule = traffic.variation ? findVariation(feature, traffic.variation) : undefined;
      const value = fromRule ? fromRule.value : matchAllocation(traffic, mid)?.variation;
      if (value !== undefined && findVariation(feature, value)) variation = String(value);
    }
    const last = parts[parts.length - 1];
    if (last && last.enabled === enabled && last.variation === variation) last.to = percentOf(b);
    else parts.push({ from: percentOf(a), to: percentOf(b), enabled, ...(variation !== undefined ? { variation } : {}) });
  }
  return parts;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Segments as a datafile may carry them (JSON text), as written. */
function parsedSegments(segments: unknown): unknown {
  if (typeof segments === "string" && /^[[{]/.test(segments)) {
    try {
      return JSON.parse(segments);
    } catch {
      // Left as written.
    }
  }
  return segments;
}

/** A force as the wording reads it, from a datafile (a target's, which its context may have settled). */
function forceRuleView(force: Force): RuleView {
  const at = (value: unknown) => (value === undefined ? undefined : { value, path: [] });
  return {
    path: [],
    segments: at(force.segments === undefined ? undefined : parsedSegments(force.segments)),
    conditions: at(force.conditions),
    enabled: at(force.enabled),
    variation: at(force.variation),
    variables: [],
    overrides: [],
  };
}

/** A rule as the wording reads it, from a datafile's traffic (a target's rules, which its context may have settled). */
function trafficRuleView(traffic: Traffic): RuleView {
  const segments = parsedSegments(traffic.segments);
  const at = (value: unknown) => ({ value, path: [] });
  return {
    path: [],
    key: at(traffic.key),
    segments: at(segments),
    percentage: at(traffic.percentage / 1000),
    variation: traffic.variation !== undefined ? at(traffic.variation) : undefined,
    variationWeights: traffic.variationWeights !== undefined ? at(traffic.variationWeights) : undefined,
    variables: [],
    overrides: [],
  };
}

interface ViewInput {
  project: Project;
  key: string;
  environment: string | undefined;
  env: EnvironmentView;
  target?: TargetSelection;
  options: RolloutOptions;
  facts: SegmentFacts;
  requirements: RolloutRequirement[];
}

function buildView(input: ViewInput): RolloutView {
  const { project, key, environment, env, target, options, facts } = input;
  const datafile: DatafileView = datafileFor(project, { environment, target, state: options.state });
  const feature = datafile.feature(key);
  const view: RolloutView = {
    environment: environment ?? null,
    name: environmentName(env),
    ...(target ? { target: target.key } : {}),
    summary: environmentInWords(env, facts),
    rules: [],
    forces: [],
    requirements: input.requirements.map((r) => ({ ...r })),
  };
  if (!feature) {
    view.absent = datafile.absence(key);
    return view;
  }
  // The file's rules match the datafile's traffic one to one; a target's context may have settled or dropped some.
  const ruleViews = target?.context ? feature.traffic.map(trafficRuleView) : env.rules;
  if (target?.context) view.summary = environmentInWords({ ...env, rules: ruleViews }, facts);
  const words = rulesInWords(ruleViews, facts);
  const grouped = (feature.ranges ?? []).length > 0;
  feature.traffic.forEach((traffic, index) => {
    const w = words[index] ?? { who: "incomplete rule", incomplete: true, catchAll: false };
    const parts = barOf(feature, traffic, datafile.sdk);
    const enabledWidth = parts.filter((p) => p.enabled).reduce((sum, p) => sum + (p.to - p.from), 0);
    const byVariation = new Map<string, number>();
    for (const p of parts)
      if (p.enabled && p.variation !== undefined) byVariation.set(p.variation, (byVariation.get(p.variation) ?? 0) + p.to - p.from);
    const split = [...byVariation].map(([variation, width]) => ({
      variation,
      share: enabledWidth > 0 ? round((width / enabledWidth) * 100) : 0,
    }));
    // A percentage not (yet) a number from 0 to 100 enables nobody, as the SDK's comparison does.
    const scaled = Number.isFinite(traffic.percentage) ? traffic.percentage / 1000 : 0;
    const share = grouped ? round(enabledWidth) : round(Math.max(0, Math.min(100, scaled)));
    const segments = whoInWords(ruleViews[index]?.segments?.value, facts);
    const ruleKey = typeof traffic.key === "string" ? traffic.key : undefined;
    const label = [
      `Rule ${ruleKey ?? index + 1}: ${w.who}`,
      ...(w.serves
        ? [`serves ${w.serves.replace(/^→ /, "")}`]
        : split.length > 1
          ? [`split ${split.map((s) => `${s.variation} ${pct(s.share)}`).join(" / ")}`]
          : []),
      ...(grouped ? [`${pct(share)} of its users, set by the group slot`] : []),
    ].join("; ");
    view.rules.push({
      index,
      ...(ruleKey !== undefined ? { key: ruleKey } : {}),
      who: w.who,
      ...(w.serves ? { serves: w.serves } : {}),
      ...(segments !== undefined ? { segments } : {}),
      share,
      parts,
      split,
      ...(grouped ? { grouped: true } : {}),
      ...(w.unreachable ? { unreachable: true } : {}),
      ...(w.incomplete ? { incomplete: true } : {}),
      catchAll: w.catchAll,
      label,
    });
  });
  const forceViews = target?.context ? (feature.force ?? []).map(forceRuleView) : env.force;
  forceViews.forEach((f, index) => {
    const words = forceInWords(f, facts);
    if (words !== undefined) view.forces.push({ index, words });
  });
  if (options.preview) previewPath(view, input, datafile, feature);
  return view;
}

/** The path of the previewed context through one datafile: force, requirements, each rule, the result. */
function previewPath(view: RolloutView, input: ViewInput, datafile: DatafileView, feature: DatafileFeature): void {
  const { project, key, environment, target, options } = input;
  const context = options.preview!.context;
  const evaluation = evaluateFeature(project, key, environment, context, { state: options.state, target });
  const evaluator = evaluatorFor(project, environment, context, { state: options.state, target });
  const force = evaluator.forceIndex?.(key);
  view.preview = {
    enabled: evaluation.enabled,
    variation: evaluation.variation,
    variables: evaluation.variables,
    bucket: evaluation.bucket === null ? null : evaluation.bucket / 1000,
    reason: evaluation.reason,
    ...(force !== undefined ? { force } : {}),
  };
  for (const f of view.forces) f.applies = f.index === force;
  for (const r of view.requirements) {
    const required = evaluateFeature(project, r.key, environment, context, { state: options.state, target });
    r.met = required.enabled && (r.variation === undefined || required.variation === r.variation);
  }
  // Decided before the rules (a force, a requirement, an error): no bucket.
  if (evaluation.bucket === null) {
    for (const rule of view.rules) rule.path = { step: "not-reached", words: `not reached: ${evaluation.reason}` };
    return;
  }
  const segments = segmentResults(context, datafile);
  let matched = false;
  view.rules.forEach((rule, i) => {
    if (matched) {
      rule.path = { step: "not-reached", words: "not reached: a rule above matched" };
      return;
    }
    let matches: boolean;
    try {
      matches = matchSegments(feature.trafficSegments[i], segments);
    } catch (error) {
      rule.path = { step: "error", words: `error: ${error instanceof SdkError ? error.message : String(error)}` };
      matched = true;
      return;
    }
    if (!matches) {
      rule.path = { step: "skipped", words: `skipped: not ${rule.segments ?? "its segments"}` };
      return;
    }
    matched = true;
    const bucket = evaluation.bucket!;
    const traffic = feature.traffic[i];
    const outcome = evaluation.enabled ? "enabled" : "disabled";
    const served = evaluation.variation ? `, variation ${evaluation.variation}` : "";
    const where = rule.grouped
      ? `bucket ${formatBucket(bucket)} ${inGroupSlot(feature, bucket) ? "inside" : "outside"} the group slot`
      : traffic.percentage === 0
        ? "percentage 0"
        : `bucket ${formatBucket(bucket)} ${bucket <= traffic.percentage ? "≤" : ">"} ${pct(traffic.percentage / 1000)}`;
    rule.path = { step: "matched", words: `matched: ${where} → ${outcome}${served}` };
  });
}

/** The rollout panel's model of a feature; undefined when the project has no such feature. */
export function rolloutModel(project: Project, key: string, options: RolloutOptions = {}): RolloutModel | undefined {
  const info = project.feature(key);
  if (!info) return undefined;
  const value = info.entry.doc?.value;
  const facts = segmentFacts(project);
  const views = featureEnvironments(project, key);
  const environments: (string | undefined)[] = project.environments === false ? [undefined] : project.environments;
  const targets =
    project.format === "v3"
      ? [...new Set(project.keys("target"))].sort().map((t) => targetSelection(t, project.entry("target", t)?.doc?.value))
      : [];
  const required = requiredViews(value).filter((r) => typeof r.key.value === "string");
  const out: RolloutEnvironment[] = environments.map((environment) => {
    const env: EnvironmentView = views.find((v) => v.env === (environment ?? "")) ?? {
      env: environment ?? "",
      envPath: undefined,
      rules: [],
      rulesPath: undefined,
      force: [],
      expose: undefined,
    };
    const requirements = required.map((r): RolloutRequirement => {
      const reqKey = r.key.value as string;
      const variation = typeof r.variation?.value === "string" ? r.variation.value : undefined;
      const theirs = project.feature(reqKey) ? featureEnvironments(project, reqKey).find((v) => v.env === (environment ?? "")) : undefined;
      const words = !project.feature(reqKey)
        ? "not defined in the project"
        : theirs
          ? environmentInWords(theirs, facts)
          : "nobody (no rules)";
      return { key: reqKey, ...(variation !== undefined ? { variation } : {}), words };
    });
    const input = { project, key, environment, env, options, facts, requirements };
    return {
      ...buildView(input),
      targets: targets.map((target) => buildView({ ...input, target })),
    };
  });
  const ranges = groupRanges(project).get(key) ?? [];
  const groups: RolloutGroup[] = project.groupsOf(key).map((ref) => {
    const v = ref.group.doc?.value;
    const slots = isObject(v) && Array.isArray(v.slots) ? v.slots : [];
    const others = slots
      .map((s) => (isObject(s) && typeof s.feature === "string" ? s.feature : undefined))
      .filter((f): f is string => f !== undefined && f !== key);
    return {
      key: ref.group.key,
      file: ref.group.path,
      slot: ref.slotIndex + 1,
      slots: slots.length,
      share: typeof ref.percentage === "number" ? ref.percentage : 0,
      ranges: ranges.map(([a, b]) => [percentOf(a), percentOf(b)]),
      others: [...new Set(others)],
    };
  });
  const variations = variationViews(value).flatMap((v) =>
    typeof v.value.value === "string"
      ? [{ value: v.value.value, ...(typeof v.weight?.value === "number" ? { weight: v.weight.value } : {}) }]
      : [],
  );
  return {
    feature: key,
    project: project.root,
    ...(project.set !== undefined ? { set: project.set } : {}),
    format: project.format,
    file: info.entry.path,
    ...(info.description !== undefined ? { description: info.description } : {}),
    archived: info.archived,
    deprecated: info.deprecated,
    variations,
    groups,
    environments: out,
    ...(options.preview ? { preview: options.preview.name } : {}),
  };
}
