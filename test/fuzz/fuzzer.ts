// The fuzz loop: mutate a file of the workspace, send it to the server as an editor would, ask
// everything about it, and record every failure (shrunk to a reproducer) and the server's memory.

import * as path from "node:path";
import { FuzzClient, fileUri } from "./client";
import { createCorpus, removeCorpus, type Corpus, type CorpusFile } from "./corpus";
import { mutate, type Vocabulary } from "./mutate";
import { Prng } from "./prng";
import { ReplayServer, saveReproducer, shrink, type Reproducer } from "./reproducer";
import { RequestRunner, signature, type Failure } from "./requests";

/** What a run is asked to do. */
export interface FuzzOptions {
  count: number;
  seed: number;
  /** Where shrunk reproducers are written; none when undefined. */
  saveDir?: string;
  /** Time spent shrinking each distinct failure. */
  shrinkBudgetMs: number;
  /** Request time limit. */
  timeoutMs: number;
  /** Extreme input sizes too (see Vocabulary.extreme). */
  extreme: boolean;
  /**
   * How long the server is left idle before RSS is read (default 12 s): V8's memory reducer runs a
   * full collection and gives memory back only after several seconds without allocation, so RSS
   * read sooner counts garbage as if it were a leak.
   */
  settleMs?: number;
  /** Called every so often with progress. */
  progress?: (s: FuzzSummary) => void;
}

/** The figures of a run. */
export interface FuzzSummary {
  seed: number;
  mutations: number;
  requests: number;
  crashes: number;
  slowRequests: number;
  errorResponses: number;
  logErrors: number;
  /**
   * Server RSS in bytes: once loaded, after the 500th mutation (when reached), at the end. The last two
   * are measured with every document closed again, so they compare the same workspace, not the
   * texts that happen to be open.
   */
  rssFirst?: number;
  rssAfter500?: number;
  rssEnd?: number;
  rssMax?: number;
  /** One entry per distinct failure, with how often it happened and where its reproducer went. */
  distinct: { signature: string; count: number; failure: Failure; file?: string; reproduced?: boolean; at: string }[];
  projects: string[];
}

/** One open (or closed) file's state on the client side. */
interface FileState {
  text: string;
  version: number;
  open: boolean;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const rng = new Prng(options.seed);
  const corpus = createCorpus();
  const summary: FuzzSummary = {
    seed: options.seed,
    mutations: 0,
    requests: 0,
    crashes: 0,
    slowRequests: 0,
    errorResponses: 0,
    logErrors: 0,
    distinct: [],
    projects: corpus.projects,
  };
  const states = new Map<string, FileState>();
  let client = await FuzzClient.start(corpus.root);
  const replay = new ReplayServer();
  summary.rssFirst = client.rss();
  try {
    for (let m = 1; m <= options.count; m++) {
      const file = pickFile(corpus, rng);
      const uri = fileUri(path.join(corpus.root, file.rel));
      const state = states.get(file.rel) ?? { text: file.original, version: 0, open: false };
      states.set(file.rel, state);
      const text = nextText(file, state, rng, { keys: corpus.keys, extreme: options.extreme });
      if (state.open && rng.chance(0.03)) {
        client.notify("textDocument/didClose", { textDocument: { uri } });
        state.open = false;
      }
      if (state.open)
        client.notify("textDocument/didChange", { textDocument: { uri, version: ++state.version }, contentChanges: [{ text }] });
      else client.notify("textDocument/didOpen", { textDocument: { uri, languageId: file.languageId, version: ++state.version, text } });
      state.open = true;
      state.text = text;
      const runner = new RequestRunner(client, uri, options.timeoutMs);
      await runner.explore(text, rng, corpus.keys, file.kind === "code");
      const failures = runner.collect();
      summary.mutations = m;
      summary.requests += runner.requests;
      for (const f of failures) {
        await record(
          summary,
          f,
          {
            file: file.rel,
            languageId: file.languageId,
            text,
            requests: runner.sent,
            failure: f,
            reproduced: false,
            seed: options.seed,
            mutation: m,
          },
          replay,
          options,
        );
      }
      if (client.exit) {
        // A crash: a fresh server, and every file as on disk again.
        await client.stop();
        client = await FuzzClient.start(corpus.root);
        states.clear();
      } else if (failures.some((f) => f.kind === "timeout")) {
        // The server is still working on something slow: later mutations must not be blamed for it.
        await client.request("textDocument/documentSymbol", { textDocument: { uri } }, 300_000);
      }
      const rss = client.rss();
      if (rss !== undefined) summary.rssMax = Math.max(summary.rssMax ?? 0, rss);
      if (m === 500) summary.rssAfter500 = await settledRss(client, corpus, states, options.settleMs ?? 12_000);
      if (m % 100 === 0) options.progress?.(summary);
    }
    summary.rssEnd = await settledRss(client, corpus, states, options.settleMs ?? 12_000);
  } finally {
    await client.stop();
    await replay.stop();
    removeCorpus(corpus);
  }
  return summary;
}

