// What both SDK generations do the same way: find the first rule whose segments match, the allocation
// a bucket falls in, a variation by value, a feature's bucket; and the outcomes the evaluators return.

import { bucketKey, bucketValue, readPath, readPlain } from "./bucketing";
import { segmentsMatch } from "./segments";
import type { Allocation, DatafileFeature, DatafileView, Traffic, Variation } from "./types";

/** A flag evaluation: `enabled` as the SDK computed it (undefined after an error or for a missing feature). */
export interface FlagOutcome {
  enabled: unknown;
  reason: string;
  bucket?: number;
}

/** A variation or variable evaluation; `value` undefined means the SDK returns nothing (null or undefined). */
export interface ValueOutcome {
  value: unknown;
  reason: string;
  /** The variable's declared type, when the SDK knew the declaration (json values are parsed by it). */
  type?: unknown;
}

/** The three evaluations an SDK offers, for one datafile and one context. */
export interface Evaluator {
  flag(featureKey: string): FlagOutcome;
  variation(featureKey: string): ValueOutcome;
  variable(featureKey: string, variableKey: string): ValueOutcome;
}

type Context = Record<string, unknown>;

/** The first rule whose segments match, as both SDKs pick it. */
export function matchTraffic(feature: DatafileFeature, context: Context, datafile: DatafileView): Traffic | undefined {
  return feature.traffic.find((t) => segmentsMatch(t.segments, context, datafile));
}

/** The allocation a bucket falls in; both ends are inclusive here, unlike group ranges. */
export function matchAllocation(traffic: Traffic, bucket: number): Allocation | undefined {
  return traffic.allocation?.find((a) => a.range && a.range[0] <= bucket && a.range[1] >= bucket);
}

/** Whether a bucket is in one of a grouped feature's slot ranges (half-open). */
export function inGroupSlot(feature: DatafileFeature, bucket: number): boolean {
  return (feature.ranges ?? []).some((r) => bucket >= r[0] && bucket < r[1]);
}

/** A variation of the feature by value. */
export function findVariation(feature: DatafileFeature, value: unknown): Variation | undefined {
  return Array.isArray(feature.variations) ? feature.variations.find((v) => v.value === value) : undefined;
}

/** The feature's bucket for the context; throws SdkError for an invalid `bucketBy`. */
export function featureBucket(feature: DatafileFeature, context: Context, sdk: 1 | 2): number {
  return bucketValue(bucketKey(feature.key, feature.bucketBy, context, sdk === 1 ? readPlain : readPath));
}

/**
 * Per-context results that an SDK recomputes for every call (the matched force, bucket and rule of a
 * feature) but that cannot change within one context; computed once. Errors are not kept: they recur.
 */
export class FeatureMemo {
  private readonly values = new Map<DatafileFeature, Map<string, unknown>>();

  get<T>(feature: DatafileFeature, what: string, compute: () => T): T {
    let slots = this.values.get(feature);
    if (!slots) this.values.set(feature, (slots = new Map()));
    if (slots.has(what)) return slots.get(what) as T;
    const value = compute();
    slots.set(what, value);
    return value;
  }
}

/** The message of whatever an SDK would have caught. */
export function errorReason(error: unknown): string {
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/** A value of an object-like field, as `obj[key]` reads it in the SDK (undefined for non-objects). */
export function field(obj: unknown, key: string): unknown {
  return typeof obj === "object" && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}
