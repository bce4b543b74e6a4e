// The evaluation objects of the 2.x and 3.x SDKs (`evaluateFlag`, `evaluateVariation`, `evaluateVariable`),
// as far as `expectedEvaluations` can compare them: the tester compares each expected key with `!==`, so
// only plain values can ever match (reason, ruleKey, bucketKey, bucketValue, enabled, forceIndex,
// variationValue, variableKey, variableValue, featureKey, type, variableOverrideIndex). Objects the SDK
// puts there (traffic, force, variation, variableSchema, error) are represented by OPAQUE, which equals
// nothing, as an object from the SDK equals no expectation written in YAML.
//
// Built from the engine's outcomes: the engine's reasons say which step of the SDK decided, and the
// values (bucket, matched rule) come from the same per-context memos.

import { BucketReason, BucketVerdict } from "../evaluation/reasons";
import { reasonText, type FlagOutcome, type ValueOutcome } from "../evaluation/sdkCommon";
import type { DatafileFeature } from "../evaluation/types";

/** Stands for an object of the SDK's evaluation: never equal to an expectation. */
export const OPAQUE: unknown = Object.freeze({ object: true });

export type SdkEvaluation = Record<string, unknown>;

/** What the bucketing step knows: the key, the value, the rule matched (undefined when none). */
export interface Bucketing {
  bucketKey: string;
  bucketValue: number;
  ruleKey: unknown;
  matched: boolean;
}

function quoted(text: string, prefix: string): string | undefined {
  if (!text.startsWith(prefix)) return undefined;
  const rest = text.slice(prefix.length);
  const end = rest.lastIndexOf('"');
  return end >= 0 ? rest.slice(0, end) : undefined;
}

/** The flag evaluation. */
export function flagEvaluation(
  featureKey: string,
  outcome: FlagOutcome,
  feature: DatafileFeature | undefined,
  bucketing: () => Bucketing,
): SdkEvaluation {
  const base = { type: "flag", featureKey };
  const reason = outcome.reason;
  if (reason instanceof BucketReason) {
    const b = bucketing();
    const bucket = { bucketKey: b.bucketKey, bucketValue: b.bucketValue };
    const rule = { ...bucket, ruleKey: reason.traffic?.key, traffic: OPAQUE };
    switch (reason.verdict) {
      case BucketVerdict.PercentageZero:
        return { ...base, reason: "rule", ...rule, enabled: false };
      case BucketVerdict.InsideSlot:
        return { ...base, reason: "allocated", ...rule, enabled: true };
      case BucketVerdict.OutsideSlot:
        return { ...base, reason: "out_of_range", ...bucket, enabled: false };
      case BucketVerdict.Within:
        return { ...base, reason: "rule", ...rule, enabled: true };
      default:
        return { ...base, reason: "no_match", ...bucket, enabled: false };
    }
  }
  const text = reasonText(reason);
  if (text === "sticky") return { ...base, reason: "sticky", sticky: OPAQUE, enabled: outcome.enabled };
  if (!feature) return { ...base, reason: "feature_not_found" };
  if (text.startsWith("forced by force #")) {
    const forceIndex = Number(text.slice("forced by force #".length)) - 1;
    return { ...base, reason: "forced", forceIndex, force: OPAQUE, enabled: outcome.enabled };
  }
  if (text.startsWith("required feature")) return { ...base, reason: "required", required: OPAQUE, enabled: false };
  if (text === "no matching rule") {
    const b = bucketing();
    return { ...base, reason: "no_match", bucketKey: b.bucketKey, bucketValue: b.bucketValue, enabled: false };
  }
  return { ...base, reason: "error", error: OPAQUE };
}

