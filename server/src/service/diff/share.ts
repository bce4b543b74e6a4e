// Who among a rule's matching users gets another answer, from the bucket ranges alone. For a user in
// bucket b (0 to 99,999) who matches a rule, the SDK's answer is a function of b: enabled when b is
// within the rule's percentage (`b <= percentage`; v2 and v3 turn a percentage of 0 off outright; a
// feature in a group slot is enabled in its slot, half-open), then the rule's own variation or the
// allocation range holding b (both ends inclusive), then the variables of that rule and variation.
// The answers are constant between the ends of the ranges, so the buckets are counted interval by
// interval, never one by one. When the bucket key itself changes (bucketBy, the feature's key),
// a user's buckets before and after are independent: the share that keeps its answer is the sum over
// answers of the product of their shares before and after.

import type { DatafileFeature, Traffic } from "../evaluation/types";
import { MAX_BUCKET } from "../evaluation/types";

/** The answer for a bucket, as a comparable string; a function of the bucket. */
type Answer = (bucket: number) => string;

function variablesOf(feature: DatafileFeature, traffic: Traffic, variation: unknown): string {
  const v = feature.variations?.find((x) => x.value === variation);
  return JSON.stringify([traffic.variables, traffic.variableOverrides, v?.variables, v?.variablesV1, v?.variableOverrides]);
}

/** The SDK's answer, for a user matching `traffic` of `feature`, as a function of the bucket. */
export function answerOf(sdk: 1 | 2 | 3, feature: DatafileFeature, traffic: Traffic): Answer {
  const schema = JSON.stringify(feature.variablesSchema);
  const disabled = `off|${sdk >= 2 && feature.disabledVariationValue ? String(feature.disabledVariationValue) : ""}|${schema}`;
  const ranges = feature.ranges && feature.ranges.length > 0 ? feature.ranges : undefined;
  const known = (value: unknown) => feature.variations?.some((x) => x.value === value) === true;
  const fixed = traffic.variation && known(traffic.variation) ? traffic.variation : undefined;
  return (b) => {
    if (sdk >= 2 && traffic.percentage === 0) return disabled;
    const on = ranges ? ranges.some((r) => b >= r[0] && b < r[1]) : b <= traffic.percentage;
    if (!on) return disabled;
    let variation = fixed;
    if (variation === undefined)
      for (const a of traffic.allocation ?? [])
        if (a.range && a.range[0] <= b && a.range[1] >= b) {
          if (a.variation && known(a.variation)) variation = a.variation;
          break;
        }
    return `on|${variation === undefined ? "" : String(variation)}|${variablesOf(feature, traffic, variation)}|${schema}`;
  };
}

/** The buckets where an answer may change: the ends of every range and percentage involved. */
function breakpoints(feature: DatafileFeature, traffic: Traffic, into: Set<number>): void {
  into.add(Math.min(MAX_BUCKET, Math.floor(traffic.percentage) + 1));
  into.add(Math.min(MAX_BUCKET, Math.ceil(traffic.percentage)));
  for (const a of traffic.allocation ?? []) {
    for (const end of [a.range[0], a.range[1] + 1]) {
      into.add(Math.max(0, Math.min(MAX_BUCKET, Math.ceil(end))));
      into.add(Math.max(0, Math.min(MAX_BUCKET, Math.floor(end))));
    }
  }
  for (const r of feature.ranges ?? []) for (const end of r) into.add(Math.max(0, Math.min(MAX_BUCKET, Math.ceil(end))));
}

/** The intervals [start, end) of buckets over which both answers are constant. */
function intervals(points: Set<number>): [number, number][] {
  points.add(0);
  points.add(MAX_BUCKET);
  const sorted = [...points].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i++) if (sorted[i] < sorted[i + 1]) out.push([sorted[i], sorted[i + 1]]);
  return out;
}

/** Buckets per answer over all 100,000 buckets. */
function distribution(answer: Answer, spans: [number, number][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [a, b] of spans) {
    const key = answer(a);
    out.set(key, (out.get(key) ?? 0) + (b - a));
  }
  return out;
}

/** The share of enabled buckets of a rule, in points (0 to 100). */
export function enabledShare(sdk: 1 | 2 | 3, feature: DatafileFeature, traffic: Traffic): number {
  const points = new Set<number>();
  breakpoints(feature, traffic, points);
  let on = 0;
  for (const [key, n] of distribution(answerOf(sdk, feature, traffic), intervals(points))) if (key.startsWith("on|")) on += n;
  return round(on / (MAX_BUCKET / 100));
}

/** Rounded to three decimals, as percentages are written. */
export function round(points: number): number {
  return Math.round(points * 1000) / 1000;
}

/**
 * The share (points) of a rule's matching users whose answer changes between two versions of the rule.
 * `rebucketed`: the bucket key changed, so the buckets before and after are independent.
 */
export function changedShare(
  sdk: [1 | 2 | 3, 1 | 2 | 3],
  before: { feature: DatafileFeature; traffic: Traffic },
  after: { feature: DatafileFeature; traffic: Traffic },
  rebucketed: boolean,
): number {
  const points = new Set<number>();
  breakpoints(before.feature, before.traffic, points);
  breakpoints(after.feature, after.traffic, points);
  const spans = intervals(points);
  const answerBefore = answerOf(sdk[0], before.feature, before.traffic);
  const answerAfter = answerOf(sdk[1], after.feature, after.traffic);
  let kept = 0;
  if (rebucketed) {
    const a = distribution(answerBefore, spans);
    const b = distribution(answerAfter, spans);
    for (const [key, n] of a) kept += (n / MAX_BUCKET) * ((b.get(key) ?? 0) / MAX_BUCKET) * MAX_BUCKET;
  } else {
    for (const [a, b] of spans) if (answerBefore(a) === answerAfter(a)) kept += b - a;
  }
  return round((MAX_BUCKET - kept) / (MAX_BUCKET / 100));
}
