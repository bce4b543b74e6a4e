import * as vscode from "vscode";
import { SavedContextsRequest, SetPreviewContextRequest, type PreviewContext } from "../../server/src/protocol";
import type { ServerController } from "./server";

interface ContextItem extends vscode.QuickPickItem {
  action: "saved" | "type" | "stop";
  preview?: PreviewContext;
}

/**
 * "Flaglens: Preview as User…": pick a context saved in .flaglens/contexts.yml or type one as JSON;
 * every feature file then shows, per environment, what that user gets.
 */
export async function previewAsUser(server: ServerController): Promise<void> {
  const saved = (await server.request<PreviewContext[]>(SavedContextsRequest, null)) ?? [];
  const items: ContextItem[] = [
    ...saved.map((p) => ({ label: p.name, description: JSON.stringify(p.context), action: "saved" as const, preview: p })),
    { label: "$(edit) Enter a context as JSON…", action: "type" },
    { label: "$(close) Stop previewing", action: "stop" },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: "Preview flag files as a user",
    placeHolder: saved.length
      ? "A saved context (.flaglens/contexts.yml), or type one"
      : "No saved contexts in .flaglens/contexts.yml: type one",
  });
  if (!picked) return;
  if (picked.action === "stop") {
    await server.request(SetPreviewContextRequest, null);
    return;
  }
  let preview = picked.preview;
  if (picked.action === "type") {
    const text = await vscode.window.showInputBox({
      title: "User context (JSON)",
      value: '{ "userId": "user-1", "country": "nl" }',
      validateInput: (v) => {
        try {
          const parsed: unknown = JSON.parse(v);
          return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? undefined : 'A JSON object, e.g. { "userId": "u1" }';
        } catch (error) {
          return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
        }
      },
    });
    if (text === undefined) return;
    const context = JSON.parse(text) as Record<string, unknown>;
    preview = { name: typeof context.userId === "string" ? context.userId : "user", context };
  }
  if (preview) await server.request(SetPreviewContextRequest, preview);
}
