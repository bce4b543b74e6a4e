// Validating a whole project once, without keeping an index: the CLI's path. The same rules and
// the same validateFile as the language server; only the bookkeeping for incremental updates
// (reverse dependencies, change detection) is left out.

import type { FileSystem } from "./fileSystem";
import { loadProjects } from "./project/loader";
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

/**
 * The loaded projects of a config root (one, or one per set) and the diagnostics of their files (and
 * config), by path; files without findings are absent.
 */
export async function lintFiles(
  fs: FileSystem,
  root: string,
  options: LintOptions,
): Promise<{ projects: Project[]; diagnostics: Map<string, FlaglensDiagnostic[]> }> {
  // Workers splitting the files were tried: on two cores, loading the bundle and listing the
  // project again in each cost more than the parallel parsing saved. Reading files ahead on
  // libuv's thread pool was tried too: the reads are short, and the yields to take them in cost
  // what they saved.
  const projects = await loadProjects(fs, root, { log: options.log, maxFileSize: options.maxFileSize ?? 1048576 });
  const severity = options.severity ?? {};
  const diagnostics = new Map<string, FlaglensDiagnostic[]>();
  // The sets of a project share its config, whose findings are reported once.
  const config = configDiagnostics(projects[0], severity);
  if (config.length > 0) diagnostics.set(projects[0].configPath, config);
  for (const project of projects) {
    for (const entry of project.files.values()) {
      const d = validateFile(project, entry, severity, options.log).diagnostics;
      if (d.length > 0) diagnostics.set(entry.path, d);
    }
  }
  return { projects, diagnostics };
}
