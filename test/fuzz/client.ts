// The fuzzer's side of the wire: the bundled server over stdio, a JSON-RPC connection, and every
// sign of trouble recorded (exit, error answers, late answers, error logs, stderr, memory).

import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CancellationTokenSource,
  createMessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";

/** A diagnostic as published. */
export interface WireDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | number;
  message: string;
  data?: unknown;
}

/** How a request ended. */
export type Outcome =
  | { kind: "ok"; result: unknown }
  | { kind: "error"; code: number; message: string }
  | { kind: "timeout" }
  | { kind: "crash"; message: string };

/** JSON-RPC errors that a client must expect from any request: the work was cancelled or the text moved on. */
const EXPECTED_ERRORS = new Set([-32800, -32801]);

/** Whether an Error log line reports a caught exception (runSafe's "<name> failed: <stack>") or any stack trace. */
export function isErrorLog(message: string): boolean {
  return message.includes("failed:") || /\n\s+at .+:\d+:\d+\)?/.test(message);
}

/** The file URI of a path. */
export function fileUri(p: string): string {
  return "file://" + p.split("/").map(encodeURIComponent).join("/");
}

/** A running server and the trouble it has shown. */
export class FuzzClient {
  readonly diagnostics = new Map<string, { version?: number; diagnostics: WireDiagnostic[] }>();
  /** Error-level log lines that report an exception, not yet taken by `takeLogErrors`. */
  private logErrors: string[] = [];
  private stderr = "";
  exit: string | undefined;
  private ready = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  /** Spawns dist/server.js on a workspace folder and waits until its projects are loaded. */
  static async start(root: string): Promise<FuzzClient> {
    const server = path.resolve(process.cwd(), "dist/server.js");
    // FLAGLENS_FUZZ_NODE_ARGS passes Node options to the server, e.g. "--max-old-space-size=128" to tell a
    // leak (the server then runs out of heap and the run reports a crash) from a heap that is merely lazy.
    const nodeArgs = (process.env.FLAGLENS_FUZZ_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, server, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new FuzzClient(child, connection);
    child.stdin!.on("error", () => undefined);
    child.stderr!.on("data", (chunk: Buffer) => void (client.stderr = (client.stderr + chunk.toString()).slice(-8000)));
    child.on(
      "exit",
      (code, signal) => void (client.exit ??= `server exited (code ${code}, signal ${signal}): ${client.stderr.slice(-2000)}`),
    );
    connection.onError(() => undefined);
    connection.onClose(() => void (client.exit ??= "connection closed"));
    connection.onNotification(
      "textDocument/publishDiagnostics",
      (p: { uri: string; version?: number; diagnostics: WireDiagnostic[] }) =>
        void client.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics }),
    );
    connection.onNotification("window/logMessage", (p: { type: number; message: string }) => {
      if (p.type === 1 && isErrorLog(p.message)) client.logErrors.push(p.message);
    });
    connection.onNotification("flaglens/status", (p: { state: string }) => void (client.ready ||= p.state === "ready"));
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
    connection.listen();
    const rootUri = fileUri(root);
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "root" }],
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
      initializationOptions: { trusted: false },
    });
    await connection.sendNotification("initialized", {});
    const deadline = Date.now() + 30000;
    while (!client.ready && !client.exit && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!client.ready) throw new Error(`the server did not get ready: ${client.exit ?? "timeout"}`);
    return client;
  }

  /** Sends a request; an answer later than `timeoutMs` counts as a timeout (the request is then cancelled). */
  async request(method: string, params: unknown, timeoutMs = 2000): Promise<Outcome> {
    if (this.exit) return { kind: "crash", message: this.exit };
    const cancel = new CancellationTokenSource();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs)));
    const answer = this.connection.sendRequest(method, params, cancel.token).then(
      (result): Outcome => ({ kind: "ok", result }),
      (error: unknown): Outcome => {
        if (this.exit) return { kind: "crash", message: this.exit };
        if (error instanceof ResponseError) return { kind: "error", code: error.code, message: error.message };
        return { kind: "crash", message: String(error) };
      },
    );
    const outcome = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if (outcome.kind === "timeout") cancel.cancel();
    if (outcome.kind === "error" && EXPECTED_ERRORS.has(outcome.code)) return { kind: "ok", result: null };
    // The process may have died while the request was on its way: that is the crash to report.
    if (outcome.kind === "timeout" && this.exit) return { kind: "crash", message: this.exit };
    return outcome;
  }

  notify(method: string, params: unknown): void {
    if (!this.exit) void this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** Error logs since the last call. */
  takeLogErrors(): string[] {
    const out = this.logErrors;
    this.logErrors = [];
    return out;
  }

  /** The server's resident set size in bytes, from /proc (undefined where there is no /proc). */
  rss(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, "utf8");
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    if (!this.exit) {
      await Promise.race([this.connection.sendRequest("shutdown").catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
      this.notify("exit", undefined);
    }
    this.exit ??= "stopped";
    this.connection.dispose();
    this.process.kill();
  }
}
