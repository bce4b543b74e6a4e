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
/** What Featurevisor 2.x and 3.x read in a child assertion, and in a sticky feature; they drop anything else unread. */
const CHILD_KEYS = [
  "sticky",
  "context",
  "defaultVariationValue",
  "defaultVariableValues",
  "expectedToBeEnabled",
  "expectedVariation",
  "expectedVariables",
  "expectedEvaluations",
];
const STICKY_KEYS = ["enabled", "variation", "variables"];

export const testAssertionsRule: Rule = {
  codes: ["unknown-property", "missing-property", "unknown-tag", "unknown-scope", "unknown-target"],
  kinds: ["test"],
  run(ctx) {
    const allowed = BY_FORMAT[ctx.project.format];
    if (!allowed || testSubject(ctx)?.kind !== "feature") return;
    const environments = ctx.project.environments;
    for (const { value, path } of testAssertions(ctx)) {
      // 2.x needs the environment of each assertion when the project has environments (3.x may leave it out).
      if (ctx.project.format === "v2" && Array.isArray(environments) && environments.length > 0 && !("environment" in value))
        ctx.report(
          "missing-property",
          path,
          `Missing required property "environment" in the assertion: featurevisor.config.js declares ${environments.join(", ")}.`,
          { target: "key" },
        );
      // …and rejects one when the project has none (`environments: false`).
      if (ctx.project.format === "v2" && environments === false && "environment" in value)
        ctx.report(
          "unknown-property",
          [...path, "environment"],
          `This project has no environments (environments: false in featurevisor.config.js): remove "environment" from the assertion.`,
          { target: "key" },
        );
      ignoredKeys(ctx, value, path);
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

/**
 * A child assertion or a sticky feature with a key Featurevisor does not read: its linter lets it through and
 * its test runner drops it, so a misspelt expectation would never be checked. A warning, with the likely key.
 */
function ignoredKeys(ctx: RuleContext, value: Record<string, unknown>, path: readonly (string | number)[]): void {
  const warn = (key: string, at: readonly (string | number)[], known: readonly string[], where: string) => {
    if (known.includes(key)) return;
    const hint = closest(key, known);
    ctx.report("unknown-property", at, `Featurevisor ignores "${key}" in ${where}.${didYouMean(hint)} It reads: ${known.join(", ")}.`, {
      target: "key",
      severity: "warning",
      ...(hint ? { data: { suggestion: hint } } : {}),
    });
  };
  const sticky = (s: unknown, at: readonly (string | number)[]) => {
    if (!s || typeof s !== "object" || Array.isArray(s)) return;
    for (const [feature, entry] of Object.entries(s)) {
      if (!entry || typeof entry !== "object" || Array.isArray(entry)) continue;
      for (const key of Object.keys(entry)) warn(key, [...at, feature, key], STICKY_KEYS, `a sticky feature`);
    }
  };
  sticky(value.sticky, [...path, "sticky"]);
  if (!Array.isArray(value.children)) return;
  value.children.forEach((child: unknown, i) => {
    if (!child || typeof child !== "object" || Array.isArray(child)) return;
    for (const key of Object.keys(child)) warn(key, [...path, "children", i, key], CHILD_KEYS, "a child assertion");
    sticky((child as Record<string, unknown>).sticky, [...path, "children", i, "sticky"]);
  });
}

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
