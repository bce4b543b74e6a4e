// Rollout changes in a real editor: the example project (a copy, not a git repository: it is made one
// here, and unmade after) committed, then a percentage edited in newCheckout.yml without saving. The
// Rollout Changes view lists the change with its risk, a click opens the production rules, the feature
// file's code lens says what changes, and the rollout panel shows the rules before the change.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { PreviewController } from "../../../client/src/preview";
import type { RolloutChangesNode, RolloutChangesView } from "../../../client/src/rolloutChangesView";
import type { RolloutPanel, RolloutRendered } from "../../../client/src/rolloutPanel";
import {
  canDriveBrowser,
  flaglens,
  flaglensDiagnostics,
  inBrowser,
  note,
  projectFile,
  requiredScreenshot,
  screenshot,
  SELECTORS,
  waitForDiagnostics,
  workspaceRoot,
} from "../support";

const NEW_CHECKOUT = "features/newCheckout.yml";
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Flaglens e2e",
  GIT_AUTHOR_EMAIL: "e2e@example.com",
  GIT_COMMITTER_NAME: "Flaglens e2e",
  GIT_COMMITTER_EMAIL: "e2e@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Resolves once `condition` returns something for the view: checked now and after each change of its tree. */
async function waitForView<T>(
  view: RolloutChangesView,
  description: string,
  condition: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await condition();
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for the Rollout Changes view: ${description}; message: ${view.view.message}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (listener.dispose(), resolve()), 1000);
      const listener = view.onDidChangeTreeData(() => (clearTimeout(timer), listener.dispose(), resolve()));
    });
  }
}

/** The view's rows: the node, its label and its description. */
async function rows(
  view: RolloutChangesView,
): Promise<{ node: RolloutChangesNode; item: vscode.TreeItem; label: string; description: string }[]> {
  const children = await view.getChildren();
  return children.map((node) => {
    const item = view.getTreeItem(node);
    const label = typeof item.label === "string" ? item.label : (item.label?.label ?? "");
    return { node, item, label, description: typeof item.description === "string" ? item.description : "" };
  });
}

/** Resolves with the first render (the last one, or one to come) that satisfies `condition`. */
function waitForRender(
  panel: RolloutPanel,
  description: string,
  condition: (r: RolloutRendered) => boolean,
  timeoutMs = 20_000,
): Promise<RolloutRendered> {
  return new Promise((resolve, reject) => {
    if (panel.lastRendered && condition(panel.lastRendered)) return resolve(panel.lastRendered);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`Timed out waiting for the rollout panel: ${description}. Last render: ${JSON.stringify(panel.lastRendered)}`));
    }, timeoutMs);
    const listener = panel.onDidRender((r) => {
      if (!condition(r)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(r);
    });
  });
}

