// JSON Schema validators for each format and entity. They are compiled from schemas/ at build
// time (scripts/generateValidators.mjs), so startup pays neither for ajv nor for compiling. Each
// format's validators are a module of their own, loaded when a project of that format is first
// validated: the bundles keep them in separate files (scripts/build.mjs), so a v1 project's lint
// never parses the larger v2 and v3 validators.

import type { ValidateFunction } from "ajv";
import type { EntityKind, ProjectFormat } from "../types";

type SchemaSet = "v1" | "v2" | "v3";
type Validators = Record<string, ValidateFunction | undefined>;

const loaded: Partial<Record<SchemaSet, Validators>> = {};

function validatorsOf(set: SchemaSet): Validators {
  // Literal requires, so tsc and the bundler each see every file.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (loaded[set] ??=
    set === "v1"
      ? (require("./generated/validatorsV1") as Validators)
      : set === "v2"
        ? (require("./generated/validatorsV2") as Validators)
        : (require("./generated/validatorsV3") as Validators));
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** The validator for an entity of a format; null when there is no schema for it. */
export function getSchemaValidator(format: ProjectFormat, kind: EntityKind): ValidateFunction | null {
  // v3 has a schema per entity (3.1's, strict at every level); only the v2 split environment files, which 3.x
  // does not read, fall back to the v2 schema.
  if (format === "v3") return validatorsOf("v3")[`v3:${kind}`] ?? validatorsOf("v2")[`v2:${kind}`] ?? null;
  const set = format === "v1" ? "v1" : "v2";
  return validatorsOf(set)[`${set}:${kind}`] ?? null;
}
