// What an application's Featurevisor SDK would answer for a feature, an environment and a context,
// computed from the project's files: the datafile `featurevisor build` would write, read the way the
// SDK of the project's generation reads it (v1 for v1 projects, v2 for v2 and v3).

import type { Project } from "../project/project";
import { datafileFor } from "./datafile";
import { EvaluatorV1 } from "./sdkV1";
import { EvaluatorV2 } from "./sdkV2";
import type { Evaluator, ValueOutcome } from "./sdkCommon";
import type { EvaluationState } from "./state";

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** The builder's existing state (see loadEvaluationState); without it, allocations are those of a first build. */
  state?: EvaluationState;
  /** Evaluate against the datafile of this tag: features without the tag (or not exposed for it) are absent. */
  tag?: string;
}

/** The SDK's answers for one feature. */
export interface Evaluation {
  feature: string;
  environment: string | null;
  /** `isEnabled`. */
  enabled: boolean;
  /** `getVariation`, null when the SDK returns nothing. */
  variation: string | null;
  /** `getVariable` for each declared variable, null when the SDK returns nothing; json variables parsed. */
  variables: Record<string, unknown>;
  /** Why, in words: "forced by force #1", `rule "nl" (netherlands) at bucket 41.2% <= 50%`, "no matching rule", ... */
  reason: string;
  /** The user's bucket (0 to 99,999) when the evaluation got as far as bucketing. */
  bucket: number | null;
}

/** Why an environment cannot be evaluated in a project, or undefined when it can. */
export function environmentProblem(project: Project, environment: string | undefined): string | undefined {
  const envs = project.environments;
  if (envs === false)
    return environment === undefined ? undefined : `the project has no environments (environments: false), not "${environment}"`;
  if (environment === undefined) return `an environment is needed: ${envs.join(", ")}`;
  return envs.includes(environment) ? undefined : `unknown environment "${environment}" (environments: ${envs.join(", ")})`;
}

function evaluatorFor(
  project: Project,
  environment: string | undefined,
  context: Record<string, unknown>,
  options: EvaluateOptions,
): Evaluator {
  const datafile = datafileFor(project, { environment, tag: options.tag, state: options.state });
  return datafile.sdk === 1 ? new EvaluatorV1(datafile, context) : new EvaluatorV2(datafile, context);
}

/** A variable as `getVariable` returns it: json text parsed, nothing as null. */
function variableResult(outcome: ValueOutcome): unknown {
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

function evaluateWith(evaluator: Evaluator, project: Project, featureKey: string, environment: string | undefined): Evaluation {
  const flag = evaluator.flag(featureKey);
  const variation = evaluator.variation(featureKey);
  const variables: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const key of project.feature(featureKey)?.variables.keys() ?? []) {
    const outcome = evaluator.variable(featureKey, key);
    variables[key] = variableResult(outcome);
    // An enabled feature whose variable evaluation still finds it disabled (the v2 quirk in sdkV2.ts) deserves a word.
    if (flag.enabled === true && outcome.reason.startsWith("disabled")) notes.push(`variable "${key}" ${outcome.reason}`);
  }
  let reason = flag.reason;
  if (variation.value !== undefined) reason += `; variation ${JSON.stringify(variation.value)} ${variation.reason}`;
  for (const note of notes) reason += `; ${note}`;
  return {
    feature: featureKey,
    environment: environment ?? null,
    enabled: flag.enabled === true,
    variation: variation.value === undefined ? null : (variation.value as string),
    variables,
    reason,
    bucket: flag.bucket ?? null,
  };
}

function unevaluated(project: Project, featureKey: string, environment: string | undefined, reason: string): Evaluation {
  const variables: Record<string, unknown> = {};
  for (const key of project.feature(featureKey)?.variables.keys() ?? []) variables[key] = null;
  return { feature: featureKey, environment: environment ?? null, enabled: false, variation: null, variables, reason, bucket: null };
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
  const problem = environmentProblem(project, environment);
  if (problem) return unevaluated(project, featureKey, environment, problem);
  return evaluateWith(evaluatorFor(project, environment, context, options), project, featureKey, environment);
}

/** Evaluates every feature of the project (archived ones included, as disabled), by key. */
export function evaluateAll(
  project: Project,
  environment: string | undefined,
  context: Record<string, unknown>,
  options: EvaluateOptions = {},
): Evaluation[] {
  const keys = [...new Set(project.keys("feature"))].sort();
  const problem = environmentProblem(project, environment);
  if (problem) return keys.map((key) => unevaluated(project, key, environment, problem));
  // One evaluator for all: required features are then evaluated once per context.
  const evaluator = evaluatorFor(project, environment, context, options);
  return keys.map((key) => evaluateWith(evaluator, project, key, environment));
}
