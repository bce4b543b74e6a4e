// Only the first rule whose segments match is used: rules after one that matches everyone never apply.

import { segmentsMatchEveryone } from "../../project/walk";
import type { Rule } from "../rule";

export const unreachableRuleRule: Rule = {
  codes: ["unreachable-rule"],
  kinds: ["feature", "environment"],
  run(ctx) {
    const everyone = (key: string) => {
      ctx.dependOn("segment", key);
      return ctx.project.segment(key)?.matchesEveryone === true;
    };
    for (const env of ctx.environments) {
      const catchAll = env.rules.findIndex((r) => r.segments !== undefined && segmentsMatchEveryone(r.segments.value, everyone));
      if (catchAll < 0) continue;
      const by = env.rules[catchAll].key?.value;
      for (const r of env.rules.slice(catchAll + 1)) {
        ctx.report(
          "unreachable-rule",
          r.key ? r.key.path : r.path,
          `This rule can never apply: rule ${by !== undefined ? `"${String(by)}"` : catchAll + 1} before it matches everyone${env.env ? ` in ${env.env}` : ""}, and only the first matching rule is used.`,
          { data: { environment: env.env, catchAll: by } },
        );
      }
    }
  },
};
