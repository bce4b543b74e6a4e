// The palette commands as users run them: F1, the command's title typed into VS Code's command
// palette, Enter, then whatever the command asks for, through the workbench's own UI (code-server's
// page, driven by the runner: see BrowserStep). Each checks what the user then sees. Needs the
// code-server runner; skipped with the reason elsewhere.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { canDriveBrowser, flaglens, flaglensDiagnostics, inBrowser, projectFile, waitForDiagnostics } from "../support";

const QUICK_INPUT = ".quick-input-widget";
const FOCUSED_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`;

/** Runs a command through the command palette: F1, its title typed, the focused row checked, Enter. */
async function fromPalette(title: string): Promise<void> {
  await inBrowser(`palette: ${title}`, [
    { press: "F1" },
    { waitFor: `${QUICK_INPUT} .quick-input-box input` },
    { type: title },
    // The palette filters as it is typed: Enter only once the command is the focused row.
    { waitFor: `${FOCUSED_ROW}:has-text("${title}")` },
    { press: "Enter" },
  ]);
}

/** Picks an item in the quick pick a command opened: waits for its title, types the item, Enter. */
async function pick(quickPickTitle: string, item: string, row = item): Promise<void> {
  await inBrowser(`pick ${item}`, [
    { waitFor: `${QUICK_INPUT} .quick-input-title:has-text("${quickPickTitle}")` },
    { type: item },
    { waitFor: `${FOCUSED_ROW}:has-text("${row}")` },
    { press: "Enter" },
  ]);
}

/** Resolves once `condition` holds, checked every 50 ms; rejects with `description` after `timeoutMs`. */
async function until(description: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const activePath = () => vscode.window.activeTextEditor?.document.uri.path ?? "(no editor)";

describe("The palette commands, through VS Code's command palette", function () {
  before(async function () {
    if (!canDriveBrowser()) this.skip(); // the command palette is in the page, which only the code-server runner drives
    await flaglens();
    await waitForDiagnostics("the project to be indexed", () => flaglensDiagnostics(projectFile("features/saleBadge.yml")).length > 0);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("Lint Project shows the project's findings in the Problems panel", async () => {
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await fromPalette("Flaglens: Lint Project");
    const rows = await inBrowser("the Problems panel", [
      { waitFor: ".markers-panel .monaco-list-row" },
      { texts: ".markers-panel .monaco-list-row" },
    ]);
    assert.ok(
      rows.some((r) => r.includes("unreachable-rule")),
      rows.join("\n"),
    );
  });

  it("Go to Feature… opens the feature picked", async () => {
    await fromPalette("Flaglens: Go to Feature");
    await pick("Go to a feature", "darkMode");
    await until("features/darkMode.yml to open", () => activePath().endsWith("/features/darkMode.yml"));
  });

  it("Show Stale Flags lists them with the reason, and opens the usage of the one picked", async () => {
    await fromPalette("Flaglens: Show Stale Flags");
    const rows = await inBrowser("the stale flags", [
      { waitFor: `${QUICK_INPUT} .quick-input-title:has-text("Stale flags")` },
      { waitFor: `${QUICK_INPUT} .quick-input-list .monaco-list-row` },
      { texts: `${QUICK_INPUT} .quick-input-list .monaco-list-row` },
    ]);
    assert.ok(
      rows.some((r) => r.includes("classicSearch") && r.includes("archived")),
      rows.join("\n"),
    );
    await pick("Stale flags", "classicSearch");
    // classicSearch is archived but still used in the example's app/search.py.
    await until("app/search.py to open", () => activePath().endsWith("/app/search.py"));
  });

  it("Remove Flag… asks for the flag and the behaviour, then shows the refactor preview (discarded here)", async () => {
    const app = projectFile("app/checkout.ts");
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(app));
    assert.match(before, /"oldBanner"/);
    await fromPalette("Flaglens: Remove Flag");
    await pick("Remove a flag", "oldBanner");
    await pick("which behaviour stays", "disabled", "Keep the disabled behaviour");
    const changes = await inBrowser("the refactor preview", [
      { waitFor: ".bulk-edit-panel .monaco-list-row", timeoutMs: 20_000 },
      { texts: ".bulk-edit-panel .monaco-list-row" },
    ]);
    assert.ok(
      changes.some((c) => c.includes("checkout.ts")),
      changes.join("\n"),
    );
    await inBrowser("discarding the edit", [
      { click: '.bulk-edit-panel .monaco-button:has-text("Discard")' },
      { waitForHidden: ".bulk-edit-panel" },
    ]);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(app)), before);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === app.toString());
    assert.ok(!open?.isDirty, "app/checkout.ts is left unchanged");
  });

  it("Preview as User… opens its picker (cancelled here)", async () => {
    await fromPalette("Flaglens: Preview as User");
    const titles = await inBrowser("the preview picker", [
      { waitFor: `${QUICK_INPUT} .quick-input-title` },
      { texts: `${QUICK_INPUT} .quick-input-title` },
      { press: "Escape" },
      { waitForHidden: QUICK_INPUT },
    ]);
    assert.match(titles.join(" "), /preview|user|context/i);
  });

  it("Restart Language Server starts the server again: its findings are withdrawn, then published anew", async () => {
    const uri = projectFile("features/saleBadge.yml");
    let cleared = false;
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (flaglensDiagnostics(uri).length === 0) cleared = true;
    });
    try {
      await fromPalette("Flaglens: Restart Language Server");
      await until("the old server's findings to be withdrawn", () => cleared, 20_000);
      await waitForDiagnostics("the new server's findings", () => flaglensDiagnostics(uri).length > 0);
    } finally {
      listener.dispose();
    }
  });

  it("Show Output shows the server's log", async () => {
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await fromPalette("Flaglens: Show Output");
    const lines = await inBrowser("the Output view", [{ waitFor: ".output-view .view-line" }, { texts: ".output-view .view-line" }]);
    // The restarted server's log ends with the project it loaded and the code it indexed.
    assert.ok(
      lines.some((l) => /Loaded |Indexed flag usages/.test(l)),
      lines.join("\n"),
    );
  });
});
