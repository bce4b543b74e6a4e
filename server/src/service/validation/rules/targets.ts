// References of v3 targets: the tags they select by, the feature key patterns, and the attributes of their
// build-time context. Featurevisor 3.1's linter (targetSchema) rejects unknown tags, both `tag` and `tags`,
// patterns with surrounding spaces and `**`; it does not check patterns against features or context keys
// against attributes, so those two findings are warnings that Flaglens adds.

import { attributeKeyOf, isObject } from "../../project/featureView";
import { featurePatterns, matchesFeaturePattern, targetTags } from "../../project/targetView";
import { didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

export const targetRule: Rule = {
  codes: ["unknown-tag", "invalid-value", "unmatched-feature-pattern", "unknown-attribute"],
  kinds: ["target"],
  run(ctx) {
    const v = ctx.value;
    if (!isObject(v)) return;
    checkTags(ctx);
    if (v.tag !== undefined && v.tags !== undefined) {
      ctx.report("invalid-value", ["tags"], 'Only one of "tag" or "tags" can be defined in a target.', { target: "key" });
    }
    checkPatterns(ctx);
    if (isObject(v.context)) {
      for (const name of Object.keys(v.context)) checkContextAttribute(ctx, name);
    }
  },
};

/** Every tag a target selects by must be declared in the config: the 3.1 linter says "Unknown tag". */
function checkTags(ctx: RuleContext): void {
  const declared = ctx.project.config.tags;
  for (const { tag, path } of targetTags(ctx.value)) {
    if (declared.includes(tag)) continue;
    const hint = closest(tag, declared);
    ctx.report("unknown-tag", path, `Unknown tag "${tag}".${didYouMean(hint)} featurevisor.config.js declares: ${declared.join(", ")}.`, {
      severity: "error",
      data: { tag, ...(hint ? { suggestion: hint } : {}) },
    });
  }
}

function checkPatterns(ctx: RuleContext): void {
  // Any feature created or deleted may change what a pattern matches.
  ctx.dependOn("feature", "*");
  const features = ctx.project.keys("feature");
  for (const property of ["includeFeatures", "excludeFeatures"] as const) {
    for (const { pattern, path } of featurePatterns(ctx.value, property)) {
      if (path.length === 1) continue; // A plain "*" (anything else is the schema's finding).
      if (pattern.trim() !== pattern) {
        ctx.report("invalid-value", path, "Feature patterns cannot have surrounding spaces.");
      } else if (pattern.includes("**")) {
        ctx.report("invalid-value", path, 'Use "*" for glob-like wildcard matching, not "**".');
      } else if (pattern !== "" && !features.some((key) => matchesFeaturePattern(key, pattern))) {
        const hint = pattern.includes("*") ? undefined : closest(pattern, features);
        ctx.report("unmatched-feature-pattern", path, `No feature matches "${pattern}" in ${property}.${didYouMean(hint)}`, {
          data: { pattern, ...(hint ? { suggestion: hint } : {}) },
        });
      }
    }
  }
}

/** A context key that is no attribute never matches a condition, so the context does not narrow the datafile. */
function checkContextAttribute(ctx: RuleContext, name: string): void {
  const key = attributeKeyOf(ctx.project, name);
  ctx.dependOn("attribute", key);
  if (ctx.project.attribute(key)) return;
  const hint = closest(key, ctx.project.keys("attribute"));
  ctx.report(
    "unknown-attribute",
    ["context", name],
    `Unknown attribute "${key}" in the target's context.${didYouMean(hint)} (Featurevisor's linter does not check this.)`,
    { target: "key", severity: "warning", data: { key, ...(hint ? { suggestion: hint } : {}) } },
  );
}
