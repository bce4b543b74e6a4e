// The comparison at the heart of the evaluation differential test: for each context, each datafile
// (environment and tag) and each feature, what a real SDK instance answers against what Flaglens
// computes from the project's files. Differences are collected with everything needed to reproduce them.

import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { evaluateAll, evaluateFeature, loadEvaluationState, type EvaluationState } from "../../server/src/service/evaluation";
import type { TargetSelection } from "../../server/src/service/evaluation";
import type { Project } from "../../server/src/service/project/project";
import { Workspace } from "../../server/src/service/workspace";

/** What both SDK generations offer. */
export interface SdkInstance {
  isEnabled(feature: string, context: Record<string, unknown>): boolean;
  getVariation(feature: string, context: Record<string, unknown>): unknown;
  getVariable(feature: string, variable: string, context: Record<string, unknown>): unknown;
}

/** One datafile to compare against. */
export interface Target {
  environment: string | undefined;
  tag: string | undefined;
  /** A v3 target's datafile (then `tag` is undefined). */
  selection?: TargetSelection;
  sdk: SdkInstance;
  /** The datafile the SDK was given. */
  datafile: { features: unknown };
}

/** The outcome of a comparison run. */
export interface CompareResult {
  comparisons: number;
  differences: string[];
}

/** Loads a project from disk as the CLI does. */
export async function loadProject(root: string): Promise<Project> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  const servicePath = toServicePath(root);
  await workspace.addProject(servicePath);
  const project = workspace.projects.get(servicePath);
  if (!project) throw new Error(`cannot load ${root}`);
  return project;
}

/** Loads the builder's state of a project. */
export function loadState(project: Project): Promise<EvaluationState> {
  return loadEvaluationState(nodeFileSystem, project);
}

const MAX_REPORTED = 10;

/**
 * Compares every feature of the project on every target for every context. SDK answers of
 * undefined (v1) count as null, as Flaglens reports "nothing" as null. Flaglens evaluates with
 * evaluateAll (one evaluator per context, as the CLI does); for the first context, evaluateFeature
 * (a fresh evaluator per feature, as the editor's previews do) must give the same answers.
 */
export function compare(
  project: Project,
  targets: Target[],
  contexts: Record<string, unknown>[],
  state: EvaluationState | undefined,
): CompareResult {
  const features = [...new Set(project.keys("feature"))].sort();
  const result: CompareResult = { comparisons: 0, differences: [] };
  let differing = 0;
  for (const [n, context] of contexts.entries()) {
    for (const target of targets) {
      const all = evaluateAll(project, target.environment, context, { state, tag: target.tag, target: target.selection });
      for (const [i, feature] of features.entries()) {
        const mine = all[i];
        if (mine.feature !== feature) throw new Error(`evaluateAll gave ${mine.feature} where ${feature} was expected`);
        if (n === 0) {
          const single = evaluateFeature(project, feature, target.environment, context, {
            state,
            tag: target.tag,
            target: target.selection,
          });
          const key = (e: typeof mine) => JSON.stringify([e.enabled, e.variation, e.variables, e.reason]);
          if (key(single) !== key(mine))
            result.differences.push(`evaluateFeature and evaluateAll differ on ${feature}: ${key(single)} vs ${key(mine)}`);
        }
        const theirs = {
          enabled: target.sdk.isEnabled(feature, context),
          variation: target.sdk.getVariation(feature, context) ?? null,
          variables: Object.fromEntries(Object.keys(mine.variables).map((k) => [k, target.sdk.getVariable(feature, k, context) ?? null])),
        };
        result.comparisons++;
        const same =
          theirs.enabled === mine.enabled &&
          theirs.variation === mine.variation &&
          JSON.stringify(theirs.variables) === JSON.stringify(mine.variables);
        if (same) continue;
        differing++;
        if (result.differences.length < MAX_REPORTED) {
          result.differences.push(
            [
              `feature ${feature}, environment ${target.environment ?? "(none)"}, ${target.selection ? `target ${target.selection.key}` : `tag ${target.tag}`}`,
              `  context:  ${JSON.stringify(context)}`,
              `  sdk:      ${JSON.stringify(theirs)}`,
              `  flaglens: ${JSON.stringify({ enabled: mine.enabled, variation: mine.variation, variables: mine.variables })}`,
              `  reason:   ${mine.reason}`,
            ].join("\n"),
          );
        }
      }
    }
  }
  if (differing > result.differences.length) result.differences.push(`... and ${differing - result.differences.length} more`);
  return result;
}
