// The Rollout Changes view: what the workspace (unsaved editors included) changes for users against a
// git revision, as the server's flaglens/rolloutChanges answers it (the engine of `flaglens diff`; no
// engine in the client). One item per feature and environment: the change in words, its risks (icon
// and severity), its cause when another entity made it; a click opens the environment's rules.
// Asked again when the server says flag files changed, and when another base is picked.
import * as vscode from "vscode";
import {
  RolloutChangesRequest,
  type RiskSeverity,
  type RolloutChangeItem,
  type RolloutChangesResult,
  type RolloutRisk,
} from "../../server/src/protocol";
import type { ServerController } from "./server";

export const ROLLOUT_CHANGES_VIEW_ID = "flaglens.rolloutChanges";
const BASE_KEY = "flaglens.rolloutChanges.base";

export type RolloutChangesNode = { type: "change"; change: RolloutChangeItem; risks: RolloutRisk[] } | { type: "risk"; risk: RolloutRisk };

/** How each severity looks, the worst first. */
const SEVERITIES: Record<RiskSeverity, { icon: string; color: string; rank: number }> = {
  error: { icon: "error", color: "problemsErrorIcon.foreground", rank: 2 },
  warning: { icon: "warning", color: "problemsWarningIcon.foreground", rank: 1 },
  info: { icon: "info", color: "problemsInfoIcon.foreground", rank: 0 },
};

/** The worst severity of some risks. */
function worst(risks: readonly RolloutRisk[]): RiskSeverity | undefined {
  return risks.reduce<RiskSeverity | undefined>(
    (w, r) => (w === undefined || SEVERITIES[r.severity].rank > SEVERITIES[w].rank ? r.severity : w),
    undefined,
  );
}

/** A change's scope: `production`, `set web / production / target ios`. */
export function scopeOf(c: RolloutChangeItem): string {
  const parts = [c.environment ?? "all environments"];
  if (c.set !== null) parts.unshift(`set ${c.set}`);
  if (c.target !== null) parts.push(`target ${c.target}`);
  return parts.join(" / ");
}

/** The cause when another entity made the change: `segment netherlands`. */
function causeOf(c: RolloutChangeItem): string | undefined {
  return c.cause.kind === "feature" || c.cause.kind === "force" ? undefined : `${c.cause.kind} ${c.cause.key}`;
}

