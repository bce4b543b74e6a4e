// The language-server measurements: index time, first diagnostics (cold, warm), edit latency,
// completion latency, RSS.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { LspClient } from "./lsp-client.mjs";
import { Doc, completionSites, descriptionMiddle, positionAt, segmentRefEnd } from "./lsp-doc.mjs";
import { summarize } from "./stats.mjs";

const DIAG = "textDocument/publishDiagnostics";
const STATUS = "flaglens/status";
/** After a barrier's diagnostics arrive, how long an earlier document may still take to publish. */
const GRACE_MS = 1000;
const INDEX_TIMEOUT_MS = 120_000;
/** The longest a single completion request may take before the run counts as failed. */
const COMPLETION_TIMEOUT_MS = 10_000;

const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

function normUri(u) {
  try {
    return decodeURIComponent(u).replace(/^file:\/\/\/([A-Za-z]):/, (_, d) => `file:///${d.toLowerCase()}:`);
  } catch {
    return u;
  }
}
const diagFor = (uri) => {
  const n = normUri(uri);
  return (m) => m.method === DIAG && normUri(m.params?.uri ?? "") === n;
};
function samePath(a, b) {
  const real = (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return typeof a === "string" && real(a) === real(b);
}
const readyWith = (dir) => (m) =>
  m.method === STATUS && m.params?.state === "ready" && (m.params.projects ?? []).some((p) => samePath(p.root, dir));

export function readRss(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k) => Number(new RegExp(`^${k}:\\s*(\\d+) kB`, "m").exec(s)?.[1] ?? NaN);
    return { rssKb: kb("VmRSS"), peakKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** Resolves with the waiter's value, or null (cancelling it) after ms. */
async function within(waiter, ms) {
  let timer;
  const r = await Promise.race([waiter, new Promise((res) => (timer = setTimeout(() => res(null), ms)))]);
  clearTimeout(timer);
  if (r === null) waiter.cancel();
  return r;
}

function startServer(serverJs, cwd) {
  return new LspClient(process.execPath, [serverJs, "--stdio"], { cwd });
}

async function initialize(client, folder, timeoutMs) {
  const uri = pathToFileURL(folder).href;
  const { at } = await client.request(
    "initialize",
    {
      processId: process.pid,
      clientInfo: { name: "flaglens-bench" },
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      initializationOptions: { trusted: false },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    },
    timeoutMs,
  );
  client.notify("initialized", {});
  return at;
}

/**
 * Opens a clean document, then a broken one as a barrier: the server handles documents in
 * order, so once the broken one's diagnostics are in, the clean one's are either in too or
 * (after a grace period) known never to come.
 */
async function openPair(client, clean, broken, timeoutMs) {
  const wClean = client.waitFor(diagFor(clean.uri), timeoutMs, `publishDiagnostics for ${clean.label}`);
  const wBroken = client.waitFor(diagFor(broken.uri), timeoutMs, `publishDiagnostics for ${broken.label} (opened with an error)`);
  const sentAt = performance.now();
  clean.open();
  broken.openWithTypo();
  const b = await wBroken;
  const c = await within(wClean, GRACE_MS);
  return {
    sentAt,
    clean: c && { at: c.at, diagnostics: c.msg.params.diagnostics.length },
    broken: { at: b.at, diagnostics: b.msg.params.diagnostics.length },
  };
}

/** One edit of `doc` followed by a barrier edit of `barrier`; returns the doc's latency or null. */
async function editWithBarrier(client, doc, change, barrier, timeoutMs) {
  const w = client.waitFor(diagFor(doc.uri), timeoutMs, `publishDiagnostics for ${doc.label}`);
  const wb = client.waitFor(diagFor(barrier.uri), timeoutMs, `publishDiagnostics for ${barrier.label} (barrier)`);
  const sentAt = performance.now();
  doc.edit(...change);
  barrier.toggleTypo();
  await wb;
  const r = await within(w, GRACE_MS);
  return r ? r.at - sentAt : null;
}

/** Server 1: spawn, initialize and at once open a feature file: spawn -> its first diagnostics. */
export async function coldOpen({ serverJs, cwd, projectDir, cleanFile, brokenFile, timeoutMs, log }) {
  const client = startServer(serverJs, cwd);
  try {
    const ready = client.waitFor(readyWith(projectDir), INDEX_TIMEOUT_MS, "flaglens/status ready");
    await initialize(client, projectDir, timeoutMs);
    const clean = new Doc(client, path.join(projectDir, cleanFile), cleanFile);
    const broken = new Doc(client, path.join(projectDir, brokenFile), brokenFile);
    const r = await openPair(client, clean, broken, timeoutMs);
    const readyAt = (await ready).at;
    const res = {
      cleanFile,
      cleanFileMs: r.clean ? round(r.clean.at - client.spawnedAt) : null,
      errorFile: brokenFile + " (opened with a segment typo)",
      errorFileMs: round(r.broken.at - client.spawnedAt),
      errorFileDiagnostics: r.broken.diagnostics,
      indexReadyMs: round(readyAt - client.spawnedAt),
    };
    log(
      `cold open: ${cleanFile} ${res.cleanFileMs ?? "no diagnostics published"}${res.cleanFileMs !== null ? " ms" : ""}, ${brokenFile} (error) ${res.errorFileMs} ms after spawn`,
    );
    return res;
  } finally {
    await client.close();
  }
}

/**
 * Server 2: index time, RSS, warm first diagnostics, edit latency, then (when `completions` > 0)
 * completion latency in `completionFile`. A failed completion run is recorded as
 * `completion.error` rather than thrown, so the other figures survive it.
 */
export async function warmServer({
  serverJs,
  cwd,
  projectDir,
  cleanFile,
  brokenFile,
  edits,
  completionFile,
  completions = 0,
  timeoutMs,
  log,
}) {
  const client = startServer(serverJs, cwd);
  const out = {};
  try {
    const ready = client.waitFor(readyWith(projectDir), INDEX_TIMEOUT_MS, "flaglens/status ready with the project");
    const initAt = await initialize(client, projectDir, timeoutMs);
    out.initializeMs = round(initAt - client.spawnedAt);
    const { msg, at } = await ready;
    out.indexColdMs = round(at - client.spawnedAt);
    const p = msg.params.projects.find((x) => samePath(x.root, projectDir));
    out.index = { files: p.files, errors: p.errors, warnings: p.warnings, format: p.format };
    out.serverLog = client.logs.filter((l) => /^Loaded /.test(l));
    log(
      `index cold: initialize ${out.initializeMs} ms, ready ${out.indexColdMs} ms (${p.files} files, ${p.errors} errors, ${p.warnings} warnings)`,
    );
    const rss = readRss(client.pid);
    out.rssIndexedKb = rss?.rssKb ?? null;
    out.rssIndexedPeakKb = rss?.peakKb ?? null;

    const clean = new Doc(client, path.join(projectDir, cleanFile), cleanFile);
    const broken = new Doc(client, path.join(projectDir, brokenFile), brokenFile);
    const r = await openPair(client, clean, broken, timeoutMs);
    out.warmOpen = {
      cleanFile,
      cleanFileMs: r.clean ? round(r.clean.at - r.sentAt) : null,
      errorFile: brokenFile + " (opened with a segment typo)",
      errorFileMs: round(r.broken.at - r.sentAt),
    };
    log(
      `warm open: ${cleanFile} ${out.warmOpen.cleanFileMs ?? "no diagnostics published"}${out.warmOpen.cleanFileMs !== null ? " ms" : ""}, ${brokenFile} (error) ${out.warmOpen.errorFileMs} ms`,
    );

    // Does a clean -> clean edit publish at all? Probe once (and undo), with a barrier.
    const mid = descriptionMiddle(clean.text);
    if (mid < 0) throw new Error(`no description: value in ${cleanFile}`);
    const probe = await editWithBarrier(client, clean, [mid, 0, "x"], broken, timeoutMs);
    await editWithBarrier(client, clean, [mid, 1, ""], broken, timeoutMs);
    out.publishesCleanEdits = probe !== null;
    out.edits = await editLoop(client, clean, edits, out.publishesCleanEdits ? "spec" : "diagnostic-changing", timeoutMs, log);

    const after = readRss(client.pid);
    out.rssAfterEditsKb = after?.rssKb ?? null;
    out.rssPeakKb = after?.peakKb ?? null;
    if (completions > 0) {
      try {
        const doc = new Doc(client, path.join(projectDir, completionFile), completionFile);
        out.completion = await completionLoop(client, doc, completions, log);
      } catch (e) {
        out.completion = { file: completionFile, error: String(e?.message ?? e) };
      }
    }
    out.serverRequests = Object.fromEntries(client.serverRequests);
    return out;
  } finally {
    await client.close();
    out.shutdown = client.exited ? `exited (code ${client.exited.code}, signal ${client.exited.signal})` : "unknown";
  }
}

/**
 * mode "spec": alternately insert/delete a character in the description (the file stays
 * valid); every 10th edit puts a typo in a segment key and the next one removes it.
 * mode "diagnostic-changing": every edit toggles the segment typo, for servers that publish
 * nothing when a file's diagnostics do not change.
 */
async function editLoop(client, doc, count, mode, timeoutMs, log) {
  const desc = descriptionMiddle(doc.text);
  let descInserted = false;
  let broken = false;
  let typoAt = -1;
  const samples = { clean: [], break: [], fix: [] };
  const all = [];
  const unexpected = [];
  let published = 0;
  const stop = client.onNotification((m) => {
    if (diagFor(doc.uri)(m)) published++;
  });
  try {
    for (let i = 0; i < count; i++) {
      let kind;
      if (mode === "spec") kind = broken ? "fix" : i % 10 === 9 ? "break" : "clean";
      else kind = broken ? "fix" : "break";
      const w = client.waitFor(diagFor(doc.uri), timeoutMs, `publishDiagnostics for ${doc.label} after edit ${i + 1} (${kind})`);
      const sentAt = performance.now();
      if (kind === "clean") {
        doc.edit(desc, descInserted ? 1 : 0, descInserted ? "" : "x");
        descInserted = !descInserted;
      } else {
        if (kind === "break") {
          typoAt = segmentRefEnd(doc.text);
          if (typoAt < 0) throw new Error(`no segment reference to break in ${doc.label}`);
          doc.edit(typoAt, 0, "x");
        } else doc.edit(typoAt, 1, "");
        broken = kind === "break";
      }
      const { msg, at } = await w;
      const ms = at - sentAt;
      samples[kind].push(ms);
      all.push(ms);
      const diags = msg.params.diagnostics ?? [];
      const errors = diags.filter((d) => d.severity === 1).length;
      if (broken ? errors === 0 : diags.length > 0) {
        unexpected.push({ edit: i + 1, kind, diagnostics: diags.map((d) => d.message).slice(0, 3) });
      }
      if ((i + 1) % 50 === 0 || i + 1 === count) log(`edits: ${i + 1}/${count}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // catch late duplicates
  } finally {
    stop();
  }
  const byKind = {};
  for (const [k, v] of Object.entries(samples)) if (v.length) byKind[k] = summarize(v);
  const s = summarize(all);
  return {
    mode,
    count: all.length,
    latencyMs: { p50: s.median, p95: s.p95, max: s.max, min: s.min },
    byKind,
    extraPublishes: published - all.length,
    unexpectedDiagnostics: unexpected.length,
    unexpectedExamples: unexpected.slice(0, 3),
  };
}

/**
 * Opens `doc` and sends `count` completion requests, one at a time, cycling through the sites of
 * completionSites(): request sent -> response received. The first request after the open (which
 * also waits for the server to process the open) is timed apart and not counted.
 */
async function completionLoop(client, doc, count, log) {
  const sites = completionSites(doc.text);
  if (!sites.length) throw new Error(`no completion site (segments:, variation:) in ${doc.label}`);
  doc.open();
  const ask = async (site) => {
    const sentAt = performance.now();
    const { result, at } = await client.request(
      "textDocument/completion",
      { textDocument: { uri: doc.uri }, position: positionAt(doc.text, site.offset) },
      COMPLETION_TIMEOUT_MS,
    );
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return { ms: at - sentAt, items, incomplete: result?.isIncomplete === true };
  };
  const first = await ask(sites[0]);
  const perSite = sites.map((s) => ({
    site: s.name,
    position: positionAt(doc.text, s.offset),
    expect: s.expect,
    requests: 0,
    minItems: Infinity,
    maxItems: 0,
    missingExpected: 0,
    samples: [],
  }));
  const all = [];
  let empty = 0;
  for (let i = 0; i < count; i++) {
    const k = i % sites.length;
    const r = await ask(sites[k]);
    const p = perSite[k];
    p.requests++;
    p.samples.push(r.ms);
    p.minItems = Math.min(p.minItems, r.items.length);
    p.maxItems = Math.max(p.maxItems, r.items.length);
    if (r.items.length === 0) empty++;
    else if (!r.items.some((it) => it.label === p.expect)) p.missingExpected++;
    all.push(r.ms);
    if ((i + 1) % 50 === 0 || i + 1 === count) log(`completions: ${i + 1}/${count}`);
  }
  doc.close();
  const s = summarize(all);
  return {
    file: doc.label,
    count: all.length,
    firstMs: round(first.ms),
    firstItems: first.items.length,
    latencyMs: { p50: s.median, p95: s.p95, max: s.max, min: s.min },
    emptyResponses: empty,
    sites: perSite.map(({ samples, minItems, ...rest }) => {
      const t = summarize(samples);
      return { ...rest, minItems: Number.isFinite(minItems) ? minItems : null, latencyMs: { p50: t.median, p95: t.p95, max: t.max } };
    }),
  };
}

/**
 * A server on a workspace folder holding a project and a source tree: the time until the code
 * index is built (the server logs "Indexed flag usages in ..."), and the server's RSS then.
 */
export async function codeIndexedServer({ serverJs, folder, timeoutMs, log }) {
  const client = startServer(serverJs, folder);
  try {
    const indexed = client.waitFor(
      (m) => m.method === "window/logMessage" && /^Indexed flag usages in /.test(m.params?.message ?? ""),
      timeoutMs,
      "the code index",
    );
    await initialize(client, folder, timeoutMs);
    const { msg, at } = await indexed;
    const rss = readRss(client.pid);
    const out = {
      indexedMs: round(at - client.spawnedAt),
      message: msg.params.message,
      rssKb: rss?.rssKb ?? null,
      peakRssKb: rss?.peakKb ?? null,
    };
    log(`server with the code indexed: ${out.message}; ${out.indexedMs} ms after spawn, RSS ${Math.round((out.rssKb ?? 0) / 1024)} MB`);
    return out;
  } finally {
    await client.close();
  }
}
