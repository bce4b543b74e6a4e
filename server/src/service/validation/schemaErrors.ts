// Turns ajv errors into findings: one precise finding per real problem, with a stable code.

import type { ErrorObject } from "ajv";
import type { JsonPath } from "../types";
import type { DiagnosticCode } from "./codes";
import { closest } from "./suggest";

/** A schema finding, before ranges are resolved. */
export interface SchemaFinding {
  code: DiagnosticCode;
  path: JsonPath;
  target: "key" | "value";
  message: string;
  data?: Record<string, unknown>;
}

const CODE_BY_KEYWORD: Record<string, DiagnosticCode> = {
  additionalProperties: "unknown-property",
  required: "missing-property",
  type: "invalid-type",
  minimum: "out-of-range",
  maximum: "out-of-range",
  exclusiveMinimum: "out-of-range",
  exclusiveMaximum: "out-of-range",
};

/** Splits an ajv instancePath (`/a/0/b~1c`) into a JSON path. */
export function pointerToPath(pointer: string, value: unknown): JsonPath {
  if (pointer === "") return [];
  const parts = pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const path: (string | number)[] = [];
  let v: unknown = value;
  for (const p of parts) {
    if (Array.isArray(v) && /^\d+$/.test(p)) {
      path.push(Number(p));
      v = v[Number(p)];
    } else {
      path.push(p);
      v = v && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined;
    }
  }
  return path;
}

function depth(e: ErrorObject): number {
  return e.instancePath === "" ? 0 : e.instancePath.split("/").length;
}

/** Chooses, among the errors of failed union branches, the ones worth showing. */
function pickBranchErrors(union: ErrorObject, candidates: ErrorObject[]): ErrorObject[] {
  if (candidates.length === 0) return [union];
  const max = Math.max(...candidates.map(depth));
  let best = candidates.filter((e) => depth(e) === max);
  const nonType = best.filter((e) => e.keyword !== "type");
  if (nonType.length > 0) best = nonType;
  if (max > depth(union) || nonType.length > 0) return best;
  // Every branch failed on the type of the value itself: one finding that lists what fits.
  const types = [...new Set(best.map((e) => String((e.params as { type?: unknown }).type)))];
  return [{ ...union, keyword: "type", params: { type: types.join(", ") } }];
}

/** Removes branch noise of `anyOf`/`oneOf`/`if` so that each real problem is reported once. */
export function collapseUnions(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === "if") continue;
    if (e.keyword !== "anyOf" && e.keyword !== "oneOf") {
      out.push(e);
      continue;
    }
    // The branch errors are the trailing errors at or below this union's instance.
    const prefix = e.instancePath;
    let start = out.length;
    while (start > 0) {
      const p = out[start - 1].instancePath;
      if (p === prefix || p.startsWith(prefix + "/")) start--;
      else break;
    }
    const branch = out.splice(start);
    if (e.keyword === "oneOf" && branch.length === 0) {
      out.push({ ...e, keyword: "oneOf" });
      continue;
    }
    out.push(...pickBranchErrors(e, branch));
  }
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = e.instancePath + "|" + e.keyword + "|" + JSON.stringify(e.params);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  switch (typeof value) {
    case "string":
      return `the string "${value.length > 40 ? value.slice(0, 40) + "…" : value}"`;
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return `${value}`;
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  null: "null",
};

function typeList(t: string): string {
  const names = t.split(/,\s*/).map((x) => TYPE_NAMES[x] ?? x);
  return names.length > 1 ? names.slice(0, -1).join(", ") + " or " + names[names.length - 1] : names[0];
}

/** Converts collapsed ajv errors into findings. */
export function toFindings(errors: ErrorObject[], value: unknown, entityName: string): SchemaFinding[] {
  return collapseUnions(errors).map((e) => {
    const path = pointerToPath(e.instancePath, value);
    const params = e.params as Record<string, unknown>;
    const data = e.data;
    switch (e.keyword) {
      case "additionalProperties": {
        const prop = String(params.additionalProperty);
        const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        const hint = closest(prop, known);
        return {
          code: "unknown-property",
          path: [...path, prop],
          target: "key",
          message: `Unknown property "${prop}"${where(path, entityName)}.${hint ? ` Did you mean "${hint}"?` : known.length ? ` Allowed: ${known.join(", ")}.` : ""}`,
          data: { property: prop, ...(hint ? { suggestion: hint } : {}) },
        };
      }
      case "required": {
        const prop = String(params.missingProperty);
        return {
          code: "missing-property",
          path,
          target: "key",
          message: `Missing required property "${prop}"${where(path, entityName)}.`,
          data: { property: prop },
        };
      }
      case "type":
        return {
          code: "invalid-type",
          path,
          target: "value",
          message: `Expected ${typeList(String(params.type))}, found ${describe(data)}.`,
        };
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        return {
          code: CODE_BY_KEYWORD[e.keyword],
          path,
          target: "value",
          message: `${String(data)} is out of range: it must be ${e.keyword.includes("inimum") ? "at least" : "at most"} ${String(params.limit)}.`,
        };
      case "enum": {
        const allowed = (params.allowedValues as unknown[]) ?? [];
        const hint = typeof data === "string" ? closest(data, allowed.map(String)) : undefined;
        return {
          code: "invalid-value",
          path,
          target: "value",
          message: `${describe(data)} is not allowed here.${hint ? ` Did you mean "${hint}"?` : ""} Expected one of: ${allowed.map((a) => JSON.stringify(a)).join(", ")}.`,
          data: hint ? { suggestion: hint } : undefined,
        };
      }
      default:
        return { code: "invalid-value", path, target: "value", message: `Invalid value: ${e.message ?? e.keyword}.` };
    }
  });
}

function where(path: JsonPath, entityName: string): string {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return last === undefined ? ` in ${entityName}` : ` in "${String(last)}"`;
}
