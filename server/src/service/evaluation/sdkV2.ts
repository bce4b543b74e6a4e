// Evaluation as @featurevisor/sdk 2.x does it (evaluate() for the types flag, variation, variable), step
// by step: `percentage: 0` disables outright, a disabled feature serves `disabledVariationValue`,
// `disabledValue` or (with `useDefaultWhenDisabled`) the default, and a rule's `variation` also picks
// the variables. Context attributes may be dotted paths.

import { conditionsMatch } from "./conditions";
import { atBucket, percent, ruleLabel } from "./reasons";
import {
  errorReason,
  featureBucket,
  field,
  findVariation,
  inGroupSlot,
  matchAllocation,
  matchTraffic,
  type Evaluator,
  type FlagOutcome,
  type ValueOutcome,
} from "./sdkCommon";
import { segmentsMatch } from "./segments";
import { stringifiedSegments } from "./json";
import { SdkError, type DatafileFeature, type DatafileView, type Force, type Traffic, type VariableOverride } from "./types";

type Context = Record<string, unknown>;

const MAX_REQUIRED_DEPTH = 32;

/**
 * Conditions as the SDK reads them back from a datafile: text other than `"*"` is parsed as JSON.
 * Text that is not JSON makes a force entry unmatched but an override throw, as in the SDK.
 */
function readConditions(conditions: unknown, invalid: "unmatched" | "throw"): { conditions: unknown } | undefined {
  if (typeof conditions !== "string" || conditions === "*") return { conditions };
  try {
    return { conditions: JSON.parse(conditions) };
  } catch {
    if (invalid === "throw") throw new SdkError("conditions are not valid JSON");
    return undefined;
  }
}

