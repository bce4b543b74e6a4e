// Random contexts for the evaluation differential test: seeded, so a failure reproduces, and drawn from
// what the project compares against (condition values, the attributes' types), so that rules, segments
// and overrides actually match, with fresh ids so that bucketing varies.

import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** A seeded PRNG (mulberry32): the same seed gives the same contexts. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the generator knows of an attribute path. */
interface AttributeInfo {
  type: string;
  /** Values conditions compare it with (list values flattened), as the SDK sees them (dates as ISO text). */
  values: unknown[];
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function load(file: string): unknown {
  return JSON.parse(JSON.stringify(yaml.load(fs.readFileSync(file, "utf8")) ?? null));
}

function collectConditions(v: unknown, visit: (attribute: string, value: unknown) => void, depth = 0): void {
  if (depth > 40 || typeof v !== "object" || v === null) return;
  if (Array.isArray(v)) return v.forEach((x) => collectConditions(x, visit, depth + 1));
  const o = v as Record<string, unknown>;
  if (typeof o.attribute === "string") visit(o.attribute, o.value);
  for (const [k, x] of Object.entries(o)) if (k !== "value") collectConditions(x, visit, depth + 1);
}

function declaredAttributes(root: string, out: Map<string, AttributeInfo>): void {
  for (const file of yamlFiles(path.join(root, "attributes"))) {
    const key = path.relative(path.join(root, "attributes"), file).replace(/\.ya?ml$/, "");
    const v = load(file) as Record<string, unknown> | null;
    const type = typeof v?.type === "string" ? v.type : "string";
    out.set(key, { type, values: [] });
    const props = v?.properties as Record<string, { type?: string }> | undefined;
    if (type === "object" && props)
      for (const [p, d] of Object.entries(props)) out.set(`${key}.${p}`, { type: d?.type ?? "string", values: [] });
  }
}

/** Reads the attributes of a project and every value its conditions compare against. */
export function attributeInfo(root: string): Map<string, AttributeInfo> {
  const out = new Map<string, AttributeInfo>();
  declaredAttributes(root, out);
  const files = [
    ...yamlFiles(path.join(root, "segments")),
    ...yamlFiles(path.join(root, "features")),
    ...yamlFiles(path.join(root, "environments")),
  ];
  for (const file of files) {
    collectConditions(load(file), (attribute, value) => {
      const info = out.get(attribute) ?? { type: "string", values: [] };
      out.set(attribute, info);
      if (Array.isArray(value)) info.values.push(...value);
      else info.values.push(value);
    });
  }
  return out;
}

const WORDS = ["nl", "de", "ch", "us", "fr", "mobile", "desktop", "tablet", "pro", "free", "team", "chrome", "firefox", "europe", "asia"];

/** A random value of a type, near the values conditions use. */
function randomOfType(info: AttributeInfo, r: () => number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
  const nums = info.values.filter((v): v is number => typeof v === "number");
  const dates = info.values.filter((v): v is string => typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v));
  if (dates.length > 0 && r() < 0.7) return new Date(Date.parse(pick(dates)) + Math.round((r() - 0.5) * 6 * 86400000)).toISOString();
  switch (info.type) {
    case "integer":
      return nums.length > 0 && r() < 0.6 ? pick(nums) + Math.floor(r() * 7) - 3 : Math.floor(r() * 80);
    case "double":
      return nums.length > 0 && r() < 0.6 ? pick(nums) + (r() - 0.5) * 4 : Math.round(r() * 1000) / 100;
    case "boolean":
      return r() < 0.5;
    case "semver":
      return `${Math.floor(r() * 8)}.${Math.floor(r() * 8)}${r() < 0.6 ? "." + Math.floor(r() * 5) : ""}${r() < 0.1 ? "-beta.1" : ""}`;
    case "array":
      return [...WORDS, ...info.values.filter((v) => typeof v === "string")].filter(() => r() < 0.2);
    case "date":
      return new Date(Date.UTC(2023, 10, 20) + Math.round(r() * 14 * 86400000)).toISOString();
    default:
      return r() < 0.15 ? `${Math.floor(r() * 9)}.${Math.floor(r() * 9)}` : pick(WORDS) + (r() < 0.3 ? "-" + Math.floor(r() * 5) : "");
  }
}

/** A generator of random contexts for a project. */
export function contextGenerator(root: string, seed: number, options: { ids: string[]; dotted: boolean }): () => Record<string, unknown> {
  const attributes = attributeInfo(root);
  const r = seededRandom(seed);
  return () => {
    const context: Record<string, unknown> = {};
    for (const [key, info] of attributes) {
      if (info.type === "object" || r() < 0.2) continue;
      let value: unknown;
      if (options.ids.includes(key) && r() < 0.85) value = `id-${Math.floor(r() * 1e9)}`;
      else if (info.values.length > 0 && r() < 0.55) value = info.values[Math.floor(r() * info.values.length)];
      else if (r() < 0.04) value = null;
      else value = randomOfType(info, r);
      set(context, key, value, options.dotted);
    }
    return context;
  };
}

/** Sets a value, as a nested object for a dotted path when the SDK reads paths (v2). */
function set(context: Record<string, unknown>, key: string, value: unknown, dotted: boolean): void {
  if (!dotted || !key.includes(".")) {
    context[key] = value;
    return;
  }
  const parts = key.split(".");
  let o = context;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== "object" || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

/** What boundary search needs of a datafile feature. */
export interface BoundaryFeature {
  key: string;
  bucketBy: unknown;
  traffic: { percentage: number; allocation?: { range: [number, number] }[] }[];
  ranges?: [number, number][];
}

/** The buckets where `<` and `<=` part ways for a feature: 0, percentages, range ends, and their neighbours. */
function boundaryBuckets(feature: BoundaryFeature): Set<number> {
  const out = new Set<number>([0, 1, 99999]);
  const add = (n: number) => [n - 1, n, n + 1].forEach((x) => Number.isInteger(x) && x >= 0 && x < 100000 && out.add(x));
  for (const t of feature.traffic) {
    add(t.percentage);
    for (const a of t.allocation ?? []) a.range.forEach((n) => add(Math.floor(n)));
  }
  for (const r of feature.ranges ?? []) r.forEach(add);
  return out;
}

/**
 * Ids whose bucket for a feature sits on a boundary, for features bucketed by one attribute. Random ids
 * land on an exact bucket once in 100,000, so they are searched for; 150,000 tries find about 3 in 4.
 */
export function boundaryIds(
  features: BoundaryFeature[],
  bucket: (key: string) => number,
  tries = 150000,
): { attribute: string; id: string }[] {
  // A feature appears in every datafile that carries it: search once per feature, for all its boundaries.
  const wanted = new Map<string, { attribute: string; buckets: Set<number> }>();
  for (const feature of features) {
    if (typeof feature.bucketBy !== "string") continue;
    const entry = wanted.get(feature.key) ?? { attribute: feature.bucketBy, buckets: new Set<number>() };
    boundaryBuckets(feature).forEach((b) => entry.buckets.add(b));
    wanted.set(feature.key, entry);
  }
  const out: { attribute: string; id: string }[] = [];
  for (const [key, { attribute, buckets }] of wanted) {
    for (let i = 0; i < tries && buckets.size > 0; i++) {
      const id = `edge-${i}`;
      if (buckets.delete(bucket(`${id}.${key}`))) out.push({ attribute, id });
    }
  }
  return out;
}
