// "Preview as user": the client picks a context (saved in .flaglens/contexts.yml, or typed); every
// feature file then shows, per environment, what that user gets, and so do the lenses and hovers over
// flag calls in code. The server tells the client what it previews; a typed context can be saved.

import { ResponseError, type Connection, type TextDocuments, type WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import {
  PreviewChangedNotification,
  SaveContextEditRequest,
  SavedContextsRequest,
  SetPreviewContextRequest,
  type PreviewChangedParams,
  type PreviewContext,
  type SaveContextEditParams,
} from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { NamedContext } from "../service/authoring/preview";
import { addSavedContext, parseSavedContexts, SAVED_CONTEXTS_FILE } from "../service/authoring/preview";
import type { CodeService } from "../service/code/codeService";
import { loadEvaluationState, type EvaluationState } from "../service/evaluation";
import { isObject } from "../service/project/featureView";
import { parseFlagDocument } from "../service/project/document";
import type { Workspace } from "../service/workspace";
import type { EditSupport } from "./editGuard";
import { readCurrentText } from "./removeFlag";
import { runSafe } from "./runSafe";

/** The context being previewed, and each project's builder state for it. */
export class PreviewState {
  user: NamedContext | undefined;
  readonly states = new Map<string, EvaluationState>();
}

/** What the preview handlers use besides the workspace. */
export interface PreviewHost {
  /** The code index, whose lenses and hovers follow the preview. */
  code: CodeService;
  documents: TextDocuments<TextDocument>;
  edits: EditSupport;
}

const within = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith("/") ? dir : dir + "/");

/** Registers the preview requests; `refresh` asks the client to redraw code lenses. */
export function registerPreviewHandlers(
  connection: Connection,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  preview: PreviewState,
  folders: () => string[],
  refresh: () => void,
  host?: PreviewHost,
): void {
  const readText = async (path: string) =>
    host ? readCurrentText(path, runtime, host.documents) : new TextDecoder().decode(await runtime.fs.readFile(path));

  connection.onRequest(SetPreviewContextRequest, (params: PreviewContext | null) =>
    runSafe(connection, "setPreviewContext", null as PreviewContext | null, async () => {
      await workspace.whenIdle();
      preview.user = params && isObject(params.context) ? { name: String(params.name), context: params.context } : undefined;
      preview.states.clear();
      if (preview.user) {
        for (const project of workspace.projects.values()) preview.states.set(project.root, await loadEvaluationState(runtime.fs, project));
      }
      const user = preview.user;
      host?.code.setUserPreview(user && { user, stateOf: (root) => preview.states.get(root) });
      const current = user ? { name: user.name, context: user.context } : null;
      void connection.sendNotification(PreviewChangedNotification, { preview: current } satisfies PreviewChangedParams);
      refresh();
      return current;
    }),
  );

  /** The folders that may hold saved contexts: the workspace folders and the projects' config folders. */
  const places = () => [...new Set([...folders(), ...workspace.configRoots()])];

  connection.onRequest(SavedContextsRequest, () =>
    runSafe(connection, "savedContexts", [] as PreviewContext[], async () => {
      const out: PreviewContext[] = [];
      for (const dir of places()) {
        try {
          const text = await readText(`${dir}/${SAVED_CONTEXTS_FILE}`);
          if (text !== undefined) out.push(...parseSavedContexts(parseFlagDocument(text)));
        } catch {
          // No saved contexts in this folder.
        }
      }
      return out;
    }),
  );

  connection.onRequest(SaveContextEditRequest, (params: SaveContextEditParams) =>
    runSafe(connection, "saveContextEdit", null as WorkspaceEdit | ResponseError | null, async () => {
      if (!host) return null;
      if (!params || typeof params.name !== "string" || !isObject(params.context)) {
        return new ResponseError(1, "Saving a context needs a name and a context (a JSON object).");
      }
      const dir = await savedContextsFolder(params.uri ? runtime.uriToPath(params.uri) : undefined);
      if (!dir) return new ResponseError(1, "There is no workspace folder to save the context in.");
      const path = `${dir}/${SAVED_CONTEXTS_FILE}`;
      const text = await readText(path).catch(() => undefined);
      const addition = addSavedContext(text, params.name, params.context);
      if ("error" in addition) return new ResponseError(1, addition.error);
      const refused = await host.edits.guard.refusal([path]);
      if (refused) return new ResponseError(1, refused);
      const uri = runtime.pathToUri(path);
      const insert = { range: { start: addition.at, end: addition.at }, newText: addition.text };
      if (!host.edits.versioned()) {
        if (addition.create)
          return new ResponseError(1, `Create ${SAVED_CONTEXTS_FILE} first: this editor cannot create files through an edit.`);
        return { changes: { [uri]: [insert] } };
      }
      return {
        documentChanges: [
          ...(addition.create ? [{ kind: "create" as const, uri, options: { ignoreIfExists: true } }] : []),
          { textDocument: { uri, version: null }, edits: [insert] },
        ],
      };
    }),
  );

  /**
   * Where a context is saved: the innermost folder holding the file the user is in (a project's config
   * folder or a workspace folder) that has saved contexts already, else the innermost; without such a
   * file, the first place that has saved contexts, else the first workspace folder.
   */
  async function savedContextsFolder(from: string | undefined): Promise<string | undefined> {
    const all = places();
    if (from) {
      const holding = all.filter((d) => within(d, from)).sort((a, b) => b.length - a.length);
      for (const dir of holding) if (await runtime.fs.stat(`${dir}/${SAVED_CONTEXTS_FILE}`)) return dir;
      if (holding.length > 0) return holding[0];
    }
    for (const dir of all) if (await runtime.fs.stat(`${dir}/${SAVED_CONTEXTS_FILE}`)) return dir;
    return folders()[0] ?? all[0];
  }
}
