// The shapes the evaluators work on: a feature as a datafile carries it to an SDK. Flaglens builds these
// from the project's files (datafile.ts) the way `featurevisor build` does, so that the evaluators can
// follow the SDKs step by step. Values are JSON, as they are after a datafile is written and read.

import type { SegmentFacts } from "../authoring/wording";
import type { SegmentMatcher } from "./segments";

/** The largest bucket value plus one: 100% with three decimals. */
export const MAX_BUCKET = 100000;

/** A half-open or closed bucket range, depending on who reads it (see allocation.ts and the evaluators). */
export type BucketRange = [number, number];

/** A range of buckets served one variation. */
export interface Allocation {
  variation: unknown;
  range: BucketRange;
}

/** A rule as built into a datafile: its percentage scaled to buckets, and its variation allocation. */
export interface Traffic {
  key: unknown;
  segments: unknown;
  /** 0 to 100,000. */
  percentage: number;
  allocation?: Allocation[];
  variation?: unknown;
  variables?: Record<string, unknown>;
  variationWeights?: Record<string, unknown>;
  /** v3 (the 3.x SDK): overrides of variables by conditions or segments within the rule, tried before `variables`. */
  variableOverrides?: Record<string, VariableOverride[]>;
}

/** A force entry, as written in the feature. */
export interface Force {
  conditions?: unknown;
  segments?: unknown;
  enabled?: unknown;
  variation?: unknown;
  variables?: unknown;
}

/** A variable declaration. */
export interface VariableSchema {
  key: string;
  type: unknown;
  defaultValue?: unknown;
  useDefaultWhenDisabled?: boolean;
  disabledValue?: unknown;
}

/** A variable override in a variation: by conditions or by segments. */
export interface VariableOverride {
  conditions?: unknown;
  segments?: unknown;
  value?: unknown;
}

/** A v1 variation's variable: `{ key, value, overrides }`. */
export interface VariationVariableV1 {
  key: unknown;
  value?: unknown;
  overrides?: VariableOverride[];
}

/** A variation; v1 lists its variables, v2 maps them and keeps overrides beside them. */
export interface Variation {
  value: unknown;
  weight?: unknown;
  variablesV1?: VariationVariableV1[];
  variables?: Record<string, unknown>;
  variableOverrides?: Record<string, VariableOverride[]>;
}

/** A feature as one environment's (and tag's) datafile carries it. */
export interface DatafileFeature {
  key: string;
  /** Its place among the features its datafile view has built (0, 1, 2, ...): per-context memos are arrays. */
  index: number;
  bucketBy: unknown;
  required?: unknown[];
  variations?: Variation[];
  variablesSchema: VariableSchema[];
  traffic: Traffic[];
  /** Each traffic's segments compiled (not in a datafile; see segments.ts). */
  trafficSegments: SegmentMatcher[];
  force?: Force[];
  /** The feature's slot ranges when it is in a mutually exclusive group. */
  ranges?: BucketRange[];
  disabledVariationValue?: unknown;
}

/** What the evaluators know of a datafile. */
export interface DatafileView {
  /** The SDK generation whose semantics apply: 1 for v1 projects, 2 for v2, 3 for v3 (the 3.x SDK). */
  sdk: 1 | 2 | 3;
  /** A feature of the datafile; undefined when the datafile would not contain it. */
  feature(key: string): DatafileFeature | undefined;
  /** Why a feature is not in the datafile (archived, not exposed, another tag, no such file). */
  absence(key: string): string;
  /** A segment's conditions; undefined when the datafile would not contain the segment. */
  segment(key: string): { conditions: unknown } | undefined;
  /** What the wording of reasons needs to know of the project's segments (segmentFacts); none for a test's own view. */
  segmentFacts?: SegmentFacts;
}

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Thrown where an SDK would throw (an invalid `bucketBy`, `in` on a non-object condition). The
 * SDKs catch these per evaluation and answer as for an error, and so do the evaluators.
 */
export class SdkError extends Error {}
