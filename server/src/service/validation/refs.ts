// Where a file references other entities: shared by the reference rules.

import { isObject, type At } from "../project/featureView";
import type { JsonPath } from "../types";
import type { RuleContext } from "./rule";

/** Every `segments` value of a feature or per-environment file: rules, forces, overrides (of variations and rules). */
export function segmentValues(ctx: RuleContext): At<unknown>[] {
  const out: At<unknown>[] = [];
  for (const env of ctx.environments) {
    for (const r of [...env.rules, ...env.force]) {
      if (r.segments) out.push(r.segments);
      for (const o of r.overrides) if (o.segments) out.push(o.segments);
    }
  }
  if (ctx.entry.kind === "feature") {
    for (const v of ctx.variations) for (const o of v.overrides) if (o.segments) out.push(o.segments);
  }
  return out;
}

/** Every `conditions` value of a file: a segment's, forces', overrides' (of variations and rules). */
export function conditionValues(ctx: RuleContext): At<unknown>[] {
  const out: At<unknown>[] = [];
  const v = ctx.value;
  if (ctx.entry.kind === "segment" && isObject(v) && "conditions" in v) out.push({ value: v.conditions, path: ["conditions"] });
  for (const env of ctx.environments) {
    for (const r of env.force) if (r.conditions) out.push(r.conditions);
    for (const r of env.rules) for (const o of r.overrides) if (o.conditions) out.push(o.conditions);
  }
  if (ctx.entry.kind === "feature") {
    for (const variation of ctx.variations) for (const o of variation.overrides) if (o.conditions) out.push(o.conditions);
  }
  return out;
}

/** The attribute keys named by a feature's `bucketBy`. */
export function bucketByKeys(ctx: RuleContext): { key: string; path: JsonPath }[] {
  const v = ctx.value;
  if (ctx.entry.kind !== "feature" || !isObject(v)) return [];
  const out: { key: string; path: JsonPath }[] = [];
  const b = v.bucketBy;
  if (typeof b === "string") out.push({ key: b, path: ["bucketBy"] });
  else if (Array.isArray(b)) b.forEach((k, i) => typeof k === "string" && out.push({ key: k, path: ["bucketBy", i] }));
  else if (isObject(b) && Array.isArray(b.or))
    b.or.forEach((k, i) => typeof k === "string" && out.push({ key: k, path: ["bucketBy", "or", i] }));
  return out;
}

/** A test file's subject: the feature or segment it tests. */
export function testSubject(ctx: RuleContext): { kind: "feature" | "segment"; key: string; path: JsonPath } | undefined {
  const v = ctx.value;
  if (ctx.entry.kind !== "test" || !isObject(v)) return undefined;
  if (typeof v.feature === "string") return { kind: "feature", key: v.feature, path: ["feature"] };
  if (typeof v.segment === "string") return { kind: "segment", key: v.segment, path: ["segment"] };
  return undefined;
}

/** The assertions of a test file, with their paths. */
export function testAssertions(ctx: RuleContext): { value: Record<string, unknown>; path: JsonPath }[] {
  const v = ctx.value;
  if (!isObject(v) || !Array.isArray(v.assertions)) return [];
  return v.assertions.flatMap((a, i) => (isObject(a) ? [{ value: a, path: ["assertions", i] as JsonPath }] : []));
}

/** "Did you mean" text for a message. */
export function didYouMean(hint: string | undefined): string {
  return hint ? ` Did you mean "${hint}"?` : "";
}
