// Scanning a source tree for flag usages: list the files and pre-filter them (ripgrep where
// installed, else a walk and a read of every file), scan the candidates (in worker threads for
// large trees, this thread helping), then the files that may declare constants used in calls.

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
import { ripgrepListing, ripgrepPath } from "./ripgrep";

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
  /** Use ripgrep to list and pre-filter the tree when it is installed (default true). */
  ripgrep?: boolean;
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

/** Below this many files, workers cost more than they save. */
const WORKER_THRESHOLD = 3000;
const BATCH = 64;

/** Lists the code files and the candidates among them, with ripgrep when it is there. */
async function listAndFilter(
  options: CodeTreeOptions,
  scanner: Scanner,
  maxFileSize: number,
): Promise<{ files: string[]; candidates: string[]; ripgrep: boolean }> {
  const rg = options.ripgrep !== false ? ripgrepPath() : undefined;
  if (rg) {
    const root = toServicePath(options.root);
    const listing = await ripgrepListing(rg, root, {
      needles: scanner.exactNames(),
      extensions: codeExtensions(),
      exclude: options.exclude ?? [],
      gitignore: options.gitignore !== false,
      maxFileSize,
      skip: [...ALWAYS_SKIPPED],
    });
    if (listing) {
      const extensions = new Set(codeExtensions());
      const filter = new PathFilter(options.include ?? [], options.exclude ?? []);
      const prefix = root.endsWith("/") ? root : root + "/";
      const files = listing.files
        .filter((f) => extensions.has(extensionOf(f)) && filter.acceptsFile(f.startsWith(prefix) ? f.slice(prefix.length) : f))
        .sort();
      return { files, candidates: files.filter((f) => listing.matching.has(f)), ripgrep: true };
    }
    options.log?.("ripgrep failed; walking the tree");
  }
  const files = listCodeFiles(options.root, options);
  return { files, candidates: files, ripgrep: false };
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
  const rgLikely = options.ripgrep !== false && ripgrepPath() !== undefined;
  const wanted = options.worker ? (options.jobs ?? Math.max(rgLikely ? 0 : 1, Math.min(8, cpus - (rgLikely ? 2 : 1)))) : 0;
  const pool = wanted > 0 ? new ScanPool(wanted, options.worker!, { settings, maxFileSize }, log) : undefined;
  const { files, candidates, ripgrep } = await listAndFilter(options, scanner, maxFileSize);
  const t1 = performance.now();
  const usePool = pool !== undefined && (options.jobs !== undefined || candidates.length >= WORKER_THRESHOLD / 4 || !ripgrep);
  const results = usePool ? await pool.scan(candidates, scanner) : scanPaths(scanner, candidates, maxFileSize);
  await pool?.close();
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
  const workers = usePool ? wanted : 0;
  log(
    `Scanned ${files.length} code files (${candidates.length} candidates${ripgrep ? " from ripgrep" : ""}, ${results.length} with usages, ${definitionFiles} read for constants, ${workers} workers) in ${Math.round(t4 - t0)} ms`,
  );
  return {
    index,
    files,
    scanned: results.length,
    definitionFiles,
    timings: { listMs: t1 - t0, scanMs: t2 - t1, indexMs: t3 - t2, definitionsMs: t4 - t3, workers, ripgrep },
  };
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

  async scan(files: string[], scanner: Scanner): Promise<[string, FileScan][]> {
    const results: [string, FileScan][] = [];
    const done = new Set<string>();
    let next = 0;
    const take = (): string[] | undefined => {
      if (next >= files.length || this.failed !== undefined) return undefined;
      const batch = files.slice(next, next + BATCH);
      next += batch.length;
      return batch;
    };
    await new Promise<void>((resolve) => {
      let pending = 0;
      let mainDone = false;
      const maybeDone = () => {
        if (mainDone && (pending <= 0 || this.failed !== undefined)) resolve();
      };
      const feed = (w: Worker) => {
        const paths = take();
        if (!paths) return;
        pending++;
        w.postMessage({ id: 0, paths } satisfies WorkerRequest);
      };
      for (const w of this.workers) {
        w.on("message", (res: WorkerResponse) => {
          pending--;
          for (const r of res.results) results.push(r);
          for (const p of res.paths) done.add(p);
          feed(w);
          maybeDone();
        });
        w.on("error", maybeDone);
        // Two batches in flight, so a worker never waits for this thread.
        feed(w);
        feed(w);
      }
      const helpOut = () => {
        const paths = take();
        if (!paths) {
          mainDone = true;
          maybeDone();
          return;
        }
        for (const r of scanPaths(scanner, paths, this.setup.maxFileSize)) results.push(r);
        for (const p of paths) done.add(p);
        setImmediate(helpOut);
      };
      helpOut();
    });
    if (this.failed !== undefined) {
      this.log("finishing the code scan in this thread");
      results.push(
        ...scanPaths(
          scanner,
          files.filter((f) => !done.has(f)),
          this.setup.maxFileSize,
        ),
      );
    }
    return results;
  }

  close(): Promise<unknown> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
