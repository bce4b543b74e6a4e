// "Preview as user": the client picks a context (saved in .flaglens/contexts.yml, or typed); every
// feature file then shows, per environment, what that user gets.

import type { Connection } from "vscode-languageserver";
import { SavedContextsRequest, SetPreviewContextRequest, type PreviewContext } from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { NamedContext } from "../service/authoring/preview";
import { parseSavedContexts } from "../service/authoring/preview";
import { loadEvaluationState, type EvaluationState } from "../service/evaluation";
import { parseFlagDocument } from "../service/project/document";
import type { Workspace } from "../service/workspace";
import { runSafe } from "./runSafe";

/** The context being previewed, and each project's builder state for it. */
export class PreviewState {
  user: NamedContext | undefined;
  readonly states = new Map<string, EvaluationState>();
}

/** Where saved contexts live, relative to a workspace folder or project root. */
export const SAVED_CONTEXTS_FILE = ".flaglens/contexts.yml";

/** Registers the preview requests; `refresh` asks the client to redraw code lenses. */
export function registerPreviewHandlers(
  connection: Connection,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  preview: PreviewState,
  folders: () => string[],
  refresh: () => void,
): void {
  connection.onRequest(SetPreviewContextRequest, (params: PreviewContext | null) =>
    runSafe(connection, "setPreviewContext", null, async () => {
      await workspace.whenIdle();
      preview.user =
        params && typeof params.context === "object" && params.context !== null
          ? { name: String(params.name), context: params.context }
          : undefined;
      preview.states.clear();
      if (preview.user) {
        for (const project of workspace.projects.values()) preview.states.set(project.root, await loadEvaluationState(runtime.fs, project));
      }
      refresh();
      return null;
    }),
  );

  connection.onRequest(SavedContextsRequest, () =>
    runSafe(connection, "savedContexts", [] as PreviewContext[], async () => {
      const places = new Set([...folders(), ...workspace.configRoots()]);
      const out: PreviewContext[] = [];
      for (const dir of places) {
        const file = `${dir}/${SAVED_CONTEXTS_FILE}`;
        try {
          const text = new TextDecoder().decode(await runtime.fs.readFile(file));
          out.push(...parseSavedContexts(parseFlagDocument(text)));
        } catch {
          // No saved contexts in this folder.
        }
      }
      return out;
    }),
  );
}
