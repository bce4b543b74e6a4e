// The LSP adapter: capabilities and the wiring of handlers to the language service.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { registerAuthoringHandlers } from "./handlers/authoring";
import { EditGuard } from "./handlers/editGuard";
import { DiagnosticsPublisher } from "./handlers/diagnostics";
import { registerFlagsHandlers } from "./handlers/flags";
import { registerNavigationHandlers } from "./handlers/navigation";
import { readCurrentText, REMOVE_FLAG_KIND, usesRetiredFlag } from "./handlers/removeFlag";
import { loadRewriter, warmUpRewriter } from "./service/fixes";
import { PreviewState, registerPreviewHandlers } from "./handlers/preview";
import { registerRolloutChangesHandler, RolloutChangesState } from "./handlers/rolloutChanges";
import { registerRolloutPanelHandler } from "./handlers/rolloutPanel";
import { runSafe } from "./handlers/runSafe";
import { RUN_SPEC_COMMAND, TestState } from "./handlers/tests";
import type { FlaglensInitializationOptions } from "./protocol";
import type { RuntimeEnvironment } from "./runtime";
import { CodeService } from "./service/code/codeService";
import { codeExtensions } from "./service/code/scanners";
import { codePathFilter, DEFAULT_CODE_SETTINGS, type CodeSettings } from "./service/code/settings";
import { LanguageService } from "./service/languageService";
import { Workspace, type FileEvent } from "./service/workspace";
import { readSettings, type ServerSettings } from "./settings";

const CODE_EXTENSIONS = codeExtensions().map((e) => e.replace(/^\./, ""));

