// A minimal LSP client over stdio for tests: spawns the bundled server and waits for events.

import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";

/** A diagnostic as it arrives over the wire. */
export interface WireDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
}

type Waiter = { match: (uri: string, d: WireDiagnostic[]) => boolean; resolve: (d: WireDiagnostic[]) => void };

/** A running server and a connection to it. */
export class TestLspClient {
  readonly diagnostics = new Map<string, WireDiagnostic[]>();
  /** How many times diagnostics were published for each URI. */
  readonly publishCounts = new Map<string, number>();
  readonly statuses: unknown[] = [];
  readonly logs: string[] = [];
  /** window/showMessage notifications. */
  readonly messages: { type: number; message: string }[] = [];
  /** The server's answer to initialize (its capabilities). */
  initializeResult: { capabilities: Record<string, unknown> } | undefined;
  private waiters: Waiter[] = [];
  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  /** Spawns `dist/server.js --stdio` and initializes it on a root folder. */
  static async start(
    rootPath: string,
    initializationOptions: object = { trusted: false },
    settings: object = {},
    capabilities: object = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  ): Promise<TestLspClient> {
    const server = path.resolve(process.cwd(), "dist/server.js");
    const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestLspClient(child, connection);
    connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: WireDiagnostic[] }) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.publishCounts.set(p.uri, (client.publishCounts.get(p.uri) ?? 0) + 1);
      client.waiters = client.waiters.filter((w) => {
        if (!w.match(p.uri, p.diagnostics)) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
    connection.onNotification("flaglens/status", (p: unknown) => void client.statuses.push(p));
    connection.onNotification("window/logMessage", (p: { message: string }) => void client.logs.push(p.message));
    connection.onNotification("window/showMessage", (p: { type: number; message: string }) => void client.messages.push(p));
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => settings));
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
    const rootUri = uri(rootPath);
    client.initializeResult = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "root" }],
      capabilities,
      initializationOptions,
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  /** Resolves with the next diagnostics for `fileUri` that satisfy `match` (or the current ones if they already do). */
  waitForDiagnostics(fileUri: string, match: (d: WireDiagnostic[]) => boolean, timeoutMs = 15000): Promise<WireDiagnostic[]> {
    const current = this.diagnostics.get(fileUri);
    if (current && match(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${fileUri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(fileUri))}\nlogs:\n${this.logs.join("\n")}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        match: (u, d) => u === fileUri && match(d),
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  /** Resolves once the server reports every project indexed (`flaglens/status` ready with projects). */
  async waitForReady(timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const ready = () =>
      this.statuses.some((s) => {
        const st = s as { state: string; projects: unknown[] };
        return st.state === "ready" && st.projects.length > 0;
      });
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`the server did not report ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

/** The file URI of a path. */
export function uri(p: string): string {
  return "file://" + p.split("/").map(encodeURIComponent).join("/");
}
