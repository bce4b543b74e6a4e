// The rollout diff: two snapshots of a project (the projects a loader made of each: one per set), and
// what changes for users between them. Every feature is compared as each environment's datafile
// carries it (and each v3 target's, when the project has targets), with everything it depends on:
// the conditions of the segments it names, its group slot, its required features. A difference is
// a change, with its cause (the feature's own file, its force entries, a segment, a group, a required
// feature), the rollout before and after in words, and each changed rule with the share of its users
// whose answer changes (share.ts). Risk notes follow (risks.ts). Pure: snapshots come loaded.

import { environmentInWords, pct, segmentFacts, whoInWords } from "../authoring/wording";
import { datafileFor } from "../evaluation/datafile";
import { evaluateAll } from "../evaluation/evaluate";
import { jsonValue } from "../evaluation/json";
import type { EvaluationState } from "../evaluation/state";
import { targetSelection, type TargetSelection } from "../evaluation/target";
import type { DatafileFeature, DatafileView, Traffic } from "../evaluation/types";
import { featureEnvironments, type EnvironmentView } from "../project/featureView";
import type { Project } from "../project/project";
import { stateFilePath } from "../evaluation/state";
import { changedShare, enabledShare } from "./share";
import { assessRisks, type Assessed } from "./risks";
import type { ChangeCause, RiskSettings, RolloutChange, RolloutDiff, RuleChange } from "./types";

/** One snapshot: its projects (one per set) and, optionally, the builder's state of each (allocations kept between builds). */
export interface DiffSnapshot {
  projects: readonly Project[];
  states?: ReadonlyMap<Project, EvaluationState>;
}

export interface DiffOptions extends RiskSettings {
  /**
   * The paths that differ between the snapshots, when the caller knows them (git does): only the
   * features they can reach are compared. Without it, every feature is.
   */
  changedPaths?: ReadonlySet<string>;
  /** Contexts to evaluate before and after each change (contextsChanged); none: null. */
  contexts?: readonly Record<string, unknown>[];
  /**
   * The text of a file the snapshots share (not in changedPaths), when the caller can read it: a feature
   * file whose text names no changed segment and requires nothing is then not parsed to find out.
   */
  sharedText?: (path: string) => string | undefined;
  /** Whether application code uses a feature (the code index); absent: code not scanned, no archived-in-use. */
  codeUses?: (feature: string) => boolean;
}

/** One side of one scope: a project's datafile for an environment (and target). */
export interface ScopeSide {
  project: Project;
  view: DatafileView;
  environment: string | undefined;
  state: EvaluationState | undefined;
  target: TargetSelection | undefined;
  fingerprints: Map<string, string>;
  views: Map<string, EnvironmentView | undefined>;
}

/** Compares two snapshots of a project. */
export function diffRollouts(before: DiffSnapshot, after: DiffSnapshot, options: DiffOptions = {}): RolloutDiff {
  const assessed: Assessed[] = [];
  const pairs = pairBySet(before.projects, after.projects);
  for (const [pb, pa] of pairs) {
    const renames = findRenames(pb, pa);
    const candidates = candidateFeatures(pb, pa, options.changedPaths, options.sharedText);
    for (const scope of scopesOf(pb, pa)) {
      const sb = pb && sideOf(pb, before.states?.get(pb), scope.environment, scope.target, "before");
      const sa = pa && sideOf(pa, after.states?.get(pa), scope.environment, scope.target, "after");
      const keys = [...(candidates ?? allFeatures(pb, pa))].filter((k) => !renames.renamedFrom.has(k)).sort();
      const scopeChanges: Assessed[] = [];
      for (const key of keys) {
        const beforeKey = renames.renamedTo.get(key) ?? key;
        const change = compareFeature(sb, sa, beforeKey, key, scope, options);
        if (change) scopeChanges.push(change);
      }
      if (options.contexts && options.contexts.length > 0) countContexts(scopeChanges, sb, sa, options.contexts);
      assessed.push(...scopeChanges);
    }
  }
  assessed.sort((a, b) => compareChanges(a.change, b.change));
  return { changes: assessed.map((a) => a.change), risks: assessRisks(assessed, pairs, options) };
}

