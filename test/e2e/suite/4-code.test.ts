// Flags in application code where users see them: a TypeScript file created in the workspace gets
// diagnostics, a code lens with the rollout, hover, completion of variation values after a quote,
// the quick fix that removes a retired flag, and the flaglens.code.* settings take effect.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  SELECTORS,
  canDriveBrowser,
  codeOf,
  flaglens,
  flaglensDiagnostics,
  inBrowser,
  note,
  projectFile,
  requiredScreenshot,
  screenshot,
  waitForDiagnostics,
} from "../support";

const APP = "src/checkout.ts";

const SOURCE = `import { createInstance } from "@featurevisor/sdk";

const f = createInstance({ datafileUrl: "https://cdn.example.com/datafile.json" });

export function checkout(): string {
  const variation = f.getVariation("newCheckout", { userId: "u1" });
  if (variation === "") return "new";
  if (f.isEnabled("oldBanner", { userId: "u1" })) return "banner";
  return f.isEnabled("newChekout", { userId: "u1" }) ? "typo" : "old";
}

export const wrapped = isOn("neverDefined");

function isOn(key: string): boolean {
  return key.length > 0;
}
`;

function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  if (at < 0) throw new Error(`"${text}" is not in ${document.uri.fsPath}`);
  return document.positionAt(at + offset);
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === "string" ? i.label : i.label.label);

describe("The example's application, as a user first sees it", () => {
  it("shows each flag's rollout in a lens over its line, and the deprecated flag underlined (screenshot)", async () => {
    await flaglens();
    const uri = projectFile("app/checkout.ts");
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand("workbench.files.action.showActiveFileInExplorer");
    await waitForDiagnostics("the deprecated flag in app/checkout.ts", () =>
      flaglensDiagnostics(uri).some((d) => codeOf(d) === "deprecated-flag"),
    );
    const line = positionOf(document, `f.getVariation("newCheckout"`).line;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri, 10);
    const titles = lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? "");
    assert.equal(titles.length, 1, `one lens over the line: ${titles.join(" | ")}`);
    assert.match(titles[0], /^newCheckout · .*production: employees → treatment, 50% of netherlands, 5% of everyone else/);
    // The variables read on the next lines are the same flag's: no lens repeats it.
    const variables = positionOf(document, "f.getVariableString").line;
    assert.deepEqual(
      lenses.filter((l) => l.range.start.line === variables || l.range.start.line === variables + 1).map((l) => l.command?.title),
      [],
    );
    // In some full runs the editor never asks for this file's lenses, though the provider answers them (above) and the
    // server asks for a refresh when the file opens; the cause is not found yet. That is said in the output, and the
    // editor is opened again, which makes it ask; the picture below still fails without lenses.
    if (canDriveBrowser()) {
      try {
        await inBrowser("code lenses drawn", [{ waitFor: SELECTORS.codeLens, timeoutMs: 8000 }]);
      } catch {
        note("the editor drew no code lens over app/checkout.ts within 8 s: opening it again");
        await vscode.window.showTextDocument(document, { preview: false });
        await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
        await vscode.window.showTextDocument(document, { preview: false });
      }
    }
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    // Lenses are drawn after the provider answers: the picture waits until the editor shows them, and fails without.
    await requiredScreenshot("code-lenses", [SELECTORS.codeLens, SELECTORS.warningSquiggle, SELECTORS.problemsRow]);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});

