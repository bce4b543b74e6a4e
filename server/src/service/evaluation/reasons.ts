// Reasons in words: what decided an evaluation, short enough for a CLI line or a hover.

import { formatBucket } from "./bucketing";
import { segmentsInWords } from "../project/walk";
import type { Traffic } from "./types";

/** A bucket-scaled percentage (0 to 100,000) as a percentage. */
export function percent(scaled: number): string {
  return `${scaled / 1000}%`;
}

const labels = new WeakMap<Traffic, string>();

/** `rule "nl" (netherlands)`; the same rule is labelled for every context, so once. */
export function ruleLabel(traffic: Traffic): string {
  let label = labels.get(traffic);
  if (label === undefined) {
    label = `rule "${String(traffic.key)}" (${segmentsInWords(traffic.segments)})`;
    labels.set(traffic, label);
  }
  return label;
}

/** `at bucket 41.234%`. */
export function atBucket(bucket: number): string {
  return `at bucket ${formatBucket(bucket)}`;
}
