// A v3 target (`targets/<key>.yml`) as the 3.1 builder applies it to a datafile: which features it
// carries (tag, tags with and/or, includeFeatures/excludeFeatures patterns) and what its build-time
// `context` settles.
//
// The builder (applyContextToDatafile) works on the datafile it has just written. With `stringify`
// on (Featurevisor's default) segments' conditions, force segments and conditions and override segments
// that are not plain keys are JSON text by then, and text is never rewritten, except a plain segment key.
// What changes, exactly as the builder does it:
//  - in rule (traffic) segments, parsed back from text, every segment key the context alone matches
//    becomes `"*"`; then `"*"` members are dropped from lists and and/or/not (an and/or/list left
//    empty becomes `"*"`, a `not` left empty becomes `not: ["*"]`). Dropping a `"*"` from an `or` or a
//    `not` narrows it: this is what the builder does, and what the SDK then evaluates;
//  - a rule's own `variableOverrides` are read back from text too: their segments are settled as rule
//    segments are, and in their conditions every plain condition the context matches becomes `"*"`
//    (then the same removal of `"*"` members);
//  - a force's or a variation override's `segments` written as one segment key becomes `"*"` when the
//    context matches that segment;
//  - a rule whose segments are `"*"` right after a kept rule whose segments are `"*"` is dropped.
// "The context matches" is the SDK's own matching with the target's context as the whole context,
// so a condition on an attribute the context lacks can match too (`notEquals`, `notExists`, ...).
// With `stringify: false` nothing is text, so the builder settles everything: each segment's own conditions
// (a segment they reduce to `"*"` leaves the datafile, and every reference to it becomes `"*"`), and a
// force's and a variation override's segments and conditions, as rule segments and rule override
// conditions are settled.

import { isObject } from "../project/featureView";
import { featurePatterns, matchesFeaturePattern } from "../project/targetView";
import { conditionsMatch } from "./conditions";
import { segmentMatcher } from "./segments";
import { SdkError, type DatafileFeature, type DatafileView, type Force, type Traffic, type Variation } from "./types";

type Context = Record<string, unknown>;

/** What a target selects and settles, read from its file. */
export interface TargetSelection {
  key: string;
  tag?: string;
  /** `tags`: a list (any of), `{ or: [...] }` or `{ and: [...] }`. */
  tags?: unknown;
  include?: string[];
  exclude?: string[];
  /** The build-time context; undefined when the target has none (then nothing is settled). */
  context?: Context;
}

/** A target file's value as a selection. */
export function targetSelection(key: string, value: unknown): TargetSelection {
  const t = isObject(value) ? value : {};
  const selection: TargetSelection = { key };
  if (typeof t.tag === "string" && t.tag !== "") selection.tag = t.tag;
  if (t.tags !== undefined && t.tags !== null) selection.tags = t.tags;
  if (t.includeFeatures !== undefined) selection.include = featurePatterns(t, "includeFeatures").map((p) => p.pattern);
  if (t.excludeFeatures !== undefined) selection.exclude = featurePatterns(t, "excludeFeatures").map((p) => p.pattern);
  if (isObject(t.context)) selection.context = t.context;
  return selection;
}

/** Whether a list of tags satisfies a `tags` selector (a list: any of them; `or`: any; `and`: all). */
export function matchesTagSelector(candidates: unknown[], selector: unknown): boolean {
  const has = (tag: unknown) => candidates.includes(tag);
  if (Array.isArray(selector)) return selector.some(has);
  if (isObject(selector)) {
    if ("or" in selector) return Array.isArray(selector.or) && selector.or.some(has);
    if ("and" in selector) return Array.isArray(selector.and) && selector.and.every(has);
  }
  return true;
}

/** Whether the target takes a (non-archived) feature by its tags and key; undefined when it does, else why not. */
export function targetRefusal(target: TargetSelection, featureKey: string, tags: unknown): string | undefined {
  const list = Array.isArray(tags) ? tags : [];
  if (target.tag !== undefined && !list.includes(target.tag)) return `is not tagged "${target.tag}"`;
  if (target.tags !== undefined && !matchesTagSelector(list, target.tags)) return `does not have the tags of target "${target.key}"`;
  if (target.include !== undefined && !target.include.some((p) => matchesFeaturePattern(featureKey, p)))
    return `is not in includeFeatures of target "${target.key}"`;
  if (target.exclude !== undefined && target.exclude.some((p) => matchesFeaturePattern(featureKey, p)))
    return `is in excludeFeatures of target "${target.key}"`;
  return undefined;
}

/** Whether an `expose` list lets the feature into the target's datafile. */
export function exposedForTarget(target: TargetSelection, expose: unknown[]): boolean {
  if (target.tag !== undefined && !expose.includes(target.tag)) return false;
  if (target.tags !== undefined && !matchesTagSelector(expose, target.tags)) return false;
  return true;
}

