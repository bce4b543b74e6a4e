// The `flaglens` settings section, pulled with workspace/configuration or pushed with
// workspace/didChangeConfiguration: every setting the server reads is read here.

import { parseCodeSettings, type CodeSettings } from "./service/code/settings";
import type { SeverityOverrides } from "./service/validation/codes";
import type { WorkspaceSettings } from "./service/workspace";

/** The `flaglens` settings section as the client sends it (VS Code nests dotted names: `code.functions` is `code: { functions }`). */
export interface FlaglensSettings {
  severity?: Record<string, string>;
  maxFileSize?: number;
  config?: { execute?: boolean };
  code?: { functions?: unknown; clients?: unknown; include?: unknown; exclude?: unknown; gitignore?: unknown; lens?: unknown };
  stale?: { days?: unknown; permanentTags?: unknown };
}

/** What the server does with its settings. */
export interface ServerSettings {
  workspace: Partial<WorkspaceSettings>;
  /** flaglens.config.execute (honoured in trusted workspaces only). */
  executeConfig: boolean;
  code: CodeSettings;
  /** Values that were wrong and ignored, one message each. */
  problems: string[];
}

const SEVERITY_VALUES = new Set(["error", "warning", "information", "hint", "off"]);

/** Reads the settings section; never throws (wrong values are ignored, the code settings' with a problem). */
export function readSettings(raw: unknown): ServerSettings {
  const s = (typeof raw === "object" && raw !== null ? raw : {}) as FlaglensSettings;
  const severity: SeverityOverrides = {};
  const severities = s.severity;
  if (typeof severities === "object" && severities !== null) {
    for (const [code, value] of Object.entries(severities)) {
      const v = value === "info" ? "information" : value;
      if (SEVERITY_VALUES.has(v)) severity[code] = v as SeverityOverrides[string];
    }
  }
  const workspace: Partial<WorkspaceSettings> = { severity };
  const maxFileSize = s.maxFileSize;
  if (typeof maxFileSize === "number" && maxFileSize > 0) workspace.maxFileSize = maxFileSize;
  const config = s.config;
  const executeConfig = typeof config === "object" && config !== null && config.execute === true;
  const { settings: code, problems } = parseCodeSettings(s.code, s.stale);
  return { workspace, executeConfig, code, problems };
}
