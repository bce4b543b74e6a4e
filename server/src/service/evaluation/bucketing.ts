// Bucketing: which of the 100,000 buckets a user falls in for a feature. The bucket key joins the
// values of the `bucketBy` attributes with the feature key; its MurmurHash3 picks the bucket.

import { murmurHash3, murmurHash3Joined } from "./murmurhash";
import { MAX_BUCKET, SdkError, isJsonObject } from "./types";

const HASH_SEED = 1;
const MAX_HASH = 2 ** 32;
const SEPARATOR = ".";

/** Reads an attribute from a context: v1 by plain key, v2 also by dotted path (`account.plan`). */
export type ContextReader = (context: Record<string, unknown>, attribute: string) => unknown;

/** The v1 reader: the attribute is a plain key, dots and all. */
export const readPlain: ContextReader = (context, attribute) => context[attribute];

/**
 * The v2 reader: a key with dots is a path into nested objects. As in the SDK, a falsy value on the
 * way (0, "", false, null) ends the walk with undefined.
 */
export const readPath: ContextReader = (context, attribute) => {
  if (attribute.indexOf(".") === -1) return context[attribute];
  let value: unknown = context;
  for (const part of attribute.split(".")) {
    value = value ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
};

/** The attributes a `bucketBy` names, and whether only the first present one counts (`or`). */
function bucketAttributes(bucketBy: unknown): { attributes: unknown[]; firstOnly: boolean } {
  if (typeof bucketBy === "string") return { attributes: [bucketBy], firstOnly: false };
  if (Array.isArray(bucketBy)) return { attributes: bucketBy, firstOnly: false };
  if (isJsonObject(bucketBy) && Array.isArray(bucketBy.or)) return { attributes: bucketBy.or, firstOnly: true };
  throw new SdkError("invalid bucketBy");
}

/**
 * The bucket key of a feature for a context, e.g. `user-1.checkout`. Attributes missing from the
 * context are skipped; values are joined as JavaScript joins them (so `null` adds an empty part).
 */
export function bucketKey(featureKey: string, bucketBy: unknown, context: Record<string, unknown>, read: ContextReader): string {
  const { attributes, firstOnly } = bucketAttributes(bucketBy);
  const parts: unknown[] = [];
  for (const attribute of attributes) {
    const value = read(context, attribute as string);
    if (value === undefined) continue;
    if (!firstOnly || parts.length === 0) parts.push(value);
  }
  parts.push(featureKey);
  return parts.join(SEPARATOR);
}

/** The bucket (0 to 99,999) of a bucket key. */
export function bucketValue(key: string): number {
  return Math.floor((murmurHash3(key, HASH_SEED) / MAX_HASH) * MAX_BUCKET);
}

/** The bucket of the key `prefix.featureKey`, without building the key. */
export function bucketValueOfParts(prefix: string, featureKey: string): number {
  return Math.floor((murmurHash3Joined(prefix, SEPARATOR, featureKey, HASH_SEED) / MAX_HASH) * MAX_BUCKET);
}

/** A bucket as a percentage for people: 41234 is "41.234%". */
export function formatBucket(bucket: number): string {
  return `${bucket / 1000}%`;
}
