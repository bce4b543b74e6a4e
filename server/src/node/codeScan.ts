// Scanning a source tree for flag usages: list the files and pre-filter them (ripgrep where
// installed, else a walk and a read of every file), scanning the candidates as the listing finds
// them (in worker threads for large trees, else in this thread), then the files that may declare
// constants used in calls.

import * as os from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { CodeIndex } from "../service/code/codeIndex";
import { definitionCandidates } from "../service/code/definitions";
import { PathFilter } from "../service/code/ignore";
import { Scanner } from "../service/code/scan";
import { codeExtensions } from "../service/code/scanners/index";
import { extensionOf } from "../service/code/scanners/scanner";
import { DEFAULT_SCAN_SETTINGS, type CodeScanSettings, type FileScan } from "../service/code/usages";
import { ALWAYS_SKIPPED, listCodeFiles, type CodeFileOptions } from "./codeFiles";
import {
  DEFAULT_MAX_CODE_FILE_SIZE,
  scanPath,
  scanPaths,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerSetup,
} from "./codeScanWorker";
import { toServicePath } from "./nodeFileSystem";
import { ripgrepPath, ripgrepStream } from "./ripgrep";

/** How to start a scan worker: a script whose main runs runCodeScanWorker (the CLI bundle with a hidden command, or codeScanWorkerMain.js). */
export interface WorkerEntry {
  script: string;
  argv?: string[];
}

/** What to scan and how. */
export interface CodeTreeOptions extends CodeFileOptions {
  root: string;
  settings?: CodeScanSettings;
  maxFileSize?: number;
  /** Worker threads; 0 scans in this thread only. Default with a `worker` entry: one per CPU beyond the first, when the tree is large. */
  jobs?: number;
  worker?: WorkerEntry;
  /** Use ripgrep to list and pre-filter the tree when it is installed (default true), or this ripgrep executable. */
  ripgrep?: boolean | string;
  log?: (message: string) => void;
}

/** The result of a scan. */
export interface CodeTreeResult {
  index: CodeIndex;
  /** Every code file considered. */
  files: string[];
  /** Files that held usages or constants. */
  scanned: number;
  /** Files read only for the constants they declare. */
  definitionFiles: number;
  timings: { listMs: number; scanMs: number; definitionsMs: number; indexMs: number; workers: number; ripgrep: boolean };
}

/** Paths per batch: what this thread scans between two looks at the listing's stream, and what a worker is given at a time. */
const BATCH = 64;

/** Paths to scan, pushed as they are found and taken in batches by this thread and the workers. */
class PathQueue {
  private readonly items: string[] = [];
  private head = 0;
  private closed = false;
  private waiting: (() => void)[] = [];

  get size(): number {
    return this.items.length;
  }

  push(path: string): void {
    this.items.push(path);
    if (this.waiting.length > 0 && this.items.length - this.head >= BATCH) this.wake();
  }

  /** No more paths will come. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }

  /** The next batch: waits for a full one until the queue is closed; undefined when all is taken. */
  async take(): Promise<string[] | undefined> {
    while (!this.closed && this.items.length - this.head < BATCH) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.head >= this.items.length) return undefined;
    const batch = this.items.slice(this.head, this.head + BATCH);
    this.head += batch.length;
    return batch;
  }
}

/** What the listing found: every code file, and whether ripgrep did the listing. */
interface Listing {
  files: string[];
  ripgrep: boolean;
}

/**
 * Lists the code files, pushing the candidates (files that may hold a usage) onto `queue` as they
 * are found: from ripgrep's stream where it runs, else from a walk of the tree (every file is then a
 * candidate, and the scan's own pre-filter decides). Closes the queue at the end.
 */
async function listInto(options: CodeTreeOptions, scanner: Scanner, maxFileSize: number, queue: PathQueue): Promise<Listing> {
  const rg = typeof options.ripgrep === "string" ? options.ripgrep : options.ripgrep !== false ? ripgrepPath() : undefined;
  const queued = new Set<string>();
  if (rg) {
    const root = toServicePath(options.root);
    const extensions = new Set(codeExtensions());
    const filter = new PathFilter(options.include ?? [], options.exclude ?? []);
    const prefix = root.endsWith("/") ? root : root + "/";
    const files: string[] = [];
    const run = ripgrepStream(
      rg,
      root,
      {
        needles: scanner.exactNames(),
        extensions: codeExtensions(),
        exclude: options.exclude ?? [],
        gitignore: options.gitignore !== false,
        maxFileSize,
        skip: [...ALWAYS_SKIPPED],
      },
      (file, matching) => {
        if (!extensions.has(extensionOf(file)) || !filter.acceptsFile(file.startsWith(prefix) ? file.slice(prefix.length) : file)) return;
        files.push(file);
        if (matching) {
          queued.add(file);
          queue.push(file);
        }
      },
    );
    if (await run.done) {
      queue.close();
      return { files: files.sort(), ripgrep: true };
    }
    options.log?.("ripgrep failed; walking the tree");
  }
  // Files ripgrep already queued are scanned once only.
  const files = listCodeFiles(options.root, options);
  for (const f of files) if (!queued.has(f)) queue.push(f);
  queue.close();
  return { files, ripgrep: false };
}

