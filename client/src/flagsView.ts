// The Flags view: the server's tree (flaglens/flags: one request, no engine in the client) shown
// as projects, their environments, features grouped by status, segments and attributes; filtered
// by text and by tag; refreshed when the server says the tree changed.
import * as path from "node:path";
import * as vscode from "vscode";
import {
  FlagsRequest,
  type FeatureStatus,
  type FlagsEntity,
  type FlagsFeature,
  type FlagsProject,
  type FlagsTree,
} from "../../server/src/protocol";
import type { ServerController } from "./server";

export const FLAGS_VIEW_ID = "flaglens.flags";

/** What each status group is called and how it looks, in the view's order. */
const STATUSES: Record<FeatureStatus, { label: string; icon: string; color: string }> = {
  "in-rollout": { label: "In rollout", icon: "debug-step-over", color: "charts.blue" },
  "fully-on": { label: "Fully on", icon: "pass-filled", color: "charts.green" },
  off: { label: "Off", icon: "circle-slash", color: "disabledForeground" },
  stale: { label: "Stale", icon: "history", color: "charts.orange" },
  deprecated: { label: "Deprecated", icon: "warning", color: "charts.yellow" },
  archived: { label: "Archived", icon: "archive", color: "disabledForeground" },
};

export type FlagsNode =
  | { type: "project"; project: FlagsProject; single: boolean }
  | { type: "environments"; project: FlagsProject }
  | { type: "environment"; name: string }
  | { type: "status"; project: FlagsProject; status: FeatureStatus; features: FlagsFeature[] }
  | { type: "feature"; project: FlagsProject; feature: FlagsFeature }
  | { type: "entities"; project: FlagsProject; kind: "segment" | "attribute" }
  | { type: "entity"; kind: "segment" | "attribute"; entity: FlagsEntity }
  | { type: "message"; text: string };