/** Starts serving on a connection. */
export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  const documents = new TextDocuments(TextDocument);
  let trusted = false;
  /** Whether the client runs `command:` links in hovers (initializationOptions). */
  let commandLinks = false;
  let executeAllowed = false;
  let folders: string[] = [];
  let canRegisterWatchers = false;
  let canPullConfig = false;
  let canRegisterConfigChanges = false;
  let versionedEdits = false;
  let changeAnnotations = false;
  let disabledActions = false;
  let canRefreshViews = false;

  const log = (m: string) => connection.console.log(m);
  /** Entities flag file updates touched since the code was last rechecked for them (see publishFlags). */
  const touched = new Set<string>();
  let featureKeysChanged = false;
  const workspace = new Workspace(runtime.fs, {
    log,
    executeConfig: runtime.executeConfig && ((p) => (trusted && executeAllowed ? runtime.executeConfig!(p) : Promise.resolve(undefined))),
    onPartialResults: (changed) => publisher.publish(changed),
    onTouched: (t) => {
      for (const e of t.entities) touched.add(e);
      featureKeysChanged ||= t.featureKeysChanged;
      // The specs these affect rerun now, before the files that depend on them are revalidated.
      if (!t.featureKeysChanged) tests.touchedNow(t.entities);
    },
  });
  // Code lenses and inlay hints show cross-file facts ("used by 3 features"): refresh them after changes.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tells the client the Flags view may have changed (set once its handlers are registered). */
  let flagsChanged = () => undefined as void;
  /** Whether the code of the folders was scanned once: then the Flags view shows usage counts. */
  let codeScanned = false;
  const refreshViews = (now = false) => {
    flagsChanged();
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
    // Application code's diagnostics, and the test-failed ones of spec files.
    (path) => [...code.diagnostics(path), ...tests.diagnostics(path)],
  );
  const tests: TestState = new TestState(
    connection,
    runtime,
    workspace,
    (paths) => publisher.publishCode(paths),
    () => refreshViews(),
  );

  /** The rollout changes against a git revision: computed again when asked after the workspace changed. */
  const rolloutChanges = new RolloutChangesState(runtime, workspace, {
    openPaths: () => documents.all().flatMap((d) => runtime.uriToPath(d.uri) ?? []),
    codeUses: () => (codeScanned ? (feature) => code.index.referenceCount(feature) > 0 : undefined),
    log,
    baseChanged: () => refreshViews(true),
  });

  /** After flag files changed, usages in code may have changed status (archived, unknown, stale). */
  const publishFlags = (changed: Set<string>, edit = false) => {
    rolloutChanges.changed(false);
    publisher.publish(changed);
    // A flag file changed: its status in the Flags view may have, even when no diagnostic did.
    flagsChanged();
    // Only the code that uses an affected feature is rechecked (a keystroke in a feature or segment
    // file must not recheck every usage in the workspace): the features of the files the updates
    // touched, whether or not their diagnostics changed, those whose rules use a touched segment or
    // that sit in a touched group, and the features that require any of them. A config change
    // (a project loaded or dropped, new settings) or a feature created or deleted rechecks all.
    const entities = [...touched];
    let all = featureKeysChanged;
    touched.clear();
    featureKeysChanged = false;
    for (const p of changed) if (p.endsWith("/featurevisor.config.js")) all = true;
    // Specs rerun for the same entities (a project loaded or its config changed: all of them).
    tests.touched(
      entities,
      [...changed].some((p) => p.endsWith("/featurevisor.config.js")),
      edit,
    );
    const keys = all ? [] : [...workspace.featuresAffectedBy(entities)];
    const files = all ? code.filesWithUsages() : keys.flatMap((k) => code.index.filesUsing(k));
    publisher.publishCode(files);
    // A feature used in code may now be fully rolled out (a segment that now matches everyone)
    // without its date looked up: then look again once the edits pause.
    if (files.length > 0 && code.lacksDates(all ? undefined : keys)) refreshStalenessSoon();
  };

  /** Pending refresh of the git dates behind stale-flag. */
  let stalenessTimer: ReturnType<typeof setTimeout> | undefined;
  const STALENESS_REFRESH_MS = 1500;
  const refreshStalenessSoon = () => {
    if (!runtime.staleness || !codeScanStarted) return;
    clearTimeout(stalenessTimer);
    stalenessTimer = setTimeout(() => void runSafe(connection, "staleness", undefined, updateStaleness), STALENESS_REFRESH_MS);
    stalenessTimer.unref?.();
  };

  /** flaglens.code.* and flaglens.stale.*, as last read. */
  let codeSettings: CodeSettings = DEFAULT_CODE_SETTINGS;
  /** Set once the code is first scanned: from then on, new scan settings rescan it. */
  let codeScanStarted = false;
  /** Bumped by each rescan of every folder: results of an older scan that arrive later are dropped. */
  let scanGeneration = 0;
  let stalenessGeneration = 0;

  /**
   * Code paths (files, and deleted folders) with watched-file events, each stamped by a clock: a scan
   * that read the disk before an event would bring back what the event changed (a deleted file's
   * usages), so it reads those paths again after it lands.
   */
  const codeEvents = new Map<string, number>();
  let codeEventClock = 0;

  /** Indexes the application code of a folder in the background (ripgrep pre-filter when installed). */
  async function scanCode(folder: string, generation: number): Promise<void> {
    if (!runtime.scanCode) return;
    const started = Date.now();
    const since = codeEventClock;
    const results = await runtime.scanCode(folder, log, codeSettings.tree);
    if (generation !== scanGeneration) return;
    const before = code.filesWithUsages();
    // Files the scan no longer finds (excluded now, or without usages for the new names) are dropped.
    const changed = code.replaceFolder(folder, results);
    // What changed on disk while the scan ran is read again: a deleted file stays deleted, a new one stays.
    const touched = [...codeEvents].filter(([, stamp]) => stamp > since).map(([path]) => path);
    if (touched.length > 0) {
      const within = (file: string) => touched.some((t) => file === t || file.startsWith(t + "/"));
      const again = new Set([...touched.filter((t) => code.handles(t)), ...code.filesWithUsages().filter(within)]);
      for (const file of again)
        if (!documents.get(runtime.pathToUri(file))) for (const p of code.updateFile(file, await readText(file))) changed.add(p);
    }
    for (const [path, stamp] of codeEvents) if (stamp <= since) codeEvents.delete(path);
    // An open editor's text wins over the disk's.
    for (const doc of documents.all()) {
      const path = runtime.uriToPath(doc.uri);
      if (path && code.handles(path)) for (const p of code.updateFile(path, doc.getText())) changed.add(p);
    }
    log(`Indexed flag usages in ${folder}: ${code.filesWithUsages().length} files in ${Date.now() - started} ms`);
    codeScanned = true;
    flagsChanged();
    publisher.publishCode(new Set([...before, ...changed, ...code.filesWithUsages()]));
    await updateStaleness();
  }

  /** Dates come from git, one command for all referenced features: then stale flags show. */
  async function updateStaleness(): Promise<void> {
    if (!runtime.staleness) return;
    const generation = ++stalenessGeneration;
    const context = await runtime.staleness(code.referencedFeatures(), codeSettings.staleness);
    if (generation !== stalenessGeneration) return;
    code.setStaleness(context);
    flagsChanged();
    publisher.publishCode(code.filesWithUsages());
  }

  /** Scans the code of every folder (again), with the current settings. */
  function scanAllCode(): Promise<unknown> {
    codeScanStarted = true;
    const generation = ++scanGeneration;
    return Promise.all(
      folders.map((folder) => runSafe(connection, "scan code in " + folder, undefined, () => scanCode(folder, generation))),
    );
  }

  /** Wrong settings are logged each time they are read, and shown once. */
  const shownProblems = new Set<string>();
  function reportProblems(problems: string[]): void {
    for (const p of problems) log(`Settings: ${p}`);
    const fresh = problems.filter((p) => !shownProblems.has(p));
    for (const p of fresh) shownProblems.add(p);
    // A notification, not showWarningMessage's request: nothing waits for the user to close it.
    if (fresh.length > 0)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Flaglens: ${fresh.join(" ")}`,
      });
  }

  /**
   * What code is scanned as it is edited, as a tree scan of the folders would scan it: the include
   * and exclude globs, and .gitignore (unless turned off), which the runtime reads.
   */
  function configureCode(): void {
    const tree = codeSettings.tree;
    const ignores = runtime.ignoresCode;
    const current = folders;
    // Asked on every keystroke in a code file, and it reads ignore files up the tree: once per file
    // until the settings or folders change (ignore files are not watched).
    const ignored = new Map<string, boolean>();
    const isIgnored = (path: string) => {
      let answer = ignored.get(path);
      if (answer === undefined) ignored.set(path, (answer = ignores!(path, current, tree.gitignore)));
      return answer;
    };
    code.configure(tree.settings, codePathFilter(current, tree.include, tree.exclude), ignores ? (path) => !isIgnored(path) : undefined);
  }

  /** New code settings: a rescan when what is scanned changed, new dates when only staleness did. */
  async function applyCodeSettings(next: CodeSettings): Promise<void> {
    const previous = codeSettings;
    codeSettings = next;
    const treeChanged = JSON.stringify(previous.tree) !== JSON.stringify(next.tree);
    if (treeChanged) configureCode();
    if (previous.lens !== next.lens) refreshViews(true);
    if (!codeScanStarted) return;
    if (treeChanged) {
      log("Code settings changed: scanning the code again");
      await scanAllCode();
    } else if (JSON.stringify(previous.staleness) !== JSON.stringify(next.staleness)) await updateStaleness();
  }

  /** Settings pulled from the client or pushed by it. */
  async function applySettings(settings: ServerSettings): Promise<void> {
    executeAllowed = settings.executeConfig;
    reportProblems(settings.problems);
    tests.setMode(settings.tests);
    // Severity overrides apply to code diagnostics too.
    publishFlags(await workspace.updateSettings(settings.workspace));
    tests.republish();
    await applyCodeSettings(settings.code);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as FlaglensInitializationOptions;
    trusted = options.trusted === true;
    commandLinks = options.commandLinks === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map((u) => runtime.uriToPath(u)).filter((p): p is string => p !== undefined);
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canPullConfig = params.capabilities.workspace?.configuration === true;
    canRegisterConfigChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    changeAnnotations = params.capabilities.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined;
    disabledActions = params.capabilities.textDocument?.codeAction?.disabledSupport === true;
    canRefreshViews = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    configureCode();
    return {
      capabilities: {
        // Saves matter when specs run on save (flaglens.tests.run).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        // Quotes: in code, variation values complete inside the string a getVariation result is compared with.
        completionProvider: { triggerCharacters: [":", " ", "-", "/", '"', "'"], resolveProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, REMOVE_FLAG_KIND], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        // The spec lens's command (handlers/tests.ts), so that any client can run a spec from its lens.
        executeCommandProvider: { commands: [RUN_SPEC_COMMAND] },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "flaglens", version: "0.1.0" },
    };
  });

  async function pullSettings(): Promise<void> {
    if (!canPullConfig) return;
    await applySettings(readSettings(await connection.workspace.getConfiguration("flaglens")));
  }

  connection.onInitialized(async () => {
    // Subscribed before anything is awaited, so no event is missed; handled once startup is done.
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folderChanges = folderChanges.then(() =>
          runSafe(connection, "workspace folders", undefined, () =>
            changeFolders(
              e.added.map((f) => runtime.uriToPath(f.uri)),
              e.removed.map((f) => runtime.uriToPath(f.uri)),
            ),
          ),
        );
      });
    } catch {
      // The client does not support workspace folder events.
    }
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: "**/*.{yml,yaml,json,toml}" },
          { globPattern: "**/featurevisor.config.js" },
          { globPattern: `**/*.{${CODE_EXTENSIONS.join(",")}}` },
        ],
      });
    }
    if (canPullConfig && canRegisterConfigChanges)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "flaglens" });
    try {
      publisher.sendStatus("loading");
      await runSafe(connection, "settings", undefined, pullSettings);
      for (const folder of folders) {
        await runSafe(connection, "load " + folder, undefined, async () => publisher.publish(await workspace.addFolder(folder)));
      }
      publisher.sendStatus("ready");
      tests.touched([], true, false);
      if (!canRegisterWatchers) watchProjectsOurselves();
      void scanAllCode();
    } finally {
      // Folder changes wait for startup; whatever happened, they must not wait forever.
      startupDone();
    }
  });

  let startupDone: () => void = () => undefined;
  /** Folder changes, one at a time, after the folders given at startup are loaded. */
  let folderChanges = new Promise<void>((resolve) => (startupDone = resolve));

  /** Workspace folders added or removed after startup: their projects and their code. */
  async function changeFolders(added: (string | undefined)[], removed: (string | undefined)[]): Promise<void> {
    for (const folder of removed) {
      if (folder === undefined || !folders.includes(folder)) continue;
      folders = folders.filter((f) => f !== folder);
      configureCode();
      const dropped = await workspace.removeFolder(folder);
      for (const root of [...watching.keys()]) {
        if (!workspace.hasConfigRoot(root)) {
          watching.get(root)!();
          watching.delete(root);
        }
      }
      publishFlags(dropped);
      // Its files are no longer scanned; open ones are still checked, as files outside every folder are.
      const changed = code.dropFolder(folder, folders);
      for (const doc of documents.all()) {
        const path = runtime.uriToPath(doc.uri);
        if (path && code.handles(path) && changed.has(path)) for (const p of code.updateFile(path, doc.getText())) changed.add(p);
      }
      publisher.publishCode(changed);
      log(`Removed workspace folder ${folder}`);
    }
    for (const folder of added) {
      if (folder === undefined || folders.includes(folder)) continue;
      folders = [...folders, folder];
      configureCode();
      publishFlags(await workspace.addFolder(folder));
      if (!canRegisterWatchers) watchProjectsOurselves();
      if (codeScanStarted) await scanCode(folder, scanGeneration);
    }
  }

  /** Project roots watched by the server itself, with what stops each watcher. */
  const watching = new Map<string, () => void>();

  /** Clients that cannot watch files for us (e.g. Neovim 0.7) still expect changes on disk to show. */
  function watchProjectsOurselves(): void {
    if (!runtime.watch) return;
    for (const root of workspace.configRoots()) {
      if (watching.has(root)) continue;
      try {
        const stop = runtime.watch(root, (paths) =>
          runSafe(connection, "file watcher", undefined, async () => {
            const events = await Promise.all(
              paths.map(async (p) => ({ path: p, type: (await runtime.fs.stat(p)) ? ("changed" as const) : ("deleted" as const) })),
            );
            rolloutChanges.changed(true);
            publishFlags(await workspace.fileEvents(events));
          }),
        );
        watching.set(root, stop);
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
      const pushed = (params.settings as { flaglens?: unknown } | null)?.flaglens;
      if (pushed) await applySettings(readSettings(pushed));
    }),
  );

  const warmUpScheduled = new Set<string>();
  /**
   * A file with a retired flag is offered quick fixes that rewrite it: the rewriter of its language
   * (the TypeScript compiler, some 70 MB once loaded) is loaded soon after, while the user reads, so the
   * first quick fix does not wait for it. Servers that never see such a file never load it.
   */
  function scheduleWarmUp(path: string): void {
    const extension = path.slice(path.lastIndexOf("."));
    if (warmUpScheduled.has(extension)) return;
    warmUpScheduled.add(extension);
    setTimeout(
      () =>
        void runSafe(connection, "rewriter warm-up", undefined, async () => {
          await loadRewriter(path);
          warmUpRewriter(path);
        }),
      300,
    ).unref();
  }

  const syncDocument = (doc: TextDocument) =>
    runSafe(connection, "document " + doc.uri, undefined, async () => {
      const path = runtime.uriToPath(doc.uri);
      if (!path) return;
      if (code.handles(path)) {
        const changed = code.updateFile(path, doc.getText());
        // Usage counts in the Flags view.
        if (changed.size > 0) flagsChanged();
        publisher.publishCode(changed);
        if (usesRetiredFlag(path, code)) scheduleWarmUp(path);
      } else publishFlags(await workspace.setDocument(path, doc.getText()), true);
    });
  // TextDocuments fires onDidChangeContent on open too: one handler, or every open is checked twice.
  documents.onDidChangeContent((e) => syncDocument(e.document));
  // An editor may ask for a code file's lenses before its client has the server's providers (a file
  // open at startup) and not ask again when nothing in the file changes: a refresh once it is open.
  documents.onDidOpen((e) => {
    const path = runtime.uriToPath(e.document.uri);
    if (path && code.handles(path)) refreshViews();
  });
  documents.onDidSave(() => {
    // What differs on disk from the compared revision may have changed.
    rolloutChanges.changed(true);
    tests.saved();
  });
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
      rolloutChanges.changed(true);
      for (const c of params.changes) {
        const path = runtime.uriToPath(c.uri);
        if (!path) continue;
        // The builder's state, which the tester reads: every spec reruns.
        if (path.includes("/.featurevisor/")) tests.stateChanged();
        if (code.handles(path) || c.type === FileChangeType.Deleted) codeEvents.set(path, ++codeEventClock);
        if (code.handles(path)) {
          // An open editor's text wins; a closed file is read from disk (undefined when deleted).
          if (!documents.get(c.uri)) for (const p of code.updateFile(path, await readText(path))) codeChanged.add(p);
          continue;
        }
        // A deleted folder (clients report the folder, not each file in it): its code files are forgotten.
        if (c.type === FileChangeType.Deleted) for (const p of code.dropFolder(path, [])) codeChanged.add(p);
        events.push({
          path,
          type: c.type === FileChangeType.Created ? "created" : c.type === FileChangeType.Deleted ? "deleted" : "changed",
        });
      }
      if (events.length > 0) publishFlags(await workspace.fileEvents(events));
      if (codeChanged.size > 0) flagsChanged();
      publisher.publishCode(codeChanged);
    }),
  );

  const service = new LanguageService(workspace, code);
  // Without workspace folders (a single file opened), the projects found upward from open files bound the edits.
  const guard = new EditGuard(runtime.fs, () => (folders.length > 0 ? folders : [...workspace.projects.keys()]));
  const editSupport = {
    versioned: () => versionedEdits,
    annotations: () => changeAnnotations,
    disabledActions: () => disabledActions,
    guard,
  };
  registerAuthoringHandlers(connection, documents, runtime, workspace, service, editSupport, () => commandLinks);
  flagsChanged = registerFlagsHandlers(
    connection,
    runtime,
    documents,
    workspace,
    code,
    () => codeScanned,
    editSupport,
    (project, key) => tests.featureStatus(project, key),
  );
  connection.onExecuteCommand((params) => tests.executeCommand(params) ?? null);
  const preview = new PreviewState();
  registerNavigationHandlers(
    connection,
    runtime,
    workspace,
    service,
    preview,
    editSupport,
    (path, uri) => tests.lens(path, uri),
    () => codeSettings.lens,
    (path) => rolloutChanges.lenses(path),
  );
  registerPreviewHandlers(
    connection,
    runtime,
    workspace,
    preview,
    () => folders,
    () => refreshViews(true),
    { code, documents, edits: editSupport },
  );
  registerRolloutPanelHandler(connection, runtime, workspace, code, preview, (project, model) => rolloutChanges.panelModel(project, model));
  registerRolloutChangesHandler(connection, rolloutChanges);

  documents.listen(connection);
  connection.listen();
}
