// Structure of every entity, checked against the JSON Schemas in schemas/.

import { isObject } from "../../project/featureView";
import { versionAtLeast } from "../../project/version";
import type { JsonPath } from "../../types";
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

/**
 * Properties the schemas require that older 0.x and 1.x linters did not: `featurevisor lint` of the pinned
 * version (project/version.ts) is followed. 0.64 ("require certain fields in features and tests") made a rule's
 * `percentage` and an assertion's `at`, `environment` and `context` (`context` and `expectedToMatch` for
 * segments) required; 1.6 (the linter's move to zod) made a variable's `defaultValue` required.
 */
const LATER_REQUIRED: { since: [number, number]; kind: string; at: (path: JsonPath) => boolean; properties: string[] }[] = [
  {
    since: [0, 64],
    kind: "test",
    at: (p) => p.length === 2 && p[0] === "assertions",
    properties: ["at", "environment", "context", "expectedToMatch"],
  },
  { since: [0, 64], kind: "feature", at: (p) => p[p.length - 2] === "rules", properties: ["percentage"] },
  { since: [1, 6], kind: "feature", at: (p) => p.length === 2 && p[0] === "variablesSchema", properties: ["defaultValue"] },
];

/** Whether the linter of the project's version did not require this property yet. */
function notRequiredYet(ctx: RuleContext, path: JsonPath, property: unknown): boolean {
  if (ctx.project.format !== "v1") return false;
  return LATER_REQUIRED.some(
    (r) =>
      r.kind === ctx.entry.kind &&
      r.properties.includes(property as string) &&
      r.at(path) &&
      !versionAtLeast(ctx.project, r.since[0], r.since[1]),
  );
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
      if (f.code === "missing-property" && notRequiredYet(ctx, f.path, f.data?.property)) continue;
      ctx.report(f.code, f.path, f.message, { target: f.target, data: f.data });
    }
  },
};