/** Changes sorted by set, feature, target; environments keep the project's order (the sort is stable). */
function compareChanges(a: RolloutChange, b: RolloutChange): number {
  const s = (x: string | null) => x ?? "";
  return s(a.set).localeCompare(s(b.set)) || a.feature.localeCompare(b.feature) || s(a.target).localeCompare(s(b.target));
}

/** The projects of both snapshots, paired by set (a set only one side has pairs with nothing). */
function pairBySet(before: readonly Project[], after: readonly Project[]): [Project | undefined, Project | undefined][] {
  const sets = [...new Set([...after, ...before].map((p) => p.set ?? ""))];
  return sets.map((s) => [before.find((p) => (p.set ?? "") === s), after.find((p) => (p.set ?? "") === s)]);
}

interface Scope {
  set: string | null;
  environment: string | undefined;
  target: string | undefined;
}

function environmentsOf(p: Project | undefined): (string | undefined)[] {
  if (!p) return [];
  return p.environments === false ? [undefined] : p.environments;
}

/** The environments (after's order, then those only before had) and v3 targets to compare. */
function scopesOf(pb: Project | undefined, pa: Project | undefined): Scope[] {
  const envs: (string | undefined)[] = [];
  for (const e of [...environmentsOf(pa), ...environmentsOf(pb)]) if (!envs.includes(e)) envs.push(e);
  const targets = [
    ...new Set([...(pa?.format === "v3" ? pa.keys("target") : []), ...(pb?.format === "v3" ? pb.keys("target") : [])]),
  ].sort();
  const set = (pa ?? pb)!.set ?? null;
  const out: Scope[] = [];
  for (const environment of envs) for (const target of targets.length > 0 ? targets : [undefined]) out.push({ set, environment, target });
  return out;
}

function sideOf(
  project: Project,
  state: EvaluationState | undefined,
  environment: string | undefined,
  targetKey: string | undefined,
  _which: string,
): ScopeSide | undefined {
  if (!environmentsOf(project).includes(environment)) return undefined;
  let target: TargetSelection | undefined;
  if (targetKey !== undefined) {
    const value = jsonValue(project.entry("target", targetKey));
    if (value === undefined) return undefined;
    target = targetSelection(targetKey, value);
  }
  const view = datafileFor(project, { environment, target, state });
  return { project, view, environment, state, target, fingerprints: new Map(), views: new Map() };
}

function allFeatures(pb: Project | undefined, pa: Project | undefined): Set<string> {
  return new Set([...(pb?.keys("feature") ?? []), ...(pa?.keys("feature") ?? [])]);
}

/** Every segment key a value names under a `segments` property (rules, forces, overrides; and/or/not; text parsed back). */
export function segmentKeysOf(value: unknown, into = new Set<string>()): Set<string> {
  const names = (v: unknown): void => {
    if (typeof v === "string") {
      if (v.startsWith("{") || v.startsWith("[")) {
        try {
          names(JSON.parse(v));
        } catch {
          /* not JSON: no keys */
        }
      } else if (v !== "*") into.add(v);
    } else if (Array.isArray(v)) v.forEach(names);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) names(x);
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "segments") names(x);
        else walk(x);
      }
  };
  walk(value);
  return into;
}

