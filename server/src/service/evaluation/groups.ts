// Mutually exclusive groups: each slot of a group takes the next share of the 100,000 buckets, and a
// feature in a slot is only enabled for users whose bucket falls in its slot's range. Slots after the
// first start one bucket later than the previous end (the builder's arithmetic), and SDKs treat the
// range as half-open, so the bucket at a boundary belongs to no slot.

import type { Project } from "../project/project";
import { jsonValue } from "./json";
import { isJsonObject, type BucketRange } from "./types";

const cache = new WeakMap<Project, { generation: number; ranges: Map<string, BucketRange[]> }>();

/** The slot ranges of every feature that is in a group, in the order of the group files. */
export function groupRanges(project: Project): Map<string, BucketRange[]> {
  const cached = cache.get(project);
  if (cached && cached.generation === project.generation) return cached.ranges;
  const ranges = new Map<string, BucketRange[]>();
  const groups = project.entries("group").sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const group of groups) {
    const value = jsonValue(group);
    if (!isJsonObject(value) || !Array.isArray(value.slots)) continue;
    let accumulated = 0;
    value.slots.forEach((slot, index) => {
      const s = isJsonObject(slot) ? slot : {};
      const percentage = s.percentage as number;
      if (s.feature && typeof s.feature === "string") {
        const start = index === 0 ? accumulated : accumulated + 1;
        const list = ranges.get(s.feature) ?? [];
        list.push([start, accumulated + percentage * 1000]);
        ranges.set(s.feature, list);
      }
      accumulated += percentage * 1000;
    });
  }
  cache.set(project, { generation: project.generation, ranges });
  return ranges;
}
