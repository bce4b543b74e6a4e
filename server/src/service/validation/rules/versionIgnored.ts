// What the project's pinned Featurevisor does not build: a rule's own `variableOverrides` reach datafiles
// from 2.19 on, and the builders before that drop them without a word. The file lints clean either way, so
// a project pinned below 2.19 is told that these overrides have no effect (the evaluation engine ignores
// them too, as the SDK would see them).

import { versionAtLeast } from "../../project/version";
import type { Rule } from "../rule";

export const versionIgnoredRule: Rule = {
  codes: ["ignored-by-version"],
  kinds: ["feature", "environment"],
  run(ctx) {
    if (ctx.project.format !== "v2" || versionAtLeast(ctx.project, 2, 19)) return;
    const version = ctx.project.version?.version ?? "this version";
    for (const env of ctx.environments) {
      for (const rule of env.rules) {
        if (rule.overrides.length === 0) continue;
        ctx.report(
          "ignored-by-version",
          [...rule.path, "variableOverrides"],
          `Featurevisor ${version} ignores a rule's variableOverrides: its datafiles carry them from 2.19 on. Upgrade @featurevisor/cli, or move these overrides to a variation.`,
          { target: "key", data: { environment: env.env, since: "2.19" } },
        );
      }
    }
  },
};
