// The entity files Flaglens does not read, so that a project is never checked as "0 files" in silence:
// files of a custom parser it cannot run, files with another extension than the parser's, or no files at all.

import { joinPath, relativePath, type FileSystem } from "../fileSystem";
import { entityDirectories, type EntityLayout } from "./entries";
import { realPathOf, walkTree } from "./treeWalk";

/** Why entity files are not validated, and which (project-relative paths, sorted). */
export interface UnreadFiles {
  /** Short, for a summary line: e.g. "custom parser". */
  reason: "custom parser" | "other extension" | "no entity files";
  /** A sentence for the diagnostic on featurevisor.config.js. */
  message: string;
  files: string[];
}

/** Lists every file under the entity directories, relative to the root. */
async function listEntityFolderFiles(fs: FileSystem, root: string, config: EntityLayout): Promise<string[]> {
  const files = new Set<string>();
  const seen = new Set<string>();
  // Links out of the project are not followed here either.
  const boundary = (await realPathOf(fs, root)) ?? root;
  for (const [dir] of entityDirectories(config)) {
    const start = dir.startsWith("/") ? dir : joinPath(root, dir);
    await walkTree(
      fs,
      start,
      boundary,
      { file: (path, name) => !name.startsWith(".") && void files.add(relativePath(root, path) ?? path) },
      seen,
    );
  }
  return [...files].sort();
}

/** Names a few files, and how many more there are. */
function nameFiles(files: string[]): string {
  const shown = files.slice(0, 5).join(", ");
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

/** What is not read in a project whose listing found `listed` entity files; undefined when everything is. */
export async function findUnreadFiles(
  fs: FileSystem,
  root: string,
  config: EntityLayout,
  listed: number,
): Promise<UnreadFiles | undefined> {
  if (config.parser !== "custom" && listed > 0) return undefined;
  const all = await listEntityFolderFiles(fs, root, config);
  // The folders in the order Featurevisor's documentation lists them, not the longest-first order of the lookup.
  const order = ["attribute", "segment", "feature", "group", "test", "schema", "target", "environment"];
  const folders = entityDirectories(config)
    .sort((a, b) => order.indexOf(a[1]) - order.indexOf(b[1]))
    .map(([dir]) => dir + "/")
    .join(", ");
  if (config.parser === "custom") {
    const ext = config.parserExtension;
    const files = ext ? all.filter((f) => f.endsWith("." + ext)) : all;
    const what = ext ? `.${ext} files` : "entity files";
    const message = `Flaglens cannot read the ${what} of this custom parser without running it, so ${files.length} file${files.length === 1 ? " is" : "s are"} not validated${files.length > 0 ? `: ${nameFiles(files)}` : ""}.`;
    return { reason: "custom parser", message, files };
  }
  if (all.length > 0) {
    const wanted = config.parser === "yml" ? ".yml" : `.${config.parser}`;
    const message = `No ${wanted} entity files were found, but ${all.length} other file${all.length === 1 ? " is" : "s are"} in ${folders} (${nameFiles(all)}): check "parser" in featurevisor.config.js; these files are not validated.`;
    return { reason: "other extension", message, files: all };
  }
  const message = `No entity files were found in ${folders} so nothing is validated; Flaglens may not know this project's layout.`;
  return { reason: "no entity files", message, files: [] };
}