/** Segments as the builder reads them back from the datafile's text: `{...}` and `[...]` parsed, else as is. */
function parseIfStringified(value: unknown): unknown {
  if (typeof value !== "string" || value === "*") return value;
  if (value[0] !== "{" && value[0] !== "[") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Settles segment expressions under a build-time context, as the 3.1 builder does. */
class ContextApplier {
  private readonly matched = new Map<string, boolean>();

  constructor(
    private readonly base: Pick<DatafileView, "segment">,
    private readonly context: Context,
  ) {}

  /** Whether the named segment matches the build-time context (the SDK's matching; an error is no match). */
  private matches(key: string): boolean {
    let m = this.matched.get(key);
    if (m === undefined) {
      const segment = this.base.segment(key);
      try {
        m = segment !== undefined && conditionsMatch(parseIfStringified(segment.conditions), this.context, 3);
      } catch (error) {
        if (!(error instanceof SdkError)) throw error;
        m = false;
      }
      this.matched.set(key, m);
    }
    return m;
  }

  /** A segment written as a plain key: `"*"` when the context matches it, else unchanged (text is never rewritten). */
  key(segments: unknown): unknown {
    return typeof segments === "string" && segments !== "*" && this.matches(segments) ? "*" : segments;
  }

  /** Conditions read back from text: every plain condition the context matches settled, then the `"*"` members removed. */
  conditions(conditions: unknown): unknown {
    return removeRedundant(this.applyConditions(parseIfStringified(conditions)));
  }

  private applyConditions(c: unknown): unknown {
    if (c === "*") return c;
    if (Array.isArray(c)) return c.map((x) => this.applyConditions(x));
    if (isObject(c)) {
      if ("attribute" in c && this.conditionMatches(c)) return "*";
      for (const op of ["and", "or", "not"]) {
        if (op in c) return Array.isArray(c[op]) ? { [op]: (c[op] as unknown[]).map((x) => this.applyConditions(x)) } : c;
      }
    }
    return c;
  }

  private conditionMatches(c: unknown): boolean {
    try {
      return conditionsMatch(c, this.context, 3);
    } catch (error) {
      if (!(error instanceof SdkError)) throw error;
      return false;
    }
  }

  /** Rule segments: every matched key settled, then the `"*"` members removed. */
  expression(segments: unknown): unknown {
    return removeRedundant(this.apply(parseIfStringified(segments)));
  }

  private apply(s: unknown): unknown {
    if (s === "*") return s;
    if (Array.isArray(s)) return s.map((x) => this.apply(x));
    if (typeof s === "string") return this.key(s);
    if (isObject(s)) {
      for (const op of ["and", "or", "not"]) {
        if (op in s) return Array.isArray(s[op]) ? { [op]: (s[op] as unknown[]).map((x) => this.apply(x)) } : s;
      }
    }
    return s;
  }
}

function removeRedundant(s: unknown): unknown {
  if (s === "*") return s;
  const kept = (list: unknown[]) => list.map(removeRedundant).filter((x) => x !== "*");
  if (Array.isArray(s)) {
    const list = kept(s);
    return list.length === 0 ? "*" : list;
  }
  if (isObject(s)) {
    for (const op of ["and", "or", "not"]) {
      if (!(op in s)) continue;
      if (!Array.isArray(s[op])) return s;
      const list = kept(s[op] as unknown[]);
      if (list.length === 0) return op === "not" ? { not: ["*"] } : "*";
      return { [op]: list };
    }
  }
  return s;
}

/** A segment's conditions as a build with `stringify: false` writes them under a target's context: `"*"` when settled. */
export function contextualSegmentConditions(base: Pick<DatafileView, "segment">, conditions: unknown, context: Context): unknown {
  return new ContextApplier(base, context).conditions(conditions);
}

/** Settles a force's or a variation override's segments and conditions, as the builder does without `stringify`. */
function settleUnstringified<T extends { segments?: unknown; conditions?: unknown }>(applier: ContextApplier, o: T): T {
  const out = { ...o };
  if (o.segments) out.segments = applier.expression(o.segments);
  if (o.conditions) out.conditions = applier.conditions(o.conditions);
  return out;
}

/**
 * A datafile feature as the target's build-time context leaves it. `base` gives the segments of the datafile
 * before the context; `stringified` is the config's `stringify`.
 */
export function applyTargetContext(
  feature: DatafileFeature,
  base: Pick<DatafileView, "segment">,
  context: Context,
  stringified = true,
): DatafileFeature {
  const applier = new ContextApplier(base, context);
  const force = feature.force?.map((f): Force => {
    if (!stringified) return settleUnstringified(applier, f);
    return f.segments ? { ...f, segments: applier.key(f.segments) } : f;
  });
  const variations = feature.variations?.map((v): Variation => {
    if (!v.variableOverrides) return v;
    const overrides: NonNullable<Variation["variableOverrides"]> = {};
    for (const [key, list] of Object.entries(v.variableOverrides)) {
      overrides[key] = list.map((o) => {
        if (!stringified) return settleUnstringified(applier, o);
        return o.segments !== undefined && o.conditions === undefined ? { ...o, segments: applier.key(o.segments) } : o;
      });
    }
    return { ...v, variableOverrides: overrides };
  });
  const traffic: Traffic[] = [];
  let last: Traffic | undefined;
  for (const t of feature.traffic) {
    const settled = t.segments ? { ...t, segments: applier.expression(t.segments) } : { ...t };
    if (t.variableOverrides) {
      const overrides: NonNullable<Traffic["variableOverrides"]> = {};
      for (const [key, list] of Object.entries(t.variableOverrides)) {
        overrides[key] = list.map((o) => {
          const out = { ...o };
          if (o.segments) out.segments = applier.expression(o.segments);
          if (o.conditions) out.conditions = applier.conditions(o.conditions);
          return out;
        });
      }
      settled.variableOverrides = overrides;
    }
    if (last && last.segments === "*" && settled.segments === "*") continue;
    traffic.push(settled);
    last = settled;
  }
  return { ...feature, force, variations, traffic, trafficSegments: traffic.map((t) => segmentMatcher(t.segments, true)) };
}
