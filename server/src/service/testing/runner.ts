// Runs Featurevisor test specs with the semantics of the project's own `featurevisor test` (1.11 for v1
// projects, 2.27 for v2, 3.1 for v3), on the evaluation engine: each assertion builds an SDK instance of
// the project's generation over the environment's datafile (the target's, in v3), with its context, its
// bucket value (`at`) and its sticky features, and checks what the assertion expects.
//
// Pure and synchronous: a spec's result depends on the project's files and the builder state given,
// so an editor can rerun one spec (runSpec) when an entity it depends on changes.

import {
  datafileFor,
  environmentProblem,
  evaluateSegment,
  evaluatorOn,
  targetSelection,
  type EvaluationState,
  type Evaluator,
  type TargetSelection,
} from "../evaluation";
import { bucketKey, readPath, readPlain } from "../evaluation/bucketing";
import { jsonValue } from "../evaluation/json";
import { matchTraffic } from "../evaluation/sdkCommon";
import { segmentResults } from "../evaluation/segments";
import { isJsonObject, type DatafileFeature, type DatafileView, type JsonObject } from "../evaluation/types";
import type { Project } from "../project/project";
import { compareVariable } from "./compare";
import { flagEvaluation, variableEvaluation, variationEvaluation, type Bucketing, type SdkEvaluation } from "./evaluations";
import { generationOf, readSpecs, type InvalidSpec, type Spec, type SpecAssertion } from "./specs";

/** What a run needs besides the project. */
export interface TestOptions {
  /** The builder's state in `.featurevisor/` (see loadEvaluationState); without it, allocations of a first build. */
  state?: EvaluationState;
  /** Only the specs of these features (segment specs are left out when given). */
  features?: readonly string[];
  /** v3: only assertions without a target or with one of these (as `featurevisor test --target`). */
  targets?: readonly string[];
}

/** One check of an assertion that failed. */
export interface Failure {
  /** Where in the assertion: `expectedToBeEnabled`, `expectedVariables.color`, `children[0].expectedVariation`, ... */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Set when the check could not be made (a variable the feature does not declare, ...). */
  message?: string;
}

/** The result of one assertion (one matrix combination). */
export interface AssertionResult {
  /** 1-based place of the assertion in the spec's list: the N of "Assertion #N". */
  assertion: number;
  /** The matrix combination, when the assertion has a matrix. */
  combination?: Record<string, unknown>;
  /** 1-based line of the assertion in the spec file. */
  line: number;
  description: string;
  environment: string | null;
  passed: boolean;
  /** What was expected and what came out, by check (`expectedToBeEnabled`, `expectedVariation`, `expectedVariables`, ...). */
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  failures: Failure[];
}

/** The result of one spec file. */
export interface SpecResult {
  /** Path relative to the config's folder. */
  file: string;
  /** Absolute path. */
  path: string;
  set?: string;
  kind: "feature" | "segment" | "invalid";
  /** The feature or segment key ("" for an invalid spec). */
  spec: string;
  /** 1-based line of the `feature:`/`segment:` key. */
  line: number;
  passed: boolean;
  /** Why the spec could not run at all: the feature or segment does not exist, the file is invalid. */
  problem?: string;
  assertions: AssertionResult[];
  /**
   * The entities the spec names directly, as `kind:key` (`feature:checkout`, `segment:nl`, `target:web`),
   * plus `config`. A feature's outcome also depends on its segments, groups and required features:
   * Workspace.featuresAffectedBy maps changed entities to the features to rerun.
   */
  dependencies: string[];
}

/** A whole run. */
export interface TestRun {
  specs: SpecResult[];
  summary: TestSummary;
}

export interface TestSummary {
  specs: number;
  passed: number;
  failed: number;
  assertions: number;
  assertionsPassed: number;
  assertionsFailed: number;
}

/** Counts as `featurevisor test` prints them. */
export function summarizeRun(specs: readonly SpecResult[]): TestSummary {
  let assertions = 0;
  let assertionsPassed = 0;
  for (const s of specs) {
    assertions += s.assertions.length;
    assertionsPassed += s.assertions.filter((a) => a.passed).length;
  }
  const passed = specs.filter((s) => s.passed).length;
  return {
    specs: specs.length,
    passed,
    failed: specs.length - passed,
    assertions,
    assertionsPassed,
    assertionsFailed: assertions - assertionsPassed,
  };
}

/** A datafile with nothing in it: what the tester evaluates against for an environment it did not build. */
function emptyDatafile(sdk: 1 | 2 | 3, why: string): DatafileView {
  return { sdk, feature: () => undefined, absence: () => why, segment: () => undefined };
}

/** Per run: target selections and datafile views, built once. */
class RunContext {
  readonly generation: 1 | 2 | 3;
  private readonly targets = new Map<string, TargetSelection | null>();

