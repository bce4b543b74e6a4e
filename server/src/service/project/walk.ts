// Walkers over the recursive parts of flag files: segment groups and conditions.

import type { JsonPath } from "../types";
import { isObject, type At } from "./featureView";

const LOGICAL = ["and", "or", "not"] as const;

/**
 * Calls `visit` for every segment key referenced in a `segments` value (`*` excluded). The path
 * is built only when asked for: most keys are fine, and building paths for all of them is
 * a large share of a cold lint.
 */
export function forEachSegmentKey(segments: At<unknown> | undefined, visit: (key: string, path: () => JsonPath) => void): void {
  if (!segments) return;
  const stack: (string | number)[] = [];
  const pathOf = () => [...segments.path, ...stack];
  const walk = (v: unknown): void => {
    if (stack.length > 64) return;
    if (typeof v === "string") {
      if (v !== "*") visit(v, pathOf);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        walk(v[i]);
        stack.pop();
      }
    } else if (isObject(v)) {
      for (const op of LOGICAL) {
        if (!(op in v)) continue;
        stack.push(op);
        walk(v[op]);
        stack.pop();
      }
    }
  };
  walk(segments.value);
}

/** A plain condition: `{ attribute, operator, value }`. */
export interface PlainCondition {
  attribute?: unknown;
  operator?: unknown;
  value?: unknown;
  [key: string]: unknown;
}

/** Calls `visit` for every plain condition in a `conditions` value. */
export function forEachCondition(conditions: At<unknown> | undefined, visit: (cond: PlainCondition, path: JsonPath) => void): void {
  if (!conditions) return;
  const walk = (v: unknown, path: JsonPath, depth: number): void => {
    if (depth > 64) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i], depth + 1));
    } else if (isObject(v)) {
      const logical = LOGICAL.filter((op) => op in v);
      if (logical.length > 0) for (const op of logical) walk(v[op], [...path, op], depth + 1);
      else visit(v, path);
    }
  };
  walk(conditions.value, conditions.path, 0);
}

/** True when a `segments` value matches every user (`"*"`). */
export function segmentsMatchEveryone(segments: unknown, everyoneSegments: (key: string) => boolean): boolean {
  if (segments === "*") return true;
  if (typeof segments === "string") return everyoneSegments(segments);
  if (Array.isArray(segments)) return segments.length > 0 && segments.every((s) => segmentsMatchEveryone(s, everyoneSegments));
  if (isObject(segments) && Array.isArray(segments.and)) {
    return segments.and.every((s) => segmentsMatchEveryone(s, everyoneSegments));
  }
  if (isObject(segments) && Array.isArray(segments.or)) {
    return segments.or.some((s) => segmentsMatchEveryone(s, everyoneSegments));
  }
  return false;
}

/** True when a segment's `conditions` match every user. */
export function conditionsMatchEveryone(conditions: unknown): boolean {
  return conditions === "*" || (Array.isArray(conditions) && conditions.length === 0);
}
