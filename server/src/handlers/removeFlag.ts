// Source actions that retire a flag everywhere: from a usage in code ("Remove flag "x" from the
// workspace"), and from an archived feature's YAML (its usages, then its file and its tests).
// The edit is computed only when the user picks the action (codeAction/resolve).

import { MessageType, ShowMessageNotification } from "vscode-languageserver";
import type { CodeAction, Connection, TextDocuments, WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { RuntimeEnvironment } from "../runtime";
import type { CodeService } from "../service/code/codeService";
import { RETIRED_FLAG_CODES } from "../service/code/diagnostics";
import type { Workspace } from "../service/workspace";
import type { EditSupport } from "./editGuard";

/** The kind of the actions, under `source` so editors list them with source actions. */
export const REMOVE_FLAG_KIND = "source.removeFlag";

interface RemoveData {
  removeFlag: true;
  feature: string;
  keep: "enabled" | "disabled";
  /** From an archived feature's YAML: also delete the feature file and its tests. */
  withFiles?: boolean;
}

/** Whether a code file uses a retired flag, so that quick fixes and removal actions are offered on it. */
export function usesRetiredFlag(path: string, code: CodeService): boolean {
  return code.handles(path) && code.diagnostics(path).some((d) => RETIRED_FLAG_CODES.has(d.code));
}

/** The unresolved actions for a file: one per retired flag used in it, or for an archived feature's own file. */
export function removeFlagActions(path: string, workspace: Workspace, code: CodeService): CodeAction[] {
  const features = new Set<string>();
  if (code.handles(path)) {
    for (const d of code.diagnostics(path))
      if (RETIRED_FLAG_CODES.has(d.code) && typeof d.data?.feature === "string") features.add(d.data.feature);
    return [...features].flatMap((feature) =>
      (["enabled", "disabled"] as const).map((keep) => ({
        title: `Remove flag "${feature}" from the workspace (keep ${keep})`,
        kind: REMOVE_FLAG_KIND,
        data: { removeFlag: true, feature, keep } satisfies RemoveData,
      })),
    );
  }
  const entry = workspace.projectOf(path)?.files.get(path);
  if (entry?.kind !== "feature" || !workspace.projectOf(path)?.feature(entry.key)?.archived) return [];
  return [
    {
      title: `Remove archived flag "${entry.key}": its usages in code (as disabled), this file and its tests`,
      kind: REMOVE_FLAG_KIND,
      data: { removeFlag: true, feature: entry.key, keep: "disabled", withFiles: true } satisfies RemoveData,
    },
  ];
}

/** A file's current text: an open editor's, or the disk's; undefined when it is gone. */
export async function readCurrentText(
  path: string,
  runtime: RuntimeEnvironment,
  documents: TextDocuments<TextDocument>,
): Promise<string | undefined> {
  const open = documents.get(runtime.pathToUri(path));
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await runtime.fs.readFile(path));
  } catch {
    return undefined;
  }
}

/** Computes a picked action's edit; other actions pass through. */
export async function resolveRemoveFlag(
  action: CodeAction,
  connection: Connection,
  runtime: RuntimeEnvironment,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  code: CodeService,
  support: EditSupport,
): Promise<CodeAction> {
  const data = action.data as RemoveData | undefined;
  if (!data?.removeFlag) return action;
  await workspace.whenIdle();
  const readText = (path: string) => readCurrentText(path, runtime, documents);
  const removal = await code.removalEverywhere(data.feature, { kind: data.keep }, readText, data.withFiles === true);
  if (!removal) return action;
  // With change annotations the edit asks for confirmation, so VS Code shows its refactor preview.
  const annotationId = support.annotations() ? "flaglens.removeFlag" : undefined;
  const changes: NonNullable<WorkspaceEdit["documentChanges"]> = removal.edits.map((e) => {
    const uri = runtime.pathToUri(e.path);
    return {
      textDocument: { uri, version: documents.get(uri)?.version ?? null },
      edits: e.edits.map((t) => ({ ...t, ...(annotationId ? { annotationId } : {}) })),
    };
  });
  const deleted = removal.deletions;
  for (const path of deleted) changes.push({ kind: "delete", uri: runtime.pathToUri(path), ...(annotationId ? { annotationId } : {}) });
  const refused = await support.guard.refusal([...removal.edits.map((e) => e.path), ...deleted]);
  if (refused) {
    // The action was offered before its edit was known; the user who picked it is told why nothing
    // happens, by a notification (nothing waits for the user to close it).
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: refused });
    return { ...action, disabled: { reason: refused } };
  }
  const changeAnnotations = annotationId
    ? {
        [annotationId]: {
          label: `Remove flag "${data.feature}"`,
          description: `${removal.left} usage(s) could not be removed fully`,
          needsConfirmation: true,
        },
      }
    : undefined;
  return { ...action, edit: { documentChanges: changes, ...(changeAnnotations ? { changeAnnotations } : {}) } };
}
