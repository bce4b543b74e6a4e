// The rollout panel's request: which feature (a feature file, a flag call in code, or a key) and its
// model (service/rolloutModel.ts), with the builder's state and the context being previewed, and what
// changed against the compared git revision.

import type { Connection } from "vscode-languageserver";
import { RolloutPanelRequest, type RolloutPanelParams } from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { CodeService } from "../service/code/codeService";
import { loadEvaluationState } from "../service/evaluation";
import type { Project } from "../service/project/project";
import { rolloutModel, type RolloutModel } from "../service/rolloutModel";
import type { Workspace } from "../service/workspace";
import type { PreviewState } from "./preview";
import { runSafe } from "./runSafe";

/** The project and feature a request is about, if any. */
function resolve(
  params: RolloutPanelParams,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  code: CodeService,
): [Project, string] | undefined {
  if (typeof params.feature === "string") {
    const named = typeof params.project === "string" ? workspace.projects.get(params.project) : undefined;
    if (named) return named.feature(params.feature) ? [named, params.feature] : undefined;
    const ref = code.catalog().lookup(params.feature);
    return ref ? [ref.project, params.feature] : undefined;
  }
  if (typeof params.uri !== "string") return undefined;
  const path = runtime.uriToPath(params.uri);
  if (!path) return undefined;
  const project = workspace.projectOf(path);
  const entry = project?.files.get(path);
  if (project && entry && (entry.kind === "feature" || entry.kind === "environment")) return [project, entry.key];
  const position = params.position;
  if (code.handles(path) && position && typeof position.line === "number" && typeof position.character === "number") {
    const key = code.featureAt(path, position);
    const ref = key === undefined ? undefined : code.catalog().lookup(key);
    return ref ? [ref.project, key!] : undefined;
  }
  return undefined;
}

export function registerRolloutPanelHandler(
  connection: Connection,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  code: CodeService,
  preview: PreviewState,
  /** The model with what changed against the compared git revision (handlers/rolloutChanges.ts). */
  changes: (project: Project, model: RolloutModel) => Promise<RolloutModel> = async (_project, model) => model,
): void {
  connection.onRequest(RolloutPanelRequest, (params: RolloutPanelParams | null) =>
    runSafe(connection, "rolloutPanel", null as RolloutModel | null, async () => {
      await workspace.whenIdle();
      const found = params && typeof params === "object" ? resolve(params, runtime, workspace, code) : undefined;
      if (!found) return null;
      const [project, key] = found;
      const state = preview.states.get(project.root) ?? (await loadEvaluationState(runtime.fs, project));
      const model = rolloutModel(project, key, { state, preview: preview.user });
      return model ? await changes(project, model) : null;
    }),
  );
}
