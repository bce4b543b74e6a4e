// Compiled JSON Schema validators for each format and entity, built on first use.

import Ajv, { type ValidateFunction } from "ajv";
import type { EntityKind, ProjectFormat } from "../types";
import v1Attribute from "../../../../schemas/v1/attribute.schema.json";
import v1Common from "../../../../schemas/v1/common.schema.json";
import v1Feature from "../../../../schemas/v1/feature.schema.json";
import v1Group from "../../../../schemas/v1/group.schema.json";
import v1Segment from "../../../../schemas/v1/segment.schema.json";
import v1Test from "../../../../schemas/v1/test.schema.json";
import v2Attribute from "../../../../schemas/v2/attribute.schema.json";
import v2Common from "../../../../schemas/v2/common.schema.json";
import v2Environment from "../../../../schemas/v2/environment.schema.json";
import v2Feature from "../../../../schemas/v2/feature.schema.json";
import v2Group from "../../../../schemas/v2/group.schema.json";
import v2Schema from "../../../../schemas/v2/schema.schema.json";
import v2Segment from "../../../../schemas/v2/segment.schema.json";
import v2Test from "../../../../schemas/v2/test.schema.json";

type SchemaSet = { common: object; entities: Partial<Record<EntityKind, object>> };

const SETS: Record<"v1" | "v2", SchemaSet> = {
  v1: {
    common: v1Common,
    entities: { attribute: v1Attribute, segment: v1Segment, feature: v1Feature, group: v1Group, test: v1Test },
  },
  v2: {
    common: v2Common,
    entities: {
      attribute: v2Attribute,
      segment: v2Segment,
      feature: v2Feature,
      group: v2Group,
      test: v2Test,
      schema: v2Schema,
      environment: v2Environment,
    },
  },
};

const ajvs = new Map<string, Ajv>();
const compiled = new Map<string, ValidateFunction | null>();

function ajvFor(set: "v1" | "v2"): Ajv {
  let ajv = ajvs.get(set);
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addSchema(SETS[set].common);
    ajvs.set(set, ajv);
  }
  return ajv;
}

/** The validator for an entity of a format; null when there is no schema for it (e.g. v1 schemas). */
export function getSchemaValidator(format: ProjectFormat, kind: EntityKind): ValidateFunction | null {
  const set = format === "v1" ? "v1" : "v2";
  const id = set + ":" + kind;
  if (!compiled.has(id)) {
    const schema = SETS[set].entities[kind];
    compiled.set(id, schema ? ajvFor(set).compile(schema) : null);
  }
  return compiled.get(id)!;
}
