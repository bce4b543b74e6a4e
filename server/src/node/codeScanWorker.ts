// Scanning files from disk: reading each file, the literal pre-filter on its text, and the
// scan. Runs in the calling thread, or in worker threads (runCodeScanWorker) for large trees.

import * as fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { Scanner } from "../service/code/scan";
import type { CodeScanSettings, FileScan } from "../service/code/usages";

/** Files larger than this are not scanned (generated or minified code). */
export const DEFAULT_MAX_CODE_FILE_SIZE = 2 * 1024 * 1024;

/** What a worker is told when it starts. */
export interface WorkerSetup {
  settings: CodeScanSettings;
  maxFileSize: number;
}

/** A batch of paths for a worker, and what comes back. */
export type WorkerRequest = { id: number; paths: string[] };
export type WorkerResponse = { id: number; results: [string, FileScan][]; paths: string[] };

/** One read buffer per thread: allocating a Buffer per file costs more than the read. */
let readBuffer = Buffer.allocUnsafe(256 * 1024);

/** Reads a whole file into the thread's buffer; returns its length, or -1 when unreadable or larger than `max`. */
function readInto(path: string, max: number): number {
  let fd: number;
  try {
    fd = fs.openSync(path, "r");
  } catch {
    return -1;
  }
  try {
    let n = 0;
    for (;;) {
      if (n === readBuffer.length) {
        if (n > max) return -1;
        const bigger = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(bigger, 0, 0, n);
        readBuffer = bigger;
      }
      const r = fs.readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (r === 0) break;
      n += r;
    }
    return n > max ? -1 : n;
  } catch {
    return -1;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and scans one file; undefined when it cannot be read, is too large or binary, or has no usage. */
export function scanPath(scanner: Scanner, path: string, maxFileSize: number, constantsToo = false): FileScan | undefined {
  const n = readInto(path, maxFileSize);
  if (n < 0) return undefined;
  const text = readBuffer.toString("utf8", 0, n);
  if (!constantsToo && !scanner.mayHaveUsages(text)) return undefined;
  if (readBuffer.subarray(0, n).indexOf(0) >= 0) return undefined; // Binary.
  return scanner.scan(path, text, constantsToo);
}

/** Scans paths in this thread. */
export function scanPaths(scanner: Scanner, paths: readonly string[], maxFileSize: number): [string, FileScan][] {
  const out: [string, FileScan][] = [];
  for (const p of paths) {
    const scan = scanPath(scanner, p, maxFileSize);
    if (scan) out.push([p, scan]);
  }
  return out;
}

/** The body of a scan worker thread: answers batches of paths until the pool terminates it. */
export function runCodeScanWorker(): Promise<number> {
  const setup = workerData as WorkerSetup;
  const scanner = new Scanner(setup.settings);
  parentPort!.on("message", (req: WorkerRequest) => {
    const results = scanPaths(scanner, req.paths, setup.maxFileSize);
    parentPort!.postMessage({ id: req.id, results, paths: req.paths } satisfies WorkerResponse);
  });
  // Never resolves: the thread lives until the pool terminates it.
  return new Promise<number>(() => undefined);
}
