// Generated mutations of a project's test specs and of the features they test, for the differential tests of
// `flaglens test`. All of them go into ONE copy of the project (new spec files `tests/zzmutNNN.spec.yml`, new
// feature files `features/zzmutNNN.yml`), so that one run of each tool covers every mutation: starting the
// real CLI dominates the time.
//
// Kinds: flipped expectations (enabled, variation, a variable, a segment match), `at` at the edges of the
// feature's rule percentages (p - 0.001, p, p + 0.001), changed percentages (a copy of the feature with each
// rule's percentage moved), and changed segments (a copy with a rule's segments replaced, negated or widened).

import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface TestMutation {
  name: string;
  kind: "flip" | "at-edge" | "percentage" | "segments";
  /** The spec file written, relative to the project root. */
  spec: string;
}

export interface MutationOptions {
  /** Feature keys to leave out as bases (features with known engine differences). */
  exclude?: readonly string[];
  /** How many of each kind, at most. */
  perKind?: number;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** Every rule list in a feature (v1 `environments.<env>.rules`, v2/v3 `rules.<env>` or `rules`). */
function ruleLists(feature: Json): Json[][] {
  const lists: Json[][] = [];
  const visit = (v: unknown, key: string | undefined) => {
    if (Array.isArray(v)) {
      if (key === "rules" && v.every(isObject)) lists.push(v);
      return;
    }
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if (key === "rules" && Array.isArray(child) && child.every(isObject)) lists.push(child);
      else visit(child, k);
    }
  };
  visit(feature.environments, "environments");
  visit(feature.rules, "rules");
  return lists;
}

function flipValue(v: unknown): unknown {
  if (typeof v === "boolean") return !v;
  if (typeof v === "number") return v + 1;
  if (typeof v === "string") return v + "-mutated";
  if (Array.isArray(v)) return [...v, "mutated"];
  if (isObject(v)) return { ...v, mutated: true };
  return "mutated";
}

