// What both SDK generations do the same way: find the first rule whose segments match, the allocation
// a bucket falls in, a variation by value, a feature's bucket; and the outcomes the evaluators return.

import { bucketKey, bucketValue, readPath, readPlain } from "./bucketing";
import { segmentsMatch } from "./segments";
import type { Allocation, DatafileFeature, DatafileView, Force, Traffic, Variation } from "./types";

/**
 * Why an evaluation came out as it did: the words, or a function that writes them. Most reasons are
 * never read (evaluating every feature for one context makes thousands), and the ones that mention
 * a bucket or a percentage would format numbers, so those are written only when asked for.
 */
export type Reason = string | (() => string);

/** The words of a reason. */
export function reasonText(reason: Reason): string {
  return typeof reason === "string" ? reason : reason();
}

/** A flag evaluation: `enabled` as the SDK computed it (undefined after an error or for a missing feature). */
export interface FlagOutcome {
  enabled: unknown;
  reason: Reason;
  bucket?: number;
}

/** A variation or variable evaluation; `value` undefined means the SDK returns nothing (null or undefined). */
export interface ValueOutcome {
  value: unknown;
  reason: Reason;
  /** The variable's declared type, when the SDK knew the declaration (json values are parsed by it). */
  type?: unknown;
  /** Set when the value is what a disabled feature serves. */
  disabled?: true;
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

/** The force entry that applies to a feature, and its place in the feature's list. */
export type Forced = { force: Force; index: number } | undefined;

/**
 * Per-context results that an SDK recomputes for every call (a feature's bucket, matched rule and
 * matched force) but that cannot change within one context; computed once. Arrays indexed by the
 * feature's place in its datafile view, with undefined for "not yet" and null for "none", so that a
 * lookup allocates nothing. Errors are not kept: they recur.
 */
export class ContextMemo {
  private readonly buckets: (number | undefined)[] = [];
  private readonly traffics: (Traffic | null | undefined)[] = [];
  private readonly forces: (Forced | null)[] = [];

  constructor(
    private readonly context: Context,
    private readonly datafile: DatafileView,
    /** Whether a force entry applies to the context, as the SDK generation decides it. */
    private readonly forceMatches: (force: Force) => boolean,
  ) {}

  bucket(feature: DatafileFeature): number {
    const memo = this.buckets[feature.index];
    if (memo !== undefined) return memo;
    const bucket = featureBucket(feature, this.context, this.datafile.sdk);
    this.buckets[feature.index] = bucket;
    return bucket;
  }

  traffic(feature: DatafileFeature): Traffic | undefined {
    const memo = this.traffics[feature.index];
    if (memo !== undefined) return memo ?? undefined;
    const traffic = matchTraffic(feature, this.context, this.datafile);
    this.traffics[feature.index] = traffic ?? null;
    return traffic;
  }

  /** The first force entry that applies. */
  force(feature: DatafileFeature): Forced {
    const memo = this.forces[feature.index];
    if (memo !== undefined) return memo ?? undefined;
    let forced: Forced;
    const list = feature.force ?? [];
    for (let index = 0; index < list.length; index++) {
      if (this.forceMatches(list[index])) {
        forced = { force: list[index], index };
        break;
      }
    }
    this.forces[feature.index] = forced ?? null;
    return forced;
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
