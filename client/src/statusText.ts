// The status bar's words, apart from the vscode API so that they can be tested on their own.

import type { StatusParams } from "../../server/src/protocol";

export interface Totals {
  errors: number;
  warnings: number;
}

/** Everything Flaglens publishes: each project's flag files, and application code. */
export function countProblems(status: StatusParams): Totals {
  let errors = status.code?.errors ?? 0;
  let warnings = status.code?.warnings ?? 0;
  for (const project of status.projects) {
    errors += project.errors;
    warnings += project.warnings;
  }
  return { errors, warnings };
}

/** The item's text: a check mark, or the counts as the Problems panel shows them. */
export function summaryText(totals: Totals): string {
  if (totals.errors === 0 && totals.warnings === 0) return "$(check) Flaglens";
  return `Flaglens $(error) ${totals.errors} $(warning) ${totals.warnings}`;
}

/** A project's name from its workspace folder's name and its root relative to that folder. */
export function projectName(folderName: string, relative: string): string {
  return relative === "" || relative === "." ? folderName : `${folderName}/${relative}`;
}