/** The variation evaluation (without `defaultVariationValue`, which the tester does not pass here). */
export function variationEvaluation(
  featureKey: string,
  outcome: ValueOutcome,
  feature: DatafileFeature | undefined,
  bucketing: () => Bucketing,
  forceIndex: () => number | undefined,
): SdkEvaluation {
  const base = { type: "variation", featureKey };
  const reason = outcome.reason;
  if (reason instanceof BucketReason) {
    const b = bucketing();
    const bucket = { bucketKey: b.bucketKey, bucketValue: b.bucketValue };
    if (reason.verdict === BucketVerdict.SetByRule)
      return { ...base, reason: "rule", ...bucket, ruleKey: reason.traffic?.key, traffic: OPAQUE, variation: OPAQUE };
    if (reason.verdict === BucketVerdict.Allocated)
      return { ...base, reason: "allocated", ...bucket, ruleKey: reason.traffic?.key, traffic: OPAQUE, variation: OPAQUE };
    return { ...base, reason: "no_match", ...bucket };
  }
  const text = reasonText(reason);
  if (text === "disabled") return { ...base, reason: "disabled" };
  if (text === "(disabledVariationValue)") return { ...base, reason: "variation_disabled", variationValue: outcome.value, enabled: false };
  if (text === "sticky") return { ...base, reason: "sticky", variationValue: outcome.value };
  if (!feature || text === "not found") return { ...base, reason: "feature_not_found" };
  if (text === "no variations") return { ...base, reason: "no_variations" };
  if (text === "forced") return { ...base, reason: "forced", forceIndex: forceIndex(), force: OPAQUE, variation: OPAQUE };
  const zero = quoted(text, 'rule "');
  if (zero !== undefined && text.endsWith("has percentage 0")) {
    const b = bucketing();
    return {
      ...base,
      reason: "rule",
      bucketKey: b.bucketKey,
      bucketValue: b.bucketValue,
      ruleKey: b.ruleKey,
      traffic: OPAQUE,
      enabled: false,
    };
  }
  return { ...base, reason: "error", error: OPAQUE };
}

/** The variable evaluation (without `defaultVariableValue`, which the tester does not pass here). */
export function variableEvaluation(
  featureKey: string,
  variableKey: string,
  outcome: ValueOutcome,
  feature: DatafileFeature | undefined,
  bucketing: () => Bucketing,
  forceIndex: () => number | undefined,
): SdkEvaluation {
  const base = { type: "variable", featureKey };
  const text = reasonText(outcome.reason);
  const withValue = { variableKey, variableSchema: OPAQUE, variableValue: outcome.value };
  if (outcome.disabled) {
    if (text.endsWith(": disabledValue")) return { ...base, reason: "variable_disabled", ...withValue, enabled: false };
    if (text.endsWith(": useDefaultWhenDisabled")) return { ...base, reason: "variable_default", ...withValue, enabled: false };
    return { ...base, reason: "disabled" };
  }
  if (text === "disabled") return { ...base, reason: "disabled" };
  if (text === "sticky") return { ...base, reason: "sticky", variableKey, variableValue: outcome.value };
  if (!feature || text === "not found") return { ...base, reason: "feature_not_found" };
  if (text === "not declared") return { ...base, reason: "variable_not_found", variableKey };
  if (text === "forced") return { ...base, reason: "forced", forceIndex: forceIndex(), force: OPAQUE, ...withValue };
  const b = bucketing();
  const bucket = { bucketKey: b.bucketKey, bucketValue: b.bucketValue };
  if (text.startsWith('rule "') && text.endsWith("has percentage 0"))
    return { ...base, reason: "rule", ...bucket, ruleKey: b.ruleKey, traffic: OPAQUE, enabled: false };
  if (text.startsWith("override in rule "))
    return {
      ...base,
      reason: "variable_override_rule",
      ...bucket,
      ruleKey: b.ruleKey,
      traffic: OPAQUE,
      ...withValue,
      variableOverrideIndex: OPAQUE,
    };
  if (text.startsWith("set by rule ")) return { ...base, reason: "rule", ...bucket, ruleKey: b.ruleKey, traffic: OPAQUE, ...withValue };
  if (text.startsWith("override in variation "))
    return {
      ...base,
      reason: "variable_override_variation",
      ...bucket,
      ruleKey: b.matched ? b.ruleKey : undefined,
      traffic: b.matched ? OPAQUE : undefined,
      ...withValue,
      variableOverrideIndex: OPAQUE,
    };
  if (text.startsWith("from variation "))
    return {
      ...base,
      reason: "allocated",
      ...bucket,
      ruleKey: b.matched ? b.ruleKey : undefined,
      traffic: b.matched ? OPAQUE : undefined,
      ...withValue,
    };
  if (text === "default") return { ...base, reason: "variable_default", ...bucket, ...withValue };
  return { ...base, reason: "error", variableKey, error: OPAQUE };
}