describe("Rollout changes", () => {
  const uri = projectFile(NEW_CHECKOUT);
  const root = workspaceRoot().fsPath;
  let view: RolloutChangesView;
  let panel: RolloutPanel;
  let document: vscode.TextDocument;
  let madeRepository = false;

  before(async function () {
    try {
      execFileSync("git", ["--version"]);
    } catch {
      this.skip(); // No git on this machine: nothing to compare with.
    }
    const extension = await flaglens();
    const api = extension.exports as { rolloutChanges: RolloutChangesView; rolloutPanel: RolloutPanel; preview: PreviewController };
    view = api.rolloutChanges;
    panel = api.rolloutPanel;
    // An earlier suite may have left a user previewed: its lenses are no part of this story.
    await api.preview.stop();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    // The runner's workspace is a copy of example/ in a temporary folder: a repository of its own from here on.
    const inside = (() => {
      try {
        return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: root, env: GIT_ENV, stdio: ["ignore", "pipe", "ignore"] })
          .toString()
          .trim();
      } catch {
        return undefined;
      }
    })();
    note(`    (workspace ${root}: ${inside === undefined ? "not a git repository; made one" : `in the repository ${inside}`})`);
    if (inside === undefined) {
      execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root, env: GIT_ENV });
      execFileSync("git", ["add", "-A"], { cwd: root, env: GIT_ENV });
      execFileSync("git", ["commit", "-q", "-m", "The example project"], { cwd: root, env: GIT_ENV });
      madeRepository = true;
    }
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitForDiagnostics("the project to be indexed", () => flaglensDiagnostics(projectFile("features/saleBadge.yml")).length > 0);
    await view.setBase("HEAD");
  });

  after(async () => {
    if (document?.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    if (madeRepository) fs.rmSync(path.join(root, ".git"), { recursive: true, force: true });
  });

  it("lists nothing while the working tree is HEAD's", async () => {
    await vscode.commands.executeCommand("workbench.view.extension.flaglens");
    await waitForView(view, "no changes", async () =>
      (await rows(view)).length === 0 && view.view.message?.startsWith("No rollout changes against HEAD") ? true : undefined,
    );
    assert.equal(view.view.description, "vs HEAD");
  });

  it("lists an unsaved percentage edit with its risk, and opens the environment's rules on a click", async () => {
    const text = document.getText();
    const rule = text.indexOf("key: everyone", text.indexOf("production:"));
    const at = text.indexOf("percentage: 5", rule);
    assert.ok(rule > 0 && at > rule, "newCheckout.yml has production's everyone rule at 5%");
    const start = document.positionAt(at + "percentage: ".length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(start, start.translate(0, 1)), "50");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(document.isDirty, true);

    const row = await waitForView(view, "newCheckout's change", async () =>
      (await rows(view)).find((r) => r.label === "newCheckout · production"),
    );
    assert.equal((await rows(view)).length, 1);
    assert.match(row.description, /^5% → 50% of everyone \(\+45 points\)/);
    assert.match((row.item.tooltip as vscode.MarkdownString).value, /warning \*\*exposure-jump\*\*/);
    assert.equal((row.item.iconPath as vscode.ThemeIcon).id, "warning");
    assert.match(
      row.item.accessibilityInformation?.label ?? "",
      /^newCheckout in production: 5% → 50% of everyone .*Risks: warning: exposure jump/,
    );

    // A click opens the file at production's rules (from another file: closing the edited one would drop its text).
    await vscode.window.showTextDocument(projectFile("features/darkMode.yml"), { preview: false });
    assert.notEqual(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    const command = row.item.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor?.document.lineAt(editor.selection.start.line).text, "  production:");
  });

  it("puts a code lens on the changed environment", async () => {
    const lens = await waitForView(view, "the change lens", async () => {
      const lenses = (await vscode.commands.executeCommand("vscode.executeCodeLensProvider", uri)) as vscode.CodeLens[];
      return lenses.find((l) => l.command?.title.startsWith("since HEAD"));
    });
    assert.match(lens.command!.title, /^since HEAD: 5% → 50% of everyone \(\+45 points\) · .*exposure jump/);
    // Over the changed rule, below production's own rollout lens.
    const production = document.getText().split("\n").indexOf("  production:");
    assert.ok(lens.range.start.line > production);
    assert.equal(document.lineAt(lens.range.start.line).text, "    - key: everyone");
  });

  it("shows the rendered view and lens (picture for the README)", async function () {
    if (!canDriveBrowser()) this.skip();
    // The view as drawn, with the Flags view folded away (for the picture too, with a wider side bar below).
    await vscode.commands.executeCommand("flaglens.rolloutChanges.focus");
    await inBrowser("fold the flags view", [{ click: '.pane-header:has-text("Flags")' }]);
    try {
      const row = '.tree-explorer-viewlet-tree-view .monaco-list-row:has-text("newCheckout · production")';
      let texts: string[];
      try {
        texts = await inBrowser("rollout changes rows", [{ waitFor: row }, { texts: row }]);
      } catch (error) {
        await screenshot("rollout-changes-missing");
        throw error;
      }
      assert.ok(
        texts.some((t) => t.includes("5% → 50% of everyone (+45 points)")),
        texts.join("\n"),
      );
      // Nothing but the view and the editor: an earlier suite may have left the panel (Output) open.
      await vscode.commands.executeCommand("workbench.action.closePanel");
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // The focused part is the editor: narrowing it widens the side bar.
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand("workbench.action.decreaseViewWidth");
      const production = document.getText().split("\n").indexOf("  production:");
      editor.selection = new vscode.Selection(production + 10, 19, production + 10, 19);
      editor.revealRange(new vscode.Range(production - 12, 0, production + 10, 0), vscode.TextEditorRevealType.AtTop);
      // The lens as the server says it now (an editor shown again first draws the lenses it had cached).
      await requiredScreenshot("rollout-changes", [
        `${SELECTORS.codeLens}:has-text("since HEAD: 5% → 50% of everyone")`,
        `${SELECTORS.codeLens}:has-text("production: employees → treatment, 50% of netherlands, 50% of everyone else")`,
        '.tree-explorer-viewlet-tree-view .monaco-list-row:has-text("newCheckout · production")',
      ]);
    } finally {
      await inBrowser("unfold the flags view", [{ click: '.pane-header:has-text("Flags")' }]);
    }
  });

  it("shows the rules as HEAD had them in the rollout panel", async () => {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand("flaglens.openRolloutPanel");
    const rendered = await waitForRender(
      panel,
      "the change under production",
      (r) => r.feature === "newCheckout" && r.changes.length === 1,
    );
    assert.match(rendered.changes[0], /^Changed since HEAD: 5% → 50% of everyone \(\+45 points\)\. Risks: .*warning exposure-jump/);
    assert.deepEqual(rendered.shares, ["100%", "100%", "50%", "50%"]);
    assert.equal(rendered.before.length, 3);
    assert.match(rendered.before[2], /^Before \(HEAD\): Rule everyone: 5% of everyone else/);
    if (canDriveBrowser()) {
      await vscode.commands.executeCommand("workbench.action.closeSidebar");
      await requiredScreenshot("rollout-changes-panel", ["iframe.webview"]);
    }
    // Reverted: the change is gone from the view and the panel.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await waitForRender(panel, "no change any more", (r) => r.feature === "newCheckout" && r.changes.length === 0);
    await waitForView(view, "no changes again", async () => ((await rows(view)).length === 0 ? true : undefined));
  });
});
