// How `featurevisor build` turns rules into datafile traffic: each rule's percentage becomes a share of
// the 100,000 buckets (or of the feature's group slot), and that share is cut into variation ranges by
// weight. When the previous build's state says a rule only grew, the old ranges are kept and only the
// increase is allocated, so users keep their variation. The arithmetic follows the builder's expression
// by expression: ranges are floating-point numbers and must come out bit for bit the same.

import { MAX_BUCKET, isJsonObject, type Allocation, type BucketRange, type JsonObject, type Traffic, type VariableOverride } from "./types";

/** What a previous build recorded for a feature (`.featurevisor/existing-state-<env>.json`). */
export interface ExistingFeatureState {
  variations?: { value?: unknown; weight?: unknown }[];
  traffic?: { key?: unknown; percentage?: unknown; allocation?: Allocation[] }[];
  ranges?: BucketRange[];
}

/** The ranges that `fill` buckets take from the start of the free ranges. */
export function takeRanges(free: BucketRange[], fill: number): BucketRange[] {
  const taken: BucketRange[] = [];
  let remaining = fill;
  for (let i = 0; remaining > 0 && i < free.length; i++) {
    const [start, end] = free[i];
    const part = Math.min(remaining, end - start);
    taken.push([start, start + part]);
    remaining -= part;
  }
  return taken;
}

/**
 * The free ranges left after `fill` buckets are taken from their start. As in the builder, free ranges
 * beyond the ones the fill reached are dropped, and so is everything when `fill` is not positive, except
 * that builders since 1.22.1 leave the free ranges as they are for a fill of exactly 0 (`zeroKeeps`): before,
 * a first variation of weight 0 left no range to the others.
 */
export function rangesAfter(free: BucketRange[], fill: number, zeroKeeps = false): BucketRange[] {
  if (fill === 0 && zeroKeeps) return free;
  const left: BucketRange[] = [];
  let remaining = fill;
  for (let i = 0; remaining > 0 && i < free.length; i++) {
    const [start, end] = free[i];
    const part = Math.min(remaining, end - start);
    if (part < end - start) left.push([start + part, end]);
    remaining -= part;
  }
  return left;
}

function variationsChanged(variations: unknown, existing: ExistingFeatureState | undefined): boolean {
  if (!existing || existing.variations === undefined) return Array.isArray(variations) && variations.length > 0;
  const pick = (list: unknown[]) =>
    JSON.stringify(list.map((v) => ({ value: (v as JsonObject)?.value, weight: (v as JsonObject)?.weight })));
  const now = Array.isArray(variations) ? pick(variations) : undefined;
  return (Array.isArray(existing.variations) ? pick(existing.variations) : undefined) !== now;
}

/** The inputs of one feature's traffic in one environment. */
export interface TrafficInput {
  sdk: 1 | 2 | 3;
  variations: unknown;
  rules: unknown[];
  existing: ExistingFeatureState | undefined;
  /** The feature's group slot ranges; empty when it is in no group. */
  groupRanges: BucketRange[];
  /** How segments reach the SDK (v1 datafiles stringify them). */
  segmentsView: (segments: unknown) => unknown;
  /** The builder is 1.22.1 or newer: a fill of 0 leaves the free ranges as they are (see rangesAfter). */
  zeroFillKeepsRanges?: boolean;
  /** The builder copies a rule's `variableOverrides` into its traffic (2.19 and newer). */
  ruleVariableOverrides?: boolean;
}

/** The datafile traffic of a feature's rules, as the builder computes it. */
export function buildTraffic(input: TrafficInput): Traffic[] {
  const available: BucketRange[] = input.groupRanges.length > 0 ? input.groupRanges : [[0, MAX_BUCKET]];
  return input.rules.map((r) => trafficOf(isJsonObject(r) ? r : {}, available, input));
}

