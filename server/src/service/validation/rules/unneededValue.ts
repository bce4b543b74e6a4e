// `exists` and `notExists` test only whether an attribute is in the context: Featurevisor 2.x and 3.x reject a
// condition that also gives a `value` ("value is not needed"), since it would be silently ignored. The 1.x linter
// has no such check, so v1 projects do not get it.

import { forEachCondition } from "../../project/walk";
import { conditionValues } from "../refs";
import type { Rule } from "../rule";

const WITHOUT_VALUE = ["exists", "notExists"];

export const unneededValueRule: Rule = {
  codes: ["unneeded-value"],
  kinds: ["segment", "feature", "environment"],
  run(ctx) {
    if (ctx.project.format === "v1") return;
    for (const conditions of conditionValues(ctx)) {
      forEachCondition(conditions, (cond, path) => {
        // Featurevisor tests `value !== undefined`, so an explicit `value: null` counts as a value too.
        if (typeof cond.operator !== "string" || !WITHOUT_VALUE.includes(cond.operator) || !("value" in cond)) return;
        ctx.report("unneeded-value", [...path, "value"], `When operator is "${cond.operator}", value is not needed: remove it.`, {
          target: "key",
        });
      });
    }
  },
};
