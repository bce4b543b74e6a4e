// What a v3 target selects: its tag selector and feature key patterns, read without trusting the file's shape.

import { isObject } from "./featureView";

/** A tag a target names, with where it is written. */
export interface TargetTagRef {
  tag: string;
  path: (string | number)[];
}

/** A feature key pattern of `includeFeatures` or `excludeFeatures`, with where it is written. */
export interface FeaturePatternRef {
  pattern: string;
  path: (string | number)[];
}

/** The tags of `tag`, `tags: [...]`, `tags: { or: [...] }` and `tags: { and: [...] }`. */
export function targetTags(target: unknown): TargetTagRef[] {
  if (!isObject(target)) return [];
  const out: TargetTagRef[] = [];
  if (typeof target.tag === "string") out.push({ tag: target.tag, path: ["tag"] });
  const list = (value: unknown, path: (string | number)[]) => {
    if (!Array.isArray(value)) return;
    value.forEach((tag, i) => typeof tag === "string" && out.push({ tag, path: [...path, i] }));
  };
  const tags = target.tags;
  if (Array.isArray(tags)) list(tags, ["tags"]);
  else if (isObject(tags)) for (const op of ["or", "and"]) list(tags[op], ["tags", op]);
  return out;
}

/** The patterns of one selection property; `"*"` written as a plain string is one pattern at the property itself. */
export function featurePatterns(target: unknown, property: "includeFeatures" | "excludeFeatures"): FeaturePatternRef[] {
  if (!isObject(target)) return [];
  const value = target[property];
  if (typeof value === "string") return [{ pattern: value, path: [property] }];
  if (!Array.isArray(value)) return [];
  const out: FeaturePatternRef[] = [];
  value.forEach((pattern, i) => typeof pattern === "string" && out.push({ pattern, path: [property, i] }));
  return out;
}

/**
 * Whether a feature key matches a pattern as Featurevisor's targeting does: `*` stands for any run of
 * characters (namespace separators too), every other character for itself. Matched by hand, because
 * no regular expression is built from file text.
 */
export function matchesFeaturePattern(key: string, pattern: string): boolean {
  let k = 0;
  let p = 0;
  let starP = -1;
  let starK = 0;
  while (k < key.length) {
    if (p < pattern.length && pattern[p] !== "*" && pattern[p] === key[k]) {
      k++;
      p++;
    } else if (p < pattern.length && pattern[p] === "*") {
      starP = p++;
      starK = k;
    } else if (starP >= 0) {
      p = starP + 1;
      k = ++starK;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
