// Evaluation as @featurevisor/sdk 2.x does it (evaluate() for the types flag, variation, variable), step
// by step: `percentage: 0` disables outright, a disabled feature serves `disabledVariationValue`,
// `disabledValue` or (with `useDefaultWhenDisabled`) the default, a rule's `variation` also picks the
// variables, and context attributes may be dotted paths.
//
// One quirk shapes this file: when the SDK evaluates a variable, the flag evaluation it runs first (and
// the flag and variation evaluations of required features inside it) still carry the variable's key
// (`evaluate({ ...options, type: "flag" })` in evaluate.ts). So a required feature that does not
// declare that variable counts as disabled, and a matching force with a value for the variable but no
// `enabled` keeps the feature from counting as disabled. `asked` below is that carried variable key.

import { conditionsMatch } from "./conditions";
import { stringifiedSegments } from "./json";
import { BucketReason, BucketVerdict } from "./reasons";
import {
  ContextMemo,
  errorReason,
  NOTHING,
  FlagMemo,
  field,
  findVariation,
  inGroupSlot,
  matchAllocation,
  reasonText,
  type Evaluator,
  type EvaluatorOptions,
  type Reason,
  type StickyFeatures,
  type FlagOutcome,
  type ValueOutcome,
} from "./sdkCommon";
import { matchSegments, segmentMatcher, segmentResults, type SegmentResults } from "./segments";
import { SdkError, type DatafileFeature, type DatafileView, type Force, type Traffic, type VariableOverride } from "./types";

type Context = Record<string, unknown>;

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

function declares(feature: DatafileFeature, variableKey: string): boolean {
  return feature.variablesSchema.some((v) => v.key === variableKey);
}

/** The v2 SDK's evaluations over one datafile and one context. */
export class EvaluatorV2 implements Evaluator {
  private readonly flags = new FlagMemo();
  private readonly memo: ContextMemo;
  private readonly segments: SegmentResults;
  private readonly sticky: StickyFeatures | undefined;

  constructor(
    private readonly datafile: DatafileView,
    private readonly context: Context,
    options: EvaluatorOptions = {},
  ) {
    this.sticky = options.sticky;
    // A force entry applies by its conditions or (failing those) its segments.
    this.segments = segmentResults(context, datafile);
    this.memo = new ContextMemo(
      context,
      datafile,
      this.segments,
      (f) =>
        (!!f.conditions && this.conditionsMatch(readConditions(f.conditions, "unmatched"))) ||
        (!!f.segments && matchSegments(segmentMatcher(stringifiedSegments(f.segments), datafile.sdk === 3), this.segments)),
      options.bucketValue,
    );
  }

  private conditionsMatch(read: { conditions: unknown } | undefined): boolean {
    return read !== undefined && conditionsMatch(read.conditions, this.context, this.datafile.sdk);
  }

  flag(key: string): FlagOutcome {
    return this.flagFor(key, undefined);
  }

  private flagFor(key: string, asked: string | undefined): FlagOutcome {
    // A sticky answer comes first, before the feature is even looked up.
    const sticky = this.sticky?.[key];
    if (sticky && sticky.enabled !== undefined) return { enabled: sticky.enabled, reason: "sticky" };
    const feature = this.datafile.feature(key);
    if (!feature) return { enabled: undefined, reason: this.datafile.absence(key) };
    return this.flags.get(feature, asked, this.evaluateFlag);
  }

