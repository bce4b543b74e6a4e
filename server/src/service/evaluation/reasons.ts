// Reasons in words: what decided an evaluation, short enough for a CLI line or a hover.

import { formatBucket } from "./bucketing";
import { isJsonObject, type Traffic } from "./types";

/** A segment expression in words: `*` is everyone, lists are "and". */
export function describeSegments(segments: unknown): string {
  if (segments === "*") return "everyone";
  if (typeof segments === "string") return segments;
  if (Array.isArray(segments)) return segments.length === 0 ? "everyone" : segments.map(describeNested).join(" and ");
  if (isJsonObject(segments)) {
    if (Array.isArray(segments.and)) return segments.and.map(describeNested).join(" and ");
    if (Array.isArray(segments.or)) return segments.or.map(describeNested).join(" or ");
    if (Array.isArray(segments.not)) return "not " + segments.not.map(describeNested).join(", not ");
  }
  return JSON.stringify(segments) ?? "?";
}

function describeNested(segments: unknown): string {
  const text = describeSegments(segments);
  return typeof segments === "string" ? text : `(${text})`;
}

/** A bucket-scaled percentage (0 to 100,000) as a percentage. */
export function percent(scaled: number): string {
  return `${scaled / 1000}%`;
}

const labels = new WeakMap<Traffic, string>();

/** `rule "nl" (netherlands)`; the same rule is labelled for every context, so once. */
export function ruleLabel(traffic: Traffic): string {
  let label = labels.get(traffic);
  if (label === undefined) {
    label = `rule "${String(traffic.key)}" (${describeSegments(traffic.segments)})`;
    labels.set(traffic, label);
  }
  return label;
}

/** `at bucket 41.234%`. */
export function atBucket(bucket: number): string {
  return `at bucket ${formatBucket(bucket)}`;
}