/** The features the changed paths can reach; undefined: every feature (no paths known, or the config or state changed). */
function candidateFeatures(
  pb: Project | undefined,
  pa: Project | undefined,
  changed: ReadonlySet<string> | undefined,
  sharedText: ((path: string) => string | undefined) | undefined,
): Set<string> | undefined {
  if (!changed || !pb || !pa) return undefined;
  const stateFolders = [pb, pa].flatMap((p) => environmentsOf(p).map((e) => dirOf(stateFilePath(p, e))));
  for (const path of changed) {
    if (path === pa.configPath || path.endsWith("/package.json") || stateFolders.some((d) => path.startsWith(d + "/"))) return undefined;
  }
  const keys = new Set<string>();
  const segments = new Set<string>();
  for (const p of [pb, pa]) {
    for (const e of [...p.entries("feature"), ...p.entries("environment")]) if (changed.has(e.path)) keys.add(e.key);
    for (const e of p.entries("segment")) if (changed.has(e.path)) segments.add(e.key);
    for (const e of p.entries("target")) if (changed.has(e.path)) return undefined;
    for (const e of p.entries("group")) {
      if (!changed.has(e.path)) continue;
      for (const f of segmentKeysOfSlots(jsonValue(e))) keys.add(f);
    }
  }
  const inBefore = new Set(pb.keys("feature"));
  const inAfter = new Set(pa.keys("feature"));
  for (const k of inBefore) if (!inAfter.has(k)) keys.add(k);
  for (const k of inAfter) if (!inBefore.has(k)) keys.add(k);
  // A file the snapshots share is read on one side only; one whose text cannot name a changed segment
  // or a required feature is not parsed at all.
  const dependents = new Map<string, Set<string>>();
  const segmentList = [...segments];
  const mayMatter = (path: string) => {
    const text = changed.has(path) ? undefined : sharedText?.(path);
    return text === undefined || text.includes("required") || segmentList.some((k) => text.includes(k));
  };
  for (const p of [pa, pb]) {
    const shared = p === pb;
    for (const e of [...p.entries("feature"), ...p.entries("environment")]) {
      if ((shared && !changed.has(e.path) && pa.files.has(e.path)) || !mayMatter(e.path)) continue;
      const value = e.doc?.value;
      if (segments.size > 0 && [...segmentKeysOf(value)].some((k) => segments.has(k))) keys.add(e.key);
      if (e.kind !== "feature") continue;
      for (const r of p.feature(e.key)?.required ?? []) {
        let set = dependents.get(r);
        if (!set) dependents.set(r, (set = new Set()));
        set.add(e.key);
      }
    }
  }
  const queue = [...keys];
  while (queue.length > 0)
    for (const d of dependents.get(queue.pop()!) ?? [])
      if (!keys.has(d)) {
        keys.add(d);
        queue.push(d);
      }
  return keys;
}

