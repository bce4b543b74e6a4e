// Variation weights and group slots must add up to 100.

import { isObject } from "../../project/featureView";
import type { Rule } from "../rule";

/** Sums numbers, rounding away binary noise such as 33.3 + 33.3 + 33.4. */
function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

export const weightsSumRule: Rule = {
  codes: ["weights-sum"],
  kinds: ["feature", "environment"],
  run(ctx) {
    if (ctx.entry.kind === "feature" && ctx.variations.length > 0) {
      const weights = ctx.variations.map((v) => v.weight?.value);
      if (weights.every((w): w is number => typeof w === "number")) {
        const total = sum(weights);
        if (total !== 100) {
          ctx.report("weights-sum", ["variations"], `Variation weights add up to ${total}, not 100 (${weights.join(" + ")}).`, {
            target: "key",
            data: { total },
          });
        }
      }
    }
    for (const env of ctx.environments) {
      for (const r of env.rules) {
        const w = r.variationWeights?.value;
        if (!isObject(w)) continue;
        const values = Object.values(w);
        if (!values.every((x): x is number => typeof x === "number")) continue;
        const total = sum(values);
        if (total !== 100) {
          ctx.report("weights-sum", r.variationWeights!.path, `variationWeights add up to ${total}, not 100.`, {
            target: "key",
            data: { total },
          });
        }
      }
    }
  },
};

export const slotsSumRule: Rule = {
  codes: ["slots-sum"],
  kinds: ["group"],
  run(ctx) {
    const v = ctx.value;
    if (!isObject(v) || !Array.isArray(v.slots) || v.slots.length === 0) return;
    const values = v.slots.map((s) => (isObject(s) ? s.percentage : undefined));
    if (!values.every((x): x is number => typeof x === "number")) return;
    const total = sum(values);
    if (total !== 100) {
      ctx.report("slots-sum", ["slots"], `Slot percentages add up to ${total}, not 100 (${values.join(" + ")}).`, {
        target: "key",
        data: { total },
      });
    }
  },
};
