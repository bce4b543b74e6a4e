// JSON Schema validators for each format and entity. They are compiled from schemas/ at build
// time (scripts/generateValidators.mjs), so startup pays neither for ajv nor for compiling.

import type { ValidateFunction } from "ajv";
import type { EntityKind, ProjectFormat } from "../types";
import generated from "./generated/validators";

const validators = generated as unknown as Record<string, ValidateFunction | undefined>;

/** The validator for an entity of a format; null when there is no schema for it (e.g. v1 schemas). */
export function getSchemaValidator(format: ProjectFormat, kind: EntityKind): ValidateFunction | null {
  // v3 has schemas of its own only for what v2 lacks (targets); its other entities use the v2 schemas.
  if (format === "v3") return validators[`v3:${kind}`] ?? validators[`v2:${kind}`] ?? null;
  return validators[`${format === "v1" ? "v1" : "v2"}:${kind}`] ?? null;
}
