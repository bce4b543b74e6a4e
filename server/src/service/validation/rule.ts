// The contract between the validator and its rules.

import type { FlagDocument, LocateTarget } from "../project/document";
import type { FileEntry } from "../project/entries";
import type { EnvironmentView, RequiredView, VariableDecl, VariationView } from "../project/featureView";
import type { Project } from "../project/project";
import type { EntityKind, JsonPath, Severity } from "../types";
import type { DiagnosticCode } from "./codes";

/** Options of a finding. */
export interface ReportOptions {
  target?: LocateTarget;
  /** Overrides the code's default severity (before user settings apply). */
  severity?: Severity;
  data?: Record<string, unknown>;
}

/** What a rule sees while it checks one file. */
export interface RuleContext {
  readonly project: Project;
  readonly entry: FileEntry;
  readonly doc: FlagDocument;
  readonly value: unknown;
  /** The feature a feature file or per-environment file is about. */
  readonly featureValue: unknown;
  readonly environments: EnvironmentView[];
  readonly variations: VariationView[];
  readonly variables: VariableDecl[];
  readonly required: RequiredView[];
  report(code: DiagnosticCode, path: JsonPath, message: string, options?: ReportOptions): void;
  /** Records that this file's findings depend on another entity, for incremental revalidation. */
  dependOn(kind: EntityKind, key: string): void;
}

/** A validation rule: one concept, one file, registered in `registry.ts`. */
export interface Rule {
  /** The codes it reports. */
  readonly codes: readonly DiagnosticCode[];
  /** The kinds of files it checks. */
  readonly kinds: readonly EntityKind[];
  run(ctx: RuleContext): void;
}
