// Structure of every entity, checked against the JSON Schemas in schemas/.

import type { Rule } from "../rule";
import { getSchemaValidator } from "../schemaValidator";
import { toFindings } from "../schemaErrors";

const ENTITY_NAMES: Record<string, string> = {
  attribute: "the attribute",
  segment: "the segment",
  feature: "the feature",
  group: "the group",
  test: "the test",
  schema: "the schema",
  environment: "the environment file",
  target: "the target",
};

export const schemaRule: Rule = {
  codes: ["unknown-property", "missing-property", "invalid-type", "out-of-range", "invalid-value"],
  kinds: ["attribute", "segment", "feature", "group", "test", "schema", "environment", "target"],
  run(ctx) {
    const validate = getSchemaValidator(ctx.project.format, ctx.entry.kind);
    if (!validate) return;
    if (ctx.value === undefined || ctx.value === null) {
      ctx.report("invalid-type", [], `The file is empty: expected ${ENTITY_NAMES[ctx.entry.kind]} as a YAML mapping.`);
      return;
    }
    if (validate(ctx.value)) return;
    for (const f of toFindings(validate.errors ?? [], ctx.value, ENTITY_NAMES[ctx.entry.kind])) {
      ctx.report(f.code, f.path, f.message, { target: f.target, data: f.data });
    }
  },
};
