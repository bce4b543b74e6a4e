// The boolean and value logic that every language shares: when an operator's result is decided
// by a known operand, and which operand (or constant) remains. Languages bring their own syntax
// and their own truthiness; the decisions here only drop an operand whose effect is nothing.

/** A value known at rewrite time; `null` is the SDK's "no value" (null, undefined, None). */
export type Value = boolean | string | number | null | readonly unknown[] | { readonly [k: string]: unknown };

/** A known value and the usages it comes from. */
export interface Known {
  value: Value;
  /** Usages (by index) whose value this is. */
  sources: readonly number[];
  /**
   * The SDK's "no value" when the language cannot tell which absent value it is (JavaScript's v1 SDK
   * returns undefined where v2 returns null): strict comparisons with null or undefined stay undecided.
   */
  fuzzyNull?: boolean;
}

/** What the logic needs to know about an operand. */
export interface Operand {
  known?: Known;
  /** Dropping it loses no effect (no call, no assignment). */
  pure: boolean;
  /** It is certainly a boolean. */
  boolish: boolean;
}

/** Whether the consumer reads a value, or only its truthiness (conditions, `!`, discarded results). */
export type UseMode = "value" | "bool";

/** The result of an operator: an operand as written, a constant, or undecided (undefined). */
export type Decision = { keep: "left" | "right" } | { value: Value; sources: readonly number[] } | undefined;

/** A language's truthiness. */
export interface Semantics {
  truthy(v: Value): boolean;
}

/** JavaScript: false, 0, "", null (and NaN) are falsy; objects and arrays are truthy. */
export const JS_SEMANTICS: Semantics = {
  truthy: (v) => (typeof v === "number" ? v !== 0 && !Number.isNaN(v) : v !== null && v !== false && v !== ""),
};

/** Python: also empty lists and dicts are falsy. */
export const PY_SEMANTICS: Semantics = {
  truthy: (v) => {
    if (Array.isArray(v)) return v.length > 0;
    if (v !== null && typeof v === "object") return Object.keys(v).length > 0;
    return JS_SEMANTICS.truthy(v);
  },
};

/** Go: only booleans are tested. */
export const GO_SEMANTICS: Semantics = { truthy: (v) => v === true || (typeof v !== "boolean" && JS_SEMANTICS.truthy(v)) };

function constant(k: Known): Decision {
  return { value: k.value, sources: k.sources };
}

function joinSources(a: Operand, b: Operand): number[] {
  return [...(a.known?.sources ?? []), ...(b.known?.sources ?? [])];
}

/** `l && r` (`l and r`): the value of `l` if it is falsy, else `r`. */
export function decideAnd(l: Operand, r: Operand, mode: UseMode, sem: Semantics): Decision {
  if (l.known) return sem.truthy(l.known.value) ? { keep: "right" } : constant(l.known);
  if (r.known) {
    const rv = r.known.value;
    // x && true is x where only truthiness counts, or where x is a boolean anyway.
    if (sem.truthy(rv) && (mode === "bool" || (l.boolish && rv === true))) return { keep: "left" };
    // x && false is false (when x has no effect): falsy either way.
    if (!sem.truthy(rv) && l.pure && (mode === "bool" || (l.boolish && rv === false))) return { value: rv, sources: joinSources(l, r) };
  }
  return undefined;
}

/** `l || r` (`l or r`): the value of `l` if it is truthy, else `r`. */
export function decideOr(l: Operand, r: Operand, mode: UseMode, sem: Semantics): Decision {
  if (l.known) return sem.truthy(l.known.value) ? constant(l.known) : { keep: "right" };
  if (r.known) {
    const rv = r.known.value;
    // x || true is true (when x has no effect): truthy either way.
    if (sem.truthy(rv) && l.pure && (mode === "bool" || (l.boolish && rv === true))) return { value: rv, sources: joinSources(l, r) };
    // x || false is x where only truthiness counts, or where x is a boolean anyway.
    if (!sem.truthy(rv) && (mode === "bool" || (l.boolish && rv === false))) return { keep: "left" };
  }
  return undefined;
}

/** `l ?? r`: decided when `l` is known. */
export function decideCoalesce(l: Operand): Decision {
  if (!l.known) return undefined;
  return l.known.value === null ? { keep: "right" } : constant(l.known);
}

/** `!a` (`not a`). */
export function decideNot(a: Operand, sem: Semantics): Decision {
  return a.known ? { value: !sem.truthy(a.known.value), sources: a.known.sources } : undefined;
}

/** Which branch of `c ? a : b` (`a if c else b`, `if c`) is taken, if decided. */
export function decideBranch(c: Operand, sem: Semantics): boolean | undefined {
  return c.known ? sem.truthy(c.known.value) : undefined;
}

/** Equality operators, as each language spells its comparisons of values. */
export type EqualityOp = "strict-eq" | "strict-ne" | "loose-eq" | "loose-ne";

function isPrimitive(v: Value): v is boolean | string | number | null {
  return v === null || typeof v !== "object";
}

/**
 * Compares two known values. Strings, numbers and booleans compare by value; "no value" equals
 * only itself, and strictly only when neither side is fuzzy; objects and mixed types under loose
 * equality are undecided.
 */
export function decideEquality(l: Known, r: Known, op: EqualityOp): Decision {
  const lv = l.value;
  const rv = r.value;
  if (!isPrimitive(lv) || !isPrimitive(rv)) return undefined;
  const strict = op === "strict-eq" || op === "strict-ne";
  let equal: boolean;
  if (lv === null || rv === null) {
    if (lv === null && rv === null && strict && (l.fuzzyNull || r.fuzzyNull)) return undefined;
    equal = lv === null && rv === null;
  } else if (typeof lv !== typeof rv) {
    if (!strict) return undefined;
    equal = false;
  } else equal = lv === rv;
  const negate = op === "strict-ne" || op === "loose-ne";
  return { value: negate ? !equal : equal, sources: [...l.sources, ...r.sources] };
}
