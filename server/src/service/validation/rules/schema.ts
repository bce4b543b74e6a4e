// Structure of every entity, checked against the JSON Schemas in schemas/.

import { isObject } from "../../project/featureView";
import type { Rule, RuleContext } from "../rule";
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

/**
 * Where a v1 feature keeps its rollout depends on the config: under `environments` (by environment
 * name), or, with `environments: false` (1.x since early 2025), in `rules`, `force` and `expose` at
 * the top. One schema allows both; this says which one the project needs.
 */
function checkV1Layout(ctx: RuleContext): void {
  const v = ctx.value;
  if (!isObject(v)) return;
  const withoutEnvironments = ctx.project.environments === false;
  const required = withoutEnvironments ? "rules" : "environments";
  if (!(required in v)) {
    const why = withoutEnvironments ? " (featurevisor.config.js sets `environments: false`)" : "";
    ctx.report("missing-property", [], `Missing required property "${required}" in the feature${why}.`, {
      target: "key",
      data: { property: required },
    });
  }
  const misplaced = withoutEnvironments ? ["environments"] : ["rules", "force", "expose"].filter((k) => k in v);
  for (const key of misplaced) {
    if (!(key in v)) continue;
    const message = withoutEnvironments
      ? `Unknown property "environments" in the feature: featurevisor.config.js sets \`environments: false\`, so rules, force and expose go at the top.`
      : `Unknown property "${key}" in the feature: in a project with environments, it goes under \`environments.<environment>\`.`;
    ctx.report("unknown-property", [key], message, { target: "key", data: { property: key } });
  }
}

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
    if (ctx.project.format === "v1" && ctx.entry.kind === "feature") checkV1Layout(ctx);
    if (validate(ctx.value)) return;
    for (const f of toFindings(validate.errors ?? [], ctx.value, ENTITY_NAMES[ctx.entry.kind])) {
      ctx.report(f.code, f.path, f.message, { target: f.target, data: f.data });
    }
  },
};
