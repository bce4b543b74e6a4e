// Required features must not form a cycle.

import type { Rule } from "../rule";

export const circularRequiredRule: Rule = {
  codes: ["circular-required"],
  kinds: ["feature"],
  run(ctx) {
    const self = ctx.entry.key;
    for (const r of ctx.required) {
      if (typeof r.key.value !== "string") continue;
      const chain = findPathBack(ctx.project.feature.bind(ctx.project), r.key.value, self, (k) => ctx.dependOn("feature", k));
      if (chain) {
        const cycle = [self, ...chain].join(" -> ");
        ctx.report("circular-required", r.key.path, `Circular required features: ${cycle}.`, { data: { cycle: [self, ...chain] } });
      }
    }
  },
};

/** A path of required features from `start` back to `target`, breadth first; undefined when none. */
function findPathBack(
  feature: (key: string) => { required: string[] } | undefined,
  start: string,
  target: string,
  visit: (key: string) => void,
): string[] | undefined {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.shift()!;
    visit(key);
    if (key === target) {
      const path: string[] = [];
      for (let k: string | null = key; k !== null; k = previous.get(k) ?? null) path.unshift(k);
      return path;
    }
    for (const next of feature(key)?.required ?? []) {
      if (!previous.has(next)) {
        previous.set(next, key);
        queue.push(next);
      }
    }
  }
  return undefined;
}
