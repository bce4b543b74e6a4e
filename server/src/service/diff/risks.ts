// Risk notes about a rollout diff, each with a stable code (types.ts: RISK_CODES) and a severity the
// settings can change or turn off: exposure jumps in production, kill switches, re-bucketing of users
// already assigned, segment changes that reach many features, removed forces, flags archived while
// code uses them, and production changes staging never had.

import { datafileFor } from "../evaluation/datafile";
import { segmentsMatchEveryone } from "../project/walk";
import type { Project } from "../project/project";
import type { DatafileFeature, Force, Traffic } from "../evaluation/types";
import { enabledShare, round } from "./share";
import type { ScopeSide } from "./rolloutDiff";
import {
  DEFAULT_BLAST_RADIUS,
  DEFAULT_EXPOSURE_JUMP,
  DEFAULT_RISK_SEVERITY,
  type RiskCode,
  type RiskSettings,
  type RolloutChange,
  type RolloutRisk,
} from "./types";

/** A change with what the risks need to know of it. */
export interface Assessed {
  change: RolloutChange;
  sb: ScopeSide | undefined;
  sa: ScopeSide | undefined;
  fb: DatafileFeature | undefined;
  fa: DatafileFeature | undefined;
  beforeKey: string;
  rebucketed: boolean;
  renamed: boolean;
}

/** The production environment of a project: the setting, "production", else the one whose name has "prod". */
export function productionOf(environments: string[] | false, setting?: string): string | undefined {
  if (environments === false) return undefined;
  if (setting !== undefined) return environments.includes(setting) ? setting : undefined;
  return environments.includes("production") ? "production" : environments.find((e) => /prod/i.test(e));
}

function stagingOf(environments: string[] | false, setting?: string): string | undefined {
  if (environments === false) return undefined;
  if (setting !== undefined) return environments.includes(setting) ? setting : undefined;
  return environments.includes("staging") ? "staging" : environments.find((e) => /stag/i.test(e));
}

function sdkOf(side: ScopeSide): 1 | 2 | 3 {
  return side.view.sdk;
}

/** The largest share of a rule's users that get the feature (points). */
function exposure(side: ScopeSide, f: DatafileFeature): number {
  return Math.max(0, ...f.traffic.map((t) => enabledShare(sdkOf(side), f, t)));
}

/** Partly rolled out: some rule gives the feature to part of its users, or splits them between variations. */
function partlyRolledOut(side: ScopeSide, f: DatafileFeature): boolean {
  return f.traffic.some((t) => {
    const share = enabledShare(sdkOf(side), f, t);
    if (share > 0 && share < 100) return true;
    return share > 0 && !t.variation && new Set((t.allocation ?? []).map((a) => a.variation)).size > 1;
  });
}

/** A rule's rollout as staging and production would be compared: who, how many, which variation. */
function rolloutShape(f: DatafileFeature | undefined): string {
  if (!f) return "absent";
  const weights = (f.variations ?? []).map((v) => [v.value, v.weight]);
  const rules = f.traffic.map((t: Traffic) => [t.segments, t.percentage, t.variation, t.variationWeights]);
  return JSON.stringify([f.bucketBy, weights, rules]);
}

/** How a feature assigns its users to buckets and variations, which rules do not change per environment. */
function assignment(f: DatafileFeature): string {
  return JSON.stringify([f.bucketBy, (f.variations ?? []).map((v) => [v.value, v.weight])]);
}

/**
 * Whether production's new rollout goes where staging had not gone before the change: staging did not
 * have the feature, assigned users otherwise (bucketBy, variation weights), or a rule of production now
 * gives the feature to a larger share than before and than any rule of staging did. Ramping production
 * up behind staging, rolling it back and turning it off are not.
 */
function skipsStaging(
  sb: ScopeSide,
  staging: DatafileFeature | undefined,
  sa: ScopeSide,
  fa: DatafileFeature,
  fb: DatafileFeature | undefined,
): boolean {
  if (!staging || assignment(staging) !== assignment(fa)) return true;
  const reached = exposure(sb, staging);
  return fa.traffic.some((ta) => {
    const share = enabledShare(sdkOf(sa), fa, ta);
    const tb = fb?.traffic.find((t) => String(t.key) === String(ta.key));
    const before = fb && tb ? enabledShare(sdkOf(sb), fb, tb) : 0;
    return share > before && share > reached;
  });
}