  private readonly evaluateFlag = (feature: DatafileFeature, asked: string | undefined): FlagOutcome => {
    const key = feature.key;
    if (asked !== undefined && !declares(feature, asked))
      return { enabled: undefined, reason: `"${key}" does not declare variable "${asked}"` };
    const forced = this.memo.force(feature);
    if (forced && forced.force.enabled !== undefined)
      return { enabled: forced.force.enabled, reason: `forced by force #${forced.index + 1}` };
    if (asked !== undefined && forced && field(forced.force.variables, asked) !== undefined) {
      return { enabled: undefined, reason: `force #${forced.index + 1} sets variable "${asked}"` };
    }
    const unmet = this.unmetRequirement(feature, asked);
    if (unmet) return { enabled: false, reason: unmet };
    const bucket = this.memo.bucket(feature);
    const traffic = this.memo.traffic(feature);
    if (!traffic) return { enabled: false, reason: "no matching rule", bucket };
    if (traffic.percentage === 0)
      return {
        enabled: false,
        reason: new BucketReason(BucketVerdict.PercentageZero, traffic, bucket, this.datafile.segmentFacts),
        bucket,
      };
    if (feature.ranges && feature.ranges.length > 0) {
      const slot = inGroupSlot(feature, bucket);
      return {
        enabled: slot,
        reason: new BucketReason(slot ? BucketVerdict.InsideSlot : BucketVerdict.OutsideSlot, traffic, bucket, this.datafile.segmentFacts),
        bucket,
      };
    }
    const within = bucket <= traffic.percentage;
    return {
      enabled: within,
      reason: new BucketReason(within ? BucketVerdict.Within : BucketVerdict.Beyond, traffic, bucket, this.datafile.segmentFacts),
      bucket,
    };
  };

  /** Why a required feature stops this one, or undefined when every requirement holds. */
  private unmetRequirement(feature: DatafileFeature, asked: string | undefined): Reason | undefined {
    for (const required of feature.required ?? []) {
      const key = (typeof required === "string" ? required : field(required, "key")) as string;
      const variation = typeof required === "string" ? undefined : field(required, "variation");
      const flag = this.flagFor(key, asked);
      // A truthiness check in the SDK: a forced `enabled: "yes"` counts here although isEnabled says false.
      if (!flag.enabled) return () => `required feature "${key}" is disabled (${reasonText(flag.reason)})`;
      if (variation !== undefined) {
        const actual = this.variationFor(key, asked).value;
        if (actual !== variation)
          return () => `required feature "${key}" has variation ${JSON.stringify(actual) ?? "none"}, not "${String(variation)}"`;
      }
    }
    return undefined;
  }

  variation(key: string): ValueOutcome {
    return this.variationFor(key, undefined);
  }

  private variationFor(key: string, asked: string | undefined): ValueOutcome {
    try {
      if (this.flagFor(key, asked).enabled === false) {
        const disabledValue = this.datafile.feature(key)?.disabledVariationValue;
        return disabledValue ? { value: disabledValue, reason: "(disabledVariationValue)" } : NOTHING.disabled;
      }
      const sticky = this.sticky?.[key]?.variation;
      if (sticky !== undefined) return { value: sticky, reason: "sticky" };
      const feature = this.datafile.feature(key);
      if (!feature) return NOTHING.notFound;
      if (asked !== undefined && !declares(feature, asked)) return { value: undefined, reason: `variable "${asked}" not declared` };
      if (!feature.variations || feature.variations.length === 0) return NOTHING.noVariations;
      const forced = this.memo.force(feature);
      const forcedVariation = forced?.force.variation ? findVariation(feature, forced.force.variation) : undefined;
      if (forcedVariation) return { value: forcedVariation.value, reason: "forced" };
      if (asked !== undefined && field(forced?.force.variables, asked) !== undefined)
        return { value: undefined, reason: "forced variable" };
      return this.bucketedVariation(feature);
    } catch (error) {
      return { value: undefined, reason: errorReason(error) };
    }
  }