function segmentKeysOfSlots(group: unknown): string[] {
  const slots = (group as { slots?: unknown })?.slots;
  return Array.isArray(slots) ? slots.flatMap((s) => (typeof s?.feature === "string" ? [s.feature as string] : [])) : [];
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

interface Renames {
  /** after key → before key */
  renamedTo: Map<string, string>;
  /** before keys that were renamed */
  renamedFrom: Set<string>;
}

/** A feature gone and another new whose files say the same (description aside) is a rename. */
function findRenames(pb: Project | undefined, pa: Project | undefined): Renames {
  const out: Renames = { renamedTo: new Map(), renamedFrom: new Set() };
  if (!pb || !pa) return out;
  const afterKeys = new Set(pa.keys("feature"));
  const beforeKeys = new Set(pb.keys("feature"));
  const gone = [...beforeKeys].filter((k) => !afterKeys.has(k));
  const added = [...afterKeys].filter((k) => !beforeKeys.has(k));
  if (gone.length === 0 || added.length === 0) return out;
  const body = (p: Project, key: string) => {
    const v = jsonValue(p.entry("feature", key));
    if (v === null || typeof v !== "object") return undefined;
    const rest = { ...(v as Record<string, unknown>) };
    delete rest.description;
    return JSON.stringify(rest);
  };
  const byBody = new Map<string, string>();
  for (const k of gone) {
    const b = body(pb, k);
    if (b !== undefined && !byBody.has(b)) byBody.set(b, k);
  }
  for (const k of added.sort()) {
    const b = body(pa, k);
    const from = b === undefined ? undefined : byBody.get(b);
    if (from === undefined || out.renamedFrom.has(from)) continue;
    out.renamedTo.set(k, from);
    out.renamedFrom.add(from);
  }
  return out;
}

function requiredKey(r: unknown): string | undefined {
  if (typeof r === "string") return r;
  const k = (r as { key?: unknown })?.key;
  return typeof k === "string" ? k : undefined;
}

/** Everything about a feature in a datafile that decides its answers, as text; "absent" when the datafile leaves it out. */
export function fingerprint(side: ScopeSide | undefined, key: string, withForce = true, stack: string[] = [], withBucketBy = true): string {
  if (!side) return "absent";
  const broken = unreadable(side.project, key);
  if (broken !== undefined) return `unreadable: ${broken}`;
  const memoKey = `${withForce ? "" : "f"}${withBucketBy ? "" : "b"}\u0000${key}`;
  const hit = side.fingerprints.get(memoKey);
  if (hit !== undefined) return hit;
  const f = side.view.feature(key);
  let text = "absent";
  if (f) {
    const segments: Record<string, unknown> = {};
    const named = segmentKeysOf(withForce ? f : { ...f, force: undefined });
    for (const s of [...named].sort()) segments[s] = side.view.segment(s)?.conditions ?? null;
    const required = (f.required ?? []).map((r) => {
      const k = requiredKey(r);
      return k === undefined || stack.includes(k) ? null : fingerprint(side, k, true, [...stack, key]);
    });
    const { bucketBy, variations, variablesSchema, traffic, force, ranges, disabledVariationValue } = f;
    text = JSON.stringify([
      withBucketBy ? bucketBy : null,
      f.required,
      variations,
      variablesSchema,
      traffic,
      withForce ? force : null,
      ranges,
    ]);
    text += JSON.stringify([disabledVariationValue, segments, required]);
  }
  side.fingerprints.set(memoKey, text);
  return text;
}

/** Why a feature changed: its own file (its force entries alone: force), a segment, its group, a required feature. */
function causeOf(sb: ScopeSide | undefined, sa: ScopeSide | undefined, beforeKey: string, key: string, renamed: boolean): ChangeCause {
  if (renamed || !sb || !sa) return { kind: "feature", key };
  const ownFile = (p: Project, k: string) =>
    JSON.stringify([
      jsonValue(p.entry("feature", k)),
      sb.environment !== undefined ? jsonValue(p.entry("environment", k, sb.environment)) : null,
    ]);
  const fb = sb.view.feature(beforeKey);
  const fa = sa.view.feature(key);
  if (ownFile(sb.project, beforeKey) !== ownFile(sa.project, key)) {
    if (fb && fa && fingerprint(sb, beforeKey, false) === fingerprint(sa, key, false)) return { kind: "force", key };
    return { kind: "feature", key };
  }
  if (fb && fa) {
    const segments = [...new Set([...segmentKeysOf(fb), ...segmentKeysOf(fa)])].sort();
    for (const s of segments)
      if (JSON.stringify(sb.view.segment(s) ?? null) !== JSON.stringify(sa.view.segment(s) ?? null)) return { kind: "segment", key: s };
    if (JSON.stringify(fb.ranges ?? null) !== JSON.stringify(fa.ranges ?? null)) {
      const group = sa.project.groupsOf(key)[0] ?? sb.project.groupsOf(key)[0];
      if (group) return { kind: "group", key: group.group.key };
    }
    for (const r of [...(fa.required ?? []), ...(fb.required ?? [])]) {
      const k = requiredKey(r);
      if (k !== undefined && fingerprint(sb, k) !== fingerprint(sa, k)) return { kind: "required", key: k };
    }
  }
  return { kind: "feature", key };
}

/** Why a feature's file (or its environment file) cannot be compared: unreadable, or YAML/JSON/TOML syntax errors. */
function unreadable(project: Project, key: string): string | undefined {
  for (const entry of [project.entry("feature", key), ...(project.environments || []).map((e) => project.entry("environment", key, e))]) {
    if (!entry) continue;
    if (entry.readProblem) return entry.readProblem.message;
    if (entry.doc?.hasSyntaxErrors) return `${entry.rel} has syntax errors (${entry.doc.problems[0]?.message ?? "unparsable"})`;
  }
  return undefined;
}

/** The rollout in words: who gets it, then the group slot and the variation split. */
function rolloutWords(side: ScopeSide | undefined, key: string, scope: Scope, which: "before" | "after", bucketBy: boolean): string {
  if (!side) {
    if (scope.target !== undefined) return `no target "${scope.target}" ${which === "before" ? "yet" : "any more"}`;
    return `no environment "${scope.environment ?? ""}" ${which === "before" ? "yet" : "any more"}`;
  }
  const broken = unreadable(side.project, key);
  if (broken !== undefined) return `cannot be read: ${broken}`;
  const f = side.view.feature(key);
  if (!f) {
    const reason = side.view.absence(key).replace(/^no feature "[^"]*" in the project$/, `no feature "${key}"`);
    return `not in the datafile: ${reason}`;
  }
  const view = environmentView(side, key);
  let words = view ? environmentInWords(view, segmentFacts(side.project)) : "nobody (no rules)";
  const split = (f.variations ?? []).filter((v) => typeof v.weight === "number");
  if (f.ranges && f.ranges.length > 0)
    words += `; in a group slot of ${pct(f.ranges.reduce((sum, [a, b]) => sum + b - a, 0) / 1000)} of users`;
  if (split.length > 1) words += `; variations ${split.map((v) => `${String(v.value)} ${pct(v.weight as number)}`).join(" / ")}`;
  if (bucketBy) words += `; bucketBy ${JSON.stringify(f.bucketBy)}`;
  return words;
}

function segmentsFp(side: ScopeSide, traffic: readonly Traffic[], upTo: number): string {
  const parts: unknown[] = [];
  for (let i = 0; i <= upTo && i < traffic.length; i++) {
    const keys = [...segmentKeysOf({ segments: traffic[i].segments })].sort();
    parts.push(
      traffic[i].segments,
      keys.map((k) => side.view.segment(k)?.conditions ?? null),
    );
  }
  return JSON.stringify(parts);
}

/** A feature's rules and forces in the side's environment, as its file writes them (read once per side). */
function environmentView(side: ScopeSide, feature: string): EnvironmentView | undefined {
  if (!side.views.has(feature))
    side.views.set(
      feature,
      featureEnvironments(side.project, feature).find((e) => e.env === (side.environment ?? "")),
    );
  return side.views.get(feature);
}

/** A rule's segments in words, as its feature's file writes them (a target's datafile may have settled them). */
function sourceWords(side: ScopeSide, feature: string, rule: string): string | undefined {
  const view = environmentView(side, feature);
  const found = view?.rules.find((r) => r.key !== undefined && String(r.key.value) === rule);
  return found?.segments ? whoInWords(found.segments.value, segmentFacts(side.project)) : undefined;
}

/** The rules whose answers change. */
function ruleChanges(
  sb: ScopeSide | undefined,
  sa: ScopeSide | undefined,
  fb: DatafileFeature | undefined,
  fa: DatafileFeature | undefined,
  rebucketed: boolean,
): RuleChange[] {
  const featureKey = (side: ScopeSide) => (side === sa ? fa : fb)!.key;
  const tb = fb?.traffic ?? [];
  const ta = fa?.traffic ?? [];
  const keys: string[] = [];
  for (const t of [...ta, ...tb]) if (!keys.includes(String(t.key))) keys.push(String(t.key));
  const featureSame =
    fb &&
    fa &&
    JSON.stringify([fb.variations, fb.variablesSchema, fb.ranges, fb.disabledVariationValue]) ===
      JSON.stringify([fa.variations, fa.variablesSchema, fa.ranges, fa.disabledVariationValue]);
  const out: RuleChange[] = [];
  for (const key of keys) {
    const ib = tb.findIndex((t) => String(t.key) === key);
    const ia = ta.findIndex((t) => String(t.key) === key);
    const before = ib >= 0 ? tb[ib] : undefined;
    const after = ia >= 0 ? ta[ia] : undefined;
    const words = (side: ScopeSide, t: Traffic) => sourceWords(side, featureKey(side), key) ?? trafficWords(side, t);
    const trafficWords = (side: ScopeSide, t: Traffic) =>
      whoInWords(
        typeof t.segments === "string" && /^[[{]/.test(t.segments) ? JSON.parse(t.segments) : t.segments,
        segmentFacts(side.project),
      ) ?? JSON.stringify(t.segments);
    const segments = after ? words(sa!, after) : words(sb!, before!);
    let share: number | null = null;
    if (before && after) {
      const samePopulation = segmentsFp(sb!, tb, ib) === segmentsFp(sa!, ta, ia);
      if (samePopulation) {
        share = changedShare([sb!.view.sdk, sa!.view.sdk], { feature: fb!, traffic: before }, { feature: fa!, traffic: after }, rebucketed);
        if (share === 0 && featureSame && JSON.stringify(before) === JSON.stringify(after)) continue;
      }
    }
    out.push({
      rule: key,
      segments,
      percentageBefore: before ? before.percentage / 1000 : null,
      percentageAfter: after ? after.percentage / 1000 : null,
      changedShare: share,
    });
  }
  return out;
}

function compareFeature(
  sb: ScopeSide | undefined,
  sa: ScopeSide | undefined,
  beforeKey: string,
  key: string,
  scope: Scope,
  _options: DiffOptions,
): Assessed | undefined {
  const fb = sb?.view.feature(beforeKey);
  const fa = sa?.view.feature(key);
  if (!fb && !fa) return undefined;
  const renamed = beforeKey !== key;
  if (!renamed && fingerprint(sb, beforeKey) === fingerprint(sa, key)) return undefined;
  const rebucketed = renamed || (fb !== undefined && fa !== undefined && JSON.stringify(fb.bucketBy) !== JSON.stringify(fa.bucketBy));
  const broken = (sb && unreadable(sb.project, beforeKey)) ?? (sa && unreadable(sa.project, key));
  const rules = broken !== undefined ? [] : ruleChanges(sb, sa, fb, fa, rebucketed);
  // A new bucket key where nothing is partly rolled out changes no answer: no change.
  if (rebucketed && !renamed && rules.length === 0 && fingerprint(sb, beforeKey, true, [], false) === fingerprint(sa, key, true, [], false))
    return undefined;
  const cause = causeOf(sb, sa, beforeKey, key, renamed);
  const showBucketBy = rebucketed && !renamed;
  const before = (renamed ? `as "${beforeKey}": ` : "") + rolloutWords(sb, beforeKey, scope, "before", showBucketBy);
  const change: RolloutChange = {
    feature: key,
    environment: scope.environment ?? null,
    set: scope.set,
    target: scope.target ?? null,
    cause,
    before,
    after: rolloutWords(sa, key, scope, "after", showBucketBy),
    rules,
    contextsChanged: null,
  };
  return { change, sb, sa, fb, fa, beforeKey, rebucketed, renamed };
}

/** Counts, for each change of a scope, the contexts whose enabled state, variation or variables change. */
function countContexts(
  changes: Assessed[],
  sb: ScopeSide | undefined,
  sa: ScopeSide | undefined,
  contexts: readonly Record<string, unknown>[],
): void {
  if (changes.length === 0) return;
  const answers = (side: ScopeSide | undefined, keys: string[], context: Record<string, unknown>) => {
    if (!side) return keys.map(() => "absent");
    const { project, environment, state, target } = side;
    return evaluateAll(project, environment, context, { state, target, features: keys }).map((e) =>
      JSON.stringify([e.enabled, e.variation, e.variables]),
    );
  };
  const counts = changes.map(() => 0);
  const beforeKeys = changes.map((c) => c.beforeKey);
  const afterKeys = changes.map((c) => c.change.feature);
  for (const context of contexts) {
    const b = answers(sb, beforeKeys, context);
    const a = answers(sa, afterKeys, context);
    for (let i = 0; i < changes.length; i++) if (b[i] !== a[i]) counts[i]++;
  }
  changes.forEach((c, i) => (c.change.contextsChanged = counts[i]));
}

export { enabledShare };
