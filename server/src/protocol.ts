// Custom LSP messages shared by the server and the VS Code client.
// Declared once here; the client imports this file through the bundler.

import type { RolloutChange, RolloutRisk } from "./service/diff/types";

/** Options the client sends in `initializationOptions`. */
export interface FlaglensInitializationOptions {
  /** Whether the editor trusts the workspace; an untrusted workspace never executes featurevisor.config.js. */
  trusted?: boolean;
  /**
   * The client runs `command:` links in hovers (VS Code's, which trusts flaglens.openRolloutPanel's): a
   * feature's hover then ends with a link that opens its rollout panel.
   */
  commandLinks?: boolean;
}

/** The command a feature hover's link runs (commandLinks), with `[{ type: "feature", feature: { key }, project: { root } }]`. */
export const OPEN_ROLLOUT_PANEL_COMMAND = "flaglens.openRolloutPanel";

/** One project as summarised in a status notification. */
export interface ProjectStatus {
  /** Absolute path of the project root (the folder holding featurevisor.config.js). */
  root: string;
  /** Detected format of the project's flag files. */
  format: "v1" | "v2" | "v3";
  /** The Featurevisor version whose rules apply (e.g. "2.27"), and what decided the format and version. */
  version?: { version: string; reason: string };
  /** The set, for each set of a `sets: true` project (the root is then the set's folder). */
  set?: string;
  environments: string[] | false;
  errors: number;
  warnings: number;
  files: number;
}

/** Sent by the server whenever the diagnostics of any project change. */
export const StatusNotification = "flaglens/status";

/** Parameters of {@link StatusNotification}. */
export interface StatusParams {
  /** `loading` while projects are being indexed, `ready` after. */
  state: "loading" | "ready";
  projects: ProjectStatus[];
  /** The diagnostics of application code (flag usages), which belong to no project: counted beside the projects'. */
  code?: { errors: number; warnings: number; files: number };
}

/** A user context to preview flag files as, with a name to show. */
export interface PreviewContext {
  name: string;
  context: Record<string, unknown>;
}

/**
 * Request: preview every feature file and flag call in code as this user (null stops previewing).
 * Returns the context now previewed (null: none), as {@link PreviewChangedNotification} tells too.
 */
export const SetPreviewContextRequest = "flaglens/setPreviewContext";

/** Sent by the server when the previewed context changes (a new server previews nothing). */
export const PreviewChangedNotification = "flaglens/previewChanged";

/** Parameters of {@link PreviewChangedNotification}. */
export interface PreviewChangedParams {
  preview: PreviewContext | null;
}

/**
 * Request: the WorkspaceEdit that saves a context in `.flaglens/contexts.yml` (created if missing; appended,
 * the file's entries and comments kept), or a ResponseError saying why not (name taken, unreadable file).
 */
export const SaveContextEditRequest = "flaglens/saveContextEdit";

/** Parameters of {@link SaveContextEditRequest}; `uri`: a file whose project gets the context (else the first folder). */
export interface SaveContextEditParams extends PreviewContext {
  uri?: string;
}

/** Request: the contexts saved in `.flaglens/contexts.yml` of the workspace folders and projects. */
export const SavedContextsRequest = "flaglens/savedContexts";

/** A spec file as `flaglens/listTests` lists it. Lines are 1-based, as `flaglens test` reports them. */
export interface TestSpecInfo {
  uri: string;
  /** Path relative to the config's folder. */
  file: string;
  /** The project root (a set's folder in a project of sets). */
  project: string;
  set?: string;
  kind: "feature" | "segment" | "invalid";
  /** The feature or segment tested ("" for an invalid spec). */
  key: string;
  /** Line of the `feature:`/`segment:` key. */
  line: number;
  /** Why the spec cannot run. */
  problem?: string;
  assertions: {
    /** 0-based place in the spec's `assertions`: what `flaglens/runTests` takes. */
    index: number;
    line: number;
    /** As `featurevisor test` names it: `Assertion #2: NL users`. */
    description: string;
    /** A matrix's combinations, each with its description. */
    combinations?: { description: string; combination: Record<string, unknown> }[];
  }[];
}

/** Request: the test specs of the workspace (or of one spec file). */
export const ListTestsRequest = "flaglens/listTests";

export interface ListTestsParams {
  /** A spec file; absent: every spec of every project. */
  uri?: string;
}

export interface ListTestsResult {
  specs: TestSpecInfo[];
}

/** One failed check of an assertion. */
export interface TestFailureInfo {
  /** Where in the assertion: `expectedToBeEnabled`, `expectedVariables.color`, `children[0].expectedVariation`. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** `expectedVariation: expected "b", got "a"`. */
  message: string;
}

