import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  NotificationType,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  FlagsChangedNotification,
  OPEN_ROLLOUT_PANEL_COMMAND,
  StatusNotification,
  type FlaglensInitializationOptions,
  type StatusParams,
} from "../../server/src/protocol";
import type { StatusBar } from "./statusBar";

const statusNotification = new NotificationType<StatusParams>(StatusNotification);

/** After this many crashes within {@link CRASH_WINDOW_MS} the server is left stopped. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

/**
 * A LanguageClient that logs its errors but leaves telling the user to Flaglens.
 * The library pops up its own notification for each failure path (connection,
 * initialisation, restart), so one broken start would show several of them.
 */
class FlaglensLanguageClient extends LanguageClient {
  constructor(
    serverOptions: ServerOptions,
    clientOptions: LanguageClientOptions,
    private readonly onFatal: () => void,
  ) {
    super("flaglens", "Flaglens", serverOptions, clientOptions);
  }

  override error(message: string, data?: unknown, showNotification?: boolean | "force"): void {
    super.error(message, data, false);
    // "force" marks the failures after which the server is not running.
    if (showNotification === "force") this.onFatal();
  }

  /**
   * Never rejects. After a failed initialisation the library calls stop()
   * without handling its rejection ("client is not running"); the node client
   * still kills the server process, so there is nothing left to report.
   */
  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } catch (error) {
      this.outputChannel.debug(`Stopping the language server: ${String(error)}`);
    }
  }
}

/** What Flaglens tracks about one server process and its client. */
interface SessionState {
  /** Set when Flaglens stops the server on purpose: its closing is then no crash. */
  retired: boolean;
  /** Whether the server got through `initialize`; decides whether restarting can help. */
  ran: boolean;
  failureShown: boolean;
  crashes: number[];
}

interface Session {
  client: FlaglensLanguageClient;
  state: SessionState;
}

/**
 * Owns the language client: starts, restarts and stops it one at a time, and
 * reports a server that cannot run exactly once per start.
 */
export class ServerController implements vscode.Disposable {
  private session: Session | undefined;
  private readonly flagsChanged = new vscode.EventEmitter<void>();
  /** Fires when the server says the Flags view's tree may have changed, and when a server starts or stops. */
  readonly onDidChangeFlags = this.flagsChanged.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when a server starts, stops or restarts: what it held (e.g. a preview) is gone. */
  readonly onDidChangeState = this.stateChanged.event;
  /** Serialises start/restart/stop so that, e.g., a trust grant during a restart cannot race it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusBar,
  ) {}

  /** Starts the server; failures are reported to the user, never thrown. */
  start(): Promise<void> {
    return this.enqueue(() => this.startSession());
  }

  /** Stops the running server (if any) and starts a fresh one. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopSession();
      await this.startSession();
    });
  }

  /** Stops the server; resolves once its process is shut down. */
  stop(): Promise<void> {
    return this.enqueue(() => this.stopSession());
  }

  dispose(): void {
    void this.stop();
    this.flagsChanged.dispose();
    this.stateChanged.dispose();
  }

  /** Handlers of custom notifications, registered on every session (a restart keeps them). */
  private readonly notificationHandlers: [string, (params: unknown) => void][] = [];

  /** Handles a server notification from the next session on (register before start). */
  onNotification(method: string, handler: (params: unknown) => void): void {
    this.notificationHandlers.push([method, handler]);
  }

