// Conditions (`{ attribute, operator, value }` combined with and/or/not) evaluated against a context,
// operator by operator as each SDK generation does. The branch order matters and is the SDKs':
// an operator only applies when the context and condition values have the types its branch expects,
// and anything else is simply not matched.

import { readPath, readPlain } from "./bucketing";
import { compareVersions } from "./semver";
import { SdkError, isJsonObject, type JsonObject } from "./types";

type Context = Record<string, unknown>;

/** Parsed date strings: the same condition values and context dates come back for every feature. */
const dateCache = new Map<string, number>();

/** A value as the SDK's `new Date(value)` reads it, in milliseconds (NaN when invalid). */
function time(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return new Date(value as string).getTime();
  let t = dateCache.get(value);
  if (t === undefined) {
    t = new Date(value).getTime();
    if (dateCache.size > 10000) dateCache.clear();
    dateCache.set(value, t);
  }
  return t;
}

function compareDates(operator: "before" | "after", actual: unknown, expected: unknown): boolean {
  const a = time(actual);
  const e = time(expected);
  return operator === "before" ? a < e : a > e;
}

function semver(operator: string, actual: string, expected: string): boolean {
  const r = compareVersions(actual, expected);
  if (r === undefined) return false; // The SDKs throw on an invalid version and count the condition as unmatched.
  if (operator === "semverEquals") return r === 0;
  if (operator === "semverNotEquals") return r !== 0;
  if (operator === "semverGreaterThan") return r === 1;
  if (operator === "semverGreaterThanOrEquals") return r >= 0;
  if (operator === "semverLessThan") return r === -1;
  return operator === "semverLessThanOrEquals" && r <= 0;
}

const regexCache = new Map<string, RegExp | undefined>();

function regex(pattern: string, flags: unknown): RegExp | undefined {
  const key = `${pattern}-${typeof flags === "string" ? flags : ""}`;
  if (!regexCache.has(key)) {
    try {
      regexCache.set(key, new RegExp(pattern, typeof flags === "string" ? flags : ""));
    } catch {
      regexCache.set(key, undefined); // An invalid pattern throws in the SDK, which counts as unmatched.
    }
  }
  return regexCache.get(key);
}

function stringOperator(operator: string, actual: string, expected: string, flags: unknown, sdk: SdkGeneration): boolean {
  if (operator === "contains") return actual.indexOf(expected) !== -1;
  if (operator === "notContains") return actual.indexOf(expected) === -1;
  if (operator === "startsWith") return actual.startsWith(expected);
  if (operator === "endsWith") return actual.endsWith(expected);
  if (operator.startsWith("semver")) return semver(operator, actual, expected);
  if (sdk >= 2 && (operator === "matches" || operator === "notMatches")) {
    const r = regex(expected, flags);
    if (!r) return false;
    return operator === "matches" ? r.test(actual) : !r.test(actual);
  }
  return false;
}

function numberOperator(operator: string, actual: number, expected: number): boolean {
  if (operator === "greaterThan") return actual > expected;
  if (operator === "greaterThanOrEquals") return actual >= expected;
  if (operator === "lessThan") return actual < expected;
  return operator === "lessThanOrEquals" && actual <= expected;
}

/** One plain condition under v1 rules: plain attribute keys, `in` only for string context values. */
function plainConditionV1(c: JsonObject, context: Context): boolean {
  const { operator, value } = c;
  const actual = readPlain(context, c.attribute as string);
  if (operator === "equals") return actual === value;
  if (operator === "notEquals") return actual !== value;
  if (operator === "before" || operator === "after") return compareDates(operator, actual, value);
  if (typeof actual === "string" && Array.isArray(value)) {
    return operator === "in" ? value.indexOf(actual) !== -1 : operator === "notIn" && value.indexOf(actual) === -1;
  }
  if (typeof actual === "string" && typeof value === "string") return stringOperator(String(operator), actual, value, undefined, 1);
  if (typeof actual === "number" && typeof value === "number") return numberOperator(String(operator), actual, value);
  return false;
}

/**
 * One plain condition under v2 rules: dotted paths, `in` for numbers and null too, exists, includes, matches.
 * The 3.x SDK also takes a number, boolean or null as the value `includes` looks for.
 */
function plainConditionV2(c: JsonObject, context: Context, sdk: SdkGeneration): boolean {
  const { operator, value } = c;
  if (typeof c.attribute !== "string") return false; // The SDK throws reading the path, and counts that as unmatched.
  const actual = readPath(context, c.attribute);
  if (operator === "equals") return actual === value;
  if (operator === "notEquals") return actual !== value;
  if (operator === "before" || operator === "after") return compareDates(operator, actual, value);
  if (Array.isArray(value) && (typeof actual === "string" || typeof actual === "number" || actual === null)) {
    return operator === "in" ? value.indexOf(actual) !== -1 : operator === "notIn" && value.indexOf(actual) === -1;
  }
  if (typeof actual === "string" && typeof value === "string") return stringOperator(String(operator), actual, value, c.regexFlags, sdk);
  if (typeof actual === "number" && typeof value === "number") return numberOperator(String(operator), actual, value);
  if (operator === "exists") return actual !== undefined;
  if (operator === "notExists") return actual === undefined;
  if (
    Array.isArray(actual) &&
    (typeof value === "string" || (sdk === 3 && (typeof value === "number" || typeof value === "boolean" || value === null)))
  ) {
    return operator === "includes" ? actual.indexOf(value) > -1 : operator === "notIncludes" && actual.indexOf(value) === -1;
  }
  return false;
}

/** The SDK generation whose rules apply: 1 (v1 projects), 2 (v2), 3 (v3 projects, read by the 3.x SDK). */
export type SdkGeneration = 1 | 2 | 3;

/**
 * Whether `conditions` (a plain condition, a list meaning "all of", `and`/`or`/`not`, or v2's `"*"`)
 * match the context. `not` means "not all of"; an empty `not` matches everyone before the 3.x SDK and
 * nobody in it. Throws SdkError where the SDK would throw.
 */
export function conditionsMatch(conditions: unknown, context: Context, sdk: SdkGeneration): boolean {
  if (sdk >= 2 && typeof conditions === "string") return conditions === "*";
  if (typeof conditions !== "object" || conditions === null) throw new SdkError("conditions are not an object");
  if (isJsonObject(conditions) && "attribute" in conditions) {
    return sdk === 1 ? plainConditionV1(conditions, context) : plainConditionV2(conditions, context, sdk);
  }
  const c = conditions as JsonObject;
  if ("and" in c && Array.isArray(c.and)) return c.and.every((x) => conditionsMatch(x, context, sdk));
  if ("or" in c && Array.isArray(c.or)) return c.or.some((x) => conditionsMatch(x, context, sdk));
  if ("not" in c && Array.isArray(c.not)) {
    if (c.not.length === 0) return sdk !== 3;
    return !conditionsMatch({ and: c.not }, context, sdk);
  }
  if (Array.isArray(conditions)) return conditions.every((x) => conditionsMatch(x, context, sdk));
  return false;
}
