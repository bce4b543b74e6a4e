// An in-memory FileSystem for tests: paths are absolute posix paths.

import type { FileStat, FileSystem, FileType } from "../../server/src/service/fileSystem";

/** A file tree held in memory; symlinks map a path to a target path. */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly links = new Map<string, string>();
  readonly unreadable = new Set<string>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === "string" ? new TextEncoder().encode(content) : content);
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw new Error(`ELOOP: too many symbolic links: ${path}`);
    for (const [link, target] of this.links) {
      if (path === link || path.startsWith(link + "/")) return this.resolve(target + path.slice(link.length), depth + 1);
    }
    return path;
  }

  private isDir(path: string): boolean {
    const prefix = path.endsWith("/") ? path : path + "/";
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    for (const l of this.links.keys()) if (l.startsWith(prefix)) return true;
    return false;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const real = this.resolve(path);
    if (this.unreadable.has(real)) throw new Error(`EACCES: permission denied, open '${path}'`);
    const f = this.files.get(real);
    if (!f) throw new Error(`ENOENT: no such file, open '${path}'`);
    return f;
  }

  async readDirectory(path: string): Promise<[string, FileType][]> {
    const real = this.resolve(path);
    if (!this.isDir(real)) throw new Error(`ENOENT: no such directory '${path}'`);
    const prefix = real.endsWith("/") ? real : real + "/";
    const out = new Map<string, FileType>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash < 0) out.set(rest, "file");
      else if (!out.has(rest.slice(0, slash))) out.set(rest.slice(0, slash), "directory");
    }
    for (const l of this.links.keys()) {
      if (l.startsWith(prefix) && !l.slice(prefix.length).includes("/")) out.set(l.slice(prefix.length), "symlink");
    }
    return [...out.entries()];
  }

  async stat(path: string): Promise<FileStat | undefined> {
    let real: string;
    try {
      real = this.resolve(path);
    } catch {
      return undefined;
    }
    const f = this.files.get(real);
    if (f) return { type: "file", size: f.length, mtime: 0 };
    if (this.isDir(real)) return { type: "directory", size: 0, mtime: 0 };
    return undefined;
  }

  async realPath(path: string): Promise<string> {
    return this.resolve(path);
  }

  readFileSync(path: string): Uint8Array {
    const real = this.resolve(path);
    if (this.unreadable.has(real)) throw new Error(`EACCES: permission denied, open '${path}'`);
    const f = this.files.get(real);
    if (!f) throw new Error(`ENOENT: no such file, open '${path}'`);
    return f;
  }

  statSync(path: string): FileStat | undefined {
    try {
      const f = this.files.get(this.resolve(path));
      return f ? { type: "file", size: f.length, mtime: 0 } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Removes the synchronous calls, so the service takes its read-everything-at-load path. */
  withoutSyncReads(): this {
    const self = this as { readFileSync?: unknown; statSync?: unknown };
    self.readFileSync = undefined;
    self.statSync = undefined;
    return this;
  }
}
