// Features named by `required`, group slots and feature tests must exist.

import { isObject } from "../../project/featureView";
import { didYouMean, testSubject } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

function check(ctx: RuleContext, key: string, path: readonly (string | number)[]): void {
  ctx.dependOn("feature", key);
  if (ctx.project.feature(key)) return;
  const hint = closest(key, ctx.project.keys("feature"));
  ctx.report("unknown-feature", path, `Unknown feature "${key}".${didYouMean(hint)}`, {
    data: { key, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownFeatureRule: Rule = {
  codes: ["unknown-feature"],
  kinds: ["feature", "group", "test"],
  run(ctx) {
    for (const r of ctx.required) if (typeof r.key.value === "string") check(ctx, r.key.value, r.key.path);
    const v = ctx.value;
    if (ctx.entry.kind === "group" && isObject(v) && Array.isArray(v.slots)) {
      v.slots.forEach((slot, i) => {
        if (isObject(slot) && typeof slot.feature === "string") check(ctx, slot.feature, ["slots", i, "feature"]);
      });
    }
    const subject = testSubject(ctx);
    if (subject?.kind === "feature") check(ctx, subject.key, subject.path);
  },
};
