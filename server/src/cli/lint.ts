// `flaglens lint`: the project's diagnostics, as the language server computes them.

import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../node/nodeFileSystem";
import { relativePath } from "../service/fileSystem";
import { CONFIG_FILE, findProjectRoots } from "../service/project/loader";
import { UsageError } from "./args";
import type { LintResult } from "./formats";
import { lintFiles } from "../service/lint";

/** Thrown when no project can be found; the CLI exits with 2. */
export class NoProjectError extends UsageError {}

/** Finds the project to lint: `--project DIR`, or the nearest one at or above the current folder, or the only one below it. */
export async function resolveProjectRoot(projectOption: string | undefined, cwd: string): Promise<string> {
  const start = toServicePath(path.resolve(cwd, projectOption ?? "."));
  if (!fs.existsSync(start)) throw new NoProjectError(`${projectOption ?? start}: no such folder`);
  if (fs.existsSync(path.join(start, CONFIG_FILE))) return start;
  if (!projectOption) {
    for (let dir = path.dirname(start); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, CONFIG_FILE))) return toServicePath(dir);
    }
  }
  const below = await findProjectRoots(nodeFileSystem, start, () => undefined);
  if (below.length === 1) return below[0];
  if (below.length === 0) throw new NoProjectError(`no Featurevisor project (${CONFIG_FILE}) found in ${start}`);
  throw new NoProjectError(`several Featurevisor projects found; choose one with --project:\n${below.map((b) => "  " + b).join("\n")}`);
}

/** Loads and validates a project. */
export async function lintProject(root: string, log: (m: string) => void): Promise<LintResult> {
  const { projects, diagnostics } = await lintFiles(nodeFileSystem, root, { log });
  const items: LintResult["items"] = [];
  for (const file of [...diagnostics.keys()].sort()) {
    const rel = relativePath(root, file) ?? file;
    for (const d of diagnostics.get(file)!) items.push({ file: rel, diagnostic: d });
  }
  const [project] = projects;
  const sets = projects.flatMap((p) => (p.set !== undefined ? [p.set] : []));
  // The files of every set count, and so do the files Flaglens could not read (custom parser, other extension).
  const unreadFiles = projects.flatMap((p) => p.unread?.files ?? []);
  const unread = projects.find((p) => p.unread !== undefined)?.unread;
  const notValidated = unread && { reason: unread.reason, files: unreadFiles };
  const files = projects.reduce((sum, p) => sum + p.files.size, 0) + unreadFiles.length;
  return {
    root,
    format: project.format,
    ...(project.version ? { version: project.version } : {}),
    environments: project.environments,
    ...(sets.length > 0 ? { sets } : {}),
    items,
    files,
    ...(notValidated ? { notValidated } : {}),
  };
}