export class RolloutChangesView implements vscode.TreeDataProvider<RolloutChangesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RolloutChangesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: RolloutChangesResult | undefined;
  private loading: Promise<void> | undefined;
  /** Bumped by every change; the answer held is for `answered`. */
  private wanted = 1;
  private answered = 0;
  /** The revision compared with (HEAD unless another was picked). */
  base: string;
  readonly view: vscode.TreeView<RolloutChangesNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly server: ServerController,
    private readonly state: vscode.Memento,
  ) {
    this.base = state.get<string>(BASE_KEY) ?? "HEAD";
    this.view = vscode.window.createTreeView(ROLLOUT_CHANGES_VIEW_ID, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      this.changed,
      server.onDidChangeFlags(() => this.refresh()),
    );
    this.showBase();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Asks the server again (now if the view shows, else when it next does). */
  refresh(): void {
    this.wanted++;
    this.changed.fire(undefined);
  }

  /** Compares with another revision from now on (the lenses in feature files follow). */
  async setBase(base: string): Promise<void> {
    this.base = base;
    await this.state.update(BASE_KEY, base === "HEAD" ? undefined : base);
    this.showBase();
    this.refresh();
    // The server's lenses follow the base last asked for: ask now, even while the view is hidden.
    await this.current();
  }

  private showBase(): void {
    this.view.description = `vs ${this.base}`;
  }

  /**
   * The current changes, asked of the server when something made them stale. A change while a request
   * runs asks again after it: that answer may predate the change.
   */
  async current(): Promise<RolloutChangesResult | undefined> {
    while (this.answered < this.wanted) {
      if (!this.loading) {
        const asked = this.wanted;
        this.loading = this.server
          .request<RolloutChangesResult>(RolloutChangesRequest, { base: this.base })
          .then((result) => void (this.result = result ?? undefined))
          .catch(() => void (this.result = undefined))
          .finally(() => {
            this.answered = Math.max(this.answered, asked);
            this.loading = undefined;
          });
      }
      await this.loading;
    }
    return this.result;
  }

  async getChildren(node?: RolloutChangesNode): Promise<RolloutChangesNode[]> {
    if (node) return [];
    const result = await this.current();
    if (!result) {
      this.view.message = "The Flaglens language server is not running.";
      return [];
    }
    const out: RolloutChangesNode[] = [];
    // Risks about no feature (a segment reaching many features) come first.
    for (const risk of result.risks) if (risk.feature === null) out.push({ type: "risk", risk });
    for (const change of result.changes) {
      const risks = result.risks.filter(
        (r) => r.feature === change.feature && (r.environment === null || r.environment === change.environment),
      );
      out.push({ type: "change", change, risks });
    }
    this.view.message = result.error
      ? `Cannot compare with ${result.base}: ${result.error}`
      : out.length === 0
        ? `No rollout changes against ${result.base}: every feature serves what it served.`
        : undefined;
    this.view.badge =
      result.changes.length > 0 ? { value: result.changes.length, tooltip: `${result.changes.length} rollout changes` } : undefined;
    return out;
  }

  getTreeItem(node: RolloutChangesNode): vscode.TreeItem {
    if (node.type === "risk") {
      const r = node.risk;
      const item = new vscode.TreeItem(r.code.replace(/-/g, " "), vscode.TreeItemCollapsibleState.None);
      item.description = r.message;
      item.tooltip = `${r.severity}: ${r.message}`;
      const s = SEVERITIES[r.severity];
      item.iconPath = new vscode.ThemeIcon(s.icon, new vscode.ThemeColor(s.color));
      item.accessibilityInformation = { label: `${r.severity} ${r.code.replace(/-/g, " ")}: ${r.message}` };
      item.contextValue = "flaglens.rolloutRisk";
      return item;
    }
    const { change: c, risks } = node;
    const item = new vscode.TreeItem(`${c.feature} · ${scopeOf(c)}`, vscode.TreeItemCollapsibleState.None);
    item.id = `change:${c.set ?? ""}:${c.feature}:${c.environment ?? ""}:${c.target ?? ""}`;
    const cause = causeOf(c);
    // The risks are the icon (the worst severity), the tooltip and the accessible label.
    item.description = [c.summary, ...(cause ? [`by ${cause}`] : [])].join(" · ");
    const severity = worst(risks);
    item.iconPath =
      severity !== undefined
        ? new vscode.ThemeIcon(SEVERITIES[severity].icon, new vscode.ThemeColor(SEVERITIES[severity].color))
        : new vscode.ThemeIcon("diff-modified", new vscode.ThemeColor("gitDecoration.modifiedResourceForeground"));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(c.feature)}** · ${escape(scopeOf(c))}\n\n`);
    tooltip.appendMarkdown(`before: ${escape(c.before)}\n\nafter: ${escape(c.after)}\n\n`);
    if (cause) tooltip.appendMarkdown(`changed by ${escape(cause)}\n\n`);
    tooltip.appendMarkdown(escape(c.summary) + "\n\n");
    for (const r of risks)
      tooltip.appendMarkdown(`$(${SEVERITIES[r.severity].icon}) ${r.severity} **${r.code}**: ${escape(r.message)}\n\n`);
    tooltip.supportThemeIcons = true;
    item.tooltip = tooltip;
    const risky = risks.map((r) => `${r.severity}: ${r.code.replace(/-/g, " ")}`).join(", ");
    item.accessibilityInformation = {
      label: `${c.feature} in ${scopeOf(c)}: ${c.summary}${cause ? `, changed by ${cause}` : ""}${risky ? `. Risks: ${risky}` : ""}`,
    };
    if (c.uri) {
      const uri = vscode.Uri.parse(c.uri);
      const selection = c.range
        ? new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character)
        : undefined;
      item.resourceUri = uri;
      item.command = { title: "Open", command: "vscode.open", arguments: [uri, { selection, preview: true }] };
    }
    item.contextValue = c.uri ? "flaglens.rolloutChange" : "flaglens.rolloutChange.deleted";
    return item;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]#|<>$]/g, "\\$&");
}

/** The part of the built-in git extension's API the base picker uses. */
interface GitApi {
  repositories: {
    rootUri: vscode.Uri;
    getRefs?: (query: object) => Promise<{ name?: string; type: number }[]>;
    state: { refs?: { name?: string; type: number }[] };
  }[];
}

/** The branches and tags of the workspace's repositories, from the built-in git extension when it is on. */
async function gitRefs(): Promise<{ name: string; kind: string }[]> {
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>("vscode.git");
    if (!extension) return [];
    const api = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    const kinds = ["branch", "remote branch", "tag"];
    const out = new Map<string, string>();
    for (const repo of api.repositories) {
      const refs = repo.getRefs ? await repo.getRefs({}) : (repo.state.refs ?? []);
      for (const r of refs) if (r.name && !out.has(r.name)) out.set(r.name, kinds[r.type] ?? "ref");
    }
    return [...out].map(([name, kind]) => ({ name, kind }));
  } catch {
    return [];
  }
}

/** _Flaglens: Compare Rollouts With…_: a branch, a tag, or any revision typed; HEAD first. */
export async function pickBase(view: RolloutChangesView): Promise<void> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { base: string }>();
  pick.title = "Compare rollouts with";
  pick.placeholder = `A branch, a tag or any revision (now: ${view.base})`;
  const head = { label: "HEAD", description: "the last commit", base: "HEAD" };
  const refs = (await gitRefs()).map((r) => ({ label: r.name, description: r.kind, base: r.name }));
  const fixed = [head, ...refs];
  const update = () => {
    const typed = pick.value.trim();
    const exact = fixed.some((i) => i.base === typed);
    pick.items = typed && !exact ? [{ label: typed, description: "revision", base: typed, alwaysShow: true }, ...fixed] : fixed;
  };
  update();
  pick.onDidChangeValue(update);
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.base));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen === undefined) return;
  await view.setBase(chosen);
  await vscode.commands.executeCommand(`${ROLLOUT_CHANGES_VIEW_ID}.focus`);
}
