// The Flags view's requests: the tree (service/flags.ts), a feature's usages in code, and the edit
// that removes a flag (the remove-flag source action's, for the palette command), plus a
// notification, at most a few times a second, when the tree may have changed.

import type { CodeAction, Connection, Location, TextDocuments, WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import {
  FeatureUsagesRequest,
  FlagsChangedNotification,
  FlagsRequest,
  RemoveFlagEditRequest,
  type FeatureUsagesParams,
  type FlagsTree,
  type RemoveFlagEditParams,
} from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { CodeService } from "../service/code/codeService";
import { doFlagsTree, type FeatureTestStatus } from "../service/flags";
import type { Project } from "../service/project/project";
import type { Workspace } from "../service/workspace";
import type { EditSupport } from "./editGuard";
import { REMOVE_FLAG_KIND, resolveRemoveFlag } from "./removeFlag";
import { runSafe } from "./runSafe";

/** How long changes are gathered before the client is told the tree changed. */
const CHANGED_DELAY_MS = 300;

/** Registers the requests; returns what tells the client the tree may have changed. */
export function registerFlagsHandlers(
  connection: Connection,
  runtime: RuntimeEnvironment,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  code: CodeService,
  codeScanned: () => boolean,
  support: EditSupport,
  /** A feature's test status, once its project's specs ran (handlers/tests.ts). */
  tests?: (project: Project, key: string) => FeatureTestStatus | undefined,
): () => void {
  connection.onRequest(FlagsRequest, () =>
    runSafe(connection, "flags", { projects: [], codeScanned: false } as FlagsTree, async () => {
      await workspace.whenIdle();
      const scanned = codeScanned();
      return doFlagsTree(workspace.projects.values(), {
        catalog: code.catalog(),
        ...(scanned ? { usages: (key: string) => code.index.referenceCount(key) } : {}),
        ...(tests ? { tests } : {}),
      });
    }),
  );

  connection.onRequest(FeatureUsagesRequest, (params: FeatureUsagesParams) =>
    runSafe(connection, "featureUsages", [] as Location[], async () => {
      await workspace.whenIdle();
      if (typeof params?.feature !== "string") return [];
      return code.usagesOf(params.feature).map((u) => ({ uri: runtime.pathToUri(u.file), range: u.range }));
    }),
  );

  connection.onRequest(RemoveFlagEditRequest, (params: RemoveFlagEditParams) =>
    runSafe(connection, "removeFlagEdit", null as WorkspaceEdit | null, async () => {
      if (typeof params?.feature !== "string" || (params.keep !== "enabled" && params.keep !== "disabled")) return null;
      await workspace.whenIdle();
      // An archived feature goes with its file and tests, as its own source action does.
      const archived = code.catalog().lookup(params.feature)?.info.archived === true;
      const action: CodeAction = {
        title: `Remove flag "${params.feature}"`,
        kind: REMOVE_FLAG_KIND,
        data: { removeFlag: true, feature: params.feature, keep: params.keep, withFiles: archived },
      };
      const resolved = await resolveRemoveFlag(action, connection, runtime, documents, workspace, code, support);
      return resolved.edit ?? null;
    }),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connection.sendNotification(FlagsChangedNotification);
    }, CHANGED_DELAY_MS);
    timer.unref?.();
  };
}
