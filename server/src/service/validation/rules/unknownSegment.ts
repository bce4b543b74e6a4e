// Segment keys referenced by rules, forces, overrides and segment tests must exist.

import { forEachSegmentKey } from "../../project/walk";
import { closest } from "../suggest";
import { didYouMean, segmentValues, testSubject } from "../refs";
import type { Rule, RuleContext } from "../rule";

function check(ctx: RuleContext, key: string, path: () => readonly (string | number)[]): void {
  ctx.dependOn("segment", key);
  if (ctx.project.has("segment", key)) return;
  const hint = closest(key, ctx.project.keys("segment"));
  ctx.report("unknown-segment", path(), `Unknown segment "${key}".${didYouMean(hint)}`, {
    data: { key, ...(hint ? { suggestion: hint } : {}) },
  });
}

export const unknownSegmentRule: Rule = {
  codes: ["unknown-segment"],
  kinds: ["feature", "environment", "test"],
  run(ctx) {
    for (const segments of segmentValues(ctx)) forEachSegmentKey(segments, (key, path) => check(ctx, key, path));
    const subject = testSubject(ctx);
    if (subject?.kind === "segment") check(ctx, subject.key, () => subject.path);
  },
};
