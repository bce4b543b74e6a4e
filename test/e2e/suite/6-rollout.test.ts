// The rollout panel in a real editor: opened for the feature file in the editor, it draws every
// environment's rules; an edit of a rule's percentage redraws it; a previewed user's path shows;
// its page has a strict Content-Security-Policy and every rule is reached with Tab, with a visible focus.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { FlagsView } from "../../../client/src/flagsView";
import type { RolloutPanel, RolloutRendered } from "../../../client/src/rolloutPanel";
import { flaglens, flaglensDiagnostics, inspectWebview, note, projectFile, screenshot, waitForDiagnostics } from "../support";

const NEW_CHECKOUT = "features/newCheckout.yml";
const CONTEXTS = ".flaglens/contexts.yml";

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

/** The range of `percentage: 50` in the rule `key: dutch`. */
function dutchPercentage(document: vscode.TextDocument): vscode.Range {
  const text = document.getText();
  const rule = text.indexOf("key: dutch");
  const at = text.indexOf("percentage: 50", rule);
  assert.ok(rule >= 0 && at > rule, "newCheckout.yml has the dutch rule at 50%");
  const start = document.positionAt(at + "percentage: ".length);
  return new vscode.Range(start, start.translate(0, 2));
}

describe("The rollout panel", () => {
  const uri = projectFile(NEW_CHECKOUT);
  let panel: RolloutPanel;
  let document: vscode.TextDocument;
  let savedContexts: Uint8Array | undefined;

  before(async () => {
    const extension = await flaglens();
    panel = (extension.exports as { rolloutPanel: RolloutPanel }).rolloutPanel;
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitForDiagnostics("the project to be indexed", () => flaglensDiagnostics(projectFile("features/saleBadge.yml")).length > 0);
  });

  after(async () => {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
    if (savedContexts) await vscode.workspace.fs.writeFile(projectFile(CONTEXTS), savedContexts);
  });

  it("opens for the feature in the editor and draws each environment's rules", async () => {
    const model = (await vscode.commands.executeCommand("flaglens.openRolloutPanel")) as { feature: string } | null;
    assert.equal(model?.feature, "newCheckout");
    const rendered = await waitForRender(panel, "newCheckout drawn", (r) => r.feature === "newCheckout");
    assert.equal(rendered.environments, 2);
    // staging: everyone; production: employees, dutch, everyone.
    assert.equal(rendered.rules, 4);
    assert.ok(
      rendered.labels.some((l) => l.startsWith("Rule dutch: 50% of netherlands")),
      rendered.labels.join("\n"),
    );
    assert.deepEqual(rendered.shares, ["100%", "100%", "50%", "5%"]);
  });

  it("redraws when a rule's percentage is edited", async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, dutchPercentage(document), "30");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const rendered = await waitForRender(panel, "the dutch rule at 30%", (r) => r.shares[2] === "30%");
    assert.ok(
      rendered.labels.some((l) => l.startsWith("Rule dutch: 30% of netherlands")),
      rendered.labels.join("\n"),
    );
    // And back.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await waitForRender(panel, "the dutch rule at 50% again", (r) => r.shares[2] === "50%");
  });

  it("shows the path of a previewed user rule by rule", async () => {
    // The Dutch visitor first, so that the quick pick's first item is theirs.
    savedContexts = await vscode.workspace.fs.readFile(projectFile(CONTEXTS));
    await vscode.workspace.fs.writeFile(
      projectFile(CONTEXTS),
      new TextEncoder().encode("Dutch visitor:\n  userId: visitor-42\n  country: nl\n"),
    );
    // The quick pick lists the saved context first: accept it once it is open.
    const picked = vscode.commands.executeCommand("flaglens.previewAsUser");
    let done = false;
    void picked.then(() => (done = true));
    for (let i = 0; i < 100 && !done; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    }
    await picked;
    const rendered = await waitForRender(panel, "the preview path", (r) => r.labels.some((l) => l.includes("Preview: matched")));
    const production = rendered.labels.slice(1);
    assert.match(production[0], /Preview: skipped/);
    assert.match(production[1], /Preview: matched: bucket [\d.]+% [≤>] 50%/);
    assert.match(production[2], /Preview: not reached/);
    // A wide panel for the picture: no side bar.
    await vscode.commands.executeCommand("workbench.action.closeSidebar");
    await screenshot("rollout-panel", ["iframe.webview"]);
  });

  it("has a strict Content-Security-Policy, and Tab reaches every rule with a visible focus", async function () {
    const report = await inspectWebview("rollout-panel-page", "main[data-flaglens-panel]");
    if (!report) this.skip();
    note(`    (${report.stops.length} Tab stops; CSP: ${report.csp})`);
    assert.ok(report.csp, "the page has a Content-Security-Policy meta element");
    assert.match(report.csp, /default-src 'none'/);
    assert.match(report.csp, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(report.csp, /unsafe-inline|unsafe-eval/);
    // VS Code's own API script (id _vscodeApiScript) comes before the policy; every other script is a nonce'd file.
    for (const s of report.scripts.filter((x) => x.id !== "_vscodeApiScript")) {
      assert.ok(s.src !== "" && s.nonce, `a script without a nonce or a file: ${JSON.stringify(s)}`);
    }
    // VS Code's default styles (id _defaultStyles, its theme variables) are its own; the page adds none.
    assert.deepEqual(
      report.styles.filter((id) => id !== "_defaultStyles"),
      [],
      "no <style> elements",
    );
    assert.equal(report.handlers, 0, "no inline event handlers");
    assert.equal(report.inlineScriptRan, false, "an inline script ran");
    assert.equal(report.inlineStyleApplied, false, "an inline style attribute applied");
    assert.ok(report.rules.length >= 4, `rules: ${report.rules.join(", ")}`);
    const reached = report.stops.filter((s) => s.className.split(" ").includes("rule"));
    assert.deepEqual(
      reached.map((s) => s.label),
      report.rules,
      "Tab reaches every rule, in order",
    );
    for (const stop of report.stops) {
      assert.ok(stop.focusVisible, `no :focus-visible on ${stop.tag}.${stop.className}`);
      assert.doesNotMatch(stop.outline, /^none/, `no focus outline on ${stop.tag}.${stop.className}: ${stop.outline}`);
    }
  });

  it("opens from a Flags view item, and follows the active editor", async () => {
    const extension = await flaglens();
    const view = (extension.exports as { flagsView: FlagsView }).flagsView;
    const project = (await view.current())?.projects[0];
    const feature = project?.features.find((f) => f.key === "searchA");
    assert.ok(project && feature, "the Flags view lists searchA");
    await vscode.commands.executeCommand("flaglens.openRolloutPanel", { type: "feature", project, feature });
    const searchA = await waitForRender(panel, "searchA drawn", (r) => r.feature === "searchA");
    assert.ok(
      searchA.labels.every((l) => l.includes("set by the group slot")),
      searchA.labels.join("\n"),
    );
    await vscode.window.showTextDocument(projectFile("features/darkMode.yml"), { preview: false });
    await waitForRender(panel, "darkMode drawn after its file became the active editor", (r) => r.feature === "darkMode");
  });

  it("opens from the link at the end of a flag call's hover", async () => {
    const document = await vscode.workspace.openTextDocument(projectFile("app/checkout.ts"));
    await vscode.window.showTextDocument(document, { preview: false });
    const at = document.positionAt(document.getText().indexOf('"oldBanner"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, at);
    const markdown = hovers
      .flatMap((h) => h.contents)
      .find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes("Open rollout panel"));
    assert.ok(markdown, "a hover with the link");
    // VS Code runs the link only when the client trusts that command.
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ["flaglens.openRolloutPanel"] });
    const link = /\[Open rollout panel\]\(command:([\w.]+)\?([^)\s]+)\)/.exec(markdown.value);
    assert.ok(link, markdown.value);
    await vscode.commands.executeCommand(link[1], ...(JSON.parse(decodeURIComponent(link[2])) as unknown[]));
    await waitForRender(panel, "oldBanner drawn after the hover's link", (r) => r.feature === "oldBanner");
  });
});
