// JSON Schema validators for each format and entity. They are compiled from schemas/ at build
// time (scripts/generateValidators.mjs), so startup pays neither for ajv nor for compiling.

import type { ValidateFunction } from "ajv";
import type { EntityKind, ProjectFormat } from "../types";
import generated from "./generated/validators";

const validators = generated as unknown as Record<string, ValidateFunction | undefined>;

/** The validator for an entity of a format; null when there is no schema for it (e.g. v1 schemas). */
export function getSchemaValidator(format: ProjectFormat, kind: EntityKind): ValidateFunction | null {
  // v3 has a schema per entity (3.1's, strict at every level); only the v2 split environment files, which 3.x
  // does not read, fall back to the v2 schema.
  if (format === "v3") return validators[`v3:${kind}`] ?? validators[`v2:${kind}`] ?? null;
  return validators[`${format === "v1" ? "v1" : "v2"}:${kind}`] ?? null;
}
