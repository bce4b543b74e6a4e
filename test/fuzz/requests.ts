// The requests of one fuzz step: what an editor asks after an edit, at random positions, each
// answer checked. Later requests use earlier answers (a completion item to resolve, a rename
// range, the reported diagnostics for code actions), and every request sent is recorded so a
// reproducer can replay the same sequence.

import type { FuzzClient, Outcome, WireDiagnostic } from "./client";
import type { Prng } from "./prng";

/** A request as sent; `$FILE` in params stands for the mutated file's URI. */
export interface RecordedRequest {
  method: string;
  params: unknown;
}

/** One thing that went wrong. */
export interface Failure {
  kind: "crash" | "timeout" | "error-response" | "log-error";
  method: string;
  message: string;
}

/** A position in the text: mostly on a line and column that exist, sometimes past the end. */
function randomPosition(text: string, rng: Prng, words: string[]): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  if (rng.chance(0.05)) return { line: lines.length + rng.int(3), character: rng.int(5) };
  if (rng.chance(0.4) && words.length > 0) {
    // On a known key, where hover, definition and rename have something to say.
    const word = rng.pick(words);
    const hits = lines.flatMap((l, i) => (l.includes(word) ? [{ line: i, character: l.indexOf(word) + rng.int(word.length + 1) }] : []));
    if (hits.length > 0) return rng.pick(hits);
  }
  const line = rng.int(lines.length);
  return { line, character: rng.int(lines[line].length + (rng.chance(0.05) ? 40 : 1)) };
}

/** A new name for rename: usually well formed, sometimes taken or odd. */
function newName(rng: Prng, words: string[]): string {
  return rng.pick([
    () => `renamed${rng.int(1000)}`,
    () => rng.pick(words.length ? words : ["x"]),
    () => rng.pick(["", " ", "a b", "../x", "é", "x".repeat(300), "with/slash", "UPPER_case-9"]),
  ])();
}

/** Runs requests and collects what failed. */
export class RequestRunner {
  readonly sent: RecordedRequest[] = [];
  readonly failures: Failure[] = [];
  requests = 0;

  constructor(
    private readonly client: FuzzClient,
    private readonly uri: string,
    private readonly timeoutMs = 2000,
  ) {}

  /** Sends one request (recorded with `$FILE` for the URI) and checks its outcome. */
  async send(method: string, params: Record<string, unknown>): Promise<unknown> {
    // After a timeout the server is still busy: every later request would time out behind it, one cause reported many times.
    if (this.failures.some((f) => f.kind === "timeout" || f.kind === "crash")) return undefined;
    this.sent.push({ method, params: JSON.parse(JSON.stringify(params).split(JSON.stringify(this.uri).slice(1, -1)).join("$FILE")) });
    this.requests++;
    const outcome = await this.client.request(method, params, this.timeoutMs);
    const failure = toFailure(method, outcome);
    if (failure) this.failures.push(failure);
    return outcome.kind === "ok" ? outcome.result : undefined;
  }

  /** Replays recorded requests in order. */
  async replay(requests: RecordedRequest[]): Promise<void> {
    for (const r of requests) {
      const params = JSON.parse(JSON.stringify(r.params).split("$FILE").join(JSON.stringify(this.uri).slice(1, -1)));
      await this.send(r.method, params);
    }
  }

  /** Error logs and an exit, once the requests are answered. */
  collect(): Failure[] {
    for (const message of this.client.takeLogErrors()) this.failures.push({ kind: "log-error", method: "log", message });
    if (this.client.exit && !this.failures.some((f) => f.kind === "crash"))
      this.failures.push({ kind: "crash", method: "process", message: this.client.exit });
    return this.failures;
  }