  private bucketedVariation(feature: DatafileFeature): ValueOutcome {
    const bucket = this.memo.bucket(feature);
    const traffic = this.memo.traffic(feature);
    if (traffic) {
      if (traffic.percentage === 0) return { value: undefined, reason: `rule "${String(traffic.key)}" has percentage 0` };
      const fromRule = traffic.variation ? findVariation(feature, traffic.variation) : undefined;
      if (fromRule)
        return { value: fromRule.value, reason: new BucketReason(BucketVerdict.SetByRule, traffic, bucket, this.datafile.segmentFacts) };
      const allocation = matchAllocation(traffic, bucket);
      const allocated = allocation?.variation ? findVariation(feature, allocation.variation) : undefined;
      if (allocated)
        return { value: allocated.value, reason: new BucketReason(BucketVerdict.Allocated, traffic, bucket, this.datafile.segmentFacts) };
    }
    return { value: undefined, reason: new BucketReason(BucketVerdict.NotAllocated, traffic, bucket, this.datafile.segmentFacts) };
  }

  variable(key: string, variableKey: string): ValueOutcome {
    try {
      // The SDK tests the key for truthiness, so an empty key is never found.
      if (variableKey === "") return NOTHING.notDeclared;
      const flag = this.flagFor(key, variableKey);
      if (flag.enabled === false) return this.disabledVariable(key, variableKey, flag.reason);
      const sticky = field(this.sticky?.[key]?.variables, variableKey);
      if (sticky !== undefined) return { value: sticky, reason: "sticky" };
      const feature = this.datafile.feature(key);
      if (!feature) return NOTHING.notFound;
      const schema = feature.variablesSchema.find((v) => v.key === variableKey);
      if (!schema) return NOTHING.notDeclared;
      const found = this.variableValue(feature, variableKey);
      if (!found) return { value: schema.defaultValue, reason: "default", type: schema.type };
      found.type = schema.type; // A fresh outcome: typed in place.
      return found;
    } catch (error) {
      return { value: undefined, reason: errorReason(error) };
    }
  }

  private disabledVariable(key: string, variableKey: string, why: Reason): ValueOutcome {
    const schema = this.datafile.feature(key)?.variablesSchema.find((v) => v.key === variableKey);
    const disabled = true;
    if (schema && schema.disabledValue !== undefined)
      return { value: schema.disabledValue, reason: () => `disabled (${reasonText(why)}): disabledValue`, type: schema.type, disabled };
    if (schema?.useDefaultWhenDisabled)
      return {
        value: schema.defaultValue,
        reason: () => `disabled (${reasonText(why)}): useDefaultWhenDisabled`,
        type: schema.type,
        disabled,
      };
    return { value: undefined, reason: () => `disabled (${reasonText(why)})`, disabled };
  }

  /** The value a force, rule or variation gives a variable; undefined when the default applies. */
  private variableValue(feature: DatafileFeature, variableKey: string): ValueOutcome | undefined {
    const forced = this.memo.force(feature);
    const forcedValue = field(forced?.force.variables, variableKey);
    if (forcedValue !== undefined) return { value: forcedValue, reason: "forced" };
    const bucket = this.memo.bucket(feature);
    const traffic = this.memo.traffic(feature);
    // Under a rule with percentage 0 (reachable when forced on), the SDK serves no value, not the default.
    if (traffic && traffic.percentage === 0) return { value: undefined, reason: `rule "${String(traffic.key)}" has percentage 0` };
    const ruleOverride = traffic?.variableOverrides?.[variableKey]?.find((o) => this.overrideMatches(o));
    if (ruleOverride) return { value: ruleOverride.value, reason: `override in rule "${String(traffic!.key)}"` };
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

  /** The place of the force entry that applies to a feature for this context: the SDK's `forceIndex`. */
  forceIndex(key: string): number | undefined {
    const feature = this.datafile.feature(key);
    try {
      return feature ? this.memo.force(feature)?.index : undefined;
    } catch {
      return undefined;
    }
  }

  /** The builder stringifies defined override conditions, so even a null is there; only "" is not. */
  private overrideMatches(o: VariableOverride): boolean {
    if ("conditions" in o && o.conditions !== "") return this.conditionsMatch(readConditions(o.conditions, "throw"));
    if (o.segments) return matchSegments(segmentMatcher(o.segments, this.datafile.sdk === 3), this.segments);
    return false;
  }
}
