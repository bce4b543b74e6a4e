// The Flags view and the palette commands in a real editor: the view lists the example's features
// grouped by status with their usage counts, a click opens the feature's file, the filters narrow
// it, and each palette command runs (given its argument, where it would otherwise ask).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { FlagsNode, FlagsView } from "../../../client/src/flagsView";
import { flaglens, note, projectFile, screenshot } from "../support";

const APP = "src/shop.ts";
const SOURCE = `import { createInstance } from "@featurevisor/sdk";

const f = createInstance({ datafileUrl: "https://cdn.example.com/datafile.json" });

export const theme = () => (f.isEnabled("darkMode", { userId: "u1" }) ? "dark" : "light");
export const badge = () => f.isEnabled("saleBadge", { userId: "u1" });
export const banner = () => f.isEnabled("oldBanner", { userId: "u1" });
export const checkout = () => f.getVariation("newCheckout", { userId: "u1" });
export const steps = () => f.getVariable("newCheckout", "steps", { userId: "u1" });
`;

/** The view's rows below a node, as label and description. */
async function rows(view: FlagsView, node?: FlagsNode): Promise<{ node: FlagsNode; label: string; description: string }[]> {
  const children = await view.getChildren(node);
  return children.map((child) => {
    const item = view.getTreeItem(child);
    const label = typeof item.label === "string" ? item.label : (item.label?.label ?? "");
    return { node: child, label, description: typeof item.description === "string" ? item.description : "" };
  });
}

/** Features per status group of the (single) project, as the view shows them. */
async function groups(view: FlagsView): Promise<Record<string, string[]>> {
  const [project] = await rows(view);
  if (project === undefined) {
    const tree = await view.current();
    const keys = tree?.projects.map((p) => p.features.map((f) => `${f.key}[${f.tags.join(",")}]`));
    // Nothing shown without a filter: what the view had goes into the report.
    if (view.filter.text === undefined && view.filter.tag === undefined)
      note(`No project shown; message ${view.view.message}; filter ${JSON.stringify(view.filter)}; features ${JSON.stringify(keys)}`);
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const group of await rows(view, project.node)) {
    if (group.node.type !== "status") continue;
    out[group.label] = (await rows(view, group.node)).map((r) => r.label);
  }
  return out;
}

