// The language server's git (RuntimeEnvironment.git), over gitSnapshot.ts as `flaglens diff` reads it:
// a revision's commit, its files below a project as a FileSystem, and the paths that differ on disk.
// A project opened through a symbolic link is read from git at its real path and served at the path
// the editor uses, so the snapshot's paths and the workspace's are the same.

import * as fs from "node:fs";
import type { GitAccess } from "../runtime";
import type { FileSystem } from "../service/fileSystem";
import { changedPaths, gitTopLevel, gitTreeFileSystem, resolveCommit } from "./gitSnapshot";
import { nodeFileSystem, toServicePath } from "./nodeFileSystem";

/** `path` below `from`, moved below `to` (unchanged when it is not below `from`). */
function moved(path: string, from: string, to: string): string {
  return path === from ? to : path.startsWith(from + "/") ? to + path.slice(from.length) : path;
}

/** A FileSystem over `inner`, whose paths below `real` are asked and answered below `shown`. */
function served(inner: FileSystem, real: string, shown: string): FileSystem {
  if (real === shown) return inner;
  const toReal = (p: string) => moved(p, shown, real);
  return {
    readFile: (p) => inner.readFile(toReal(p)),
    readDirectory: (p) => inner.readDirectory(toReal(p)),
    stat: (p) => inner.stat(toReal(p)),
    realPath: async (p) => moved(await inner.realPath(toReal(p)), real, shown),
    ...(inner.readFileSync ? { readFileSync: (p: string) => inner.readFileSync!(toReal(p)) } : {}),
    ...(inner.statSync ? { statSync: (p: string) => inner.statSync!(toReal(p)) } : {}),
  };
}

/** The git of the language server: the top level of each folder is looked up once. */
export function nodeGitAccess(): GitAccess {
  const places = new Map<string, { top: string; real: string }>();
  const place = (folder: string) => {
    let found = places.get(folder);
    if (!found) {
      const real = toServicePath(fs.realpathSync(folder));
      found = { top: gitTopLevel(real), real };
      places.set(folder, found);
    }
    return found;
  };
  return {
    async resolve(folder, revision) {
      // A folder outside git is not remembered: once it becomes a repository (git init), it is found.
      return resolveCommit(place(folder).top, revision);
    },
    async files(folder, commit) {
      const { top, real } = place(folder);
      return served(gitTreeFileSystem(top, commit, real, nodeFileSystem), real, folder);
    },
    async changedOnDisk(folder, commit) {
      const { top, real } = place(folder);
      return new Set([...changedPaths(top, real, commit, undefined)].map((p) => moved(p, real, folder)));
    },
  };
}
