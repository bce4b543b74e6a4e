// Evaluation as @featurevisor/sdk 1.x does it (FeaturevisorInstance.evaluateFlag, evaluateVariation,
// evaluateVariable), step by step, so that quirks carry over: a rule's percentage is compared with `<=`
// (so `percentage: 0` still enables bucket 0), a rule's `variation` does not pick the variation whose
// variables are served, and force variables need a matching rule to reach variation variables.

import { conditionsMatch } from "./conditions";
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
  type Evaluator,
  type EvaluatorOptions,
  type FlagOutcome,
  type Reason,
  type ValueOutcome,
} from "./sdkCommon";
import { matchSegments, segmentMatcher, segmentResults, type SegmentResults } from "./segments";
import type { DatafileFeature, DatafileView, VariableOverride } from "./types";

type Context = Record<string, unknown>;

/** The v1 SDK's evaluations over one datafile and one context. */
export class EvaluatorV1 implements Evaluator {
  private readonly flags = new FlagMemo();
  private readonly memo: ContextMemo;
  private readonly segments: SegmentResults;

  constructor(
    private readonly datafile: DatafileView,
    private readonly context: Context,
    options: EvaluatorOptions = {},
  ) {
    // A force entry applies by its conditions if it has any, else by its segments.
    this.segments = segmentResults(context, datafile);
    this.memo = new ContextMemo(
      context,
      datafile,
      this.segments,
      (f) => {
        if (f.conditions) return conditionsMatch(f.conditions, this.context, 1);
        if (f.segments) return matchSegments(segmentMatcher(f.segments), this.segments);
        return false;
      },
      options.bucketValue,
    );
  }

  flag(key: string): FlagOutcome {
    const feature = this.datafile.feature(key);
    if (!feature) return { enabled: undefined, reason: this.datafile.absence(key) };
    return this.flags.get(feature, undefined, this.evaluateFlag);
  }

  private readonly evaluateFlag = (feature: DatafileFeature): FlagOutcome => {
    const forced = this.memo.force(feature);
    if (forced && forced.force.enabled !== undefined) {
      return { enabled: forced.force.enabled, reason: `forced by force #${forced.index + 1}` };
    }
    const unmet = this.unmetRequirement(feature);
    if (unmet) return { enabled: false, reason: unmet };
    const bucket = this.memo.bucket(feature);
    const traffic = this.memo.traffic(feature);
    if (!traffic) return { enabled: false, reason: "no matching rule", bucket };
    if (feature.ranges && feature.ranges.length > 0) {
      const slot = inGroupSlot(feature, bucket);
      return slot
        ? { enabled: true, reason: new BucketReason(BucketVerdict.InsideSlot, traffic, bucket, this.datafile.segmentFacts), bucket }
        : { enabled: false, reason: new BucketReason(BucketVerdict.OutsideSlot, traffic, bucket, this.datafile.segmentFacts), bucket };
    }
    if (bucket <= traffic.percentage) {
      return { enabled: true, reason: new BucketReason(BucketVerdict.Within, traffic, bucket, this.datafile.segmentFacts), bucket };
    }
    return { enabled: false, reason: new BucketReason(BucketVerdict.Beyond, traffic, bucket, this.datafile.segmentFacts), bucket };
  };

  /** Why a required feature stops this one, or undefined when every requirement holds. */
  private unmetRequirement(feature: DatafileFeature): Reason | undefined {
    for (const required of feature.required ?? []) {
      const key = (typeof required === "string" ? required : field(required, "key")) as string;
      const variation = typeof required === "string" ? undefined : field(required, "variation");
      if (this.flag(key).enabled !== true) return () => `required feature "${key}" is disabled`;
      if (variation !== undefined) {
        const actual = this.variation(key).value;
        if (actual !== variation)
          return () => `required feature "${key}" has variation ${JSON.stringify(actual) ?? "none"}, not "${String(variation)}"`;
      }
    }
    return undefined;
  }

  variation(key: string): ValueOutcome {
    try {
      if (this.flag(key).enabled === false) return NOTHING.disabled;
      const feature = this.datafile.feature(key);
      if (!feature) return NOTHING.notFound;
      if (!feature.variations || feature.variations.length === 0) return NOTHING.noVariations;
      const forced = this.memo.force(feature);
      if (forced?.force.variation) {
        const v = findVariation(feature, forced.force.variation);
        if (v) return { value: v.value, reason: "forced" };
      }
      const bucket = this.memo.bucket(feature);
      const traffic = this.memo.traffic(feature);
      if (traffic) {
        const fromRule = traffic.variation ? findVariation(feature, traffic.variation) : undefined;
        if (fromRule)
          return { value: fromRule.value, reason: new BucketReason(BucketVerdict.SetByRule, traffic, bucket, this.datafile.segmentFacts) };
        const allocation = matchAllocation(traffic, bucket);
        const allocated = allocation?.variation ? findVariation(feature, allocation.variation) : undefined;
        if (allocated)
          return { value: allocated.value, reason: new BucketReason(BucketVerdict.Allocated, traffic, bucket, this.datafile.segmentFacts) };
      }
      return { value: undefined, reason: new BucketReason(BucketVerdict.NotAllocated, traffic, bucket, this.datafile.segmentFacts) };
    } catch (error) {
      return { value: undefined, reason: errorReason(error) };
    }
  }

  variable(key: string, variableKey: string): ValueOutcome {
    try {
      if (this.flag(key).enabled === false) return NOTHING.disabledVariable;
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

  /** The value a force, rule or variation gives a variable; undefined when the default applies. */
  private variableValue(feature: DatafileFeature, variableKey: string): ValueOutcome | undefined {
    const forced = this.memo.force(feature);
    const forcedValue = field(forced?.force.variables, variableKey);
    if (forcedValue !== undefined) return { value: forcedValue, reason: "forced" };
    const bucket = this.memo.bucket(feature);
    const traffic = this.memo.traffic(feature);
    if (!traffic) return undefined;
    const fromRule = field(traffic.variables, variableKey);
    if (fromRule !== undefined)
      return { value: fromRule, reason: new BucketReason(BucketVerdict.SetByRule, traffic, bucket, this.datafile.segmentFacts) };
    // The rule's own `variation` is not consulted here (the v1 SDK uses the force's or the allocated one).
    const variationValue = forced?.force.variation || matchAllocation(traffic, bucket)?.variation;
    const variation = variationValue ? findVariation(feature, variationValue) : undefined;
    const item = variation?.variablesV1?.find((v) => v.key === variableKey);
    if (!item) return undefined;
    const override = item.overrides?.find((o) => this.overrideMatches(o));
    if (override) return { value: override.value, reason: `override in variation "${String(variation!.value)}"` };
    if (item.value !== undefined) return { value: item.value, reason: `from variation "${String(variation!.value)}"` };
    return undefined;
  }

  private overrideMatches(o: VariableOverride): boolean {
    if ("conditions" in o) return conditionsMatch(o.conditions, this.context, 1);
    if (o.segments) return matchSegments(segmentMatcher(o.segments), this.segments);
    return false;
  }
}
