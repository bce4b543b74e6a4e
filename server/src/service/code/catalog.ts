// What code usages are checked against: the features of every loaded project, with their status
// and stale reasons, cached until a project changes.

import type { FeatureInfo, Project } from "../project/project";
import { doFeatureStaleness, type StaleReason, type StalenessContext } from "./staleness";

/** A flag's status in `flaglens refs` and in hovers. */
export type FlagStatus = "active" | "archived" | "deprecated" | "stale" | "unknown";

/** A defined feature and its project. */
export interface FeatureRef {
  project: Project;
  info: FeatureInfo;
}

/** The features of some projects, looked up by key. */
export class FlagCatalog {
  private keysCache: string[] | undefined;
  private readonly rolledOutCache = new Map<string, StaleReason[]>();
  private generations: number[];

  /**
   * `staleness` is needed for the `stale` status and the stale-flag diagnostic; without it no
   * feature is stale for being rolled out.
   */
  constructor(
    readonly projects: readonly Project[],
    readonly staleness?: StalenessContext,
  ) {
    this.generations = projects.map((p) => p.generation);
  }

  /** Drops cached results when a project changed since they were computed. */
  private fresh(): void {
    const now = this.projects.map((p) => p.generation);
    if (now.every((g, i) => g === this.generations[i])) return;
    this.generations = now;
    this.keysCache = undefined;
    this.rolledOutCache.clear();
  }

  /** The feature with a key, in the first project that defines it. */
  lookup(key: string): FeatureRef | undefined {
    for (const project of this.projects) {
      const info = project.feature(key);
      if (info) return { project, info };
    }
    return undefined;
  }

  /** Every defined feature key. */
  keys(): string[] {
    this.fresh();
    return (this.keysCache ??= [...new Set(this.projects.flatMap((p) => p.keys("feature")))].sort());
  }

  /** The "fully rolled out for N days" reason of a feature, if any (independent of references, so cached). */
  rolledOut(key: string): StaleReason | undefined {
    if (!this.staleness) return undefined;
    this.fresh();
    let reasons = this.rolledOutCache.get(key);
    if (!reasons) {
      const ref = this.lookup(key);
      reasons = ref ? doFeatureStaleness(ref.project, key, undefined, this.staleness).filter((r) => r.code === "rolled-out") : [];
      this.rolledOutCache.set(key, reasons);
    }
    return reasons[0];
  }

  /** A key's status: unknown (not defined), archived, deprecated, stale (fully rolled out for N days) or active. */
  status(key: string | null): FlagStatus {
    if (key === null) return "unknown";
    const ref = this.lookup(key);
    if (!ref) return "unknown";
    if (ref.info.archived) return "archived";
    if (ref.info.deprecated) return "deprecated";
    return this.rolledOut(key) ? "stale" : "active";
  }
}
