// A test-only builder of v2 datafiles (schema version 2), for holding Flaglens against @featurevisor/sdk 2
// where no v2 CLI is installed. It follows the v2 builder (packages/core/src/builder/buildDatafile.ts):
// features keyed by key, variables as maps with variableOverrides, disabledValue/useDefaultWhenDisabled,
// disabledVariationValue, stringified segments and conditions. Allocation is computed by the real
// builder code of @featurevisor/core 1.11.1 (getTraffic): v2 only adds `variationWeights` (weights
// overridden per rule, which always re-buckets) and drops empty allocations, and (like every builder since
// 1.22.1) a variation of weight 0 leaves the free ranges to the next one: 1.11.1's allocator is wrapped for
// the call with that fix. No existing state: a first build.

import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

type Json = Record<string, unknown>;
type Range = [number, number];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getTraffic: getTraffic1111 } = require("@featurevisor/core/lib/builder/traffic") as {
  getTraffic: (variations: unknown, rules: unknown[], existing: unknown, ranges: Range[]) => Json[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const allocator = require("@featurevisor/core/lib/builder/allocator") as {
  getUpdatedAvailableRangesAfterFilling: (available: Range[], fill: number) => Range[];
};

/** 1.11.1's getTraffic with the allocator fix of 1.22.1 (a fill of 0 keeps the free ranges), for this call only. */
function getTraffic(variations: unknown, rules: unknown[], existing: unknown, ranges: Range[]): Json[] {
  const original = allocator.getUpdatedAvailableRangesAfterFilling;
  allocator.getUpdatedAvailableRangesAfterFilling = (available, fill) => (fill === 0 ? available : original(available, fill));
  try {
    return getTraffic1111(variations, rules, existing, ranges);
  } finally {
    allocator.getUpdatedAvailableRangesAfterFilling = original;
  }
}

function read(file: string): Json {
  return (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as Json;
}

/** Entity keys of a folder, recursively, as the v2 datasource lists them. */
function keys(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...keys(p, `${prefix}${name}/`));
    else if (name.endsWith(".yml")) out.push(prefix + name.slice(0, -4));
  }
  return out;
}

function featureRanges(root: string): Map<string, Range[]> {
  const ranges = new Map<string, Range[]>();
  for (const key of keys(path.join(root, "groups"))) {
    let acc = 0;
    (read(path.join(root, "groups", `${key}.yml`)).slots as Json[]).forEach((slot, i) => {
      if (typeof slot.feature === "string") {
        const list = ranges.get(slot.feature) ?? [];
        list.push([i === 0 ? acc : acc + 1, acc + (slot.percentage as number) * 1000]);
        ranges.set(slot.feature, list);
      }
      acc += (slot.percentage as number) * 1000;
    });
  }
  return ranges;
}

const stringify = (v: unknown) => (typeof v !== "string" ? JSON.stringify(v) : v);

function trafficV2(variations: Json[] | undefined, rules: Json[], ranges: Range[]): Json[] {
  return rules.map((rule) => {
    const weights = rule.variationWeights as Record<string, number> | undefined;
    const vs =
      weights && variations
        ? variations.map((v) => (weights[v.value as string] ? { ...v, weight: weights[v.value as string] } : v))
        : variations;
    const [t] = getTraffic(vs, [rule], undefined, ranges);
    if (weights) t.variationWeights = weights;
    if (Array.isArray(t.allocation) && t.allocation.length === 0) delete t.allocation;
    return t;
  });
}

function variationsV2(list: Json[] | undefined): Json[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((v) => {
    const out: Json = { value: v.value, weight: v.weight, variables: v.variables };
    if (v.variableOverrides) {
      const overrides: Json = {};
      for (const [k, items] of Object.entries(v.variableOverrides as Record<string, Json[]>)) {
        overrides[k] = items.map((o) =>
          o.conditions !== undefined
            ? { conditions: stringify(o.conditions), value: o.value }
            : o.segments !== undefined
              ? { segments: stringify(o.segments), value: o.value }
              : o,
        );
      }
      out.variableOverrides = overrides;
    }
    return out;
  });
}

function variablesSchema(schema: Json | undefined): Json | undefined {
  if (!schema) return undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Record<string, Json>)) {
    out[k] = {
      type: v.type,
      defaultValue: v.defaultValue,
      useDefaultWhenDisabled: v.useDefaultWhenDisabled === true ? true : undefined,
      disabledValue: v.disabledValue,
    };
  }
  return out;
}

function envPart(
  root: string,
  key: string,
  f: Json,
  env: string | false,
  split: boolean,
): { rules: Json[]; force?: Json[]; expose?: unknown } {
  if (env === false) return { rules: f.rules as Json[], force: f.force as Json[], expose: f.expose };
  if (split) {
    const e = read(path.join(root, "environments", env, `${key}.yml`));
    return { rules: e.rules as Json[], force: e.force as Json[], expose: e.expose };
  }
  const pick = (v: unknown) => (v as Json | undefined)?.[env];
  return { rules: pick(f.rules) as Json[], force: pick(f.force) as Json[], expose: pick(f.expose) };
}

/** Builds the v2 datafile of one environment (false without environments) and tag. */
export function buildDatafileV2(
  root: string,
  env: string | false,
  tag: string,
  options: { defaultBucketBy?: string; split?: boolean } = {},
): Json {
  const ranges = featureRanges(root);
  const features: Json = {};
  for (const key of keys(path.join(root, "features"))) {
    const f = read(path.join(root, "features", `${key}.yml`));
    if (f.archived === true || !(f.tags as string[]).includes(tag)) continue;
    const { rules, force, expose } = envPart(root, key, f, env, options.split === true);
    if (expose === false || (Array.isArray(expose) && !expose.includes(tag))) continue;
    const variations = f.variations as Json[] | undefined;
    features[key] = {
      bucketBy: f.bucketBy || options.defaultBucketBy || "userId",
      required: f.required,
      disabledVariationValue: f.disabledVariationValue,
      variations: variationsV2(variations),
      traffic: trafficV2(variations, rules ?? [], ranges.get(key) ?? []),
      ranges: ranges.get(key),
      variablesSchema: variablesSchema(f.variablesSchema as Json | undefined),
      force: force?.map((x) => ({
        ...x,
        segments: x.segments ? stringify(x.segments) : undefined,
        conditions: x.conditions ? stringify(x.conditions) : undefined,
      })),
    };
  }
  const segments: Json = {};
  for (const key of keys(path.join(root, "segments"))) {
    const s = read(path.join(root, "segments", `${key}.yml`));
    if (s.archived !== true) segments[key] = { conditions: stringify(s.conditions) };
  }
  // Written to disk and read back by an application: a JSON round trip (dates become text).
  return JSON.parse(JSON.stringify({ schemaVersion: "2", revision: "test", segments, features }));
}
