import * as vscode from "vscode";
import {
  PreviewChangedNotification,
  SaveContextEditRequest,
  SavedContextsRequest,
  SetPreviewContextRequest,
  type PreviewChangedParams,
  type PreviewContext,
  type SaveContextEditParams,
} from "../../server/src/protocol";
import { CONTEXT_EXAMPLE, contextLabel, readTypedContext } from "./contextInput";
import type { ServerController } from "./server";

interface ContextItem extends vscode.QuickPickItem {
  action?: "preview" | "save" | "stop" | "problem";
  preview?: PreviewContext;
}

const SAVED_FILE = ".flaglens/contexts.yml";

const sameContext = (a: PreviewContext, b: PreviewContext) => JSON.stringify(a.context) === JSON.stringify(b.context);

/**
 * "Flaglens: Preview as User…": one quick pick that takes a saved context (.flaglens/contexts.yml) or
 * a context typed as JSON; feature files and the lenses over flag calls in code then show what that
 * user gets. While a preview is on, a status bar item says so; clicking it opens the same quick pick
 * (change, save, stop). What is previewed is the server's: it says so after every change, and a
 * server that starts (or restarts) previews nothing.
 */
export class PreviewController implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: PreviewContext | undefined;
  /** The open quick pick and name box, for the e2e tests to type into. */
  quickPick: vscode.QuickPick<ContextItem> | undefined;
  nameBox: vscode.InputBox | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerController) {
    this.item = vscode.window.createStatusBarItem("flaglens.preview", vscode.StatusBarAlignment.Left, -1);
    this.item.name = "Flaglens: Preview as User";
    this.item.command = { title: "Change or Stop the Preview", command: "flaglens.previewAsUser" };
    server.onNotification(PreviewChangedNotification, (params) => this.show((params as PreviewChangedParams | null)?.preview ?? undefined));
    this.disposables.push(
      server.onDidChangeState(() => this.show(undefined)),
      vscode.commands.registerCommand("flaglens.previewAsUser", () => this.pick()),
      vscode.commands.registerCommand("flaglens.saveContext", (arg?: PreviewContext) => this.save(arg)),
    );
  }

  /** The context previewed now, as the server last said. */
  get previewing(): PreviewContext | undefined {
    return this.current;
  }

  /** The status bar item's text, undefined while it is hidden (for the e2e tests). */
  get statusText(): string | undefined {
    return this.current ? this.item.text : undefined;
  }

  private show(preview: PreviewContext | undefined): void {
    this.current = preview;
    void vscode.commands.executeCommand("setContext", "flaglens.previewing", preview !== undefined);
    if (!preview) {
      this.item.hide();
      return;
    }
    this.item.text = `$(person) Previewing: ${preview.name}`;
    const md = new vscode.MarkdownString("", true);
    md.appendMarkdown("**Previewing as** ");
    md.appendText(preview.name);
    md.appendMarkdown("\n\n");
    md.appendCodeblock(JSON.stringify(preview.context, null, 2), "json");
    md.appendMarkdown("\n\nFeature files and the lenses over flag calls in code show what this user gets.\n\n");
    md.appendMarkdown("Click to change the user, save this context or stop previewing.");
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Previewing feature flags as ${preview.name}. Click to change or stop.` };
    // A mode that changes what lenses say: it stands out, as a debug session does.
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    this.item.show();
  }

  /** Stops previewing. */
  stop(): Promise<void> {
    return this.setPreview(null);
  }

  private async setPreview(preview: PreviewContext | null): Promise<void> {
    const now = await this.server.request<PreviewContext | null>(SetPreviewContextRequest, preview);
    // The notification says the same; the answer makes it current before the command returns.
    if (now !== undefined) this.show(now ?? undefined);
  }

  /** The quick pick: saved contexts, what is typed (a name or JSON), and save/stop while previewing. */
  async pick(): Promise<void> {
    const saved = (await this.server.request<PreviewContext[]>(SavedContextsRequest, null)) ?? [];
    const current = this.current;
    const currentSaved = current !== undefined && saved.some((s) => s.name === current.name && sameContext(s, current));
    const qp = vscode.window.createQuickPick<ContextItem>();
    this.quickPick = qp;
    qp.title = current ? `Previewing as ${current.name}: change, save or stop` : "Preview flags as a user";
    qp.placeholder = saved.length
      ? `A saved context, or a context as JSON: ${CONTEXT_EXAMPLE}`
      : `A context as JSON, e.g. ${CONTEXT_EXAMPLE} (no saved contexts in ${SAVED_FILE})`;
    qp.matchOnDescription = true;
    const fixed: ContextItem[] = [];
    if (saved.length) fixed.push({ label: `Saved contexts (${SAVED_FILE})`, kind: vscode.QuickPickItemKind.Separator });
    for (const s of saved) {
      const on = current !== undefined && s.name === current.name && sameContext(s, current);
      fixed.push({
        label: `$(person) ${s.name}`,
        description: contextLabel(s.context, 80) + (on ? " · previewing" : ""),
        action: "preview",
        preview: s,
      });
    }
    if (current) {
      fixed.push({ label: `Previewing ${current.name}`, kind: vscode.QuickPickItemKind.Separator });
      if (!currentSaved) {
        fixed.push({ label: "$(save) Save this context…", description: `in ${SAVED_FILE}`, action: "save", preview: current });
      }
      fixed.push({ label: "$(close) Stop previewing", action: "stop", alwaysShow: true });
    }
    const names = saved.map((s) => s.name);
    // The quick pick matches descriptions too: a context's attributes are found as its name is.
    const findable = [...names, ...saved.map((s) => contextLabel(s.context, 80))];
    const update = () => {
      const typed = readTypedContext(qp.value, findable);
      const top: ContextItem[] = [];
      if (typed.kind === "context") {
        const preview = { name: typed.label, context: typed.context };
        top.push(
          { label: `$(person) Preview as ${typed.label}`, description: "typed context", action: "preview", preview, alwaysShow: true },
          {
            label: `$(save) Save ${typed.label} as a context…`,
            description: `in ${SAVED_FILE}`,
            action: "save",
            preview,
            alwaysShow: true,
          },
        );
      } else if (typed.kind === "problem") {
        top.push({ label: "$(warning) Cannot preview this", detail: typed.message, action: "problem", alwaysShow: true });
      }
      qp.items = [...top, ...fixed];
      if (top.length) qp.activeItems = [top[0]];
    };
    update();
    return new Promise<void>((resolve) => {
      let chose = false;
      qp.onDidChangeValue(update);
      qp.onDidAccept(() => {
        const chosen = qp.activeItems[0];
        // A message is no choice: the box stays open to fix what is typed.
        if (!chosen || chosen.action === "problem" || !chosen.action) return;
        chose = true;
        qp.hide();
        const done =
          chosen.action === "stop"
            ? this.setPreview(null)
            : chosen.action === "save"
              ? this.save(chosen.preview, names)
              : this.setPreview(chosen.preview ?? null);
        void done.finally(resolve);
      });
      qp.onDidHide(() => {
        qp.dispose();
        if (this.quickPick === qp) this.quickPick = undefined;
        // Resolved here when nothing was chosen; after a choice, once it is done.
        if (!chose) resolve();
      });
      qp.show();
    });
  }

  /**
   * "Save this context": asks for a name, then appends the context to the project's .flaglens/contexts.yml
   * (created if missing) as an undoable edit, and saves the file; then previews it under that name.
   */
  async save(preview?: PreviewContext, savedNames?: string[]): Promise<void> {
    const context = preview ?? this.current;
    if (!context) {
      void vscode.window.showInformationMessage(
        "Nothing is previewed: preview as a user first (Flaglens: Preview as User…), then save it.",
      );
      return;
    }
    const names = savedNames ?? ((await this.server.request<PreviewContext[]>(SavedContextsRequest, null)) ?? []).map((s) => s.name);
    const name = await this.askName(context, names);
    if (name === undefined) return;
    const params: SaveContextEditParams = { name, context: context.context, uri: vscode.window.activeTextEditor?.document.uri.toString() };
    let edit: vscode.WorkspaceEdit | undefined;
    try {
      edit = await this.server.requestWorkspaceEdit(SaveContextEditRequest, params);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot save the context: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!edit) return;
    const file = edit.entries().find(([uri]) => uri.path.endsWith(SAVED_FILE))?.[0];
    // An open file with changes of its own is left for the user to save (the server reads the open text).
    const dirty = file !== undefined && vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString() && d.isDirty);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Cannot save the context: ${SAVED_FILE} could not be changed.`);
      return;
    }
    // The edit is undoable in the file's editor; saved, the file is what every client reads.
    if (file && !dirty) await (await vscode.workspace.openTextDocument(file)).save();
    await this.setPreview({ name, context: context.context });
    void vscode.window.showInformationMessage(`Saved "${name}" in ${SAVED_FILE}.`, "Open File").then((choice) => {
      if (choice && file) void vscode.window.showTextDocument(file);
    });
  }

  private askName(context: PreviewContext, names: string[]): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    this.nameBox = box;
    box.title = `Save ${contextLabel(context.context)} as a context`;
    box.prompt = `A name for this context in ${SAVED_FILE}`;
    const userId = context.context.userId;
    box.value = typeof userId === "string" && !names.includes(userId) ? userId : "";
    const check = () => {
      const v = box.value.trim();
      box.validationMessage = names.includes(v) ? `A context named "${v}" is saved already.` : undefined;
    };
    check();
    return new Promise((resolve) => {
      let answer: string | undefined;
      box.onDidChangeValue(check);
      box.onDidAccept(() => {
        const v = box.value.trim();
        if (v === "") {
          box.validationMessage = "Type a name for the context.";
          return;
        }
        if (names.includes(v)) {
          check();
          return;
        }
        answer = v;
        box.hide();
      });
      box.onDidHide(() => {
        box.dispose();
        if (this.nameBox === box) this.nameBox = undefined;
        resolve(answer);
      });
      box.show();
    });
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
