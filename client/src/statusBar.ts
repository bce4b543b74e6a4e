import * as path from "node:path";
import * as vscode from "vscode";
import type { ProjectStatus, StatusParams } from "../../server/src/protocol";
import { countProblems, projectName, summaryText, type Totals } from "./statusText";

/** Opens the Problems panel, where the counts shown in the status bar come from. */
const SHOW_PROBLEMS = "workbench.actions.view.problems";

/**
 * The Flaglens status bar item: a spinner while the server indexes, then the
 * errors and warnings of everything Flaglens reports (every Featurevisor project
 * and the flag usages in application code), with a per-project tooltip.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem("flaglens.status", vscode.StatusBarAlignment.Left, 0);
    // The name is what the status bar's context menu shows to hide or show the item.
    this.item.name = "Flaglens";
  }

  /** Renders a `flaglens/status` notification. */
  update(status: StatusParams): void {
    const loading = status.state === "loading";
    // While the first index runs the server may not know any project yet; the
    // spinner still tells the user that something is happening.
    if (status.projects.length === 0 && !loading) {
      this.item.hide();
      return;
    }
    const totals = countProblems(status);
    this.item.text = loading ? "$(sync~spin) Flaglens" : summaryText(totals);
    this.item.tooltip = tooltip(status, totals);
    this.item.accessibilityInformation = { label: `Flaglens: ${describeTotals(totals, loading)}` };
    this.item.command = { title: "Show Problems", command: SHOW_PROBLEMS };
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  /** Shows that the server is not running, until the next start clears it. */
  showStopped(): void {
    this.item.text = "$(error) Flaglens";
    this.item.tooltip = "The Flaglens language server is not running. Click to show its output.";
    this.item.accessibilityInformation = { label: "Flaglens: the language server is not running" };
    this.item.command = { title: "Show Output", command: "flaglens.showOutput" };
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.errorBackground");
    this.item.show();
  }

  /** Hides the item, e.g. while the server restarts and its counts are stale. */
  hide(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function describeTotals(totals: Totals, loading: boolean): string {
  if (loading) return "indexing Featurevisor projects";
  return `${plural(totals.errors, "error")}, ${plural(totals.warnings, "warning")}`;
}

function tooltip(status: StatusParams, totals: Totals): vscode.MarkdownString {
  const md = new vscode.MarkdownString("", true);
  md.appendMarkdown(`**Flaglens**: ${describeTotals(totals, status.state === "loading")}\n\n`);
  for (const project of status.projects) {
    md.appendMarkdown("---\n\n$(folder) ");
    // Paths and environment names come from the user's files: appendText escapes them.
    md.appendText(projectLabel(project.root));
    md.appendMarkdown(` (${project.format}${project.version ? `, Featurevisor ${project.version.version} rules` : ""})\n\n`);
    md.appendText(projectDetails(project));
    md.appendMarkdown("\n\n");
    // Says why this format and version were taken, so a surprising one can be explained (or fixed by a pin).
    if (project.version) {
      md.appendText(project.version.reason);
      md.appendMarkdown("\n\n");
    }
  }
  if (status.code && status.code.files > 0) {
    md.appendMarkdown("---\n\n$(code) Flag usages in application code: ");
    md.appendText(
      `${plural(status.code.errors, "error")}, ${plural(status.code.warnings, "warning")} in ${plural(status.code.files, "file")}`,
    );
    md.appendMarkdown("\n\n");
  }
  md.appendMarkdown("---\n\nClick to open the Problems panel.");
  return md;
}

function projectDetails(project: ProjectStatus): string {
  const environments = project.environments === false ? "no environments" : `environments: ${project.environments.join(", ") || "none"}`;
  const set = project.set !== undefined ? [`set ${project.set}`] : [];
  return [...set, environments, plural(project.files, "file"), plural(project.errors, "error"), plural(project.warnings, "warning")].join(
    " · ",
  );
}

/**
 * Names a project by its root relative to its workspace folder, prefixed by the folder's name (a
 * project at the folder's root is the folder's name, never ".").
 */
function projectLabel(root: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  if (folder === undefined) return root;
  return projectName(folder.name, path.relative(folder.uri.fsPath, root).split(path.sep).join("/"));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
