// The one check every edit Flaglens proposes passes before it reaches the client: no file it
// changes, creates, renames or deletes may lie outside the workspace folders once symbolic links
// are resolved. A code file opened through a link would otherwise have its fix written through
// the link to wherever it points.

import { pathsOutside } from "../service/containment";
import type { FileSystem } from "../service/fileSystem";

/** Refuses edits to paths outside the workspace folders. */
export class EditGuard {
  constructor(
    private readonly fs: FileSystem,
    private readonly folders: () => readonly string[],
  ) {}

  /** Why an edit touching these paths is refused, or undefined when every one lies inside a workspace folder. */
  async refusal(paths: Iterable<string>): Promise<string | undefined> {
    const outside = await pathsOutside(this.fs, this.folders(), paths);
    if (outside.length === 0) return undefined;
    const names = outside.slice(0, 3).join(", ") + (outside.length > 3 ? ` and ${outside.length - 3} more` : "");
    return `Flaglens refuses this edit: ${names} ${outside.length === 1 ? "lies" : "lie"} outside the workspace folders once symbolic links are resolved.`;
  }
}

/** The capabilities of the client's workspace edits and code actions that the edit handlers adapt to. */
export interface EditSupport {
  /** workspaceEdit.documentChanges: edits carry document versions (and file operations are allowed). */
  versioned(): boolean;
  /** workspaceEdit.changeAnnotationSupport: an edit can ask for confirmation. */
  annotations(): boolean;
  /** codeAction.disabledSupport: a refused action can be shown greyed out with its reason. */
  disabledActions(): boolean;
  guard: EditGuard;
}
