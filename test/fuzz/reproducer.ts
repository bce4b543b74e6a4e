// Reproducers: a failing text and the requests that showed the failure, replayed on a fresh
// server, shrunk by delta debugging, and kept as JSON files that a regression test replays.

import * as fs from "node:fs";
import * as path from "node:path";
import { FuzzClient, fileUri } from "./client";
import { createCorpus, removeCorpus, type Corpus } from "./corpus";
import { RequestRunner, signature, type Failure, type RecordedRequest } from "./requests";

/** A reproducer file's content. */
export interface Reproducer {
  /** The mutated file, relative to the fuzz workspace (e.g. example/features/newCheckout.yml). */
  file: string;
  languageId: string;
  text: string;
  requests: RecordedRequest[];
  failure: Failure;
  /** Whether the failure showed again on a fresh server with only this text open. */
  reproduced: boolean;
  seed: number;
  mutation: number;
}

/** A server on a fresh workspace, restarted when a replay kills it. */
export class ReplayServer {
  private client: FuzzClient | undefined;
  private corpus: Corpus | undefined;
  private version = 0;
  private opened = new Set<string>();

  /** Opens `file` with `text`, sends the requests, and returns the failures seen. */
  async run(file: string, languageId: string, text: string, requests: RecordedRequest[]): Promise<Failure[]> {
    if (!this.client || this.client.exit) await this.restart();
    const client = this.client!;
    const uri = fileUri(path.join(this.corpus!.root, file));
    client.takeLogErrors();
    if (this.opened.has(uri))
      client.notify("textDocument/didChange", { textDocument: { uri, version: ++this.version }, contentChanges: [{ text }] });
    else client.notify("textDocument/didOpen", { textDocument: { uri, languageId, version: ++this.version, text } });
    this.opened.add(uri);
    const runner = new RequestRunner(client, uri);
    // A barrier first: syncing the document (where a log error may come from) is done before it answers.
    await runner.send("textDocument/documentSymbol", { textDocument: { uri } });
    runner.sent.length = 0;
    await runner.replay(requests);
    await client.request("textDocument/documentSymbol", { textDocument: { uri } });
    return runner.collect();
  }

  private async restart(): Promise<void> {
    await this.stop();
    this.corpus = createCorpus();
    this.client = await FuzzClient.start(this.corpus.root);
    this.opened.clear();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    if (this.corpus) removeCorpus(this.corpus);
    this.client = undefined;
    this.corpus = undefined;
  }
}

/** Delta debugging over a list: drops chunks while `fails` holds, halving chunk sizes, within a deadline. */
async function ddmin<T>(items: T[], fails: (items: T[]) => Promise<boolean>, deadline: number): Promise<T[]> {
  let current = items;
  let n = 2;
  while (current.length >= 2 && Date.now() < deadline) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && Date.now() < deadline; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (await fails(candidate)) {
        current = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  return current;
}

/** Shrinks the text (lines, then characters of short texts) and the requests while the same failure shows. */
export async function shrink(server: ReplayServer, repro: Reproducer, budgetMs: number): Promise<Reproducer> {
  const wanted = signature(repro.failure);
  const fails = async (text: string, requests: RecordedRequest[]) =>
    (await server.run(repro.file, repro.languageId, text, requests)).some((f) => signature(f) === wanted);
  if (!(await fails(repro.text, repro.requests))) return { ...repro, reproduced: false };
  const deadline = Date.now() + budgetMs;
  let requests = await ddmin(repro.requests, (r) => fails(repro.text, r), deadline);
  const lines = await ddmin(repro.text.split("\n"), (l) => fails(l.join("\n"), requests), deadline);
  let text = lines.join("\n");
  if (text.length < 4000) text = (await ddmin([...text], (c) => fails(c.join(""), requests), deadline)).join("");
  requests = await ddmin(requests, (r) => fails(text, r), deadline);
  return { ...repro, text, requests, reproduced: true };
}

/** Writes a reproducer as formatted JSON under `dir`, named after its failure. */
export function saveReproducer(dir: string, repro: Reproducer): string {
  fs.mkdirSync(dir, { recursive: true });
  const slug = `${repro.failure.kind}-${repro.failure.method}`.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();
  const name = `${slug}-s${repro.seed}-m${repro.mutation}.json`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(repro, null, 2) + "\n");
  return file;
}

/** The reproducers in a folder. */
export function loadReproducers(dir: string): { name: string; repro: Reproducer }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((name) => ({ name, repro: JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Reproducer }));
}
