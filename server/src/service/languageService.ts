// The facade the LSP adapter and the CLI use for authoring features.

import { doCodeActions } from "./authoring/codeActions";
import { describeEntity, doComplete, doCompleteProperty } from "./authoring/completion";
import { doHover } from "./authoring/hover";
import { doDefinition, doReferences, doUsageLens, type Location, type ReferencesLens } from "./authoring/navigation";
import { doUserPreview, type NamedContext, type UserPreview } from "./authoring/preview";
import { doRename, prepareRename, type RenameEdit } from "./authoring/rename";
import type { EvaluationState } from "./evaluation";
import { doRolloutHints, type RolloutHint } from "./authoring/rollout";
import { doDocumentSymbols, doWorkspaceSymbols, type EntitySymbol, type OutlineSymbol } from "./authoring/symbols";
import type { FileEntry } from "./project/entries";
import type { Project } from "./project/project";
import type { CodeActionResult, CompletionItem, EntityRef, FlaglensDiagnostic, HoverResult, Position, Range } from "./types";
import type { CodeService } from "./code/codeService";
import type { Workspace } from "./workspace";

/** Authoring features over a workspace: flag files, and application code through the code service. */
export class LanguageService {
  constructor(
    private readonly workspace: Workspace,
    readonly code?: CodeService,
  ) {}

  private locate(path: string): { project: Project; entry: FileEntry } | undefined {
    const project = this.workspace.projectOf(path);
    const entry = project?.files.get(path);
    return project && entry ? { project, entry } : undefined;
  }

  doComplete(path: string, position: Position): CompletionItem[] {
    if (this.code?.handles(path)) return this.code.complete(path, position);
    const at = this.locate(path);
    if (!at?.entry.doc) return [];
    const offset = at.entry.doc.lineIndex.offsetAt(position);
    const values = doComplete(at.project, at.entry, offset);
    return values.length > 0 ? values : doCompleteProperty(at.project, at.entry, offset);
  }

  /** The documentation of a completion item's entity, for completionItem/resolve. */
  resolveCompletion(path: string, ref: EntityRef): string | undefined {
    // From application code the project is the one that defines the entity.
    const project = this.workspace.projectOf(path) ?? [...this.workspace.projects.values()].find((p) => p.has(ref.kind, ref.key));
    return project ? describeEntity(project, ref) : undefined;
  }

