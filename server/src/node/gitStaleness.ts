// Staleness with dates from git, for the CLI and the language server.

import { featureChangedAt, needsRolloutDate, type StalenessContext, type StalenessSettings } from "../service/code/staleness";
import type { Project } from "../service/project/project";
import { fileChangeTimes } from "./gitDates";

/**
 * Staleness with dates from git: only the files of features that could be stale for being rolled
 * out (not archived, not permanent, serving everyone the same) are looked up.
 */
export async function gitStaleness(features: [Project, string][], settings: StalenessSettings): Promise<StalenessContext> {
  const probe: StalenessContext = { settings, now: () => Date.now(), changedAt: () => 0 };
  const files: string[] = [];
  for (const [project, key] of features) {
    if (!needsRolloutDate(project, key, settings)) continue;
    const paths: string[] = [];
    featureChangedAt(project, key, { ...probe, changedAt: (p) => (paths.push(p), 0) });
    files.push(...paths);
  }
  const times = files.length > 0 ? await fileChangeTimes(files) : new Map<string, number>();
  return { settings, now: () => Date.now(), changedAt: (p) => times.get(p) };
}
