// The facade the LSP adapter and the CLI use for authoring features.

import { doCodeActions } from "./authoring/codeActions";
import { doComplete } from "./authoring/completion";
import { doHover } from "./authoring/hover";
import type { FileEntry } from "./project/entries";
import type { Project } from "./project/project";
import type { CodeActionResult, CompletionItem, FlaglensDiagnostic, HoverResult, Position } from "./types";
import type { Workspace } from "./workspace";

/** Authoring features over a workspace. */
export class LanguageService {
  constructor(private readonly workspace: Workspace) {}

  private locate(path: string): { project: Project; entry: FileEntry } | undefined {
    const project = this.workspace.projectOf(path);
    const entry = project?.files.get(path);
    return project && entry ? { project, entry } : undefined;
  }

  doComplete(path: string, position: Position): CompletionItem[] {
    const at = this.locate(path);
    if (!at?.entry.doc) return [];
    return doComplete(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position));
  }

  doHover(path: string, position: Position): HoverResult | undefined {
    const at = this.locate(path);
    if (!at?.entry.doc) return undefined;
    return doHover(at.project, at.entry, at.entry.doc.lineIndex.offsetAt(position));
  }

  doCodeActions(path: string, diagnostics: FlaglensDiagnostic[]): CodeActionResult[] {
    const at = this.locate(path);
    return at ? doCodeActions(at.entry, diagnostics) : [];
  }
}
