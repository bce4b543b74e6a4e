// Mutual exclusion groups: a feature sits in one slot at most, and its rules stay within its slot.

import { environmentViews, isObject } from "../../project/featureView";
import type { Rule } from "../rule";

export const slotExceededRule: Rule = {
  codes: ["slot-exceeded"],
  kinds: ["group", "feature"],
  run(ctx) {
    const project = ctx.project;
    if (ctx.entry.kind === "feature") {
      const slots = project.groupsOf(ctx.entry.key);
      for (const s of slots) ctx.dependOn("group", s.group.key);
      if (slots.length !== 1 || typeof slots[0].percentage !== "number") return;
      const max = slots[0].percentage;
      for (const env of ctx.environments) {
        for (const r of env.rules) {
          const p = r.percentage?.value;
          if (typeof p === "number" && p > max) {
            ctx.report(
              "slot-exceeded",
              r.percentage!.path,
              `Percentage ${p} exceeds this feature's ${max}% slot in group "${slots[0].group.key}".`,
              {
                data: { group: slots[0].group.key, max },
              },
            );
          }
        }
      }
      return;
    }
    const v = ctx.value;
    if (!isObject(v) || !Array.isArray(v.slots)) return;
    v.slots.forEach((slot, i) => {
      if (!isObject(slot) || typeof slot.feature !== "string" || typeof slot.percentage !== "number") return;
      ctx.dependOn("feature", slot.feature);
      const feature = project.entry("feature", slot.feature);
      const envs = environmentViews(feature?.doc?.value, project.format, project.environments);
      for (const env of envs) {
        for (const r of env.rules) {
          const p = r.percentage?.value;
          if (typeof p === "number" && p > slot.percentage) {
            const rule = r.key?.value !== undefined ? `rule "${String(r.key.value)}"` : "a rule";
            ctx.report(
              "slot-exceeded",
              ["slots", i, "percentage"],
              `Feature "${slot.feature}" has ${rule}${env.env ? ` in ${env.env}` : ""} at ${p}%, more than this slot's ${slot.percentage}%.`,
              {
                data: { feature: slot.feature, environment: env.env, max: slot.percentage },
              },
            );
            return;
          }
        }
      }
    });
  },
};

export const multipleGroupsRule: Rule = {
  codes: ["multiple-groups"],
  kinds: ["group"],
  run(ctx) {
    const v = ctx.value;
    if (!isObject(v) || !Array.isArray(v.slots)) return;
    for (const g of ctx.project.entries("group")) ctx.dependOn("group", g.key);
    v.slots.forEach((slot, i) => {
      if (!isObject(slot) || typeof slot.feature !== "string") return;
      const refs = ctx.project.groupsOf(slot.feature);
      if (refs.length < 2) return;
      const others = refs
        .filter((r) => !(r.group === ctx.entry && r.slotIndex === i))
        .map((r) => (r.group === ctx.entry ? `slot ${r.slotIndex + 1} of this group` : `group "${r.group.key}"`));
      ctx.report(
        "multiple-groups",
        ["slots", i, "feature"],
        `Feature "${slot.feature}" is also in ${others.join(", ")}: a feature can be in one group slot only.`,
        {
          data: { feature: slot.feature },
        },
      );
    });
  },
};
