// What an application's Featurevisor SDK would answer for a feature, an environment and a context,
// computed from the project's files: the datafile `featurevisor build` would write, read the way the
// SDK of the project's generation reads it (v1 for v1 projects, v2 for v2 and v3).

import type { Project } from "../project/project";
import { datafileFor } from "./datafile";
import { EvaluatorV1 } from "./sdkV1";
import { EvaluatorV2 } from "./sdkV2";
import { reasonText, type Evaluator, type EvaluatorOptions, type Reason, type StickyFeatures, type ValueOutcome } from "./sdkCommon";
import { SdkError, type DatafileView } from "./types";
import { conditionsMatch } from "./conditions";
import type { EvaluationState } from "./state";
import type { TargetSelection } from "./target";

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** The builder's existing state (see loadEvaluationState); without it, allocations are those of a first build. */
  state?: EvaluationState;
  /** Evaluate against the datafile of this tag: features without the tag (or not exposed for it) are absent. */
  tag?: string;
  /** Evaluate against the datafile of this v3 target (see targetSelection): its features, its build-time context settled. */
  target?: TargetSelection;
  /** A bucket value (0 to 100,000) that replaces every feature's, as a test assertion's `at` does (`at` times 1,000). */
  bucketValue?: number;
  /** Sticky answers by feature (2.x and 3.x SDKs; the 1.x tester gives none). */
  sticky?: StickyFeatures;
}

/** The SDK's answers for one feature. */
export interface Evaluation {
  readonly feature: string;
  readonly environment: string | null;
  /** `isEnabled`. */
  readonly enabled: boolean;
  /** `getVariation`, null when the SDK returns nothing. */
  readonly variation: string | null;
  /** `getVariable` for each declared variable, null when the SDK returns nothing; json variables parsed. */
  readonly variables: Record<string, unknown>;
  /** Why, in words: "forced by force #1", `rule "nl" (netherlands) at bucket 41.2% <= 50%`, "no matching rule", ... */
  readonly reason: string;
  /** The user's bucket (0 to 99,999) when the evaluation got as far as bucketing. */
  readonly bucket: number | null;
}

/**
 * An evaluation whose reason is written on first read (see Reason in sdkCommon.ts); JSON.stringify
 * gives all the fields, the reason included.
 */
class EvaluationResult implements Evaluation {
  private text: string | undefined;

  constructor(
    readonly feature: string,
    readonly environment: string | null,
    readonly enabled: boolean,
    readonly variation: string | null,
    readonly variables: Record<string, unknown>,
    readonly bucket: number | null,
    /** What the reason is made of: the flag's, the variation's (when the SDK returns one), notes about variables. */
    private readonly flagReason: Reason,
    private readonly variationOutcome?: ValueOutcome,
    private readonly notes?: [string, Reason][],
  ) {}

  get reason(): string {
    if (this.text === undefined) {
      const { flagReason, variationOutcome: variation, notes } = this;
      let text = reasonText(flagReason);
      if (variation) text += `; variation ${JSON.stringify(variation.value)} ${reasonText(variation.reason)}`;
      for (const [key, reason] of notes ?? []) text += `; variable "${key}" ${reasonText(reason)}`;
      this.text = text;
    }
    return this.text;
  }

  toJSON(): Omit<Evaluation, never> {
    const { feature, environment, enabled, variation, variables, reason, bucket } = this;
    return { feature, environment, enabled, variation, variables, reason, bucket };
  }
}

/** Why an environment cannot be evaluated in a project, or undefined when it can. */
export function environmentProblem(project: Project, environment: string | undefined): string | undefined {
  const envs = project.environments;
  if (envs === false)
    return environment === undefined ? undefined : `the project has no environments (environments: false), not "${environment}"`;
  if (environment === undefined) return `an environment is needed: ${envs.join(", ")}`;
  return envs.includes(environment) ? undefined : `unknown environment "${environment}" (environments: ${envs.join(", ")})`;
}

/** The SDK of the project's generation over the requested datafile, for one context: flag, variation, variable. */
export function evaluatorFor(
  project: Project,
  environment: string | undefined,
  context: Record<string, unknown>,
  options: EvaluateOptions,
): Evaluator {
  const datafile = datafileFor(project, { environment, tag: options.tag, target: options.target, state: options.state });
  return evaluatorOn(datafile, context, { bucketValue: options.bucketValue, sticky: options.sticky });
}

/** The SDK of the datafile's generation over a datafile view, for one context. */
export function evaluatorOn(datafile: DatafileView, context: Record<string, unknown>, options: EvaluatorOptions = {}): Evaluator {
  return datafile.sdk === 1 ? new EvaluatorV1(datafile, context, options) : new EvaluatorV2(datafile, context, options);
}

/** A variable as `getVariable` returns it: json text parsed, nothing as null. */
export function variableResult(outcome: ValueOutcome): unknown {
  if (outcome.value === undefined) return null;
  if (outcome.type === "json" && typeof outcome.value === "string") {
    try {
      return JSON.parse(outcome.value);
    } catch {
      return null; // getVariable catches the parse error and returns nothing.
    }
  }
  return outcome.value;
}