/** The result of one assertion (one combination of a matrix). */
export interface TestAssertionResult {
  /** 0-based place in the spec's `assertions`. */
  index: number;
  combination?: Record<string, unknown>;
  line: number;
  description: string;
  environment: string | null;
  passed: boolean;
  /** Expected and actual values, by check. */
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  failures: TestFailureInfo[];
  /** The description, then each failed check: `Assertion #1: at 10%: expectedToBeEnabled: expected true, got false`. */
  message: string;
}

/** The result of one spec file. */
export interface TestSpecResult {
  uri: string;
  file: string;
  kind: "feature" | "segment" | "invalid";
  key: string;
  line: number;
  passed: boolean;
  problem?: string;
  assertions: TestAssertionResult[];
}

/** Request: runs every spec, one spec file, or one assertion of it. */
export const RunTestsRequest = "flaglens/runTests";

export interface RunTestsParams {
  /** A spec file; absent: every spec of every project. */
  uri?: string;
  /** With `uri`: only this assertion (0-based, every combination of its matrix). */
  assertion?: number;
}

export interface RunTestsResult {
  specs: TestSpecResult[];
  summary: { specs: number; passed: number; failed: number; assertions: number; assertionsPassed: number; assertionsFailed: number };
}

/**
 * Sent after the server reran specs by itself (a spec or a file it depends on changed): the new results
 * of those specs, and the spec files that are gone.
 */
export const TestResultsNotification = "flaglens/testResults";

export interface TestResultsParams {
  specs: TestSpecResult[];
  removed: string[];
}

/** Request: the Flags view's tree (projects, environments, features by status, segments, attributes). Params: null. */
export const FlagsRequest = "flaglens/flags";

/** Sent by the server (at most a few times a second) when what {@link FlagsRequest} answers may have changed. No params. */
export const FlagsChangedNotification = "flaglens/flagsChanged";

/** Request: where a feature is used in code, as LSP locations. */
export const FeatureUsagesRequest = "flaglens/featureUsages";

/** Parameters of {@link FeatureUsagesRequest}. */
export interface FeatureUsagesParams {
  feature: string;
}

/** Request: the WorkspaceEdit that removes a flag from the workspace (the remove-flag source action's), or null. */
export const RemoveFlagEditRequest = "flaglens/removeFlagEdit";

/** Parameters of {@link RemoveFlagEditRequest}: the feature and the behaviour its usages keep. */
export interface RemoveFlagEditParams {
  feature: string;
  keep: "enabled" | "disabled";
}

export type { FeatureStatus, FeatureTestStatus, FlagsEntity, FlagsFeature, FlagsProject, FlagsTree } from "./service/flags";

/**
 * Request: the rollout panel's model of a feature (service/rolloutModel.ts), or null when there is
 * none: the feature of a feature file (`uri`), of the flag call at `position` in code, or named
 * (`feature`, in the project whose root is `project`, else the workspace's first defining it).
 * With a preview context set (flaglens/setPreviewContext), each datafile carries its path.
 */
export const RolloutPanelRequest = "flaglens/rolloutPanel";

export interface RolloutPanelParams {
  uri?: string;
  position?: { line: number; character: number };
  feature?: string;
  project?: string;
}

export type {
  RolloutModel,
  RolloutEnvironment,
  RolloutView,
  RolloutRule,
  RolloutBarPart,
  RolloutForce,
  RolloutRequirement,
  RolloutGroup,
  RolloutPreview,
  RolloutRuleStep,
  RolloutViewChange,
} from "./service/rolloutModel";

/**
 * Request: what the live workspace (open documents included) changes for users against a git revision
 * of each project (`base`, default `HEAD`): the JSON of `flaglens diff BASE --format json`, each change
 * with the place of its environment's rules. The code lenses of feature files follow the base last asked
 * for. A folder outside git or an unknown revision answers with `error` (and no changes).
 */
export const RolloutChangesRequest = "flaglens/rolloutChanges";

export interface RolloutChangesParams {
  base?: string;
}

/** One change of {@link RolloutChangesResult}: a change of `flaglens diff --format json`, and where it is. */
export interface RolloutChangeItem extends RolloutChange {
  /** The feature's file (or its environment file) in the workspace; absent for a deleted feature. */
  uri?: string;
  /** The environment's rules in it (or its key). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The change in a few words, as the code lens says it: `5% → 50% of everyone (+45 points)`. */
  summary: string;
}

export interface RolloutChangesResult {
  base: string;
  /** Always "worktree" (the workspace as the editor has it), as `flaglens diff` says for the working tree. */
  head: string;
  changes: RolloutChangeItem[];
  risks: RolloutRisk[];
  /** Why there is nothing to compare: not a git repository, an unknown revision. */
  error?: string;
}

export type { RolloutChange, RolloutRisk, RuleChange, RiskCode, RiskSeverity } from "./service/diff/types";
