// Tags: `expose` lists must name declared tags; in v3 every tag of a feature must be declared (3.1's linter:
// "Unknown tag"); in v1 and v2 a feature none of whose tags is declared is in no datafile.

import { isObject } from "../../project/featureView";
import { didYouMean } from "../refs";
import type { Rule } from "../rule";
import { closest } from "../suggest";

export const unknownTagRule: Rule = {
  codes: ["unknown-tag"],
  kinds: ["feature", "environment"],
  run(ctx) {
    const declared = ctx.project.config.tags;
    for (const env of ctx.environments) {
      if (!env.expose || !Array.isArray(env.expose.value)) continue;
      env.expose.value.forEach((tag, i) => {
        if (typeof tag !== "string" || declared.includes(tag)) return;
        const hint = closest(tag, declared);
        ctx.report(
          "unknown-tag",
          [...env.expose!.path, i],
          `Unknown tag "${tag}" in expose.${didYouMean(hint)} featurevisor.config.js declares: ${declared.join(", ")}.`,
          {
            severity: "error",
            data: { tag, ...(hint ? { suggestion: hint } : {}) },
          },
        );
      });
    }
    const v = ctx.value;
    if (ctx.entry.kind !== "feature" || !isObject(v) || !Array.isArray(v.tags) || v.tags.length === 0) return;
    if (ctx.project.format === "v3") {
      v.tags.forEach((tag, i) => {
        if (typeof tag !== "string" || declared.includes(tag)) return;
        const hint = closest(tag, declared);
        ctx.report(
          "unknown-tag",
          ["tags", i],
          `Unknown tag "${tag}".${didYouMean(hint)} Featurevisor 3.x accepts only the tags featurevisor.config.js declares: ${declared.join(", ")}.`,
          { severity: "error", data: { tag, ...(hint ? { suggestion: hint } : {}) } },
        );
      });
      return;
    }
    if (v.tags.some((t) => typeof t === "string" && declared.includes(t))) return;
    // One suggestion per distinct tag: a list may repeat a tag many times, and each look-up measures distances.
    const hints = new Map<string, string | undefined>();
    v.tags.forEach((tag, i) => {
      if (typeof tag !== "string") return;
      if (!hints.has(tag)) hints.set(tag, closest(tag, declared));
      const hint = hints.get(tag);
      ctx.report(
        "unknown-tag",
        ["tags", i],
        `Tag "${tag}" is not declared in featurevisor.config.js, and no other tag of this feature is: it will be in no datafile.${didYouMean(hint)}`,
        { data: { tag, ...(hint ? { suggestion: hint } : {}) } },
      );
    });
  },
};