/** A project's feature keys, sorted, and each feature's variable keys. */
interface FeatureList {
  generation: number;
  keys: string[];
  variables: Map<string, string[]>;
}

const featureLists = new WeakMap<Project, FeatureList>();

/** The features of a project, worked out once per change of the project. */
function featureList(project: Project): FeatureList {
  let list = featureLists.get(project);
  if (list && list.generation === project.generation) return list;
  const keys = [...new Set(project.keys("feature"))].sort();
  const variables = new Map(keys.map((key) => [key, [...(project.feature(key)?.variables.keys() ?? [])]]));
  featureLists.set(project, (list = { generation: project.generation, keys, variables }));
  return list;
}

function evaluateWith(
  evaluator: Evaluator,
  featureKey: string,
  variableKeys: readonly string[],
  environment: string | undefined,
): Evaluation {
  const flag = evaluator.flag(featureKey);
  const variation = evaluator.variation(featureKey);
  const variables: Record<string, unknown> = {};
  let notes: [string, Reason][] | undefined;
  for (const key of variableKeys) {
    const outcome = evaluator.variable(featureKey, key);
    variables[key] = variableResult(outcome);
    // An enabled feature whose variable evaluation still finds it disabled (the v2 quirk in sdkV2.ts) deserves a word.
    if (flag.enabled === true && outcome.disabled) (notes ??= []).push([key, outcome.reason]);
  }
  const served = variation.value === undefined ? undefined : variation;
  const value = served ? (served.value as string) : null;
  return new EvaluationResult(
    featureKey,
    environment ?? null,
    flag.enabled === true,
    value,
    variables,
    flag.bucket ?? null,
    flag.reason,
    served,
    notes,
  );
}

function unevaluated(featureKey: string, variableKeys: readonly string[], environment: string | undefined, reason: string): Evaluation {
  const variables: Record<string, unknown> = {};
  for (const key of variableKeys) variables[key] = null;
  return new EvaluationResult(featureKey, environment ?? null, false, null, variables, null, reason);
}

/**
 * Evaluates one feature for a context in an environment (undefined for a project without environments).
 * Never throws: an unknown environment or feature comes back disabled, with the reason.
 */
export function evaluateFeature(
  project: Project,
  featureKey: string,
  environment: string | undefined,
  context: Record<string, unknown>,
  options: EvaluateOptions = {},
): Evaluation {
  const variableKeys = [...(project.feature(featureKey)?.variables.keys() ?? [])];
  const problem = environmentProblem(project, environment);
  if (problem) return unevaluated(featureKey, variableKeys, environment, problem);
  return evaluateWith(evaluatorFor(project, environment, context, options), featureKey, variableKeys, environment);
}

/**
 * Evaluates every feature of the project (archived ones included, as disabled), sorted by key; or,
 * with `features`, those features in that order. One evaluator serves them all, so a required
 * feature is evaluated once per context.
 */
export function evaluateAll(
  project: Project,
  environment: string | undefined,
  context: Record<string, unknown>,
  options: EvaluateOptions & { features?: readonly string[] } = {},
): Evaluation[] {
  const list = featureList(project);
  const keys = options.features ?? list.keys;
  const variablesOf = (key: string) => list.variables.get(key) ?? [];
  const problem = environmentProblem(project, environment);
  if (problem) return keys.map((key) => unevaluated(key, variablesOf(key), environment, problem));
  const evaluator = evaluatorFor(project, environment, context, options);
  return keys.map((key) => evaluateWith(evaluator, key, variablesOf(key), environment));
}

/** Whether a segment matches a context, as `featurevisor test` checks a segment spec. */
export interface SegmentEvaluation {
  readonly segment: string;
  /** False too when the segment does not exist (then `found` is false). */
  readonly matched: boolean;
  readonly found: boolean;
  readonly reason: string;
}

/**
 * Evaluates a segment's conditions for a context with the SDK of the project's generation. The
 * segment is read from its file as the tester reads it (archived or not; no datafile involved).
 * Never throws: a condition the SDK would throw on makes the segment unmatched, with the reason.
 */
export function evaluateSegment(project: Project, segmentKey: string, context: Record<string, unknown>): SegmentEvaluation {
  const entry = project.entry("segment", segmentKey);
  if (!entry) return { segment: segmentKey, matched: false, found: false, reason: `no segment "${segmentKey}"` };
  const value = entry.doc?.value;
  const conditions =
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).conditions : undefined;
  const sdk = project.format === "v1" ? 1 : project.format === "v2" ? 2 : 3;
  try {
    const matched = conditionsMatch(conditions, context, sdk);
    return { segment: segmentKey, matched, found: true, reason: matched ? "its conditions match" : "its conditions do not match" };
  } catch (error) {
    if (!(error instanceof SdkError)) throw error;
    return { segment: segmentKey, matched: false, found: true, reason: `error: ${error.message}` };
  }
}
