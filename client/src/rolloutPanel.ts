// "Flaglens: Open Rollout Panel": a webview that draws the server's model of a feature's rollout
// (flaglens/rolloutPanel, service/rolloutModel.ts). No engine here: the client asks, the page draws.
// The panel follows the active editor (a feature file, or a flag call in code) and asks again,
// debounced, when the server says flag files changed (edits, the preview context).
import * as crypto from "node:crypto";
import * as vscode from "vscode";
import { RolloutPanelRequest, type RolloutModel, type RolloutPanelParams } from "../../server/src/protocol";
import type { ServerController } from "./server";

/** How long edits and cursor moves are gathered before the model is asked for again. */
const DEBOUNCE_MS = 250;

/** What the page reports after each render (read by the e2e tests). */
export interface RolloutRendered {
  feature: string | null;
  environments: number;
  rules: number;
  /** Each rule's accessible label, in order. */
  labels: string[];
  /** Each rule's share as drawn ("50%"). */
  shares: string[];
  /** The accessible label of each change against the compared revision ("Changed since HEAD: …"). */
  changes: string[];
  /** The accessible label of each rule as it was before the change ("Before (HEAD): Rule …"). */
  before: string[];
}

/** What the panel is showing: a document position or a named feature. */
type Subject = { uri: string; position?: { line: number; character: number } } | { feature: string; project?: string };

/** A feature as the Flags view passes it. */
interface FeatureArg {
  type: "feature";
  feature: { key: string; file: string };
  project?: { root: string };
}

function isFeatureArg(arg: unknown): arg is FeatureArg {
  return (
    typeof arg === "object" && arg !== null && (arg as FeatureArg).type === "feature" && typeof (arg as FeatureArg).feature === "object"
  );
}

