// How `flaglens diff` and the language server build a rollout diff, so that both build it the same way:
// a snapshot is a loader's projects with each one's builder state; the code is asked about only when a
// feature is archived or deleted (archived-in-use); contexts come from `.flaglens/contexts.yml` unless
// given; the JSON answer is the same object. Pure: files come through a FileSystem.

import { parseSavedContexts, SAVED_CONTEXTS_FILE } from "../authoring/preview";
import { loadEvaluationState, type EvaluationState } from "../evaluation";
import type { FileSystem } from "../fileSystem";
import { parseFlagDocument } from "../project/document";
import { loadProjects, type LoadOptions } from "../project/loader";
import type { Project } from "../project/project";
import type { RevisionDiff } from "./format";
import { diffRollouts, type DiffOptions, type DiffSnapshot } from "./rolloutDiff";
import type { RolloutChange, RolloutDiff, RolloutRisk } from "./types";

/** `head` of a diff whose after side is the working tree (as the JSON of `flaglens diff` says it). */
export const WORKTREE = "worktree";

/** The JSON of `flaglens diff --format json`, and of the language server's `flaglens/rolloutChanges`. */
export interface RevisionDiffJson {
  base: string;
  head: string;
  changes: RolloutChange[];
  risks: RolloutRisk[];
}

/** A diff as JSON: exactly these four fields. */
export function revisionDiffJson(d: RevisionDiff): RevisionDiffJson {
  return { base: d.base, head: d.head, changes: d.changes, risks: d.risks };
}

/** The builder state of each project of a snapshot; its problems are warned about. */
export async function loadStates(
  fileSystem: FileSystem,
  projects: readonly Project[],
  label: string,
  warn: (message: string) => void,
): Promise<Map<Project, EvaluationState>> {
  const states = new Map<Project, EvaluationState>();
  for (const project of projects) {
    const state = await loadEvaluationState(fileSystem, project);
    for (const problem of state.problems) warn(`${label}: ${problem}`);
    states.set(project, state);
  }
  return states;
}

/** Warns about each changed flag file of a snapshot that does not parse (it is compared as unreadable). */
export function warnUnreadable(projects: readonly Project[], label: string, changed: ReadonlySet<string>, warn: (m: string) => void): void {
  for (const project of projects) {
    for (const entry of project.files.values()) {
      if (!changed.has(entry.path)) continue;
      const broken = entry.readProblem?.message ?? entry.doc?.problems.find((p) => p.code.endsWith("-syntax"))?.message;
      if (broken) warn(`${label}: ${entry.rel}: ${broken}; compared as unreadable`);
    }
  }
}

/**
 * Loads one snapshot from a FileSystem (a git revision's, or the disk): its projects and each one's
 * builder state. Throws when the project cannot be loaded; warns about changed flag files that do not parse.
 */
export async function loadDiffSnapshot(
  fileSystem: FileSystem,
  root: string,
  label: string,
  changed: ReadonlySet<string>,
  options: Pick<LoadOptions, "log"> & { warn: (message: string) => void },
): Promise<DiffSnapshot> {
  let projects: Project[];
  try {
    projects = await loadProjects(fileSystem, root, { maxFileSize: 1048576, log: options.log });
  } catch (error) {
    throw new Error(`${label}: cannot load the project at ${root}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const states = await loadStates(fileSystem, projects, label, options.warn);
  warnUnreadable(projects, label, changed, options.warn);
  return { projects, states };
}

/** The features archived or deleted between the snapshots (then the code matters). */
export function retiredFeatures(before: readonly Project[], after: readonly Project[], changed: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const pb of before) {
    const pa = after.find((p) => p.set === pb.set);
    for (const k of pb.keys("feature")) {
      if (!changed.has(pb.entry("feature", k)!.path)) continue;
      const was = pb.feature(k);
      const now = pa?.feature(k);
      if (was !== undefined && !was.archived && (now === undefined || now.archived)) out.add(k);
    }
  }
  return [...out];
}

/** The contexts saved in `.flaglens/contexts.yml` of the first of these folders that has one; undefined: none. */
export async function readSavedContexts(
  fileSystem: FileSystem,
  folders: readonly string[],
): Promise<Record<string, unknown>[] | undefined> {
  for (const folder of folders) {
    const file = `${folder === "/" ? "" : folder}/${SAVED_CONTEXTS_FILE}`;
    if ((await fileSystem.stat(file))?.type !== "file") continue;
    const text = new TextDecoder().decode(await fileSystem.readFile(file));
    return parseSavedContexts(parseFlagDocument(text)).map((c) => c.context);
  }
  return undefined;
}

/** What the diff needs beside the two snapshots. */
export interface BuildDiffOptions extends Omit<DiffOptions, "codeUses"> {
  changedPaths: ReadonlySet<string>;
  /** Whether application code uses a feature; asked for only when features are archived or deleted (these). */
  codeUses?: (retired: string[]) => Promise<((feature: string) => boolean) | undefined>;
}

/** The rollout diff of two loaded snapshots, as `flaglens diff` and the language server build it. */
export async function buildRolloutDiff(before: DiffSnapshot, after: DiffSnapshot, options: BuildDiffOptions): Promise<RolloutDiff> {
  const { codeUses: askCode, ...rest } = options;
  const retired = askCode ? retiredFeatures(before.projects, after.projects, options.changedPaths) : [];
  const codeUses = retired.length > 0 ? await askCode!(retired) : undefined;
  return diffRollouts(before, after, { ...rest, codeUses });
}
