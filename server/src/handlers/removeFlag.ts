// Source actions that retire a flag everywhere: from a usage in code ("Remove flag 'x' from the
// workspace"), and from an archived feature's YAML (its usages, then its file and its tests).
// The edit is computed only when the user picks the action (codeAction/resolve).

import type { CodeAction, TextDocuments, WorkspaceEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { RuntimeEnvironment } from "../runtime";
import type { CodeService } from "../service/code/codeService";
import { isObject } from "../service/project/featureView";
import type { Workspace } from "../service/workspace";

/** The kind of the actions, under `source` so editors list them with source actions. */
export const REMOVE_FLAG_KIND = "source.removeFlag";

const RETIRED = new Set(["archived-flag", "deprecated-flag", "stale-flag"]);

interface RemoveData {
  removeFlag: true;
  feature: string;
  keep: "enabled" | "disabled";
  /** From an archived feature's YAML: also delete the feature file and its tests. */
  withFiles?: boolean;
}

/** The unresolved actions for a file: one per retired flag used in it, or for an archived feature's own file. */
export function removeFlagActions(path: string, workspace: Workspace, code: CodeService): CodeAction[] {
  const features = new Set<string>();
  if (code.handles(path)) {
    for (const d of code.diagnostics(path)) if (RETIRED.has(d.code) && typeof d.data?.feature === "string") features.add(d.data.feature);
    return [...features].flatMap((feature) =>
      (["enabled", "disabled"] as const).map((keep) => ({
        title: `Remove flag '${feature}' from the workspace (keep ${keep})`,
        kind: REMOVE_FLAG_KIND,
        data: { removeFlag: true, feature, keep } satisfies RemoveData,
      })),
    );
  }
  const entry = workspace.projectOf(path)?.files.get(path);
  if (entry?.kind !== "feature" || !workspace.projectOf(path)?.feature(entry.key)?.archived) return [];
  return [
    {
      title: `Remove archived flag '${entry.key}': its usages in code (as disabled), this file and its tests`,
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
  runtime: RuntimeEnvironment,
  documents: TextDocuments<TextDocument>,
  workspace: Workspace,
  code: CodeService,
  /** The client supports change annotations: the edit then asks for confirmation, so VS Code shows its refactor preview. */
  annotate = false,
): Promise<CodeAction> {
  const data = action.data as RemoveData | undefined;
  if (!data?.removeFlag) return action;
  await workspace.whenIdle();
  const readText = (path: string) => readCurrentText(path, runtime, documents);
  const removal = await code.removalEverywhere(data.feature, { kind: data.keep }, readText);
  if (!removal) return action;
  const annotationId = annotate ? "flaglens.removeFlag" : undefined;
  const changes: NonNullable<WorkspaceEdit["documentChanges"]> = removal.edits.map((e) => {
    const uri = runtime.pathToUri(e.path);
    return {
      textDocument: { uri, version: documents.get(uri)?.version ?? null },
      edits: e.edits.map((t) => ({ ...t, ...(annotationId ? { annotationId } : {}) })),
    };
  });
  if (data.withFiles) {
    const ref = code.catalog().lookup(data.feature);
    const project = ref?.project;
    if (project && ref) {
      const tests = project
        .entries("test")
        .filter((t) => isObject(t.doc?.value) && (t.doc!.value as Record<string, unknown>).feature === data.feature);
      for (const file of [ref.info.entry, ...tests])
        changes.push({ kind: "delete", uri: runtime.pathToUri(file.path), ...(annotationId ? { annotationId } : {}) });
    }
  }
  const changeAnnotations = annotationId
    ? {
        [annotationId]: {
          label: `Remove flag '${data.feature}'`,
          description: `${removal.left} usage(s) could not be removed fully`,
          needsConfirmation: true,
        },
      }
    : undefined;
  return { ...action, edit: { documentChanges: changes, ...(changeAnnotations ? { changeAnnotations } : {}) } };
}
