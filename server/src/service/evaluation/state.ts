// The builder's memory between builds: `.featurevisor/existing-state-<environment>.json` (or
// `existing-state.json` without environments) records every feature's allocation, so that the next
// build keeps users in their variations when a rule only grows. Read through the injected FileSystem.

import { joinPath, type FileSystem } from "../fileSystem";
import type { Project } from "../project/project";
import type { ExistingFeatureState } from "./allocation";
import { isJsonObject } from "./types";

/** The recorded allocations of the features of one environment. */
export interface ExistingState {
  features: Record<string, ExistingFeatureState>;
}

/** The existing states of a project, by environment ("" for a project without environments). */
export interface EvaluationState {
  environments: Map<string, ExistingState>;
  /** State files that exist but could not be read or parsed; those environments count as never built. */
  problems: string[];
}

/** A state without any recorded build: allocations come out as a first build makes them. */
export function emptyEvaluationState(): EvaluationState {
  return { environments: new Map(), problems: [] };
}

/** The path of an environment's state file. */
export function stateFilePath(project: Project, environment: string | undefined): string {
  const dir = project.config.stateDirectoryPath;
  const top = dir.startsWith("/") ? dir : joinPath(project.configRoot, dir);
  // Featurevisor keeps each set's state apart, in `<stateDirectoryPath>/sets/<set>`.
  const base = project.set !== undefined ? joinPath(top, `sets/${project.set}`) : top;
  return joinPath(base, environment ? `existing-state-${environment}.json` : "existing-state.json");
}

/** Parses a state file's text; undefined when it is not a state. */
export function parseExistingState(text: string): ExistingState | undefined {
  const value: unknown = JSON.parse(text);
  if (!isJsonObject(value) || !isJsonObject(value.features)) return undefined;
  return { features: value.features as Record<string, ExistingFeatureState> };
}

/** Reads the existing state of every environment of a project; missing files are normal (never built). */
export async function loadEvaluationState(fs: FileSystem, project: Project): Promise<EvaluationState> {
  const state = emptyEvaluationState();
  const environments = project.environments === false ? [undefined] : project.environments;
  for (const environment of environments) {
    const path = stateFilePath(project, environment);
    if (!(await fs.stat(path))) continue;
    try {
      const parsed = parseExistingState(new TextDecoder().decode(await fs.readFile(path)));
      if (parsed) state.environments.set(environment ?? "", parsed);
      else state.problems.push(`${path} is not a Featurevisor state file (no "features" object); ignored.`);
    } catch (error) {
      state.problems.push(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}; ignored.`);
    }
  }
  return state;
}
