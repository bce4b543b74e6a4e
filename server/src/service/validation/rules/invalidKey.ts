// Entity keys come from file names and must be names Featurevisor accepts.

import type { Rule } from "../rule";

const NAME = /^[a-zA-Z0-9_\-.]+$/;

export const invalidKeyRule: Rule = {
  codes: ["invalid-key"],
  kinds: ["attribute", "segment", "feature", "group", "test", "schema", "environment", "target"],
  run(ctx) {
    const bad = ctx.entry.key.split("/").find((part) => !NAME.test(part));
    if (bad === undefined) return;
    ctx.report(
      "invalid-key",
      [],
      `Invalid key "${ctx.entry.key}" (from the file name): names may contain letters, digits, "_", "-" and "." only.`,
      {
        target: "key",
        data: { key: ctx.entry.key },
      },
    );
  },
};