  /** Sends a request to the running server; undefined when no server is running. */
  async request<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.session?.client;
    if (!client || !client.isRunning()) return undefined;
    return client.sendRequest<R>(method, params);
  }

  /** Sends a request whose answer is an LSP WorkspaceEdit (or null), converted for VS Code. */
  async requestWorkspaceEdit(method: string, params: unknown): Promise<vscode.WorkspaceEdit | undefined> {
    const client = this.session?.client;
    if (!client || !client.isRunning()) return undefined;
    const edit = await client.sendRequest<Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]>(method, params);
    return edit ? client.protocol2CodeConverter.asWorkspaceEdit(edit) : undefined;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    // Never rejects, so neither the queue nor the callers (commands, event
    // listeners that cannot await) see an unhandled rejection.
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.output.error("Flaglens client error", error);
    });
    return this.queue;
  }

  private async startSession(): Promise<void> {
    const serverModule = this.context.asAbsolutePath("dist/server.js");
    // Without the bundle the library would fork a process that dies at once,
    // which surfaces only as a vague "connection closed".
    if (!fs.existsSync(serverModule)) {
      this.output.error(`Language server bundle not found: ${serverModule}`);
      this.failWithoutSession("The Flaglens language server could not start: dist/server.js is missing.");
      return;
    }
    let session: Session;
    try {
      session = this.createSession(serverModule);
    } catch (error) {
      // The client's constructor throws, e.g., when VS Code is older than it supports.
      this.output.error("Creating the language client failed", error);
      this.failWithoutSession("The Flaglens language server could not start.");
      return;
    }
    this.session = session;
    try {
      await session.client.start();
    } catch {
      // The library has logged the cause to the output channel already.
      this.fail(session.state);
    }
  }

  private createSession(serverModule: string): Session {
    const state: SessionState = { retired: false, ran: false, failureShown: false, crashes: [] };
    const clientOptions: LanguageClientOptions = {
      // Flag files, and the application code whose flag usages the server checks.
      documentSelector: [
        "yaml",
        "json",
        "typescript",
        "typescriptreact",
        "javascript",
        "javascriptreact",
        "vue",
        "svelte",
        "python",
        "go",
        "java",
        "kotlin",
        "swift",
        "ruby",
        "php",
        "csharp",
      ]
        .map((language): { scheme: string; language?: string; pattern?: string } => ({ scheme: "file", language }))
        // TOML flag files (a custom TOML parser): by pattern too, since VS Code has no TOML language of its own.
        .concat([{ scheme: "file", pattern: "**/*.toml" }]),
      // A function, so that every (re)start sends the current trust state.
      initializationOptions: (): FlaglensInitializationOptions => ({ trusted: vscode.workspace.isTrusted, commandLinks: true }),
      // A feature's hover ends with a link that opens its rollout panel: that command alone is trusted.
      markdown: { isTrusted: { enabledCommands: [OPEN_ROLLOUT_PANEL_COMMAND] } },
      outputChannel: this.output,
      traceOutputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // Returning false stops the library's own "initialization failed" popup;
      // start() then rejects and the failure is reported once.
      initializationFailedHandler: () => false,
      errorHandler: this.errorHandler(state),
    };
    const client = new FlaglensLanguageClient(serverOptions(serverModule), clientOptions, () => this.fail(state));
    // Handlers registered before start() survive the library's automatic restarts.
    client.onNotification(statusNotification, (params) => {
      if (!state.retired) this.status.update(params);
    });
    for (const [method, handler] of this.notificationHandlers)
      client.onNotification(method, (params: unknown) => {
        if (!state.retired) handler(params);
      });
    client.onNotification(FlagsChangedNotification, () => {
      if (!state.retired) this.flagsChanged.fire();
    });
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) state.ran = true;
      if (!state.retired) this.flagsChanged.fire();
      if (!state.retired) this.stateChanged.fire();
    });
    return { client, state };
  }

  private errorHandler(state: SessionState): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => {
        // A few garbled messages are survivable; a stream of them means the pipe is broken.
        if (state.retired || (count !== undefined && count <= 3)) {
          return { action: ErrorAction.Continue, handled: true };
        }
        this.fail(state);
        return { action: ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        if (state.retired) return { action: CloseAction.DoNotRestart, handled: true };
        // A server that never finished initialising would only fail the same way again.
        if (!state.ran) {
          this.fail(state);
          return {
            action: CloseAction.DoNotRestart,
            message: "The language server exited while starting.",
            handled: true,
          };
        }
        if (this.crashedTooOften(state)) {
          this.fail(state);
          const message = `The language server crashed ${MAX_CRASHES + 1} times in ${CRASH_WINDOW_MS / 60_000} minutes; it is not restarted.`;
          return { action: CloseAction.DoNotRestart, message, handled: true };
        }
        return {
          action: CloseAction.Restart,
          message: "The language server stopped unexpectedly; restarting it.",
          handled: true,
        };
      },
    };
  }

  private crashedTooOften(state: SessionState): boolean {
    const now = Date.now();
    state.crashes = state.crashes.filter((time) => now - time < CRASH_WINDOW_MS);
    state.crashes.push(now);
    return state.crashes.length > MAX_CRASHES;
  }

  private fail(state: SessionState): void {
    if (state.retired || state.failureShown) return;
    state.failureShown = true;
    this.status.showStopped();
    this.showFailure(
      state.ran
        ? "The Flaglens language server stopped and will not be restarted automatically. Run 'Flaglens: Restart Language Server' to try again."
        : "The Flaglens language server could not start.",
    );
  }

  private failWithoutSession(message: string): void {
    this.status.showStopped();
    this.showFailure(message);
  }

  private showFailure(message: string): void {
    void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
      if (choice !== undefined) this.output.show();
    });
  }

  private async stopSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.status.hide();
    if (session === undefined) return;
    this.flagsChanged.fire();
    this.stateChanged.fire();
    // Retire first: the connection closing below must not count as a crash.
    session.state.retired = true;
    await session.client.dispose();
  }
}

function serverOptions(serverModule: string): ServerOptions {
  return {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ["--nolazy", "--inspect=6010"] },
    },
  };
}
