// Rule keys, variation values, variable keys and tags must be unique.

import { isObject, type At } from "../../project/featureView";
import type { Rule, RuleContext } from "../rule";

function reportDuplicates(ctx: RuleContext, items: At<unknown>[], what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.value !== "string" && typeof item.value !== "number") continue;
    const k = String(item.value);
    if (seen.has(k)) ctx.report("duplicate-key", item.path, `Duplicate ${what} "${k}".`, { data: { value: k } });
    seen.add(k);
  }
}

export const duplicatesRule: Rule = {
  codes: ["duplicate-key"],
  kinds: ["feature", "environment"],
  run(ctx) {
    for (const env of ctx.environments) {
      reportDuplicates(
        ctx,
        env.rules.flatMap((r) => (r.key ? [r.key] : [])),
        `rule key${env.env ? ` in ${env.env}` : ""}`,
      );
    }
    if (ctx.entry.kind !== "feature") return;
    reportDuplicates(
      ctx,
      ctx.variations.map((v) => v.value),
      "variation value",
    );
    const v = ctx.value;
    if (isObject(v) && Array.isArray(v.variablesSchema)) {
      reportDuplicates(
        ctx,
        ctx.variables.map((d) => ({ value: d.key, path: d.keyPath })),
        "variable key",
      );
    }
    if (isObject(v) && Array.isArray(v.tags)) {
      reportDuplicates(
        ctx,
        v.tags.map((t, i) => ({ value: t, path: ["tags", i] })),
        "tag",
      );
    }
  },
};
