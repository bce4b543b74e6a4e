// Which datafile a feature test assertion evaluates against: `tag` and `scope` in Featurevisor 2.x (checked
// against the config's tags and scopes), `target` in 3.x. The v2 schema accepts all three (2.x projects may
// be upgraded in place), so this rule rejects `target` in a v2 project, as its linter does; the v3 schema knows
// `target` only, so it reports `tag` and `scope` there itself.

import { didYouMean, testAssertions, testSubject } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

/** The assertion properties each format has; v1 tests have none of them (its schema says so). */
const BY_FORMAT: Record<string, readonly string[]> = { v2: ["tag", "scope"], v3: ["target"] };
const ALL = ["tag", "scope", "target"];

export const testAssertionsRule: Rule = {
  codes: ["unknown-property", "unknown-tag", "unknown-scope", "unknown-target"],
  kinds: ["test"],
  run(ctx) {
    const allowed = BY_FORMAT[ctx.project.format];
    if (!allowed || testSubject(ctx)?.kind !== "feature") return;
    for (const { value, path } of testAssertions(ctx)) {
      for (const key of ALL) {
        if (!(key in value)) continue;
        if (!allowed.includes(key)) {
          // The v3 schema reports `tag` and `scope` as unknown properties.
          if (ctx.project.format === "v3") continue;
          ctx.report(
            "unknown-property",
            [...path, key],
            `Unknown property "${key}" in a test assertion: Featurevisor 2.x evaluates with ${allowed.map((k) => `"${k}"`).join(" or ")}.`,
            { target: "key" },
          );
        } else if (typeof value[key] === "string") checkReference(ctx, key, value[key] as string, [...path, key]);
      }
    }
  },
};

/** A tag must be declared in the config, a scope named in its `scopes`, a target must be a file of targets/. */
function checkReference(ctx: RuleContext, key: string, name: string, path: (string | number)[]): void {
  const config = ctx.project.config;
  if (key === "tag" && !config.tags.includes(name)) {
    const hint = closest(name, config.tags);
    ctx.report(
      "unknown-tag",
      path,
      `Unknown tag "${name}".${didYouMean(hint)} featurevisor.config.js declares: ${config.tags.join(", ")}.`,
      {
        severity: "error",
        data: { tag: name, ...(hint ? { suggestion: hint } : {}) },
      },
    );
  }
  if (key === "target") checkTarget(ctx, name, path);
  // A config without `scopes` has none; scopes that could not be read statically are not known, so not checked.
  const scopes = config.scopes ?? (ctx.project.configInfo.read.keys.scopes ? undefined : []);
  if (key === "scope" && scopes && !scopes.includes(name)) {
    const hint = closest(name, scopes);
    const declared =
      scopes.length > 0 ? ` featurevisor.config.js declares: ${scopes.join(", ")}.` : " featurevisor.config.js declares no scopes.";
    ctx.report("unknown-scope", path, `Unknown scope "${name}".${didYouMean(hint)}${declared}`);
  }
}

/** As the 3.1 linter: a target must exist, except a `${{ ... }}` placeholder of a test matrix. */
function checkTarget(ctx: RuleContext, name: string, path: (string | number)[]): void {
  if (name.startsWith("${{")) return;
  ctx.dependOn("target", name);
  if (ctx.project.has("target", name)) return;
  const targets = ctx.project.keys("target");
  const hint = closest(name, targets);
  const known = targets.length > 0 ? ` Targets: ${targets.join(", ")}.` : " The project has no targets.";
  ctx.report("unknown-target", path, `Unknown target "${name}".${didYouMean(hint)}${known}`, {
    data: { key: name, ...(hint ? { suggestion: hint } : {}) },
  });
}