function trafficOf(rule: JsonObject, available: BucketRange[], input: TrafficInput): Traffic {
  const rulePercentage = rule.percentage as number;
  const traffic: Traffic = {
    key: rule.key,
    segments: input.segmentsView(rule.segments),
    percentage: rulePercentage * (MAX_BUCKET / 100),
    allocation: [],
  };
  // `enabled` on a rule is accepted by the linters but not copied by the builders, so SDKs never see it.
  if (input.sdk >= 2 && isJsonObject(rule.variationWeights)) traffic.variationWeights = rule.variationWeights;
  if (rule.variables) traffic.variables = rule.variables as Record<string, unknown>;
  if (rule.variation) traffic.variation = rule.variation;
  if (input.ruleVariableOverrides && isJsonObject(rule.variableOverrides))
    traffic.variableOverrides = ruleOverrides(rule.variableOverrides);
  const existingRule = input.existing?.traffic?.find((t) => t.key === rule.key);
  const diff = existingRule ? traffic.percentage - (existingRule.percentage as number) : 0;
  const rangesChanged = input.existing?.ranges ? JSON.stringify(input.existing.ranges) !== JSON.stringify(available) : false;
  // v2 always re-buckets a rule with its own variation weights.
  const rebucket =
    !existingRule ||
    variationsChanged(input.variations, input.existing) ||
    diff < 0 ||
    rangesChanged ||
    traffic.variationWeights !== undefined;
  let free: BucketRange[] = available.map(([a, b]) => [a, b]);
  const allocation: Allocation[] = [];
  if (existingRule && Array.isArray(existingRule.allocation) && !rebucket) {
    let sum = 0;
    for (const { variation, range } of existingRule.allocation) {
      allocation.push({ variation, range });
      sum += range[1] - range[0];
    }
    free = rangesAfter(available, sum, input.zeroFillKeepsRanges);
  }
  if (Array.isArray(input.variations))
    allocateVariations(input.variations, traffic, {
      rebucket,
      rulePercentage,
      diff,
      free,
      allocation,
      zeroKeeps: input.zeroFillKeepsRanges === true,
    });
  traffic.allocation = allocation.filter((a) => !(a.range && a.range[0] === a.range[1]));
  if (input.sdk >= 2 && traffic.allocation.length === 0) delete traffic.allocation;
  return traffic;
}

interface Filling {
  rebucket: boolean;
  rulePercentage: number;
  diff: number;
  free: BucketRange[];
  allocation: Allocation[];
  zeroKeeps: boolean;
}

/** Gives each variation its weight's share of the rule: all of it when re-bucketing, else of the increase. */
function allocateVariations(variations: unknown[], traffic: Traffic, f: Filling): void {
  let free = f.free;
  for (const v of variations) {
    const variation = isJsonObject(v) ? v : {};
    let weight = variation.weight as number;
    const override = traffic.variationWeights?.[variation.value as string];
    // A weight of 0 in `variationWeights` is falsy and so does not override, as in the builder.
    if (override) weight = override as number;
    const percentage = weight * (MAX_BUCKET / 100);
    const fill = f.rebucket ? percentage * (f.rulePercentage / 100) : (weight / 100) * f.diff;
    for (const range of takeRanges(free, fill)) f.allocation.push({ variation: variation.value, range });
    free = rangesAfter(free, fill, f.zeroKeeps);
  }
}

/** A rule's `variableOverrides` as the builders write them (2.19+): by conditions, else by segments, one of the two. */
function ruleOverrides(value: JsonObject): Record<string, VariableOverride[]> {
  const out: Record<string, VariableOverride[]> = {};
  for (const [key, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    out[key] = list.map((item): VariableOverride => {
      const o = isJsonObject(item) ? item : {};
      if (o.conditions !== undefined) return { conditions: o.conditions, value: o.value };
      if (o.segments !== undefined) return { segments: o.segments, value: o.value };
      return o;
    });
  }
  return out;
}
