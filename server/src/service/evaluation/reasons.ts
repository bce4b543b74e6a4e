// Reasons in words: what decided an evaluation, short enough for a CLI line or a hover.

import { formatBucket } from "./bucketing";
import { whoInWords, type SegmentFacts } from "../authoring/wording";
import type { Traffic } from "./types";

/** A bucket-scaled percentage (0 to 100,000) as a percentage. */
export function percent(scaled: number): string {
  return `${scaled / 1000}%`;
}

const labels = new WeakMap<Traffic, string>();

/** Segment facts when a datafile has none to give: every key is taken as written. */
const ANY_SEGMENT: SegmentFacts = { exists: () => true, everyone: () => false };

/**
 * `rule "nl" (netherlands)`, its segments in the wording of lenses and hints (an unknown segment is
 * called unknown); the same rule is labelled for every context, so once.
 */
export function ruleLabel(traffic: Traffic, facts: SegmentFacts | undefined): string {
  let label = labels.get(traffic);
  if (label === undefined) {
    const who = whoInWords(traffic.segments, facts ?? ANY_SEGMENT) ?? `segments ${JSON.stringify(traffic.segments) ?? "missing"}`;
    label = `rule "${String(traffic.key)}" (${who})`;
    labels.set(traffic, label);
  }
  return label;
}

/** `at bucket 41.234%`. */
export function atBucket(bucket: number): string {
  return `at bucket ${formatBucket(bucket)}`;
}

/** What a BucketReason says. */
export const enum BucketVerdict {
  Within,
  Beyond,
  InsideSlot,
  OutsideSlot,
  PercentageZero,
  Allocated,
  NotAllocated,
  SetByRule,
}

/**
 * A reason about a rule and a user's bucket, put into words when read: one small object where a
 * closure would cost two, for the reasons nearly every evaluation gives.
 */
export class BucketReason {
  constructor(
    readonly verdict: BucketVerdict,
    /** The matched rule; none for NotAllocated when no rule matched. */
    readonly traffic: Traffic | undefined,
    readonly bucket: number,
    /** The datafile's segment facts, for the rule's label. */
    private readonly facts: SegmentFacts | undefined,
  ) {}

  text(): string {
    const traffic = this.traffic!;
    const bucket = this.bucket;
    switch (this.verdict) {
      case BucketVerdict.Within:
        return `${ruleLabel(traffic, this.facts)} ${atBucket(bucket)} <= ${percent(traffic.percentage)}`;
      case BucketVerdict.Beyond:
        return `${ruleLabel(traffic, this.facts)} ${atBucket(bucket)} > ${percent(traffic.percentage)}`;
      case BucketVerdict.InsideSlot:
        return `${ruleLabel(traffic, this.facts)} ${atBucket(bucket)}, inside the group slot`;
      case BucketVerdict.OutsideSlot:
        return `${ruleLabel(traffic, this.facts)} ${atBucket(bucket)}, outside the group slot`;
      case BucketVerdict.PercentageZero:
        return `${ruleLabel(traffic, this.facts)} has percentage 0`;
      case BucketVerdict.Allocated:
        return `allocated ${atBucket(bucket)}`;
      case BucketVerdict.NotAllocated:
        return `no variation allocated ${atBucket(bucket)}`;
      case BucketVerdict.SetByRule:
        return `set by rule "${String(traffic.key)}"`;
    }
  }
}
