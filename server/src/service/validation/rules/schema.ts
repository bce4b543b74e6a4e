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
      // v3 adds properties that the v2 schemas do not know yet: a warning, not an error.
      // Targets have a v3 schema of their own, so their unknown properties are errors as the linter says.
      const v3 = ctx.project.format === "v3" && f.code === "unknown-property" && ctx.entry.kind !== "target";
      const message = v3 ? `${f.message} (Flaglens checks v3 projects against the v2 schemas.)` : f.message;
      ctx.report(f.code, f.path, message, { target: f.target, data: f.data, ...(v3 ? { severity: "warning" as const } : {}) });
    }
  },
};