/** Resolves once `condition` holds for the view's tree: checked now and after each change of the view. */
async function waitForTree(view: FlagsView, description: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the Flags view: ${description}`);
    // The next change of the tree, or a second at most (a change before the listener was added is not missed then).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (listener.dispose(), resolve()), 1000);
      const listener = view.onDidChangeTreeData(() => (clearTimeout(timer), listener.dispose(), resolve()));
    });
  }
}

describe("The Flags view and the palette commands", () => {
  const app = projectFile(APP);
  let view: FlagsView;

  before(async () => {
    const extension = await flaglens();
    view = (extension.exports as { flagsView: FlagsView }).flagsView;
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.fs.writeFile(app, new TextEncoder().encode(SOURCE));
    await vscode.commands.executeCommand("workbench.view.extension.flaglens");
    // darkMode is used in this file only (the code suite's file may still count for newCheckout and
    // oldBanner: its deletion can race the rescan its settings change starts).
    await waitForTree(view, "usage counts from the code", async () => {
      const tree = await view.current();
      // This file and the example's app/search.py.
      return tree?.projects[0]?.features.find((f) => f.key === "darkMode")?.usages === 2;
    });
    // The specs run at startup: then every feature has its test status.
    await waitForTree(view, "the features' test status", async () => {
      const tree = await view.current();
      return tree?.projects[0]?.features.find((f) => f.key === "newCheckout")?.tests?.passed === 1;
    });
  });

  after(async () => {
    await vscode.commands.executeCommand("flaglens.flags.clearFilter");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.fs.delete(app);
  });

  it("lists the example's features grouped by status, with usages, test status and the reason", async () => {
    assert.deepEqual(await groups(view), {
      "In rollout": ["darkMode", "newCheckout", "searchA", "searchB"],
      "Fully on": ["saleBadge"],
      Deprecated: ["oldBanner"],
      Archived: ["classicSearch"],
    });
    const [project] = await rows(view);
    const labels = (await rows(view, project.node)).map((r) => `${r.label} ${r.description}`);
    assert.deepEqual(labels, [
      "Environments staging, production",
      "In rollout 4",
      "Fully on 1",
      "Deprecated 1",
      "Archived 1",
      "Segments 4",
      "Attributes 4",
    ]);
    const inRollout = (await rows(view, project.node)).find((r) => r.label === "In rollout")!;
    const features = await rows(view, inRollout.node);
    assert.deepEqual(
      features.map((r) => [r.label, r.label === "newCheckout" ? "" : r.description]),
      [
        ["darkMode", "2 usages · no tests · #mobile"],
        ["newCheckout", ""],
        ["searchA", "1 usage · no tests · #web"],
        ["searchB", "1 usage · no tests · #web"],
      ],
    );
    assert.match(features[1].description, /^\d+ usages · tests passed · #web$/);
    const tooltip = view.getTreeItem(features[0].node).tooltip as vscode.MarkdownString;
    assert.match(
      tooltip.value.replace(/\\/g, ""),
      /Users differ: a rule for some users serves enabled, everyone else disabled in production/,
    );
    // The README's picture: the view wide enough for its descriptions, beside the feature file it lists.
    // (The width commands resize the part with the focus: the editor, narrowed, leaves the room to the side bar.)
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await vscode.window.showTextDocument(projectFile("features/newCheckout.yml"), { preview: false });
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand("workbench.action.decreaseViewWidth");
    try {
      await screenshot("flags-view", [".tree-explorer-viewlet-tree-view .monaco-list-row"]);
    } finally {
      await vscode.commands.executeCommand("workbench.action.focusActiveEditorGroup");
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand("workbench.action.increaseViewWidth");
    }
  });

  it("opens a feature's file on a click", async () => {
    const [project] = await rows(view);
    const fullyOn = (await rows(view, project.node)).find((r) => r.label === "Fully on")!;
    const [saleBadge] = await rows(view, fullyOn.node);
    const command = view.getTreeItem(saleBadge.node).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), projectFile("features/saleBadge.yml").toString());
  });

  it("filters by tag and by text, and clears the filter", async () => {
    await vscode.commands.executeCommand("flaglens.flags.filterByTag", "mobile");
    assert.deepEqual(await groups(view), { "In rollout": ["darkMode"] });
    assert.equal(view.view.description, "Filter: #mobile");
    await vscode.commands.executeCommand("flaglens.flags.filter", "search");
    assert.deepEqual(await groups(view), {});
    assert.equal(view.view.message, "No feature matches the filter.");
    await vscode.commands.executeCommand("flaglens.flags.filterByTag", "");
    await vscode.commands.executeCommand("flaglens.flags.filter", "search");
    assert.deepEqual(await groups(view), { "In rollout": ["searchA", "searchB"], Archived: ["classicSearch"] });
    await vscode.commands.executeCommand("flaglens.flags.clearFilter");
    assert.equal(view.view.description, undefined);
    assert.equal(Object.keys(await groups(view)).length, 4);
  });

  it("runs the palette commands", async () => {
    const opened = await vscode.commands.executeCommand<vscode.Uri>("flaglens.goToFeature", "newCheckout");
    assert.equal(opened.toString(), projectFile("features/newCheckout.yml").toString());
    // classicSearch is archived but still used in the example's app/search.py: its usage opens.
    const stale = await vscode.commands.executeCommand<vscode.Uri>("flaglens.showStaleFlags", "classicSearch");
    assert.match(stale.path, /\/app\/search\.py$/);
    // oldBanner is deprecated but still used: its usage opens.
    const usage = await vscode.commands.executeCommand<vscode.Uri>("flaglens.showStaleFlags", "oldBanner");
    assert.match(usage.path, /\/(src|app)\/\w+\.ts$/);
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), '"oldBanner"');
    // Remove Flag… opens VS Code's refactor preview, which waits for the user: its edit is checked in test/lsp/flags.test.ts.
    await vscode.commands.executeCommand("flaglens.flags.findUsages", "darkMode");
    await vscode.commands.executeCommand("flaglens.lintProject");
  });
});
