// References to archived or deprecated entities still work, but are usually left-overs.

import { forEachCondition, forEachSegmentKey } from "../../project/walk";
import { bucketByKeys, conditionValues, segmentValues } from "../refs";
import type { Rule } from "../rule";
import { attributeKeyOf, variableBaseKey } from "../../project/featureView";

export const archivedReferenceRule: Rule = {
  codes: ["archived-reference"],
  kinds: ["segment", "feature", "environment", "group"],
  run(ctx) {
    const p = ctx.project;
    for (const segments of segmentValues(ctx)) {
      forEachSegmentKey(segments, (key, path) => {
        if (p.segment(key)?.archived)
          ctx.report("archived-reference", path(), `Segment "${key}" is archived.`, { data: { kind: "segment", key } });
      });
    }
    const attribute = (name: string, path: readonly (string | number)[]) => {
      const key = attributeKeyOf(p, name);
      if (p.attribute(key)?.archived)
        ctx.report("archived-reference", path, `Attribute "${key}" is archived.`, { data: { kind: "attribute", key } });
    };
    for (const conditions of conditionValues(ctx)) {
      forEachCondition(conditions, (cond, path) => typeof cond.attribute === "string" && attribute(cond.attribute, [...path, "attribute"]));
    }
    for (const b of bucketByKeys(ctx)) attribute(b.key, b.path);
    for (const r of ctx.required) {
      if (typeof r.key.value === "string" && p.feature(r.key.value)?.archived) {
        ctx.report("archived-reference", r.key.path, `Required feature "${r.key.value}" is archived.`, {
          data: { kind: "feature", key: r.key.value },
        });
      }
    }
  },
};

export const deprecatedReferenceRule: Rule = {
  codes: ["deprecated-reference"],
  kinds: ["feature", "environment"],
  run(ctx) {
    for (const r of ctx.required) {
      if (typeof r.key.value === "string" && ctx.project.feature(r.key.value)?.deprecated) {
        ctx.report("deprecated-reference", r.key.path, `Required feature "${r.key.value}" is deprecated.`, {
          data: { kind: "feature", key: r.key.value },
        });
      }
    }
    const deprecated = new Set(ctx.variables.filter((d) => d.deprecated).map((d) => d.key));
    if (deprecated.size === 0) return;
    for (const env of ctx.environments) {
      for (const rule of [...env.rules, ...env.force]) {
        for (const a of rule.variables) {
          const key = variableBaseKey(a.key);
          if (deprecated.has(key)) {
            ctx.report("deprecated-reference", a.keyPath, `Variable "${key}" is deprecated.`, {
              target: a.keyTarget,
              data: { kind: "variable", key },
            });
          }
        }
      }
    }
  },
};
