// The LSP adapter: capabilities and the wiring of handlers to the language service.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { registerAuthoringHandlers } from "./handlers/authoring";
import { DiagnosticsPublisher } from "./handlers/diagnostics";
import { registerNavigationHandlers } from "./handlers/navigation";
import { readCurrentText, REMOVE_FLAG_KIND } from "./handlers/removeFlag";
import { PreviewState, registerPreviewHandlers } from "./handlers/preview";
import { runSafe } from "./handlers/runSafe";
import type { FlaglensInitializationOptions } from "./protocol";
import type { RuntimeEnvironment } from "./runtime";
import { CodeService } from "./service/code/codeService";
import { codeExtensions } from "./service/code/scanners";
import { LanguageService } from "./service/languageService";
import type { SeverityOverrides } from "./service/validation/codes";
import { Workspace, type FileEvent, type WorkspaceSettings } from "./service/workspace";

const CODE_EXTENSIONS = codeExtensions().map((e) => e.replace(/^\./, ""));

/** The `flaglens` settings section as the client sends it. */
interface FlaglensSettings {
  severity?: Record<string, string>;
  maxFileSize?: number;
  config?: { execute?: boolean };
}

const SEVERITY_VALUES = new Set(["error", "warning", "information", "hint", "off"]);

function toWorkspaceSettings(s: FlaglensSettings | undefined): Partial<WorkspaceSettings> {
  const severity: SeverityOverrides = {};
  for (const [code, value] of Object.entries(s?.severity ?? {})) {
    const v = value === "info" ? "information" : value;
    if (SEVERITY_VALUES.has(v)) severity[code] = v as SeverityOverrides[string];
  }
  const out: Partial<WorkspaceSettings> = { severity };
  if (typeof s?.maxFileSize === "number" && s.maxFileSize > 0) out.maxFileSize = s.maxFileSize;
  return out;
}

