// Custom LSP messages shared by the server and the VS Code client.
// Declared once here; the client imports this file through the bundler.

/** Options the client sends in `initializationOptions`. */
export interface FlaglensInitializationOptions {
  /** Whether the editor trusts the workspace; an untrusted workspace never executes featurevisor.config.js. */
  trusted?: boolean;
}

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
}

/** A user context to preview flag files as, with a name to show. */
export interface PreviewContext {
  name: string;
  context: Record<string, unknown>;
}

/** Request: preview every feature file as this user (null stops previewing). Returns nothing. */
export const SetPreviewContextRequest = "flaglens/setPreviewContext";

/** Request: the contexts saved in `.flaglens/contexts.yml` of the workspace folders and projects. */
export const SavedContextsRequest = "flaglens/savedContexts";

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