  constructor(
    readonly project: Project,
    readonly options: TestOptions,
  ) {
    this.generation = generationOf(project);
  }

  target(key: unknown): TargetSelection | undefined {
    if (typeof key !== "string" || key === "") return undefined;
    let selection = this.targets.get(key);
    if (selection === undefined) {
      const value = jsonValue(this.project.entry("target", key));
      selection = isJsonObject(value) ? targetSelection(key, value) : null;
      this.targets.set(key, selection);
    }
    return selection ?? undefined;
  }

  /** The datafile an assertion is evaluated against. */
  datafile(environment: unknown, target: unknown): DatafileView {
    const envs = this.project.environments;
    const env = typeof environment === "string" && environment !== "" ? environment : undefined;
    if (this.generation === 1) {
      if (env === undefined || environmentProblem(this.project, env)) return emptyDatafile(1, `no environment "${String(environment)}"`);
    } else if (envs === false ? env !== undefined : env === undefined || !envs.includes(env)) {
      return emptyDatafile(this.generation, `no datafile for environment "${String(environment)}"`);
    }
    const selection = this.generation === 3 ? this.target(target) : undefined;
    return datafileFor(this.project, { environment: env, target: selection, state: this.options.state });
  }
}

type Context = Record<string, unknown>;

/** The SDK instance of one assertion (or child): its evaluator, datafile, context and bucketing facts. */
class Instance {
  readonly evaluator: Evaluator;

  constructor(
    readonly run: RunContext,
    readonly datafile: DatafileView,
    readonly context: Context,
    readonly bucketValue: number | undefined,
    sticky: unknown,
  ) {
    const stickyFeatures = run.generation >= 2 && isJsonObject(sticky) ? (sticky as Record<string, JsonObject>) : undefined;
    this.evaluator = evaluatorOn(datafile, context, { bucketValue, sticky: stickyFeatures });
  }

  bucketing(feature: DatafileFeature | undefined): () => Bucketing {
    return () => {
      if (!feature) return { bucketKey: "", bucketValue: NaN, ruleKey: undefined, matched: false };
      const read = this.datafile.sdk === 1 ? readPlain : readPath;
      let key = "";
      try {
        key = bucketKey(feature.key, feature.bucketBy, this.context, read);
      } catch {
        key = "";
      }
      const traffic = (() => {
        try {
          return matchTraffic(feature, segmentResults(this.context, this.datafile));
        } catch {
          return undefined;
        }
      })();
      const value = this.bucketValue ?? (this.evaluator.flag(feature.key).bucket as number);
      return { bucketKey: key, bucketValue: value, ruleKey: traffic?.key, matched: traffic !== undefined };
    };
  }
}

/** `isEnabled`, `getVariation`, `getVariable` as the tester's SDK generation returns them. */
function isEnabled(instance: Instance, featureKey: string): boolean {
  return instance.evaluator.flag(featureKey).enabled === true;
}

function getVariation(instance: Instance, featureKey: string, defaultValue: unknown): unknown {
  const outcome = instance.evaluator.variation(featureKey);
  const generation = instance.run.generation;
  if (generation === 1) return outcome.value;
  // 2.x replaces a missing `variationValue` by the default, even when a variation object was found;
  // 3.x only when there is no variation at all. Sticky and disabled values are `variationValue`s.
  const text = typeof outcome.reason === "string" ? outcome.reason : "";
  const valueField = text === "sticky" || text === "(disabledVariationValue)";
  if (defaultValue) {
    if (generation === 2 && !valueField) return defaultValue;
    if (outcome.value === undefined) return defaultValue;
  }
  return outcome.value === undefined ? null : outcome.value;
}

function getVariable(instance: Instance, featureKey: string, variableKey: string, defaultValue: unknown): unknown {
  const outcome = instance.evaluator.variable(featureKey, variableKey);
  const generation = instance.run.generation;
  let value = outcome.value;
  if (value === undefined && defaultValue) value = defaultValue;
  const none = generation === 1 ? undefined : null;
  if (value === undefined) return none;
  if (outcome.type === "json" && typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return none;
    }
  }
  return value;
}

