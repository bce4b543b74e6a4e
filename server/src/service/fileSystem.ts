// The file system as the language service sees it: injected, so the service stays pure
// and tests can run on in-memory trees.

/** What a directory entry is. */
export type FileType = "file" | "directory" | "symlink" | "other";

/** Metadata of one path. */
export interface FileStat {
  type: FileType;
  size: number;
  /** Modification time in milliseconds since the epoch. */
  mtime: number;
}

/** The subset of a file system the service needs. Paths are absolute and use `/`. */
export interface FileSystem {
  /** Reads a file's bytes; rejects when it is missing or unreadable. */
  readFile(path: string): Promise<Uint8Array>;
  /** Lists a directory's entries; symbolic links are reported as `symlink`, not followed. */
  readDirectory(path: string): Promise<[name: string, type: FileType][]>;
  /** Stats a path, following symbolic links; resolves `undefined` when it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Resolves symbolic links; used to walk each real directory once. */
  realPath(path: string): Promise<string>;
  /**
   * Synchronous variants, optional. When present, a project's files are read on first use rather
   * than all at load, so the file a user opens is checked before the rest of the project is read.
   */
  readFileSync?(path: string): Uint8Array;
  statSync?(path: string): FileStat | undefined;
}

/** Joins posix path parts, collapsing duplicate separators. */
export function joinPath(...parts: string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .join("/")
    .replace(/\/+/g, "/");
}

/** The relative posix path from `root` to `path`, or `undefined` when `path` is not under `root`. */
export function relativePath(root: string, path: string): string | undefined {
  const r = root.endsWith("/") ? root : root + "/";
  if (path === root) return "";
  return path.startsWith(r) ? path.slice(r.length) : undefined;
}

/** The parent directory of a posix path. */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

/**
 * The one list of folders no walk enters, whatever .gitignore says: version control and installed
 * dependencies (the code scan, and with it `flaglens refs`, `stale`, `remove` and the editor).
 */
export const ALWAYS_SKIPPED_FOLDERS: ReadonlySet<string> = new Set([".git", ".hg", ".svn", "node_modules"]);

/** Build outputs, also skipped when looking for Featurevisor projects (with hidden folders): they hold no flag files of their own. */
export const PROJECT_SKIPPED_FOLDERS: ReadonlySet<string> = new Set([...ALWAYS_SKIPPED_FOLDERS, "dist", "out", "build", "coverage"]);