/** Scans a tree and indexes its flag usages. */
export async function scanCodeTree(options: CodeTreeOptions): Promise<CodeTreeResult> {
  const log = options.log ?? (() => undefined);
  const settings = options.settings ?? DEFAULT_SCAN_SETTINGS;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_CODE_FILE_SIZE;
  const scanner = new Scanner(settings);
  const t0 = performance.now();
  // Workers start loading now, while the tree is listed.
  const cpus = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  // With ripgrep reading the tree, this thread and ripgrep keep two CPUs busy: workers pay from the third.
  const rgLikely = typeof options.ripgrep === "string" || (options.ripgrep !== false && ripgrepPath() !== undefined);
  const wanted = options.worker ? (options.jobs ?? Math.max(rgLikely ? 0 : 1, Math.min(8, cpus - (rgLikely ? 2 : 1)))) : 0;
  const pool = wanted > 0 ? new ScanPool(wanted, options.worker!, { settings, maxFileSize }, log) : undefined;
  // The listing streams candidates into the queue while this thread (and the workers) scan them.
  const queue = new PathQueue();
  let listed = 0;
  const listing = listInto(options, scanner, maxFileSize, queue).then((l) => ((listed = performance.now()), l));
  // This thread scans too: with workers, it takes batches whenever it is free.
  const results = pool
    ? (await Promise.all([pool.scan(queue, scanner), scanQueue(scanner, queue, maxFileSize)])).flat()
    : await scanQueue(scanner, queue, maxFileSize);
  await pool?.close();
  const { files, ripgrep } = await listing;
  const t2 = performance.now();
  const index = new CodeIndex();
  index.update(results);
  const t3 = performance.now();
  // Constants used in calls but declared in files without calls: scan the files they may come from.
  const unresolved = index.unresolvedNames();
  let definitionFiles = 0;
  if (unresolved.length > 0) {
    const more: [string, FileScan][] = [];
    for (const p of definitionCandidates(unresolved, files)) {
      if (index.scanOf(p)?.withConstants) continue;
      const scan = scanPath(scanner, p, maxFileSize, true);
      definitionFiles++;
      if (scan && (scan.constants.length > 0 || scan.calls.length > 0)) more.push([p, scan]);
    }
    index.update(more);
  }
  const t4 = performance.now();
  const workers = pool ? wanted : 0;
  log(
    `Scanned ${files.length} code files (${queue.size} candidates${ripgrep ? " from ripgrep" : ""}, ${results.length} with usages, ${definitionFiles} read for constants, ${workers} workers) in ${Math.round(t4 - t0)} ms; listing done at ${Math.round(listed - t0)} ms`,
  );
  return {
    index,
    files,
    scanned: results.length,
    definitionFiles,
    timings: { listMs: listed - t0, scanMs: t2 - t0, indexMs: t3 - t2, definitionsMs: t4 - t3, workers, ripgrep },
  };
}

/** Lets pending I/O (the listing's stream) and other work of this thread run. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Scans the queue's paths in this thread, a batch at a time. */
async function scanQueue(scanner: Scanner, queue: PathQueue, maxFileSize: number): Promise<[string, FileScan][]> {
  const results: [string, FileScan][] = [];
  for (let batch = await queue.take(); batch; batch = await queue.take()) {
    for (const r of scanPaths(scanner, batch, maxFileSize)) results.push(r);
    await breathe();
  }
  return results;
}

/** Worker threads that scan batches of paths; the calling thread takes batches too while it waits. */
class ScanPool {
  private readonly workers: Worker[] = [];
  private failed: unknown;

  constructor(
    jobs: number,
    entry: WorkerEntry,
    private readonly setup: WorkerSetup,
    private readonly log: (m: string) => void,
  ) {
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(entry.script, { argv: entry.argv ?? [], workerData: setup });
      w.on("error", (e) => {
        this.failed ??= e;
        log(`code scan worker failed: ${String(e)}`);
      });
      this.workers.push(w);
    }
  }

  async scan(queue: PathQueue, scanner: Scanner): Promise<[string, FileScan][]> {
    const results: [string, FileScan][] = [];
    const given: string[][] = [];
    const done = new Set<string[]>();
    await new Promise<void>((resolve) => {
      let pending = 0;
      let drained = false;
      const maybeDone = () => {
        if (drained && (pending <= 0 || this.failed !== undefined)) resolve();
      };
      const feed = (w: Worker) => {
        if (drained || this.failed !== undefined) return maybeDone();
        pending++;
        void queue.take().then((paths) => {
          if (!paths || this.failed !== undefined) {
            pending--;
            if (!paths) drained = true;
            return maybeDone();
          }
          given.push(paths);
          w.postMessage({ id: given.length - 1, paths } satisfies WorkerRequest);
        });
      };
      for (const w of this.workers) {
        w.on("message", (res: WorkerResponse) => {
          pending--;
          for (const r of res.results) results.push(r);
          done.add(given[res.id]);
          feed(w);
          maybeDone();
        });
        w.on("error", () => {
          drained = true;
          maybeDone();
        });
        // Two batches in flight, so a worker never waits for this thread.
        feed(w);
        feed(w);
      }
    });
    if (this.failed !== undefined) {
      this.log("finishing the code scan in this thread");
      for (const batch of given) if (!done.has(batch)) results.push(...scanPaths(scanner, batch, this.setup.maxFileSize));
      results.push(...(await scanQueue(scanner, queue, this.setup.maxFileSize)));
    }
    return results;
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
