// The Flags view's data: every project with its environments, its features grouped by status
// (with the reason), its segments and attributes, the tags to filter by, and each feature's usage
// count in code. Computed from the loaded projects and the code index only, with the same rules as
// the stale-flag diagnostic and `flaglens stale` (catalog.rolledOut, doRolloutState), so the view
// never disagrees with the editor.

import type { FlagCatalog } from "./code/catalog";
import { describeOutcome, doRolloutState } from "./code/rolledOut";
import { isObject } from "./project/featureView";
import type { Project } from "./project/project";
import type { ProjectFormat } from "./types";

/**
 * A feature's status, in the order the view lists the groups. `stale`: fully rolled out and
 * unchanged for `flaglens.stale.days` (the stale-flag diagnostic's rule); `fully-on`/`off`: every
 * user gets the same, enabled or disabled; `in-rollout`: users differ.
 */
export type FeatureStatus = "in-rollout" | "fully-on" | "off" | "stale" | "deprecated" | "archived";

/** Every status, in the view's order. */
export const FEATURE_STATUSES: readonly FeatureStatus[] = ["in-rollout", "fully-on", "off", "stale", "deprecated", "archived"];

/**
 * Test results of a feature's specs, when tests ran (a hook: filled in by whoever runs them; the language
 * server counts the assertions of the feature's specs, and gives 0 and 0 to a feature without specs).
 */
export interface FeatureTestStatus {
  passed: number;
  failed: number;
}

export interface FlagsFeature {
  key: string;
  status: FeatureStatus;
  /** Why it has this status, in words (e.g. "50% of users in staging"). */
  reason: string;
  /** The feature file (for split projects, the main one). */
  file: string;
  description?: string;
  tags: string[];
  /** Usages in code; absent until code is scanned. */
  usages?: number;
  /** Its specs' results, when tests ran. */
  tests?: FeatureTestStatus;
}

export interface FlagsEntity {
  key: string;
  file: string;
  archived: boolean;
}

export interface FlagsProject {
  root: string;
  /** The set, for each set of a `sets: true` project. */
  set?: string;
  format: ProjectFormat;
  /** The environments; an empty list for a project without environments. */
  environments: string[];
  /** Every tag the features use, sorted. */
  tags: string[];
  /** Sorted by key. */
  features: FlagsFeature[];
  segments: FlagsEntity[];
  attributes: FlagsEntity[];
}

export interface FlagsTree {
  projects: FlagsProject[];
  /** Whether code was scanned: then every feature has `usages`. */
  codeScanned: boolean;
}

/** What the tree reads besides the projects: usage counts (undefined before the code scan) and the status catalog. */
export interface FlagsSources {
  catalog: FlagCatalog;
  usages?: (key: string) => number;
  tests?: (project: Project, key: string) => FeatureTestStatus | undefined;
}

const times = (n: number) => `${n} time${n === 1 ? "" : "s"}`;

/** A feature's status and reason. */
export function featureStatus(
  project: Project,
  key: string,
  catalog: FlagCatalog,
  usages: number | undefined,
): { status: FeatureStatus; reason: string } {
  const info = project.feature(key);
  const used = usages !== undefined && usages > 0 ? `, but still used ${times(usages)} in code` : "";
  if (info?.archived) return { status: "archived", reason: `Archived${used}` };
  if (info?.deprecated) return { status: "deprecated", reason: `Deprecated${used}` };
  // The stale-flag rule needs the feature to be the catalog's (the first project defining the key).
  const stale = catalog.lookup(key)?.project === project ? catalog.rolledOut(key) : undefined;
  if (stale) return { status: "stale", reason: stale.message };
  const state = doRolloutState(project, key);
  if (!state.uniform) return { status: "in-rollout", reason: `Users differ: ${state.reason}` };
  return {
    status: state.outcome.enabled ? "fully-on" : "off",
    reason: `Every user: ${describeOutcome(state.outcome)}`,
  };
}

function tagsOf(value: unknown): string[] {
  if (!isObject(value) || !Array.isArray(value.tags)) return [];
  return value.tags.filter((t): t is string => typeof t === "string");
}

/** The Flags view's tree for some projects, sorted by root. */
export function doFlagsTree(projects: Iterable<Project>, sources: FlagsSources): FlagsTree {
  const out: FlagsProject[] = [];
  for (const project of [...projects].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0))) {
    const allTags = new Set<string>();
    const features: FlagsFeature[] = [];
    for (const key of project.keys("feature").sort()) {
      const info = project.feature(key)!;
      const usages = sources.usages?.(key);
      const { status, reason } = featureStatus(project, key, sources.catalog, usages);
      const tags = tagsOf(info.entry.doc?.value);
      for (const t of tags) allTags.add(t);
      const feature: FlagsFeature = { key, status, reason, file: info.entry.path, tags };
      if (info.description !== undefined) feature.description = info.description;
      if (usages !== undefined) feature.usages = usages;
      const tests = sources.tests?.(project, key);
      if (tests) feature.tests = tests;
      features.push(feature);
    }
    const entities = (kind: "segment" | "attribute"): FlagsEntity[] =>
      project
        .keys(kind)
        .sort()
        .map((key) => {
          const info = kind === "segment" ? project.segment(key)! : project.attribute(key)!;
          return { key, file: info.entry.path, archived: info.archived };
        });
    const p: FlagsProject = {
      root: project.root,
      format: project.format,
      environments: project.environments || [],
      tags: [...allTags].sort(),
      features,
      segments: entities("segment"),
      attributes: entities("attribute"),
    };
    if (project.set !== undefined) p.set = project.set;
    out.push(p);
  }
  return { projects: out, codeScanned: sources.usages !== undefined };
}