export interface FlagsFilter {
  text?: string;
  tag?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export class FlagsView implements vscode.TreeDataProvider<FlagsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FlagsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tree: FlagsTree | undefined;
  /** The pending request for the tree, if any; a change while it runs asks again after it. */
  private loading: Promise<void> | undefined;
  private stale = true;
  filter: FlagsFilter = {};
  readonly view: vscode.TreeView<FlagsNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerController) {
    this.view = vscode.window.createTreeView(FLAGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      server.onDidChangeFlags(() => this.refresh()),
    );
    this.showFilter();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Asks the server again (now or when the view next shows). */
  refresh(): void {
    this.stale = true;
    this.changed.fire(undefined);
  }

  /** The current tree, asked of the server when a change made it stale. */
  async current(): Promise<FlagsTree | undefined> {
    while (this.stale) {
      this.stale = false;
      this.loading ??= this.server
        .request<FlagsTree>(FlagsRequest, null)
        .then((tree) => void (this.tree = tree ?? undefined))
        .catch(() => void (this.tree = undefined))
        .finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.tree;
  }

  setFilter(filter: FlagsFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand("setContext", "flaglens.flagsFiltered", filter.text !== undefined || filter.tag !== undefined);
    this.showFilter();
    this.changed.fire(undefined);
  }

  private showFilter(): void {
    const parts = [];
    if (this.filter.text !== undefined) parts.push(`“${this.filter.text}”`);
    if (this.filter.tag !== undefined) parts.push(`#${this.filter.tag}`);
    this.view.description = parts.length ? `Filter: ${parts.join(" ")}` : undefined;
  }

  private matches(f: FlagsFeature): boolean {
    const { text, tag } = this.filter;
    if (tag !== undefined && !f.tags.includes(tag)) return false;
    if (text === undefined) return true;
    const t = text.toLowerCase();
    return f.key.toLowerCase().includes(t) || (f.description ?? "").toLowerCase().includes(t);
  }

  /** Every tag of the current tree, for the tag filter. */
  async tags(): Promise<string[]> {
    const tree = await this.current();
    return [...new Set((tree?.projects ?? []).flatMap((p) => p.tags))].sort();
  }

  async getChildren(node?: FlagsNode): Promise<FlagsNode[]> {
    if (!node) {
      const tree = await this.current();
      if (!tree) {
        this.view.message = "The Flaglens language server is not running.";
        return [];
      }
      const shown = tree.projects.filter((p) => !this.filtering() || p.features.some((f) => this.matches(f)));
      this.view.message =
        tree.projects.length === 0
          ? "No Featurevisor project in this workspace."
          : shown.length === 0
            ? "No feature matches the filter."
            : undefined;
      return shown.map((project) => ({ type: "project", project, single: shown.length === 1 }));
    }
    switch (node.type) {
      case "project": {
        const p = node.project;
        const out: FlagsNode[] = [];
        if (p.environments.length > 0 && !this.filtering()) out.push({ type: "environments", project: p });
        for (const status of Object.keys(STATUSES) as FeatureStatus[]) {
          const features = p.features.filter((f) => f.status === status && this.matches(f));
          if (features.length > 0) out.push({ type: "status", project: p, status, features });
        }
        if (!this.filtering()) {
          if (p.segments.length > 0) out.push({ type: "entities", project: p, kind: "segment" });
          if (p.attributes.length > 0) out.push({ type: "entities", project: p, kind: "attribute" });
        }
        return out;
      }
      case "environments":
        return node.project.environments.map((name) => ({ type: "environment", name }));
      case "status":
        return node.features.map((feature) => ({ type: "feature", project: node.project, feature }));
      case "entities":
        return (node.kind === "segment" ? node.project.segments : node.project.attributes).map((entity) => ({
          type: "entity",
          kind: node.kind,
          entity,
        }));
      default:
        return [];
    }
  }

  private filtering(): boolean {
    return this.filter.text !== undefined || this.filter.tag !== undefined;
  }

  getTreeItem(node: FlagsNode): vscode.TreeItem {
    const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;
    switch (node.type) {
      case "project": {
        const p = node.project;
        const name = p.set ?? path.basename(p.root);
        const item = new vscode.TreeItem(name, node.single || this.filtering() ? Expanded : Collapsed);
        item.id = `project:${p.root}`;
        item.description = `${p.set ? "set · " : ""}${plural(p.features.length, "feature")} · ${p.format}`;
        item.tooltip = p.root;
        item.iconPath = new vscode.ThemeIcon("project");
        item.contextValue = "flaglens.project";
        return item;
      }
      case "environments": {
        const item = new vscode.TreeItem("Environments", Collapsed);
        item.id = `environments:${node.project.root}`;
        item.description = node.project.environments.join(", ");
        item.iconPath = new vscode.ThemeIcon("server-environment");
        return item;
      }
      case "environment": {
        const item = new vscode.TreeItem(node.name, None);
        item.iconPath = new vscode.ThemeIcon("circle-small");
        return item;
      }
      case "status": {
        const s = STATUSES[node.status];
        const item = new vscode.TreeItem(s.label, node.status === "archived" ? Collapsed : Expanded);
        item.id = `status:${node.project.root}:${node.status}`;
        item.description = String(node.features.length);
        item.iconPath = new vscode.ThemeIcon(s.icon, new vscode.ThemeColor(s.color));
        return item;
      }
      case "feature":
        return this.featureItem(node.feature);
      case "entities": {
        const list = node.kind === "segment" ? node.project.segments : node.project.attributes;
        const item = new vscode.TreeItem(node.kind === "segment" ? "Segments" : "Attributes", Collapsed);
        item.id = `${node.kind}s:${node.project.root}`;
        item.description = String(list.length);
        item.iconPath = new vscode.ThemeIcon(node.kind === "segment" ? "organization" : "symbol-field");
        return item;
      }
      case "entity": {
        const e = node.entity;
        const item = new vscode.TreeItem(e.key, None);
        item.id = `${node.kind}:${e.file}`;
        item.description = e.archived ? "archived" : undefined;
        item.iconPath = new vscode.ThemeIcon(node.kind === "segment" ? "person" : "symbol-key");
        item.tooltip = e.file;
        item.command = openCommand(e.file);
        item.contextValue = `flaglens.${node.kind}`;
        return item;
      }
      case "message":
        return new vscode.TreeItem(node.text, None);
    }
  }

  private featureItem(f: FlagsFeature): vscode.TreeItem {
    const item = new vscode.TreeItem(f.key, vscode.TreeItemCollapsibleState.None);
    item.id = `feature:${f.file}`;
    const parts: string[] = [];
    if (f.usages !== undefined) parts.push(f.usages === 0 ? "unused" : plural(f.usages, "usage"));
    if (f.tests) parts.push(testStatus(f.tests));
    if (f.tags.length > 0) parts.push(f.tags.map((t) => `#${t}`).join(" "));
    item.description = parts.join(" · ");
    const s = STATUSES[f.status];
    item.iconPath = new vscode.ThemeIcon(s.icon, new vscode.ThemeColor(s.color));
    const lines = [`**${escape(f.key)}** · ${s.label}`];
    if (f.description) lines.push(escape(f.description));
    lines.push(escape(f.reason));
    if (f.usages !== undefined) lines.push(`Used ${plural(f.usages, "time")} in code`);
    if (f.tests)
      lines.push(
        f.tests.passed + f.tests.failed === 0 ? "No test specs" : `Test assertions: ${f.tests.passed} passed, ${f.tests.failed} failed`,
      );
    lines.push(escape(vscode.workspace.asRelativePath(f.file)));
    const tooltip = new vscode.MarkdownString(lines.join("\n\n"));
    item.tooltip = tooltip;
    item.resourceUri = vscode.Uri.file(f.file);
    item.command = openCommand(f.file);
    item.contextValue = f.usages !== undefined && f.usages > 0 ? "flaglens.feature.used" : "flaglens.feature";
    return item;
  }
}

/** A feature's test status in its description: `tests passed`, `2 failed`, or `no tests` (tests ran, none is its). */
export function testStatus(t: { passed: number; failed: number }): string {
  if (t.failed > 0) return `${t.failed} failed`;
  return t.passed > 0 ? "tests passed" : "no tests";
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]#|<>]/g, "\\$&");
}

function openCommand(file: string): vscode.Command {
  return { title: "Open", command: "vscode.open", arguments: [vscode.Uri.file(file)] };
}
