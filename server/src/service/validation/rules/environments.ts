// Environments used by features, per-environment files and tests must be declared in the config;
// every declared environment needs rules in every feature.

import { isObject } from "../../project/featureView";
import { didYouMean, testAssertions, testSubject } from "../refs";
import type { Rule } from "../rule";
import { closest } from "../suggest";

export const unknownEnvironmentRule: Rule = {
  codes: ["unknown-environment"],
  kinds: ["feature", "environment", "test"],
  run(ctx) {
    const declared = ctx.project.environments;
    if (declared === false) return;
    const report = (env: string, path: readonly (string | number)[], target: "key" | "value") => {
      if (declared.includes(env) || env.startsWith("${{")) return;
      const hint = closest(env, declared);
      ctx.report(
        "unknown-environment",
        path,
        `Unknown environment "${env}".${didYouMean(hint)} featurevisor.config.js declares: ${declared.join(", ")}.`,
        {
          target,
          data: { environment: env, ...(hint ? { suggestion: hint } : {}) },
        },
      );
    };
    if (ctx.entry.kind === "environment") {
      if (ctx.entry.environment !== undefined) report(ctx.entry.environment, [], "key");
      return;
    }
    for (const env of ctx.environments) if (env.envPath) report(env.env, env.envPath, "key");
    if (testSubject(ctx)?.kind === "feature") {
      for (const a of testAssertions(ctx)) {
        if (typeof a.value.environment === "string") report(a.value.environment, [...a.path, "environment"], "value");
      }
    }
  },
};

export const missingEnvironmentRule: Rule = {
  codes: ["missing-environment"],
  kinds: ["feature"],
  run(ctx) {
    const declared = ctx.project.environments;
    const v = ctx.value;
    if (declared === false || !isObject(v) || ctx.project.config.splitByEnvironment) return;
    const container = ctx.project.format === "v1" ? "environments" : "rules";
    if (!isObject(v[container])) return; // The schema reports a missing or mistyped container.
    // In v1 an environment without `rules` is a schema finding, not a missing environment.
    const present = new Set(ctx.environments.filter((e) => (ctx.project.format === "v1" ? e.envPath : e.rulesPath)).map((e) => e.env));
    for (const env of declared) {
      if (present.has(env)) continue;
      ctx.report(
        "missing-environment",
        [container],
        `No rules for environment "${env}": every feature needs rules for each environment in featurevisor.config.js.`,
        {
          target: "key",
          data: { environment: env },
        },
      );
    }
  },
};
