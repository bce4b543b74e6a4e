// A minimal LSP client over stdio: Content-Length framing, JSON-RPC ids, a map of
// pending requests, notification listeners, and answers to server->client requests.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { children } from "./procs.mjs";

export class LspError extends Error {}

export class LspClient {
  /**
   * @param {string} command
   * @param {string[]} args
   * @param {{ cwd?: string, onServerRequest?: (method: string, params: any) => any }} [options]
   */
  constructor(command, args, options = {}) {
    this.spawnedAt = performance.now();
    this.child = spawn(command, args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.pid = this.child.pid;
    this.untrack = children.add(() => this.kill());
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, method: string, timer: any}>} */
    this.pending = new Map();
    /** @type {Set<{test: (msg: any) => boolean, resolve: Function, reject: Function, timer: any}>} */
    this.waiters = new Set();
    /** @type {Set<(msg: any, at: number) => void>} */
    this.listeners = new Set();
    this.onServerRequest = options.onServerRequest ?? defaultServerRequest;
    this.serverRequests = new Map();
    this.stderr = "";
    this.logs = [];
    this.exited = null;
    this.buffer = Buffer.alloc(0);

    this.child.stdout.on("data", (chunk) => this.onData(chunk));
    this.child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-8192);
    });
    this.child.stdin.on("error", () => {}); // EPIPE after the server died is reported through "exit".
    this.child.on("error", (err) => this.fail(new LspError(`server process error: ${err.message}`)));
    this.child.on("exit", (code, signal) => {
      this.exited = { code, signal };
      this.untrack();
      if (!this.closing) this.fail(new LspError(`server exited unexpectedly (code ${code}, signal ${signal})${this.stderrTail()}`));
    });
  }

  stderrTail() {
    const tail = this.stderr.trim().split("\n").slice(-5).join("\n");
    return tail ? `; stderr: ${tail}` : "";
  }

  fail(error) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString("ascii");
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        this.fail(new LspError(`bad LSP header from server: ${JSON.stringify(header.slice(0, 200))}`));
        this.buffer = Buffer.alloc(0);
        return;
      }
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString("utf8");
      this.buffer = this.buffer.subarray(start + length);
      const at = performance.now();
      let msg;
      try {
        msg = JSON.parse(body);
      } catch {
        this.fail(new LspError(`unparsable JSON from server: ${body.slice(0, 200)}`));
        continue;
      }
      this.dispatch(msg, at);
    }
  }

  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method) {
      this.serverRequests.set(msg.method, (this.serverRequests.get(msg.method) ?? 0) + 1);
      let result = null;
      let error;
      try {
        result = this.onServerRequest(msg.method, msg.params);
      } catch (e) {
        error = { code: -32603, message: String(e?.message ?? e) };
      }
      if (result === undefined) result = null;
      this.write(error ? { jsonrpc: "2.0", id: msg.id, error } : { jsonrpc: "2.0", id: msg.id, result });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new LspError(`${p.method} failed: ${msg.error.message}`));
      else p.resolve({ result: msg.result, at });
      return;
    }
    if (msg.method === "window/logMessage") this.logs.push(msg.params?.message ?? "");
    for (const l of this.listeners) l(msg, at);
    for (const w of this.waiters) {
      if (w.test(msg)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve({ msg, at });
      }
    }
  }

  write(message) {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Sends a request; resolves with { result, at } (at = performance.now() on arrival). */
  request(method, params, timeoutMs = 30000) {
    if (this.exited) return Promise.reject(new LspError(`server already exited before ${method}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LspError(`no response to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, method, timer });
      this.write({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: "2.0", method, params });
  }

  /**
   * Resolves with { msg, at } for the next notification matching test. Register it
   * BEFORE sending whatever triggers it. The promise has a cancel() that resolves it
   * with null and drops the waiter.
   */
  waitFor(test, timeoutMs, what = "notification") {
    if (this.exited) {
      const p = Promise.reject(new LspError(`server already exited while waiting for ${what}`));
      p.cancel = () => {};
      p.catch(() => {});
      return p;
    }
    const w = { test, resolve: undefined, reject: undefined, timer: undefined };
    const promise = new Promise((resolve, reject) => {
      w.resolve = resolve;
      w.reject = reject;
    });
    w.timer = setTimeout(() => {
      this.waiters.delete(w);
      w.reject(new LspError(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    this.waiters.add(w);
    promise.catch(() => {}); // Callers that stopped caring (cancel, barrier) must not crash the run.
    promise.cancel = () => {
      if (!this.waiters.delete(w)) return;
      clearTimeout(w.timer);
      w.resolve(null);
    };
    return promise;
  }

  onNotification(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polite shutdown, then a kill if the server lingers. */
  async close(timeoutMs = 3000) {
    if (this.exited) return;
    this.closing = true;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    try {
      await this.request("shutdown", null, timeoutMs);
      this.notify("exit");
    } catch {
      // Killed below.
    }
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  kill() {
    this.closing = true;
    if (!this.exited) {
      try {
        this.child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}

function defaultServerRequest(method, params) {
  switch (method) {
    case "workspace/configuration":
      return (params?.items ?? [null]).map(() => null);
    case "client/registerCapability":
    case "client/unregisterCapability":
    case "window/workDoneProgress/create":
      return null;
    case "window/showMessageRequest":
      return null;
    case "workspace/workspaceFolders":
      return null;
    default:
      return null;
  }
}
