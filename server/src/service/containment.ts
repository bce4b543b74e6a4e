// Whether paths stay inside a folder once symbolic links are resolved. The loader uses it so a
// link cannot pull files from outside a project into diagnostics, and the LSP handlers and the
// CLI use it so no edit Flaglens proposes writes through a link to a file outside the workspace.

import { dirname, type FileSystem } from "./fileSystem";

/** Whether `path` is `folder` or lies below it; both absolute posix paths, compared as text. */
export function isWithin(folder: string, path: string): boolean {
  if (folder === "/" || path === folder) return true;
  return path.startsWith(folder.endsWith("/") ? folder : folder + "/");
}

/**
 * The real path of `path` with every symbolic link resolved. A path that does not exist yet (the
 * new name of a rename) resolves through its nearest existing ancestor, since that is where the
 * file would be created. Undefined when no ancestor resolves (a link loop, say).
 */
export async function resolvedPath(fs: FileSystem, path: string): Promise<string | undefined> {
  let rest = "";
  for (let p = path; ; p = dirname(p)) {
    try {
      const real = await fs.realPath(p);
      return rest === "" ? real : real.replace(/\/$/, "") + rest;
    } catch {
      // Missing (or a dangling link): try the parent, keeping the name that did not resolve.
      if (p === "/") return undefined;
      rest = p.slice(p.lastIndexOf("/")) + rest;
    }
  }
}

/**
 * The paths, of those given, that lie outside every folder once links are resolved (the folders'
 * own links included). A path that cannot be resolved at all counts as outside.
 */
export async function pathsOutside(fs: FileSystem, folders: readonly string[], paths: Iterable<string>): Promise<string[]> {
  const roots: string[] = [];
  for (const f of folders) roots.push((await resolvedPath(fs, f)) ?? f);
  const outside: string[] = [];
  for (const p of new Set(paths)) {
    const real = await resolvedPath(fs, p);
    if (real === undefined || !roots.some((r) => isWithin(r, real))) outside.push(p);
  }
  return outside;
}