/** The v2 SDK's evaluations over one datafile and one context. */
export class EvaluatorV2 implements Evaluator {
  private readonly flags = new Map<string, FlagOutcome>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly datafile: DatafileView,
    private readonly context: Context,
  ) {}

  /** The first force entry whose conditions or (failing those) segments match. */
  private force(feature: DatafileFeature): { force: Force; index: number } | undefined {
    const index = (feature.force ?? []).findIndex(
      (f) =>
        (!!f.conditions && this.conditionsMatch(readConditions(f.conditions, "unmatched"))) ||
        (!!f.segments && segmentsMatch(stringifiedSegments(f.segments), this.context, this.datafile)),
    );
    return index === -1 ? undefined : { force: feature.force![index], index };
  }

  flag(key: string): FlagOutcome {
    const memo = this.flags.get(key);
    if (memo) return memo;
    if (this.inProgress.has(key) || this.inProgress.size > MAX_REQUIRED_DEPTH) {
      return { enabled: undefined, reason: `error: "${key}" requires itself` };
    }
    this.inProgress.add(key);
    let outcome: FlagOutcome;
    try {
      outcome = this.evaluateFlag(key);
    } catch (error) {
      outcome = { enabled: undefined, reason: errorReason(error) };
    } finally {
      this.inProgress.delete(key);
    }
    this.flags.set(key, outcome);
    return outcome;
  }

  private evaluateFlag(key: string): FlagOutcome {
    const feature = this.datafile.feature(key);
    if (!feature) return { enabled: undefined, reason: this.datafile.absence(key) };
    const forced = this.force(feature);
    if (forced && forced.force.enabled !== undefined) {
      return { enabled: forced.force.enabled, reason: `forced by force #${forced.index + 1}` };
    }
    const unmet = this.unmetRequirement(feature);
    if (unmet) return { enabled: false, reason: unmet };
    const bucket = featureBucket(feature, this.context, 2);
    const traffic = matchTraffic(feature, this.context, this.datafile);
    if (!traffic) return { enabled: false, reason: "no matching rule", bucket };
    if (traffic.percentage === 0) return { enabled: false, reason: `${ruleLabel(traffic)} has percentage 0`, bucket };
    if (feature.ranges && feature.ranges.length > 0) {
      const slot = inGroupSlot(feature, bucket);
      const where = `${ruleLabel(traffic)} matched; ${atBucket(bucket)}, ${slot ? "inside" : "outside"} the group slot`;
      return { enabled: slot, reason: where, bucket };
    }
    const within = bucket <= traffic.percentage;
    return {
      enabled: within,
      reason: `${ruleLabel(traffic)} ${atBucket(bucket)} ${within ? "<=" : ">"} ${percent(traffic.percentage)}`,
      bucket,
    };
  }

  /** Why a required feature stops this one, or undefined when every requirement holds. */
  private unmetRequirement(feature: DatafileFeature): string | undefined {
    for (const required of feature.required ?? []) {
      const key = (typeof required === "string" ? required : field(required, "key")) as string;
      const variation = typeof required === "string" ? undefined : field(required, "variation");
      if (!this.flag(key).enabled) return `required feature "${key}" is disabled`;
      if (variation !== undefined) {
        const actual = this.variation(key).value;
        if (actual !== variation)
          return `required feature "${key}" has variation ${JSON.stringify(actual) ?? "none"}, not "${String(variation)}"`;
      }
    }
    return undefined;
  }

  variation(key: string): ValueOutcome {
    try {
      if (this.flag(key).enabled === false) {
        const disabledValue = this.datafile.feature(key)?.disabledVariationValue;
        return disabledValue
          ? { value: disabledValue, reason: "disabled (disabledVariationValue)" }
          : { value: undefined, reason: "disabled" };
      }
      const feature = this.datafile.feature(key);
      if (!feature) return { value: undefined, reason: "not found" };
      if (!feature.variations || feature.variations.length === 0) return { value: undefined, reason: "no variations" };
      const forced = this.force(feature);
      const forcedVariation = forced?.force.variation ? findVariation(feature, forced.force.variation) : undefined;
      if (forcedVariation) return { value: forcedVariation.value, reason: "forced" };
      const bucket = featureBucket(feature, this.context, 2);
      const traffic = matchTraffic(feature, this.context, this.datafile);
      if (traffic) {
        if (traffic.percentage === 0) return { value: undefined, reason: `rule "${String(traffic.key)}" has percentage 0` };
        const fromRule = traffic.variation ? findVariation(feature, traffic.variation) : undefined;
        if (fromRule) return { value: fromRule.value, reason: `set by rule "${String(traffic.key)}"` };
        const allocation = matchAllocation(traffic, bucket);
        const allocated = allocation?.variation ? findVariation(feature, allocation.variation) : undefined;
        if (allocated) return { value: allocated.value, reason: `allocated ${atBucket(bucket)}` };
      }
      return { value: undefined, reason: `no variation allocated ${atBucket(bucket)}` };
    } catch (error) {
      return { value: undefined, reason: errorReason(error) };
    }
  }

  variable(key: string, variableKey: string): ValueOutcome {
    try {
      if (this.flag(key).enabled === false) return this.disabledVariable(key, variableKey);
      const feature = this.datafile.feature(key);
      if (!feature) return { value: undefined, reason: "not found" };
      const schema = feature.variablesSchema.find((v) => v.key === variableKey);
      if (!schema) return { value: undefined, reason: "not declared" };
      const found = this.variableValue(feature, variableKey);
      return found ? { ...found, type: schema.type } : { value: schema.defaultValue, reason: "default", type: schema.type };
    } catch (error) {
      return { value: undefined, reason: errorReason(error) };
    }
  }

  private disabledVariable(key: string, variableKey: string): ValueOutcome {
    const schema = this.datafile.feature(key)?.variablesSchema.find((v) => v.key === variableKey);
    if (schema && schema.disabledValue !== undefined)
      return { value: schema.disabledValue, reason: "disabled (disabledValue)", type: schema.type };
    if (schema?.useDefaultWhenDisabled)
      return { value: schema.defaultValue, reason: "disabled (useDefaultWhenDisabled)", type: schema.type };
    return { value: undefined, reason: "disabled" };
  }

  /** The value a force, rule or variation gives a variable; undefined when the default applies. */
  private variableValue(feature: DatafileFeature, variableKey: string): ValueOutcome | undefined {
    const forced = this.force(feature);
    const forcedValue = field(forced?.force.variables, variableKey);
    if (forcedValue !== undefined) return { value: forcedValue, reason: "forced" };
    const bucket = featureBucket(feature, this.context, 2);
    const traffic = matchTraffic(feature, this.context, this.datafile);
    // Under a rule with percentage 0 (reachable when forced on), the SDK serves no value, not the default.
    if (traffic && traffic.percentage === 0) return { value: undefined, reason: `rule "${String(traffic.key)}" has percentage 0` };
    const fromRule = field(traffic?.variables, variableKey);
    if (fromRule !== undefined) return { value: fromRule, reason: `set by rule "${String(traffic!.key)}"` };
    return this.fromVariation(feature, variableKey, forced?.force, traffic, bucket);
  }

  private fromVariation(
    feature: DatafileFeature,
    variableKey: string,
    force: Force | undefined,
    traffic: Traffic | undefined,
    bucket: number,
  ) {
    const variationValue = force?.variation || traffic?.variation || (traffic && matchAllocation(traffic, bucket)?.variation);
    const variation = variationValue ? findVariation(feature, variationValue) : undefined;
    if (!variation) return undefined;
    const overrides = variation.variableOverrides?.[variableKey];
    const override = overrides ? overrides.find((o) => this.overrideMatches(o)) : undefined;
    if (override) return { value: override.value, reason: `override in variation "${String(variation.value)}"` };
    const value = field(variation.variables, variableKey);
    if (value !== undefined) return { value, reason: `from variation "${String(variation.value)}"` };
    return undefined;
  }

  private conditionsMatch(read: { conditions: unknown } | undefined): boolean {
    return read !== undefined && conditionsMatch(read.conditions, this.context, 2);
  }

  /** The builder stringifies defined override conditions, so even a null is there; only "" is not. */
  private overrideMatches(o: VariableOverride): boolean {
    if ("conditions" in o && o.conditions !== "") return this.conditionsMatch(readConditions(o.conditions, "throw"));
    if (o.segments) return segmentsMatch(o.segments, this.context, this.datafile);
    return false;
  }
}
