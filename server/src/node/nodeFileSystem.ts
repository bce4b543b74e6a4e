// The service's FileSystem over Node's fs, for the server and the CLI.

import * as fs from "node:fs";
import * as path from "node:path";
import type { FileStat, FileSystem, FileType } from "../service/fileSystem";

function typeOf(d: fs.Dirent | fs.Stats): FileType {
  if (d.isSymbolicLink()) return "symlink";
  if (d.isDirectory()) return "directory";
  if (d.isFile()) return "file";
  return "other";
}

/** Converts a native path to the posix form the service uses. */
export function toServicePath(p: string): string {
  const abs = path.resolve(p);
  return path.sep === "\\" ? abs.replace(/\\/g, "/") : abs;
}

/** A FileSystem backed by node:fs. Reads are synchronous under a promise: small files read faster that way. */
export const nodeFileSystem: FileSystem = {
  async readFile(p: string): Promise<Uint8Array> {
    return fs.readFileSync(p);
  },
  async readDirectory(p: string): Promise<[string, FileType][]> {
    return fs.readdirSync(p, { withFileTypes: true }).map((d) => [d.name, typeOf(d)]);
  },
  async stat(p: string): Promise<FileStat | undefined> {
    try {
      const s = fs.statSync(p);
      return { type: typeOf(s), size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
  async realPath(p: string): Promise<string> {
    return toServicePath(fs.realpathSync(p));
  },
  readFileSync(p: string): Uint8Array {
    return fs.readFileSync(p);
  },
  statSync(p: string): FileStat | undefined {
    try {
      const s = fs.statSync(p);
      return { type: typeOf(s), size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
};
