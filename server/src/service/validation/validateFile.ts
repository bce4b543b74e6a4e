// Runs every applicable rule on one file and turns findings into diagnostics with ranges.

import type { FlagDocument } from "../project/document";
import type { FileEntry } from "../project/entries";
import {
  environmentViews,
  requiredViews,
  variableDecls,
  variationViews,
  type EnvironmentView,
  type RequiredView,
  type VariableDecl,
  type VariationView,
} from "../project/featureView";
import type { Project } from "../project/project";
import { START_RANGE } from "../text";
import type { EntityKind, FlaglensDiagnostic, JsonPath, Severity } from "../types";
import { CODES, type DiagnosticCode, type SeverityOverrides } from "./codes";
import { RULES } from "./registry";
import type { ReportOptions, RuleContext } from "./rule";

/** At most this many findings of one file become diagnostics: a 250,000-item list with a problem in each is not sent 250,000 times. */
const MAX_FINDINGS = 1000;

/** Diagnostics of one file, and the entities they depend on. */
export interface FileValidation {
  diagnostics: FlaglensDiagnostic[];
  /** `kind:key` of every entity whose change may change these diagnostics. */
  dependencies: Set<string>;
}

interface Finding {
  code: DiagnosticCode;
  path: JsonPath;
  message: string;
  options?: ReportOptions;
}

class Context implements RuleContext {
  readonly findings: Finding[] = [];
  readonly dependencies = new Set<string>();
  private envs?: EnvironmentView[];
  private vars?: VariationView[];
  private decls?: VariableDecl[];
  private reqs?: RequiredView[];

  constructor(
    readonly project: Project,
    readonly entry: FileEntry,
    readonly doc: FlagDocument,
  ) {}

  get value(): unknown {
    return this.doc.value;
  }

  get featureValue(): unknown {
    if (this.entry.kind === "feature") return this.doc.value;
    if (this.entry.kind === "environment") {
      this.dependOn("feature", this.entry.key);
      return this.project.entry("feature", this.entry.key)?.doc?.value;
    }
    return undefined;
  }

  get environments(): EnvironmentView[] {
    if (this.entry.kind !== "feature" && this.entry.kind !== "environment") return [];
    return (this.envs ??= environmentViews(this.doc.value, this.project.format, this.project.environments, this.entry.environment));
  }

  get variations(): VariationView[] {
    return (this.vars ??= variationViews(this.featureValue));
  }

  get variables(): VariableDecl[] {
    return (this.decls ??= variableDecls(this.featureValue));
  }

  get required(): RequiredView[] {
    return (this.reqs ??= this.entry.kind === "feature" ? requiredViews(this.doc.value) : []);
  }

  /** How many findings were reported, kept or not. */
  reported = 0;

  report(code: DiagnosticCode, path: JsonPath, message: string, options?: ReportOptions): void {
    // Findings past the cap are counted, not kept, so a huge list with a problem per item stays small in memory.
    if (this.reported++ < MAX_FINDINGS) this.findings.push({ code, path, message, options });
  }

  dependOn(kind: EntityKind, key: string): void {
    this.dependencies.add(kind + ":" + key);
  }
}

/** Validates one file of a project. Never throws: a failing rule becomes a logged finding. */
export function validateFile(
  project: Project,
  entry: FileEntry,
  overrides: SeverityOverrides = {},
  log?: (message: string) => void,
): FileValidation {
  const diagnostics: FlaglensDiagnostic[] = [];
  const push = (
    code: DiagnosticCode,
    range: FlaglensDiagnostic["range"],
    message: string,
    severity?: Severity,
    data?: Record<string, unknown>,
  ): void => {
    const o = overrides[code];
    if (o === "off") return;
    diagnostics.push({
      range,
      severity: o ?? severity ?? CODES[code].severity,
      code,
      message,
      source: "flaglens",
      ...(data ? { data } : {}),
    });
  };

  if (entry.readProblem) {
    push(entry.readProblem.code, START_RANGE, entry.readProblem.message);
    return { diagnostics, dependencies: new Set() };
  }
  const doc = entry.doc;
  if (!doc) return { diagnostics, dependencies: new Set() };
  for (const p of doc.problems) push(p.code, doc.lineIndex.rangeOf(p.start, p.end), p.message);
  if (doc.hasSyntaxErrors) return { diagnostics, dependencies: new Set() };

  const ctx = new Context(project, entry, doc);
  for (const rule of RULES) {
    if (!rule.kinds.includes(entry.kind)) continue;
    try {
      rule.run(ctx);
    } catch (error) {
      log?.(
        `Rule ${rule.codes.join("/")} failed on ${entry.rel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  if (ctx.reported > MAX_FINDINGS) log?.(`${entry.rel}: ${ctx.reported} findings, only the first ${MAX_FINDINGS} are shown.`);
  for (const f of ctx.findings) {
    // A value a custom tag computes (e.g. `!include`) is known only when Featurevisor runs the parser.
    if (doc.isUnknownAt(f.path)) continue;
    push(f.code, doc.locate(f.path, f.options?.target), f.message, f.options?.severity, f.options?.data);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { diagnostics, dependencies: ctx.dependencies };
}
