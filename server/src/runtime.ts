// What the server needs from its host, injected so the server can run on Node or in tests.

import type { CodeTreeSettings } from "./service/code/settings";
import type { StalenessContext, StalenessSettings } from "./service/code/staleness";
import type { FileScan } from "./service/code/usages";
import type { Project } from "./service/project/project";
import type { FileSystem } from "./service/fileSystem";

/** The host environment of the language server. */
export interface RuntimeEnvironment {
  fs: FileSystem;
  /** Converts a document URI to the service's posix path; undefined for URIs that are not files. */
  uriToPath(uri: string): string | undefined;
  pathToUri(path: string): string;
  /** Runs a trusted project's featurevisor.config.js and returns its exported object. */
  executeConfig?: (configPath: string) => Promise<Record<string, unknown> | undefined>;
  /**
   * Watches a folder tree for changes to flag files, for clients that cannot watch files for the
   * server; calls back with changed paths. Returns a function that stops watching.
   */
  watch?: (root: string, onChange: (paths: string[]) => void) => () => void;
  /**
   * Scans the application code below a folder for flag usages (the initial index, and again when
   * the code settings change): the include and exclude globs, .gitignore, wrappers and clients.
   */
  scanCode?: (root: string, log: (message: string) => void, options: CodeTreeSettings) => Promise<[string, FileScan][]>;
  /**
   * Whether a tree scan would leave out a code file for its ignore files (when `gitignore` is on:
   * .gitignore and .git/info/exclude) or for lying in a folder never scanned (node_modules, .git):
   * asked for files as they are edited. The rules are those a scan of the innermost of `folders`
   * holding the file applies; outside every folder, those of the file's repository.
   */
  ignoresCode?: (path: string, folders: readonly string[], gitignore: boolean) => boolean;
  /** When the files of these features last changed (git history), for stale-flag with these settings. */
  staleness?: (features: [Project, string][], settings: StalenessSettings) => Promise<StalenessContext>;
  /** Git revisions of the repository holding a project, for the rollout changes (flaglens/rolloutChanges). */
  git?: GitAccess;
}

/**
 * What the rollout changes ask git. Each call throws an Error whose message is for the user (the folder
 * is in no repository, the revision is unknown).
 */
export interface GitAccess {
  /** The commit a revision names in the repository holding `folder`. */
  resolve(folder: string, revision: string): Promise<string>;
  /** The files below `folder` as the commit has them (read once, served from memory); paths outside come from the disk. */
  files(folder: string, commit: string): Promise<FileSystem>;
  /** The paths below `folder` that differ between the commit and the disk, untracked files included. */
  changedOnDisk(folder: string, commit: string): Promise<Set<string>>;
}