/** Writes the mutations into the project at `dir` and returns them. */
export function writeTestMutations(dir: string, options: MutationOptions = {}): TestMutation[] {
  const perKind = options.perKind ?? 30;
  const exclude = new Set(options.exclude ?? []);
  const testsDir = path.join(dir, "tests");
  const featuresDir = path.join(dir, "features");
  const segmentKeys = listFiles(path.join(dir, "segments"))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => path.relative(path.join(dir, "segments"), f).replace(/\.yml$/, ""))
    .filter((k) => !k.includes("/"));
  const specs = listFiles(testsDir)
    .filter((f) => f.endsWith(".spec.yml"))
    .map((file) => ({ file, value: yaml.load(fs.readFileSync(file, "utf8")) }))
    .filter((s): s is { file: string; value: Json } => isObject(s.value) && Array.isArray(s.value.assertions));
  const features = new Map<string, Json>();
  for (const f of listFiles(featuresDir).filter((f) => f.endsWith(".yml"))) {
    const value = yaml.load(fs.readFileSync(f, "utf8"));
    if (isObject(value)) features.set(path.relative(featuresDir, f).replace(/\.yml$/, ""), value);
  }
  const featureOf = (key: unknown): Json | undefined => {
    if (typeof key !== "string") return undefined;
    return features.get(key) ?? features.get(key.split(".").join("/"));
  };
  const out: TestMutation[] = [];
  let n = 0;
  const write = (kind: TestMutation["kind"], name: string, spec: Json, feature?: Json): void => {
    const id = `zzmut${String(++n).padStart(3, "0")}`;
    if (feature) {
      fs.writeFileSync(path.join(featuresDir, `${id}.yml`), yaml.dump(feature, { noRefs: true }));
      spec = { ...spec, feature: id };
    }
    const rel = path.join("tests", `${id}.spec.yml`);
    fs.writeFileSync(path.join(dir, rel), yaml.dump(spec, { noRefs: true }));
    out.push({ name: `${kind}: ${name}`, kind, spec: rel });
  };
  const usable = specs.filter((s) => (s.value.segment !== undefined ? true : !exclude.has(String(s.value.feature))));

  // Flipped expectations: one assertion of a spec, one expectation changed.
  let count = 0;
  for (const s of usable) {
    const assertions = s.value.assertions as unknown[];
    for (let i = 0; i < assertions.length && count < perKind; i++) {
      const a = assertions[i];
      if (!isObject(a)) continue;
      const flipped: Json = { ...a };
      let what: string | undefined;
      if ("expectedToMatch" in a) {
        flipped.expectedToMatch = !a.expectedToMatch;
        what = "expectedToMatch";
      } else if (i % 3 === 0 && "expectedToBeEnabled" in a) {
        flipped.expectedToBeEnabled = !a.expectedToBeEnabled;
        what = "expectedToBeEnabled";
      } else if (i % 3 === 1 && "expectedVariation" in a) {
        const variations = (featureOf(s.value.feature)?.variations as unknown[] | undefined) ?? [];
        const values = variations.map((v) => (isObject(v) ? v.value : undefined)).filter((v) => v !== a.expectedVariation);
        flipped.expectedVariation = values[0] ?? "mutated";
        what = "expectedVariation";
      } else if (isObject(a.expectedVariables) && Object.keys(a.expectedVariables).length > 0) {
        const key = Object.keys(a.expectedVariables)[0];
        flipped.expectedVariables = { ...a.expectedVariables, [key]: flipValue(a.expectedVariables[key]) };
        what = `expectedVariables.${key}`;
      } else if ("expectedToBeEnabled" in a) {
        flipped.expectedToBeEnabled = !a.expectedToBeEnabled;
        what = "expectedToBeEnabled";
      }
      if (!what) continue;
      write("flip", `${path.basename(s.file)} #${i + 1} ${what}`, { ...s.value, assertions: [flipped] });
      count++;
    }
    if (count >= perKind) break;
  }

  // `at` at the edges of the feature's rule percentages.
  count = 0;
  for (const s of usable) {
    if (s.value.segment !== undefined || count >= perKind) continue;
    const feature = featureOf(s.value.feature);
    if (!feature) continue;
    const percentages = [...new Set(ruleLists(feature).flatMap((l) => l.map((r) => r.percentage)))].filter(
      (p): p is number => typeof p === "number",
    );
    const assertions = (s.value.assertions as unknown[]).filter(isObject);
    percentages.forEach((p, pi) => {
      if (count >= perKind) return;
      const a = assertions[pi % Math.max(assertions.length, 1)];
      if (!a) return;
      const edges = [p - 0.001, p, p + 0.001].filter((x) => x >= 0 && x <= 100).map((x) => Math.round(x * 1000) / 1000);
      const { description: _d, ...rest } = a;
      void _d;
      write("at-edge", `${path.basename(s.file)} at ${edges.join("/")}`, {
        ...s.value,
        assertions: edges.map((at) => ({ ...rest, at })),
      });
      count++;
    });
  }

  // Changed percentages: a copy of the feature with each rule's percentage moved; the spec unchanged.
  count = 0;
  const moves = [(p: number) => 100 - p, (p: number) => (p >= 50 ? p - 25 : p + 25), (p: number) => (p === 0 ? 100 : 0)];
  for (let m = 0; m < moves.length; m++) {
    for (const s of usable) {
      if (s.value.segment !== undefined || count >= perKind) continue;
      const feature = featureOf(s.value.feature);
      if (!feature || !ruleLists(feature).some((l) => l.length > 0)) continue;
      const copy = structuredClone(feature);
      for (const list of ruleLists(copy)) for (const r of list) if (typeof r.percentage === "number") r.percentage = moves[m](r.percentage);
      write("percentage", `${String(s.value.feature)} move ${m}`, s.value, copy);
      count++;
    }
  }

  // Changed segments: a copy with a rule's segments widened to everyone, negated, or set to another segment.
  count = 0;
  for (let how = 0; how < 3; how++) {
    for (const s of usable) {
      if (s.value.segment !== undefined || count >= perKind) continue;
      const feature = featureOf(s.value.feature);
      if (!feature) continue;
      const copy = structuredClone(feature);
      const lists = ruleLists(copy).filter((l) => l.length > 0);
      if (lists.length === 0) continue;
      for (const list of lists) {
        const rule = list.find((r) => r.segments !== "*") ?? list[0];
        if (how === 0) rule.segments = "*";
        else if (how === 1) rule.segments = rule.segments === "*" ? { not: [segmentKeys[0] ?? "*"] } : { not: [rule.segments] };
        else rule.segments = segmentKeys[(count + list.length) % Math.max(segmentKeys.length, 1)] ?? "*";
      }
      write("segments", `${String(s.value.feature)} ${["everyone", "negated", "another segment"][how]}`, s.value, copy);
      count++;
    }
  }
  return out;
}
