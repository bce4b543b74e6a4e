// Publishing diagnostics and the status summary to the client.

import type { Connection, Diagnostic } from "vscode-languageserver";
import { DiagnosticSeverity } from "vscode-languageserver";
import { StatusNotification, type ProjectStatus, type StatusParams } from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { FlaglensDiagnostic } from "../service/types";
import type { ChangedFiles, Workspace } from "../service/workspace";

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** Converts a service diagnostic to LSP. */
export function toLspDiagnostic(d: FlaglensDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: d.source,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
}

function countSeverities(list: readonly FlaglensDiagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of list) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
  }
  return { errors, warnings };
}

/** Sends diagnostics for changed files, and the status when it changes. */
export class DiagnosticsPublisher {
  private lastStatus = "";
  /** `loading` until the workspace folders have been indexed once. */
  state: StatusParams["state"] = "loading";

  constructor(
    private readonly connection: Connection,
    private readonly runtime: RuntimeEnvironment,
    private readonly workspace: Workspace,
    /** The version of an open document, echoed in its diagnostics. */
    private readonly versionOf: (uri: string) => number | undefined = () => undefined,
    /** Called after diagnostics of some file changed, e.g. to refresh code lenses. */
    private readonly onChanged: () => void = () => undefined,
    /** Diagnostics of application code files, which the workspace of flag files does not know. */
    private readonly codeDiagnostics: (path: string) => FlaglensDiagnostic[] = () => [],
  ) {}

  private readonly sentForCode = new Map<string, string>();
  /** Errors and warnings last published for each code file that has any. */
  private readonly codeCounts = new Map<string, { errors: number; warnings: number }>();

  /** Publishes code files whose diagnostics differ from what was last sent. */
  publishCode(paths: Iterable<string>): void {
    const changed: string[] = [];
    for (const path of paths) {
      const diagnostics = this.codeDiagnostics(path);
      const json = JSON.stringify(diagnostics);
      if (this.sentForCode.get(path) === json) continue;
      this.sentForCode.set(path, json);
      changed.push(path);
      const counts = countSeverities(diagnostics);
      if (counts.errors + counts.warnings > 0) this.codeCounts.set(path, counts);
      else this.codeCounts.delete(path);
    }
    if (changed.length > 0) this.publish(new Set(changed));
  }

  publish(changed: ChangedFiles): void {
    for (const path of changed) {
      const extra = this.codeDiagnostics(path);
      // What publishCode compares with: this is now what the client has.
      this.sentForCode.set(path, JSON.stringify(extra));
      const diagnostics = [...this.workspace.diagnostics(path), ...extra].map(toLspDiagnostic);
      const uri = this.runtime.pathToUri(path);
      void this.connection.sendDiagnostics({ uri, version: this.versionOf(uri), diagnostics });
    }
    if (changed.size > 0) this.onChanged();
    this.sendStatus();
  }

  sendStatus(state: StatusParams["state"] = this.state): void {
    this.state = state;
    const projects: ProjectStatus[] = [...this.workspace.projects.values()].map((p) => {
      let errors = 0;
      let warnings = 0;
      for (const list of this.workspace.projectDiagnostics(p).values()) {
        const c = countSeverities(list);
        errors += c.errors;
        warnings += c.warnings;
      }
      const version = p.version ? { version: { version: p.version.version, reason: p.version.reason } } : {};
      const set = p.set !== undefined ? { set: p.set } : {};
      return { root: p.root, format: p.format, ...version, ...set, environments: p.environments, errors, warnings, files: p.files.size };
    });
    const code = { errors: 0, warnings: 0, files: this.codeCounts.size };
    for (const c of this.codeCounts.values()) {
      code.errors += c.errors;
      code.warnings += c.warnings;
    }
    const params: StatusParams = { state, projects, code };
    const key = JSON.stringify(params);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    void this.connection.sendNotification(StatusNotification, params);
  }
}