/** Starts serving on a connection. */
export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  const documents = new TextDocuments(TextDocument);
  let trusted = false;
  let executeAllowed = false;
  let folders: string[] = [];
  let canRegisterWatchers = false;
  let canPullConfig = false;
  let canRegisterConfigChanges = false;
  let versionedEdits = false;
  let changeAnnotations = false;
  let canRefreshViews = false;

  const log = (m: string) => connection.console.log(m);
  const workspace = new Workspace(runtime.fs, {
    log,
    executeConfig: runtime.executeConfig && ((p) => (trusted && executeAllowed ? runtime.executeConfig!(p) : Promise.resolve(undefined))),
    onPartialResults: (changed) => publisher.publish(changed),
  });
  // Code lenses and inlay hints show cross-file facts ("used by 3 features"): refresh them after changes.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshViews = (now = false) => {
    if (!canRefreshViews) return;
    if (now) {
      void connection.sendRequest("workspace/codeLens/refresh").catch(() => undefined);
      return;
    }
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void connection.sendRequest("workspace/codeLens/refresh").catch(() => undefined);
      void connection.sendRequest("workspace/inlayHint/refresh").catch(() => undefined);
    }, 300);
  };
  const code = new CodeService(workspace, () => workspace.severityOverrides);
  const publisher: DiagnosticsPublisher = new DiagnosticsPublisher(
    connection,
    runtime,
    workspace,
    (uri) => documents.get(uri)?.version,
    () => refreshViews(),
    (path) => code.diagnostics(path),
  );

  /** After flag files changed, usages in code may have changed status (archived, unknown, stale). */
  const publishFlags = (changed: Set<string>) => {
    publisher.publish(changed);
    // Only the code that uses a changed feature is rechecked (a keystroke in one feature file must
    // not recheck every usage in the workspace); a config change or a deleted file rechecks all.
    const keys = new Set<string>();
    let all = changed.size === 0;
    for (const p of changed) {
      const project = workspace.projectOf(p);
      const entry = project?.files.get(p);
      if (p.endsWith("/featurevisor.config.js") || (project && !entry)) all = true;
      else if (entry?.kind === "feature" || entry?.kind === "environment") keys.add(entry.key);
    }
    publisher.publishCode(all ? code.filesWithUsages() : [...keys].flatMap((k) => code.index.filesUsing(k)));
  };

  /** Indexes the application code of a folder in the background (ripgrep pre-filter when installed). */
  async function scanCode(folder: string): Promise<void> {
    if (!runtime.scanCode) return;
    const started = Date.now();
    const results = await runtime.scanCode(folder, log);
    code.load(results);
    log(`Indexed flag usages in ${folder}: ${code.filesWithUsages().length} files in ${Date.now() - started} ms`);
    publisher.publishCode(code.filesWithUsages());
    // Dates come from git, one command for all referenced features: then stale flags show.
    if (runtime.staleness) {
      code.setStaleness(await runtime.staleness(code.referencedFeatures()));
      publisher.publishCode(code.filesWithUsages());
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as FlaglensInitializationOptions;
    trusted = options.trusted === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map((u) => runtime.uriToPath(u)).filter((p): p is string => p !== undefined);
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canPullConfig = params.capabilities.workspace?.configuration === true;
    canRegisterConfigChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    changeAnnotations = params.capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
    canRefreshViews = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [":", " ", "-", "/"], resolveProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, REMOVE_FLAG_KIND], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "flaglens", version: "0.1.0" },
    };
  });

  async function pullSettings(): Promise<void> {
    if (!canPullConfig) return;
    const s = (await connection.workspace.getConfiguration("flaglens")) as FlaglensSettings | null;
    executeAllowed = s?.config?.execute === true;
    publisher.publish(await workspace.updateSettings(toWorkspaceSettings(s ?? undefined)));
  }

  connection.onInitialized(async () => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: "**/*.{yml,yaml,json}" },
          { globPattern: "**/featurevisor.config.js" },
          { globPattern: `**/*.{${CODE_EXTENSIONS.join(",")}}` },
        ],
      });
    }
    if (canPullConfig && canRegisterConfigChanges)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "flaglens" });
    publisher.sendStatus("loading");
    await runSafe(connection, "settings", undefined, pullSettings);
    for (const folder of folders) {
      await runSafe(connection, "load " + folder, undefined, async () => publisher.publish(await workspace.addFolder(folder)));
    }
    publisher.sendStatus("ready");
    if (!canRegisterWatchers) watchProjectsOurselves();
    for (const folder of folders) void runSafe(connection, "scan code in " + folder, undefined, () => scanCode(folder));
    try {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        for (const f of e.added) {
          const p = runtime.uriToPath(f.uri);
          if (p) await runSafe(connection, "add folder", undefined, async () => publisher.publish(await workspace.addFolder(p)));
        }
      });
    } catch {
      // The client does not support workspace folder events.
    }
  });

  /** Clients that cannot watch files for us (e.g. Neovim 0.7) still expect changes on disk to show. */
  function watchProjectsOurselves(): void {
    if (!runtime.watch) return;
    for (const root of workspace.projects.keys()) {
      try {
        runtime.watch(root, (paths) =>
          runSafe(connection, "file watcher", undefined, async () => {
            const events = await Promise.all(
              paths.map(async (p) => ({ path: p, type: (await runtime.fs.stat(p)) ? ("changed" as const) : ("deleted" as const) })),
            );
            publisher.publish(await workspace.fileEvents(events));
          }),
        );
      } catch (error) {
        log(`Cannot watch ${root} for changes: ${String(error)}`);
      }
    }
  }

  /** A file's current text (an open editor's, or the disk's). */
  const readText = (path: string) => readCurrentText(path, runtime, documents);

  connection.onDidChangeConfiguration((params) =>
    runSafe(connection, "configuration", undefined, async () => {
      if (canPullConfig) return pullSettings();
      // Clients that cannot be asked (e.g. Neovim 0.7) push their settings instead.
      const pushed = (params.settings as { flaglens?: FlaglensSettings } | null)?.flaglens;
      if (pushed) {
        executeAllowed = pushed.config?.execute === true;
        publisher.publish(await workspace.updateSettings(toWorkspaceSettings(pushed)));
      }
    }),
  );

  const syncDocument = (doc: TextDocument) =>
    runSafe(connection, "document " + doc.uri, undefined, async () => {
      const path = runtime.uriToPath(doc.uri);
      if (!path) return;
      if (code.handles(path)) publisher.publishCode(code.updateFile(path, doc.getText()));
      else publishFlags(await workspace.setDocument(path, doc.getText()));
    });
  documents.onDidOpen((e) => syncDocument(e.document));
  documents.onDidChangeContent((e) => syncDocument(e.document));
  documents.onDidClose((e) =>
    runSafe(connection, "close " + e.document.uri, undefined, async () => {
      const path = runtime.uriToPath(e.document.uri);
      if (!path) return;
      if (code.handles(path)) publisher.publishCode(code.updateFile(path, await readText(path)));
      else publishFlags(await workspace.closeDocument(path));
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    runSafe(connection, "watched files", undefined, async () => {
      const events: FileEvent[] = [];
      const codeChanged = new Set<string>();
      for (const c of params.changes) {
        const path = runtime.uriToPath(c.uri);
        if (!path) continue;
        if (code.handles(path)) {
          // An open editor's text wins; a closed file is read from disk (undefined when deleted).
          if (!documents.get(c.uri)) for (const p of code.updateFile(path, await readText(path))) codeChanged.add(p);
          continue;
        }
        events.push({
          path,
          type: c.type === FileChangeType.Created ? "created" : c.type === FileChangeType.Deleted ? "deleted" : "changed",
        });
      }
      if (events.length > 0) publishFlags(await workspace.fileEvents(events));
      publisher.publishCode(codeChanged);
    }),
  );

  const service = new LanguageService(workspace, code);
  registerAuthoringHandlers(
    connection,
    documents,
    runtime,
    workspace,
    service,
    () => versionedEdits,
    () => changeAnnotations,
  );
  const preview = new PreviewState();
  registerNavigationHandlers(connection, runtime, workspace, service, preview);
  registerPreviewHandlers(
    connection,
    runtime,
    workspace,
    preview,
    () => folders,
    () => refreshViews(true),
  );

  documents.listen(connection);
  connection.listen();
}
