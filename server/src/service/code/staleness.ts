// Stale flags, computed offline from the flag files, their history and the code index: archived
// or deprecated but still referenced, fully rolled out and unchanged for N days, defined but
// never referenced, referenced but never defined. A tag (or field) marks a feature permanent.

import type { Project } from "../project/project";
import { isObject } from "../project/featureView";
import { describeOutcome, doRolloutState, type Outcome } from "./rolledOut";

/** Why a flag is stale; also the `code` of a reason in `flaglens stale --format json`. */
export type StaleReasonCode = "archived" | "deprecated" | "rolled-out" | "unused" | "undefined";

/** One reason, with what a report or a fix needs. */
export interface StaleReason {
  code: StaleReasonCode;
  message: string;
  /** rolled-out: what every user gets. */
  outcome?: Outcome;
  /** rolled-out: when the feature's files last changed (ms since the epoch). */
  since?: number;
}

/** A stale flag. */
export interface StaleFlag {
  feature: string;
  /** The project root; absent for keys referenced in code but defined nowhere. */
  project?: string;
  /** The feature's file; absent for undefined keys. */
  file?: string;
  reasons: StaleReason[];
  /** Usages in code, when code was scanned. */
  references?: number;
}

/** Settings of staleness. */
export interface StalenessSettings {
  /** A fully rolled-out feature is stale once unchanged for this many days. */
  days: number;
  /** Tags that mark a feature permanent (never stale for being rolled out or unused). */
  permanentTags: string[];
  /** Top-level fields that mark a feature permanent when true (e.g. a custom `permanent: true`). */
  permanentFields: string[];
}

/** Defaults: 30 days, tag `permanent`. */
export const DEFAULT_STALENESS: StalenessSettings = { days: 30, permanentTags: ["permanent"], permanentFields: [] };

/** What staleness is computed from; time and history come in from the host. */
export interface StalenessContext {
  settings: StalenessSettings;
  /** Now, in ms since the epoch (tests fix it). */
  now(): number;
  /** When a flag file last changed (ms since the epoch): its last commit, or its modification time; undefined when unknown. */
  changedAt(path: string): number | undefined;
}

const DAY = 24 * 60 * 60 * 1000;

/** Whether a feature is marked permanent. */
export function isPermanent(project: Project, key: string, settings: StalenessSettings): boolean {
  const v = project.feature(key)?.entry.doc?.value;
  if (!isObject(v)) return false;
  const tags = Array.isArray(v.tags) ? v.tags : [];
  if (tags.some((t) => typeof t === "string" && settings.permanentTags.includes(t))) return true;
  return settings.permanentFields.some((f) => v[f] === true);
}

/** When any file of a feature last changed (the feature file, and per-environment files of split projects). */
export function featureChangedAt(project: Project, key: string, ctx: StalenessContext): number | undefined {
  const paths = [project.feature(key)?.entry.path];
  if (project.config.splitByEnvironment)
    for (const env of project.environments || []) paths.push(project.entry("environment", key, env)?.path);
  let latest: number | undefined;
  for (const p of paths) {
    if (p === undefined) continue;
    const t = ctx.changedAt(p);
    if (t === undefined) return undefined;
    latest = latest === undefined ? t : Math.max(latest, t);
  }
  return latest;
}

/**
 * Whether a feature could be stale for being fully rolled out, so that its files' dates matter:
 * not archived (stale for that already), not permanent, and serving everyone the same.
 */
export function needsRolloutDate(project: Project, key: string, settings: StalenessSettings): boolean {
  const info = project.feature(key);
  return info !== undefined && !info.archived && !isPermanent(project, key, settings) && doRolloutState(project, key).uniform;
}

/**
 * The stale reasons of one defined feature. `references` is its usage count in code, or
 * undefined when code was not scanned (then neither "unused" nor "still referenced" applies).
 */
export function doFeatureStaleness(project: Project, key: string, references: number | undefined, ctx: StalenessContext): StaleReason[] {
  const info = project.feature(key);
  if (!info) return [];
  const out: StaleReason[] = [];
  const refs = references ?? 0;
  const times = (n: number) => `${n} time${n === 1 ? "" : "s"}`;
  if (info.archived) {
    if (refs > 0) out.push({ code: "archived", message: `Archived, but still referenced ${times(refs)} in code.` });
    return out;
  }
  if (info.deprecated && refs > 0) out.push({ code: "deprecated", message: `Deprecated, but still referenced ${times(refs)} in code.` });
  if (isPermanent(project, key, ctx.settings)) return out;
  const state = doRolloutState(project, key);
  if (state.uniform) {
    const since = featureChangedAt(project, key, ctx);
    if (since !== undefined) {
      const days = Math.floor((ctx.now() - since) / DAY);
      if (days >= ctx.settings.days) {
        out.push({
          code: "rolled-out",
          message: `Fully rolled out (${describeOutcome(state.outcome)} in every environment) and unchanged for ${days} days (since ${isoDate(since)}).`,
          outcome: state.outcome,
          since,
        });
      }
    }
  }
  if (references !== undefined && refs === 0) out.push({ code: "unused", message: "Defined, but never referenced in code." });
  return out;
}

/** Every stale flag of some projects; `references` (usage counts by key) when code was scanned. */
export function doStaleness(
  projects: Iterable<Project>,
  references: ReadonlyMap<string, number> | undefined,
  ctx: StalenessContext,
): StaleFlag[] {
  const out: StaleFlag[] = [];
  const defined = new Set<string>();
  for (const project of projects) {
    for (const key of project.keys("feature").sort()) {
      defined.add(key);
      const refs = references === undefined ? undefined : (references.get(key) ?? 0);
      const reasons = doFeatureStaleness(project, key, refs, ctx);
      if (reasons.length === 0) continue;
      const flag: StaleFlag = { feature: key, project: project.root, file: project.feature(key)!.entry.path, reasons };
      if (refs !== undefined) flag.references = refs;
      out.push(flag);
    }
  }
  for (const [key, n] of [...(references ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (defined.has(key) || n === 0) continue;
    out.push({
      feature: key,
      reasons: [{ code: "undefined", message: `Referenced ${n} time${n === 1 ? "" : "s"} in code, but not defined in any project.` }],
      references: n,
    });
  }
  return out;
}

/** `2024-01-31` (UTC). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
