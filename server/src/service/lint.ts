// Validating a whole project once, without keeping an index: the CLI's path. The same rules and
// the same validateFile as the language server; only the bookkeeping for incremental updates
// (reverse dependencies, change detection) is left out.

import type { FileSystem } from "./fileSystem";
import { loadProject } from "./project/loader";
import type { Project } from "./project/project";
import type { FlaglensDiagnostic } from "./types";
import type { SeverityOverrides } from "./validation/codes";
import { validateFile } from "./validation/validateFile";
import { configDiagnostics } from "./workspace";

/** Options of a lint run. */
export interface LintOptions {
  log: (message: string) => void;
  severity?: SeverityOverrides;
  maxFileSize?: number;
}

/** A loaded project and the diagnostics of its files (and config), by path; files without findings are absent. */
export async function lintFiles(
  fs: FileSystem,
  root: string,
  options: LintOptions,
): Promise<{ project: Project; diagnostics: Map<string, FlaglensDiagnostic[]> }> {
  // Workers splitting the files were tried: on two cores, loading the bundle and listing the
  // project again in each cost more than the parallel parsing saved. Reading files ahead on
  // libuv's thread pool was tried too: the reads are short, and the yields to take them in cost
  // what they saved.
  const project = await loadProject(fs, root, { log: options.log, maxFileSize: options.maxFileSize ?? 1048576 });
  const severity = options.severity ?? {};
  const diagnostics = new Map<string, FlaglensDiagnostic[]>();
  const config = configDiagnostics(project, severity);
  if (config.length > 0) diagnostics.set(project.configPath, config);
  for (const entry of project.files.values()) {
    const d = validateFile(project, entry, severity, options.log).diagnostics;
    if (d.length > 0) diagnostics.set(entry.path, d);
  }
  return { project, diagnostics };
}