function where(c: RolloutChange): string {
  const parts = [c.set !== null ? `set "${c.set}"` : "", c.target !== null ? `target "${c.target}"` : ""].filter((x) => x);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function envName(c: RolloutChange): string {
  return c.environment ?? "all environments";
}

/** The risk notes of a diff. */
export function assessRisks(
  assessed: readonly Assessed[],
  pairs: readonly [Project | undefined, Project | undefined][],
  settings: RiskSettings & { codeUses?: (feature: string) => boolean },
): RolloutRisk[] {
  const out: RolloutRisk[] = [];
  const add = (code: RiskCode, feature: string | null, environment: string | null, message: string) => {
    const severity = settings.severity?.[code] ?? DEFAULT_RISK_SEVERITY[code];
    if (severity === "off") return;
    const key = `${code}\u0000${feature}\u0000${environment}\u0000${message}`;
    if (out.some((r) => `${r.code}\u0000${r.feature}\u0000${r.environment}\u0000${r.message}` === key)) return;
    out.push({ code, severity, feature, environment, message });
  };
  const jump = settings.exposureJump ?? DEFAULT_EXPOSURE_JUMP;
  const bySegment = new Map<string, Set<string>>();
  for (const a of assessed) {
    const { change: c, sb, sa, fb, fa } = a;
    const project = (sa ?? sb)!.project;
    const production = productionOf(project.environments, settings.production);
    const isProduction = c.environment !== null && c.environment === production;
    if (c.cause.kind === "segment") {
      let set = bySegment.get(c.cause.key);
      if (!set) bySegment.set(c.cause.key, (set = new Set()));
      set.add(c.feature);
    }
    // exposure-jump: a rule whose users are the same gives the feature to many more of them.
    if (isProduction && sb && sa && fb && fa) {
      for (const r of c.rules) {
        if (r.changedShare === null) continue;
        const tb = fb.traffic.find((t) => String(t.key) === r.rule);
        const ta = fa.traffic.find((t) => String(t.key) === r.rule);
        if (!tb || !ta) continue;
        const rise = round(enabledShare(sdkOf(sa), fa, ta) - enabledShare(sdkOf(sb), fb, tb));
        if (rise > jump)
          add(
            "exposure-jump",
            c.feature,
            c.environment,
            `"${c.feature}" in ${c.environment}${where(c)}: rule "${r.rule}" (${r.segments}) rises by ${rise} points, more than ${jump}`,
          );
      }
    }
    // kill-switch: some users had it, nobody has it now (the feature still defined and not archived).
    if (sb && sa && fb && exposure(sb, fb) > 0) {
      const info = sa.project.feature(c.feature);
      const off = fa ? exposure(sa, fa) === 0 : info !== undefined && !info.archived;
      const forcedOff =
        fa !== undefined &&
        (fa.force ?? []).some(
          (f) => f.enabled === false && isEveryone(f, sa.project) && !(fb.force ?? []).some((g) => JSON.stringify(g) === JSON.stringify(f)),
        );
      if (off || forcedOff)
        add(
          "kill-switch",
          c.feature,
          c.environment,
          `"${c.feature}" is turned off in ${envName(c)}${where(c)}: it was on for some users (${c.before})`,
        );
    }
    // rebucketing: the bucket key, a rule key or the weights change while users are already assigned.
    if (sb && sa && fb && fa && partlyRolledOut(sb, fb)) {
      if (a.renamed)
        add(
          "rebucketing",
          c.feature,
          c.environment,
          `"${a.beforeKey}" is renamed "${c.feature}" in ${envName(c)}${where(c)}: its key is part of the bucket key, so users partly rolled out get new buckets`,
        );
      else if (a.rebucketed)
        add(
          "rebucketing",
          c.feature,
          c.environment,
          `"${c.feature}" in ${envName(c)}${where(c)}: bucketBy changes from ${JSON.stringify(fb.bucketBy)} to ${JSON.stringify(fa.bucketBy)}, so every user gets a new bucket`,
        );
      const weights = (f: DatafileFeature) => JSON.stringify((f.variations ?? []).map((v) => [v.value, v.weight]));
      for (const r of c.rules) {
        const tb = fb.traffic.find((t) => String(t.key) === r.rule);
        const ta = fa.traffic.find((t) => String(t.key) === r.rule);
        if (!tb || !ta || r.changedShare === null || r.changedShare === 0 || a.rebucketed) continue;
        if (weights(fb) !== weights(fa) || JSON.stringify(tb.variationWeights) !== JSON.stringify(ta.variationWeights))
          add(
            "rebucketing",
            c.feature,
            c.environment,
            `"${c.feature}" in ${envName(c)}${where(c)}: variation weights change for rule "${r.rule}"; ${r.changedShare} points of its users change their answer`,
          );
      }
      const keysB = fb.traffic.map((t) => String(t.key));
      const keysA = fa.traffic.map((t) => String(t.key));
      fa.traffic.forEach((t, i) => {
        const old = fb.traffic[i];
        if (old && !keysB.includes(keysA[i]) && !keysA.includes(keysB[i]) && JSON.stringify(old.segments) === JSON.stringify(t.segments))
          add(
            "rebucketing",
            c.feature,
            c.environment,
            `"${c.feature}" in ${envName(c)}${where(c)}: rule "${keysB[i]}" is renamed "${keysA[i]}"; the builder's saved allocation is keyed by rule, so its users are allocated anew`,
          );
      });
    }
    // force-removed: each force entry before that is not there after.
    if (fb && fa) {
      const after = (fa.force ?? []).map((f) => JSON.stringify(f));
      (fb.force ?? []).forEach((f: Force, i) => {
        if (!after.includes(JSON.stringify(f)))
          add(
            "force-removed",
            c.feature,
            c.environment,
            `"${c.feature}" in ${envName(c)}${where(c)}: force #${i + 1} (${forceWho(f)}) is removed; whoever it forced gets the rules' answer now`,
          );
      });
    }
    // environment-skipped: production changes (by its own file) to what staging did not have before.
    if (isProduction && sa && fa && (c.cause.kind === "feature" || c.cause.kind === "force") && !a.renamed) {
      const stagingEnv = stagingOf(sa.project.environments, settings.staging);
      const pb = sb?.project;
      if (sb && stagingEnv && pb && environmentsOfIncludes(pb, stagingEnv) && rolloutShape(fa) !== rolloutShape(fb)) {
        const stagingBefore = stagingFeature(pb, stagingEnv, c, sb);
        if (rolloutShape(stagingBefore) !== rolloutShape(fa) && skipsStaging(sb, stagingBefore, sa, fa, fb))
          add(
            "environment-skipped",
            c.feature,
            c.environment,
            `"${c.feature}" changes in ${c.environment}${where(c)} to a rollout ${stagingEnv} did not have before this change (${c.after})`,
          );
      }
    }
  }
  const radius = settings.blastRadius ?? DEFAULT_BLAST_RADIUS;
  for (const [segment, features] of [...bySegment].sort(([a], [b]) => a.localeCompare(b)))
    if (features.size > radius)
      add(
        "segment-blast-radius",
        null,
        null,
        `segment "${segment}" changes, and with it ${features.size} features (more than ${radius}): ${[...features].sort().slice(0, 10).join(", ")}${features.size > 10 ? ", …" : ""}`,
      );
  // archived-in-use: a feature archived (or deleted, not renamed) while application code still uses it.
  if (settings.codeUses) {
    for (const [pb, pa] of pairs) {
      if (!pb || !pa) continue;
      const renamedFrom = new Set(assessed.filter((a) => a.renamed).map((a) => a.beforeKey));
      for (const key of [...new Set(pb.keys("feature"))].sort()) {
        const was = pb.feature(key);
        const now = pa.feature(key);
        if (!was || was.archived || renamedFrom.has(key)) continue;
        if (now && !now.archived) continue;
        if (!settings.codeUses(key)) continue;
        add(
          "archived-in-use",
          key,
          null,
          `"${key}" is ${now ? "archived" : "deleted"}${pa.set !== undefined ? ` (set "${pa.set}")` : ""} while application code still uses it; SDKs will answer disabled`,
        );
      }
    }
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function environmentsOfIncludes(p: Project, env: string): boolean {
  return p.environments !== false && p.environments.includes(env);
}

function stagingFeature(pb: Project, env: string, c: RolloutChange, sb: ScopeSide | undefined): DatafileFeature | undefined {
  if (!sb) return undefined;
  // The staging datafile of the same snapshot (and target): built like the production one.
  return stagingView(pb, env, sb)?.feature(c.feature);
}

function stagingView(pb: Project, env: string, sb: ScopeSide) {
  return datafileFor(pb, { environment: env, target: sb.target, state: sb.state });
}

function isEveryone(f: Force, project: Project): boolean {
  if (f.segments === undefined) return false;
  const segments = typeof f.segments === "string" && /^[[{]/.test(f.segments) ? JSON.parse(f.segments) : f.segments;
  return segmentsMatchEveryone(segments, (k) => project.segment(k)?.matchesEveryone === true);
}

function forceWho(f: Force): string {
  if (f.segments !== undefined) return `segments ${typeof f.segments === "string" ? f.segments : JSON.stringify(f.segments)}`;
  if (f.conditions !== undefined) return `conditions ${typeof f.conditions === "string" ? f.conditions : JSON.stringify(f.conditions)}`;
  return "no one";
}