  /** What an editor asks about a file after an edit, at random positions. */
  async explore(text: string, rng: Prng, words: string[], isCode: boolean): Promise<void> {
    const doc = { uri: this.uri };
    const pos = () => randomPosition(text, rng, words);
    // The first request waits for the workspace to settle, so diagnostics of this text are out.
    await this.send("textDocument/documentSymbol", { textDocument: doc });
    await this.send("textDocument/codeLens", { textDocument: doc });
    const lineCount = text.split("\n").length;
    await this.send("textDocument/inlayHint", {
      textDocument: doc,
      range: { start: { line: 0, character: 0 }, end: { line: rng.chance(0.9) ? lineCount : rng.int(lineCount + 1), character: 0 } },
    });
    for (let k = 0; k < 2; k++) await this.send("textDocument/hover", { textDocument: doc, position: pos() });
    for (let k = 0; k < 2; k++) {
      const triggerCharacter = rng.chance(0.3) ? rng.pick([":", " ", "-", "/", '"', "'"]) : undefined;
      const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
      const items = (await this.send("textDocument/completion", { textDocument: doc, position: pos(), context })) as unknown[] | null;
      if (Array.isArray(items) && items.length > 0) await this.send("completionItem/resolve", rng.pick(items) as Record<string, unknown>);
    }
    await this.send("textDocument/definition", { textDocument: doc, position: pos() });
    await this.send("textDocument/references", { textDocument: doc, position: pos(), context: { includeDeclaration: rng.chance(0.5) } });
    await this.codeActions(rng, isCode);
    const at = pos();
    const prepared = (await this.send("textDocument/prepareRename", { textDocument: doc, position: at })) as {
      start?: { line: number; character: number };
      range?: { start: { line: number; character: number } };
    } | null;
    const renameAt = prepared?.range?.start ?? prepared?.start ?? (rng.chance(0.3) ? at : undefined);
    if (renameAt) await this.send("textDocument/rename", { textDocument: doc, position: renameAt, newName: newName(rng, words) });
    if (rng.chance(0.1)) await this.send("workspace/symbol", { query: rng.pick(["", ...words.slice(0, 5), "é", "*"]) });
  }

  /** Quick fixes for the diagnostics reported for the file (possibly for an older text), and resolving source actions. */
  private async codeActions(rng: Prng, isCode: boolean): Promise<void> {
    const published = this.client.diagnostics.get(this.uri)?.diagnostics ?? [];
    const chosen: WireDiagnostic[] = published.filter(() => rng.chance(0.7)).slice(0, 5);
    const range = chosen[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const only = isCode && rng.chance(0.5) ? ["source"] : undefined;
    const actions = (await this.send("textDocument/codeAction", {
      textDocument: { uri: this.uri },
      range,
      context: { diagnostics: chosen, ...(only ? { only } : {}) },
    })) as { edit?: unknown; data?: unknown }[] | null;
    const unresolved = (actions ?? []).filter((a) => !a.edit && a.data !== undefined);
    if (unresolved.length > 0 && rng.chance(0.5)) await this.send("codeAction/resolve", rng.pick(unresolved) as Record<string, unknown>);
  }
}

/** A rename refused with a reason (code 1, the message the user reads) is an answer, not a failure. */
function isRefusal(method: string, outcome: Outcome): boolean {
  return method === "textDocument/rename" && outcome.kind === "error" && outcome.code === 1 && !/could not compute/.test(outcome.message);
}

function toFailure(method: string, outcome: Outcome): Failure | undefined {
  if (outcome.kind === "ok" || isRefusal(method, outcome)) return undefined;
  if (outcome.kind === "crash") return { kind: "crash", method, message: outcome.message };
  if (outcome.kind === "timeout") return { kind: "timeout", method, message: `no answer to ${method} within the time limit` };
  return { kind: "error-response", method, message: `${outcome.code}: ${outcome.message}` };
}

/** A failure's identity for de-duplication and shrinking: kind, request and message without numbers and paths. */
export function signature(f: Failure): string {
  const first = f.message.split("\n")[0].replace(/\/\S+/g, "<path>").replace(/\d+/g, "N").slice(0, 200);
  return `${f.kind} ${f.kind === "log-error" || f.kind === "crash" ? "" : f.method} ${f.kind === "timeout" ? "" : first}`;
}