/** Closes every open document (the server goes back to the disk's text), waits for that to settle, and reads RSS. */
async function settledRss(
  client: FuzzClient,
  corpus: Corpus,
  states: Map<string, FileState>,
  settleMs: number,
): Promise<number | undefined> {
  let last = "";
  for (const [rel, state] of states) {
    if (!state.open) continue;
    last = fileUri(path.join(corpus.root, rel));
    client.notify("textDocument/didClose", { textDocument: { uri: last } });
    state.open = false;
    state.text = corpus.files.find((f) => f.rel === rel)!.original;
  }
  if (last) await client.request("textDocument/documentSymbol", { textDocument: { uri: last } }, 60_000);
  // Garbage from the closed texts is collected on the server's own schedule (see FuzzOptions.settleMs).
  await new Promise((r) => setTimeout(r, settleMs));
  return client.rss();
}

/** Flag files mostly, application code and configs less often. */
function pickFile(corpus: Corpus, rng: Prng): CorpusFile {
  const yaml = corpus.files.filter((f) => f.kind === "yaml");
  const code = corpus.files.filter((f) => f.kind === "code");
  return rng.chance(0.75) ? rng.pick(yaml) : rng.pick(code);
}

/** The next text: the original restored now and then, else a mutation of the original or of the current text. */
function nextText(file: CorpusFile, state: FileState, rng: Prng, vocab: Vocabulary): string {
  if (rng.chance(0.08)) return file.original;
  const base = rng.chance(0.6) ? file.original : state.text;
  // Texts that grew large from repeated mutation start again from the original.
  return mutate(base.length > 200_000 ? file.original : base, file.kind, rng, vocab).text;
}

async function record(summary: FuzzSummary, f: Failure, repro: Reproducer, replay: ReplayServer, options: FuzzOptions): Promise<void> {
  if (f.kind === "crash") summary.crashes++;
  else if (f.kind === "timeout") summary.slowRequests++;
  else if (f.kind === "error-response") summary.errorResponses++;
  else summary.logErrors++;
  const sig = signature(f);
  const seen = summary.distinct.find((d) => d.signature === sig);
  if (seen) {
    seen.count++;
    return;
  }
  const entry: FuzzSummary["distinct"][number] = { signature: sig, count: 1, failure: f, at: `${repro.file} (mutation ${repro.mutation})` };
  summary.distinct.push(entry);
  if (!options.saveDir) return;
  const shrunk = await shrink(replay, repro, options.shrinkBudgetMs);
  entry.reproduced = shrunk.reproduced;
  entry.file = saveReproducer(options.saveDir, shrunk);
}

/** The summary in lines of text. */
export function formatSummary(s: FuzzSummary): string {
  const mb = (b?: number) => (b === undefined ? "n/a" : `${(b / 1048576).toFixed(1)} MB`);
  const lines = [
    `seed ${s.seed}, projects: ${s.projects.join(", ")}`,
    `mutations ${s.mutations}, requests ${s.requests}`,
    `crashes ${s.crashes}, slow requests ${s.slowRequests}, error responses ${s.errorResponses}, log errors ${s.logErrors}`,
    `server RSS: first ${mb(s.rssFirst)}, after 500 ${mb(s.rssAfter500)}, end ${mb(s.rssEnd)}, max ${mb(s.rssMax)}`,
  ];
  for (const d of s.distinct)
    lines.push(
      `  ${d.count}x ${d.signature} — first at ${d.at}${d.file ? `; reproducer ${d.file}${d.reproduced ? "" : " (did not reproduce alone)"}` : ""}`,
    );
  return lines.join("\n");
}
