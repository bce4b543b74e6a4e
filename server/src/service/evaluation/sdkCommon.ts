// What both SDK generations do the same way: find the first rule whose segments match, the allocation
// a bucket falls in, a variation by value, a feature's bucket; and the outcomes the evaluators return.

import { bucketKey, bucketValue, bucketValueOfParts, readPath, readPlain } from "./bucketing";
import type { BucketReason } from "./reasons";
import { matchSegments, type SegmentResults } from "./segments";
import type { Allocation, DatafileFeature, DatafileView, Force, Traffic, Variation } from "./types";

/**
 * Why an evaluation came out as it did: the words, or a function that writes them. Most reasons are
 * never read (evaluating every feature for one context makes thousands), and the ones that mention
 * a bucket or a percentage would format numbers, so those are written only when asked for.
 */
export type Reason = string | (() => string) | BucketReason;

/** The words of a reason. */
export function reasonText(reason: Reason): string {
  return typeof reason === "string" ? reason : typeof reason === "function" ? reason() : reason.text();
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

/** Outcomes without a value that many evaluations share (frozen: nothing may type them in place). */
export const NOTHING = {
  disabled: Object.freeze({ value: undefined, reason: "disabled" }) as ValueOutcome,
  disabledVariable: Object.freeze({ value: undefined, reason: "disabled", disabled: true }) as ValueOutcome,
  notFound: Object.freeze({ value: undefined, reason: "not found" }) as ValueOutcome,
  noVariations: Object.freeze({ value: undefined, reason: "no variations" }) as ValueOutcome,
  notDeclared: Object.freeze({ value: undefined, reason: "not declared" }) as ValueOutcome,
};

/**
 * What a test assertion sets on an SDK instance besides the context: a bucket value that replaces
 * every feature's (`at`, through the 1.x `configureBucketValue` or the 2.x/3.x `bucketValue` hook), and
 * sticky features (2.x and 3.x: `enabled`, `variation`, `variables` by feature, answered first).
 */
export interface EvaluatorOptions {
  /** 0 to 100,000 (a percentage times 1,000); NaN is kept, as the 1.x tester computes it from a missing `at`. */
  bucketValue?: number;
  sticky?: StickyFeatures;
}

/** Sticky answers by feature key, as the 2.x and 3.x SDKs take them. */
export type StickyFeatures = Record<string, { enabled?: unknown; variation?: unknown; variables?: Record<string, unknown> } | undefined>;

/** The three evaluations an SDK offers, for one datafile and one context. */
export interface Evaluator {
  flag(featureKey: string): FlagOutcome;
  variation(featureKey: string): ValueOutcome;
  variable(featureKey: string, variableKey: string): ValueOutcome;
  /** The place of the force entry that applies (2.x and 3.x SDKs report it as `forceIndex`). */
  forceIndex?(featureKey: string): number | undefined;
}

type Context = Record<string, unknown>;

/** The first rule whose segments match, as both SDKs pick it. */
export function matchTraffic(feature: DatafileFeature, segments: SegmentResults): Traffic | undefined {
  const { traffic, trafficSegments } = feature;
  for (let i = 0; i < traffic.length; i++) if (matchSegments(trafficSegments[i], segments)) return traffic[i];
  return undefined;
}

/** The allocation a bucket falls in; both ends are inclusive here, unlike group ranges. */
export function matchAllocation(traffic: Traffic, bucket: number): Allocation | undefined {
  for (const a of traffic.allocation ?? []) if (a.range && a.range[0] <= bucket && a.range[1] >= bucket) return a;
  return undefined;
}

/** Whether a bucket is in one of a grouped feature's slot ranges (half-open). */
export function inGroupSlot(feature: DatafileFeature, bucket: number): boolean {
  return (feature.ranges ?? []).some((r) => bucket >= r[0] && bucket < r[1]);
}

/** A variation of the feature by value. */
export function findVariation(feature: DatafileFeature, value: unknown): Variation | undefined {
  if (!Array.isArray(feature.variations)) return undefined;
  for (const v of feature.variations) if (v.value === value) return v;
  return undefined;
}

/** The feature's bucket for the context; throws SdkError for an invalid `bucketBy`. */
export function featureBucket(feature: DatafileFeature, context: Context, sdk: 1 | 2 | 3): number {
  const read = sdk === 1 ? readPlain : readPath;
  if (typeof feature.bucketBy === "string") {
    // The common case, hashed from its two parts: what joining [value, key] with "." would give.
    const value = read(context, feature.bucketBy);
    return value === undefined ? bucketValue(feature.key) : bucketValueOfParts(value === null ? "" : String(value), feature.key);
  }
  return bucketValue(bucketKey(feature.key, feature.bucketBy, context, read));
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
    private readonly segments: SegmentResults,
    /** Whether a force entry applies to the context, as the SDK generation decides it. */
    private readonly forceMatches: (force: Force) => boolean,
    /** A bucket value that replaces every feature's (see EvaluatorOptions). */
    private readonly forcedBucket?: number,
  ) {}

  bucket(feature: DatafileFeature): number {
    const memo = this.buckets[feature.index];
    if (memo !== undefined) return memo;
    // The SDKs work out the bucket key (which may throw) before a hook replaces the value.
    let bucket = featureBucket(feature, this.context, this.datafile.sdk);
    if (this.forcedBucket !== undefined) bucket = this.forcedBucket;
    this.buckets[feature.index] = bucket;
    return bucket;
  }

  traffic(feature: DatafileFeature): Traffic | undefined {
    const memo = this.traffics[feature.index];
    if (memo !== undefined) return memo ?? undefined;
    const traffic = matchTraffic(feature, this.segments);
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

/** How deep `required` may nest before it counts as a cycle (the SDK would overflow its stack). */
const MAX_REQUIRED_DEPTH = 32;

/** What a flag memo holds while the flag is being evaluated: asking again then is a cycle. */
const IN_PROGRESS: FlagOutcome = { enabled: undefined, reason: "in progress" };

/**
 * Flag outcomes of one context, by the feature's place in its datafile view (and, for v2's
 * variable evaluations, by the variable asked about): a flag is evaluated once however many
 * features require it, and a feature that requires itself, even through others, gets an error.
 */
export class FlagMemo {
  private readonly plain: (FlagOutcome | undefined)[] = [];
  private readonly byAsked = new Map<string, (FlagOutcome | undefined)[]>();
  private depth = 0;

  get(
    feature: DatafileFeature,
    asked: string | undefined,
    evaluate: (feature: DatafileFeature, asked: string | undefined) => FlagOutcome,
  ): FlagOutcome {
    let slots = this.plain;
    if (asked !== undefined) {
      const bySlot = this.byAsked.get(asked);
      if (bySlot) slots = bySlot;
      else this.byAsked.set(asked, (slots = []));
    }
    const memo = slots[feature.index];
    if (memo !== undefined && memo !== IN_PROGRESS) return memo;
    if (memo === IN_PROGRESS || this.depth > MAX_REQUIRED_DEPTH)
      return { enabled: undefined, reason: `error: "${feature.key}" requires itself` };
    slots[feature.index] = IN_PROGRESS;
    this.depth++;
    let outcome: FlagOutcome;
    try {
      outcome = evaluate(feature, asked);
    } catch (error) {
      outcome = { enabled: undefined, reason: errorReason(error) };
    } finally {
      this.depth--;
    }
    slots[feature.index] = outcome;
    return outcome;
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
