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
  tests?: { run?: unknown };
}

/** When the editor runs test specs: as files change, when they are saved, or never. */
export type TestRunMode = "onChange" | "onSave" | "off";
const TEST_RUN_MODES: readonly string[] = ["onChange", "onSave", "off"];

/** What the server does with its settings. */
export interface ServerSettings {
  workspace: Partial<WorkspaceSettings>;
  /** flaglens.config.execute (honoured in trusted workspaces only). */
  executeConfig: boolean;
  code: CodeSettings;
  /** flaglens.tests.run. */
  tests: TestRunMode;
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
  const run = typeof s.tests === "object" && s.tests !== null ? s.tests.run : undefined;
  let tests: TestRunMode = "onChange";
  if (typeof run === "string" && TEST_RUN_MODES.includes(run)) tests = run as TestRunMode;
  else if (run !== undefined) problems.push(`flaglens.tests.run must be one of ${TEST_RUN_MODES.join(", ")}; using onChange.`);
  return { workspace, executeConfig, code, tests, problems };
}