export class RolloutPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private subject: Subject | undefined;
  private model: RolloutModel | null = null;
  private ready = false;
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** An editor to follow at the next update. */
  private pendingEditor: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<RolloutRendered>();
  /** Fires when the page has drawn a model (e2e tests wait on it). */
  readonly onDidRender = this.rendered.event;
  /** The last render the page reported. */
  lastRendered: RolloutRendered | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerController,
  ) {
    this.disposables.push(
      this.rendered,
      vscode.commands.registerCommand("flaglens.openRolloutPanel", (arg?: unknown) => this.open(arg)),
      server.onDidChangeFlags(() => this.soon()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.showsDocument(e.document.uri)) this.soon();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor) this.follow(editor);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        // In code, the flag call under the cursor; a feature file is one feature wherever the cursor is.
        if (this.panel && e.textEditor === vscode.window.activeTextEditor && !this.showsDocument(e.textEditor.document.uri))
          this.follow(e.textEditor);
      }),
    );
  }

  /** The model drawn last (null: nothing to show). */
  current(): RolloutModel | null {
    return this.model;
  }

  /** Opens (or reveals) the panel for a Flags view item, a feature key, or the active editor's position. */
  async open(arg?: unknown): Promise<RolloutModel | null> {
    let subject: Subject | undefined;
    if (isFeatureArg(arg)) subject = { feature: arg.feature.key, ...(arg.project ? { project: arg.project.root } : {}) };
    else if (typeof arg === "string") subject = { feature: arg };
    else {
      const editor = vscode.window.activeTextEditor;
      if (editor) subject = this.subjectOf(editor);
    }
    // An explicit open wins over following the editor: an update pending from a cursor move is dropped.
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingEditor = undefined;
    const model = subject ? await this.fetch(subject) : null;
    // Overtaken by a newer request (an edit, the editor followed since): that one draws.
    if (model === undefined) return this.model;
    if (!model) {
      void vscode.window.showInformationMessage(
        "Flaglens: no feature here. Open a feature file, put the cursor on a flag call in code, or pick a feature in the Flags view.",
      );
      return null;
    }
    this.subject = subject;
    this.show(model);
    return model;
  }

  private subjectOf(editor: vscode.TextEditor): Subject {
    const p = editor.selection.active;
    return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
  }

  /** Whether the panel shows the feature of this document (its file). */
  private showsDocument(uri: vscode.Uri): boolean {
    return this.model !== null && vscode.Uri.file(this.model.file).toString() === uri.toString();
  }

  /** Follows an editor: switches when its position names a feature, else keeps the current one. */
  private follow(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== "file") return;
    this.pendingEditor = editor;
    this.debounce(() => this.update());
  }

  /** Asks for the current subject's model again, soon. */
  private soon(): void {
    if (!this.panel || !this.subject) return;
    this.debounce(() => this.update());
  }

  /** One update for whatever happened during the debounce: the editor followed first, else the same feature again. */
  private async update(): Promise<void> {
    const editor = this.pendingEditor;
    this.pendingEditor = undefined;
    if (editor) {
      const subject = this.subjectOf(editor);
      const model = await this.fetch(subject);
      if (model === undefined) return;
      if (model) {
        this.subject = subject;
        this.show(model);
        return;
      }
    }
    if (!this.subject) return;
    // A document subject follows its feature even after the cursor moved in the file; a named one stays named.
    const subject = this.model && "uri" in this.subject ? { feature: this.model.feature, project: this.model.project } : this.subject;
    const model = await this.fetch(subject);
    if (model !== undefined) this.show(model);
  }

  private debounce(task: () => Promise<void>): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void task().catch(() => undefined);
    }, DEBOUNCE_MS);
  }

  /** The model of a subject; null when there is no feature there, undefined when a newer request overtook this one. */
  private async fetch(subject: Subject): Promise<RolloutModel | null | undefined> {
    const id = ++this.sequence;
    const params: RolloutPanelParams = subject;
    const model = (await this.server.request<RolloutModel | null>(RolloutPanelRequest, params)) ?? null;
    // An older answer never replaces a newer one.
    return id === this.sequence ? model : undefined;
  }

  private show(model: RolloutModel | null): void {
    this.model = model;
    if (!this.panel) this.panel = this.createPanel();
    else if (!this.panel.visible) this.panel.reveal(undefined, true);
    this.panel.title = model ? `Rollout: ${model.feature}` : "Rollout";
    this.post();
  }

  private post(): void {
    if (!this.panel || !this.ready) return;
    void this.panel.webview.postMessage(
      this.model
        ? { type: "model", model: this.model }
        : { type: "empty", message: "The feature is gone: it is no longer defined in the project." },
    );
  }

  private createPanel(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.context.extensionUri, "media", "panel");
    const panel = vscode.window.createWebviewPanel(
      "flaglens.rolloutPanel",
      "Rollout",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, "media", "flags.svg");
    this.ready = false;
    panel.webview.html = panelHtml(panel.webview, media);
    panel.webview.onDidReceiveMessage((message: unknown) => this.received(message));
    panel.onDidChangeViewState(() => {
      // A hidden webview loses its page (no retained context): it says ready again when shown.
      if (!panel.visible) this.ready = false;
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.lastRendered = undefined;
    });
    return panel;
  }

  private received(message: unknown): void {
    if (typeof message !== "object" || message === null) return;
    const m = message as { type?: unknown; rendered?: RolloutRendered; file?: unknown; line?: unknown };
    if (m.type === "ready") {
      this.ready = true;
      this.post();
    } else if (m.type === "rendered" && m.rendered) {
      this.lastRendered = m.rendered;
      this.rendered.fire(m.rendered);
    } else if (m.type === "openFile" && this.model) {
      void vscode.window.showTextDocument(vscode.Uri.file(this.model.file), { viewColumn: vscode.ViewColumn.One, preview: false });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The page: a strict Content-Security-Policy, the stylesheet and the script of media/panel, one nonce. */
export function panelHtml(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = crypto.randomBytes(16).toString("base64");
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, "panel.css"));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, "panel.js"));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join(
    "; ",
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Rollout</title>
</head>
<body>
<main id="app" data-flaglens-panel><p class="empty">Loading the rollout…</p></main>
<script nonce="${nonce}" src="${js.toString()}"></script>
</body>
</html>`;
}