describe("Flags in application code, in a real editor", () => {
  const uri = projectFile(APP);
  let document: vscode.TextDocument;
  const codes = () => flaglensDiagnostics(uri).map(codeOf).sort();

  before(async () => {
    await flaglens();
    // A file created in the workspace: the server learns of it through its file watcher.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SOURCE));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitForDiagnostics(`diagnostics in ${APP}`, () => codes().includes("unknown-flag") && codes().includes("deprecated-flag"));
  });

  after(async () => {
    await vscode.workspace.getConfiguration("flaglens").update("code.functions", undefined, vscode.ConfigurationTarget.Workspace);
    // Auto save is off in these runs: revert, so closing asks nothing.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
    await vscode.workspace.fs.delete(uri);
  });

  it("reports a misspelt key (with the closest one) and a deprecated flag", async () => {
    const unknown = flaglensDiagnostics(uri).find((d) => codeOf(d) === "unknown-flag");
    assert.ok(unknown, "an unknown-flag diagnostic");
    assert.match(unknown.message, /newChekout/);
    assert.match(unknown.message, /newCheckout/);
    assert.equal(document.getText(unknown.range), "newChekout");
    const deprecated = flaglensDiagnostics(uri).find((d) => codeOf(d) === "deprecated-flag");
    assert.equal(document.getText(deprecated!.range), "oldBanner");
    await screenshot("code-diagnostics", [".monaco-editor .squiggly-error"]);
  });

  it("shows the flag's rollout in a code lens above the call, and on hover", async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri, 10);
    const line = positionOf(document, "f.getVariation").line;
    const titles = lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? "");
    assert.deepEqual(
      titles,
      [
        "newCheckout · staging: everyone; forced: qa → treatment · production: employees → treatment, 50% of netherlands, 5% of everyone else",
      ],
      `lens titles: ${titles.join(" | ")}`,
    );
    // Clicking the lens peeks at the feature's rules.
    assert.equal(lenses.find((l) => l.range.start.line === line)?.command?.command, "flaglens.showReferences");
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      uri,
      positionOf(document, `"newCheckout"`, 3),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
    assert.match(text, /The redesigned checkout/);
    // "Defined in" is a link to the feature's file.
    assert.match(text, /Defined in \[`features\/newCheckout\.yml`\]\(file:\/\/[^)]*features\/newCheckout\.yml#L\d+\)/);
  });

  it("completes the feature's variations inside the string its getVariation result is compared with", async () => {
    const inside = positionOf(document, `variation === ""`, `variation === "`.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, inside, '"');
    const labels = list.items.map(labelOf);
    for (const v of ["control", "treatment"]) assert.ok(labels.includes(v), `${v} in ${labels.join(", ")}`);
  });

  it("offers to remove the deprecated flag, and the edit keeps the file valid", async () => {
    const deprecated = flaglensDiagnostics(uri).find((d) => codeOf(d) === "deprecated-flag")!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      deprecated.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => /Remove flag "oldBanner" here/.test(a.title) && /keep enabled/.test(a.title));
    assert.ok(fix?.edit, `actions: ${titles.join(" | ")}`);
    // The fix asks for confirmation (a change annotation with needsConfirmation, checked at the protocol level in
    // test/lsp/stale.test.ts), so that VS Code shows its refactor preview when a user applies it. The command API
    // returns the edit without its metadata, so the test applies a plain copy of the same edits.
    const plain = new vscode.WorkspaceEdit();
    for (const [target, edits] of fix.edit.entries()) for (const e of edits) plain.replace(target, e.range, e.newText);
    assert.ok(await vscode.workspace.applyEdit(plain));
    assert.ok(!document.getText().includes("oldBanner"), document.getText());
    assert.match(document.getText(), /return "banner";/);
    await waitForDiagnostics("the deprecated-flag diagnostic to go", () => !codes().includes("deprecated-flag"));
    await vscode.commands.executeCommand("undo");
    assert.ok(document.getText().includes(`f.isEnabled("oldBanner"`), "undo restores the call");
  });

  it("finds a wrapper named in flaglens.code.functions once the setting says so", async () => {
    const wrapperFlagged = () => flaglensDiagnostics(uri).some((d) => document.getText(d.range) === "neverDefined");
    assert.ok(!wrapperFlagged(), "isOn is not an SDK call by default");
    await vscode.workspace.getConfiguration("flaglens").update("code.functions", ["isOn:flag"], vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics("the unknown key in isOn(...) to be reported", wrapperFlagged);
    await vscode.workspace.getConfiguration("flaglens").update("code.functions", undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics("the wrapper to be forgotten", () => !wrapperFlagged());
  });
});