  doHover(path: string, position: Position): HoverResult | undefined {
    if (this.code?.handles(path)) return this.code.hover(path, position);
    const at = this.locate(path);
    if (!at?.entry.doc) return undefined;
    return doHover(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position));
  }

  doDefinition(path: string, position: Position): Location | undefined {
    if (this.code?.handles(path)) return this.code.definition(path, position);
    const at = this.locate(path);
    if (!at?.entry.doc) return undefined;
    return doDefinition(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position));
  }

  doReferences(path: string, position: Position, includeDeclaration: boolean): Location[] {
    const at = this.locate(path);
    if (!at?.entry.doc) return [];
    // A feature's references include its usages in application code.
    const inCode = (key: string) => (this.code?.usagesOf(key) ?? []).map((u) => ({ path: u.file, range: u.keyRange ?? u.range }));
    return doReferences(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position), includeDeclaration, inCode);
  }

  /** A feature file's lens over its usages in application code ("used in 3 places in code"). */
  doCodeUsageLens(path: string): ReferencesLens | undefined {
    const at = this.locate(path);
    if (!this.code || at?.entry.kind !== "feature") return undefined;
    const usages = this.code.usagesOf(at.entry.key).filter((u) => u.kind !== "constant");
    // Without any code in the workspace, "not used in code" would say nothing true.
    if (usages.length === 0 && this.code.filesWithUsages().length === 0) return undefined;
    const files = new Set(usages.map((u) => u.file)).size;
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      title: usages.length
        ? `used in ${usages.length} place${usages.length === 1 ? "" : "s"} in code (${files} file${files === 1 ? "" : "s"})`
        : "not used in code",
      locations: usages.map((u) => ({ path: u.file, range: u.keyRange ?? u.range })),
    };
  }

  /** Code lenses: "used by" on entity files. */
  doUsageLens(path: string): ReferencesLens | undefined {
    const at = this.locate(path);
    return at ? doUsageLens(at.project, at.entry) : undefined;
  }

  /** Rollout previews of a feature file, positioned at the end of the lines they describe. */
  doRolloutHints(path: string): RolloutHint[] {
    const at = this.locate(path);
    const doc = at?.entry.doc;
    if (!at || !doc) return [];
    return doRolloutHints(at.project, at.entry).map((h) => ({
      ...h,
      position: doc.lineIndex.positionAt(doc.lineIndex.lineEndAt(doc.lineIndex.offsetAt(h.position))),
    }));
  }

  /** What a user context gets from the feature of a file, per environment. */
  doUserPreview(path: string, user: NamedContext, stateOf: (root: string) => EvaluationState | undefined): UserPreview[] {
    const at = this.locate(path);
    return at ? doUserPreview(at.project, at.entry, user, stateOf(at.project.root)) : [];
  }

  prepareRename(path: string, position: Position): { range: Range; placeholder: string } | undefined {
    const at = this.locate(path);
    if (!at?.entry.doc) return undefined;
    return prepareRename(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position));
  }

  /** The rename edit; throws a RenameError with a message for the user when it cannot be done. */
  doRename(path: string, position: Position, newKey: string): RenameEdit | undefined {
    const at = this.locate(path);
    if (!at?.entry.doc) return undefined;
    const offset = at.entry.doc.lineIndex.offsetAt(position);
    const edit = doRename(at.project, at.entry, offset, newKey);
    const target = prepareRename(at.project, at.entry, offset);
    const renamedFeature = edit.renames.find((r) => at.project.files.get(r.from)?.kind === "feature");
    if (!this.code || !target || !renamedFeature) return edit;
    // Code names a feature by its key alone: where another set of the project has a feature of that key,
    // its usages in code cannot be told apart, so code is left as it is.
    const sets = [...this.workspace.projects.values()].filter((p) => p !== at.project && p.configPath === at.project.configPath);
    if (sets.some((p) => p.has("feature", target.placeholder))) return edit;
    // A renamed feature's key is also rewritten where code spells it: literals in calls and constants.
    for (const u of this.code.usagesOf(target.placeholder)) {
      if (!u.keyRange || (u.via && u.kind !== "constant")) continue;
      const file = edit.edits.find((e) => e.path === u.file) ?? edit.edits[edit.edits.push({ path: u.file, edits: [] }) - 1];
      file.edits.push({ range: u.keyRange, newText: newKey });
    }
    return edit;
  }

  doDocumentSymbols(path: string): OutlineSymbol[] {
    const at = this.locate(path);
    return at ? doDocumentSymbols(at.entry) : [];
  }

  doWorkspaceSymbols(query: string): EntitySymbol[] {
    return doWorkspaceSymbols(this.workspace.projects.values(), query);
  }

  /**
   * Quick fixes for the diagnostics a client sends back. Each is matched to the server's own
   * current diagnostic (code, line, key) and that one's range is used: some clients return
   * ranges in other units (Neovim 0.7 sends byte columns), and a stale one finds no match.
   */
  doCodeActions(path: string, diagnostics: FlaglensDiagnostic[], text?: string): CodeActionResult[] {
    if (this.code?.handles(path)) return text === undefined ? [] : this.code.codeActions(path, text, diagnostics);
    const at = this.locate(path);
    if (!at) return [];
    const current = this.workspace.diagnostics(path);
    const matched = diagnostics.flatMap((d) => {
      const same = current.find(
        (c) => c.code === d.code && c.range.start.line === d.range.start.line && (d.data?.key === undefined || c.data?.key === d.data.key),
      );
      return same ? [same] : [];
    });
    return doCodeActions(at.entry, matched);
  }
}