/** The checks of one assertion or child, with failures recorded under `prefix`. */
function check(
  instance: Instance,
  featureKey: string,
  a: JsonObject,
  prefix: string,
  result: AssertionResult,
  present: (key: string) => boolean,
): void {
  const run = instance.run;
  const fail = (path: string, expected: unknown, actual: unknown, message?: string) =>
    result.failures.push({ path: prefix + path, expected, actual, ...(message !== undefined ? { message } : {}) });
  if (present("expectedToBeEnabled")) {
    const actual = isEnabled(instance, featureKey);
    result.expected[prefix + "expectedToBeEnabled"] = a.expectedToBeEnabled;
    result.actual[prefix + "expectedToBeEnabled"] = actual;
    if (actual !== a.expectedToBeEnabled) fail("expectedToBeEnabled", a.expectedToBeEnabled, actual);
  }
  if (present("expectedVariation")) {
    const actual = getVariation(instance, featureKey, run.generation >= 2 ? a.defaultVariationValue : undefined);
    result.expected[prefix + "expectedVariation"] = a.expectedVariation;
    result.actual[prefix + "expectedVariation"] = actual ?? null;
    if (actual !== a.expectedVariation) fail("expectedVariation", a.expectedVariation, actual);
  }
  if (typeof a.expectedVariables === "object" && a.expectedVariables !== null) {
    const expectedVariables = a.expectedVariables as JsonObject;
    const defaults = run.generation >= 2 && isJsonObject(a.defaultVariableValues) ? a.defaultVariableValues : {};
    const expectedOut: JsonObject = {};
    const actualOut: JsonObject = {};
    for (const variableKey of Object.keys(expectedVariables)) {
      const expected = expectedVariables[variableKey];
      const actual = getVariable(instance, featureKey, variableKey, defaults[variableKey]);
      expectedOut[variableKey] = expected;
      actualOut[variableKey] = actual ?? null;
      // 1.x reads the declaration from the feature file, 2.x and 3.x from the datafile.
      const type =
        run.generation === 1
          ? run.project.feature(featureKey)?.variables.get(variableKey)?.type
          : instance.datafile.feature(featureKey)?.variablesSchema.find((v) => v.key === variableKey)?.type;
      const declared =
        run.generation === 1
          ? run.project.feature(featureKey)?.variables.has(variableKey) === true
          : instance.datafile.feature(featureKey)?.variablesSchema.some((v) => v.key === variableKey) === true;
      if (!declared) {
        fail(`expectedVariables.${variableKey}`, expected, undefined, `schema for variable "${variableKey}" not found in feature`);
        continue;
      }
      const c = compareVariable(type, expected, actual, run.generation);
      if (!c.passed) fail(`expectedVariables.${variableKey}`, c.expected, c.actual, c.error);
    }
    result.expected[prefix + "expectedVariables"] = expectedOut;
    result.actual[prefix + "expectedVariables"] = actualOut;
  }
  if (prefix !== "" && isJsonObject(a.expectedEvaluations)) {
    // The tester asks a child instance for evaluateFlag & co., which it lacks: the real run stops with a TypeError.
    fail(
      "expectedEvaluations",
      a.expectedEvaluations,
      undefined,
      "featurevisor test cannot check expectedEvaluations in children (it stops with an error)",
    );
  } else if (run.generation >= 2 && isJsonObject(a.expectedEvaluations)) {
    const feature = instance.datafile.feature(featureKey);
    const bucketing = instance.bucketing(feature);
    const forceIndex = () => instance.evaluator.forceIndex?.(featureKey);
    const compare = (path: string, evaluation: SdkEvaluation, expected: unknown) => {
      if (!isJsonObject(expected)) return;
      for (const [key, value] of Object.entries(expected)) {
        result.expected[`${prefix}expectedEvaluations.${path}.${key}`] = value;
        result.actual[`${prefix}expectedEvaluations.${path}.${key}`] = publicValue(evaluation[key]);
        if (evaluation[key] !== value) fail(`expectedEvaluations.${path}.${key}`, value, publicValue(evaluation[key]));
      }
    };
    const e = a.expectedEvaluations;
    if (e.flag) compare("flag", flagEvaluation(featureKey, instance.evaluator.flag(featureKey), feature, bucketing), e.flag);
    if (e.variation)
      compare(
        "variation",
        variationEvaluation(featureKey, instance.evaluator.variation(featureKey), feature, bucketing, forceIndex),
        e.variation,
      );
    if (isJsonObject(e.variables)) {
      for (const variableKey of Object.keys(e.variables)) {
        const outcome = instance.evaluator.variable(featureKey, variableKey);
        compare(
          `variables.${variableKey}`,
          variableEvaluation(featureKey, variableKey, outcome, feature, bucketing, forceIndex),
          e.variables[variableKey],
        );
      }
    }
  }
}

/** An SDK object in a report: shown as `[object]`, it equals nothing. */
function publicValue(v: unknown): unknown {
  return typeof v === "object" && v !== null ? "[object]" : v;
}

function runFeatureAssertion(run: RunContext, spec: Spec, sa: SpecAssertion): AssertionResult {
  const a = sa.value;
  const environment = typeof a.environment === "string" ? a.environment : null;
  const result: AssertionResult = {
    assertion: sa.index + 1,
    ...(sa.combination ? { combination: sa.combination } : {}),
    line: sa.line,
    description: sa.description,
    environment,
    passed: true,
    expected: {},
    actual: {},
    failures: [],
  };
  let context: Context = {};
  // 2.x: a scope's context goes under the assertion's (the default run, without --with-scopes).
  if (run.generation === 2 && a.scope) {
    const scoped = run.project.config.scopeContexts?.[String(a.scope)];
    if (scoped && Object.prototype.hasOwnProperty.call(run.project.config.scopeContexts, String(a.scope))) context = { ...scoped };
  }
  if (isJsonObject(a.context)) context = { ...context, ...a.context };
  // 1.x always sets `at * 1000` (NaN without `at`); 2.x and 3.x only when `at` is given.
  const bucketValue = run.generation === 1 || a.at !== undefined ? Number(a.at) * 1000 : undefined;
  const datafile = run.datafile(a.environment, a.target);
  const instance = new Instance(run, datafile, context, bucketValue, a.sticky);
  check(instance, spec.key, a, "", result, (key) => key in a);
  if (run.generation >= 2 && Array.isArray(a.children)) {
    a.children.forEach((child, childIndex) => {
      const c: JsonObject = isJsonObject(child) ? child : {};
      // A child instance's context under the parent's: the tester passes the parent's context on every call.
      const childContext = { ...context, ...(isJsonObject(c.context) ? c.context : {}), ...context };
      const childInstance = new Instance(run, datafile, childContext, bucketValue, a.sticky);
      check(childInstance, spec.key, c, `children[${childIndex}].`, result, (key) => c[key] !== undefined);
    });
  }
  result.passed = result.failures.length === 0;
  return result;
}

function runSegmentAssertion(run: RunContext, spec: Spec, sa: SpecAssertion): AssertionResult {
  const a = sa.value;
  const context = isJsonObject(a.context) ? a.context : {};
  const evaluation = evaluateSegment(run.project, spec.key, context);
  const passed = evaluation.matched === a.expectedToMatch;
  return {
    assertion: sa.index + 1,
    ...(sa.combination ? { combination: sa.combination } : {}),
    line: sa.line,
    description: sa.description,
    environment: null,
    passed,
    expected: { expectedToMatch: a.expectedToMatch },
    actual: { expectedToMatch: evaluation.matched },
    failures: passed ? [] : [{ path: "expectedToMatch", expected: a.expectedToMatch, actual: evaluation.matched }],
  };
}

function dependenciesOf(spec: Spec): string[] {
  const deps = new Set<string>([`${spec.kind}:${spec.key}`, "config"]);
  for (const a of spec.assertions) if (typeof a.value.target === "string") deps.add(`target:${a.value.target}`);
  return [...deps];
}

function invalidResult(spec: InvalidSpec): SpecResult {
  return {
    file: spec.file,
    path: spec.entry.path,
    ...(spec.set !== undefined ? { set: spec.set } : {}),
    kind: "invalid",
    spec: "",
    line: spec.line,
    passed: false,
    problem: spec.problem,
    assertions: [],
    dependencies: ["test:" + spec.entry.key],
  };
}

function runWith(run: RunContext, spec: Spec | InvalidSpec): SpecResult | undefined {
  if (!("kind" in spec)) return invalidResult(spec);
  const { options, project } = run;
  if (options.features && (spec.kind !== "feature" || !options.features.includes(spec.key))) return undefined;
  let assertions = spec.assertions;
  if (spec.kind === "feature" && run.generation === 3 && options.targets) {
    const targets = options.targets;
    assertions = assertions.filter((a) => !a.value.target || targets.includes(String(a.value.target)));
    if (assertions.length === 0) return undefined;
  }
  const base = {
    file: spec.file,
    path: spec.entry.path,
    ...(spec.set !== undefined ? { set: spec.set } : {}),
    kind: spec.kind,
    spec: spec.key,
    line: spec.line,
    dependencies: dependenciesOf(spec),
  };
  if (!project.entry(spec.kind, spec.key)) {
    return { ...base, passed: false, problem: `${spec.kind} "${spec.key}" not found`, assertions: [] };
  }
  const results = assertions.map((a) => (spec.kind === "feature" ? runFeatureAssertion(run, spec, a) : runSegmentAssertion(run, spec, a)));
  return { ...base, passed: results.every((r) => r.passed), assertions: results };
}

/** Runs one spec; undefined when the options leave it out. */
export function runSpec(project: Project, spec: Spec | InvalidSpec, options: TestOptions = {}): SpecResult | undefined {
  return runWith(new RunContext(project, options), spec);
}

/** Runs every spec of the project (one set of a project of sets), sorted by path. */
export function runTests(project: Project, options: TestOptions = {}): TestRun {
  const run = new RunContext(project, options);
  const specs: SpecResult[] = [];
  for (const spec of readSpecs(project)) {
    const result = runWith(run, spec);
    if (result) specs.push(result);
  }
  return { specs, summary: summarizeRun(specs) };
}
