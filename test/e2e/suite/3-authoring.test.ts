// Authoring features where users see them: completion, hover, definition, code lenses, inlay
// hints and the quick fix, through VS Code's own command API (what the editor's UI calls).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { canDriveBrowser, codeOf, flaglens, flaglensDiagnostics, inBrowser, projectFile, screenshot, waitForDiagnostics } from "../support";

const NEW_CHECKOUT = "features/newCheckout.yml";

/** The position just after `text` on the first line that contains it. */
function positionAfter(document: vscode.TextDocument, text: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const at = document.lineAt(line).text.indexOf(text);
    if (at >= 0) return new vscode.Position(line, at + text.length);
  }
  throw new Error(`"${text}" is not in ${document.uri.fsPath}`);
}

function label(l: string | { label: string } | vscode.InlayHintLabelPart[]): string {
  if (typeof l === "string") return l;
  if (Array.isArray(l)) return l.map((p) => p.value).join("");
  return l.label;
}

describe("Authoring in a real editor", () => {
  const uri = projectFile(NEW_CHECKOUT);
  let document: vscode.TextDocument;
  let original: string;

  before(async () => {
    await flaglens();
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // Start from the text on disk, whatever an earlier suite left in the open document.
    original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), original);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    assert.equal(document.getText(), original);
    await waitForDiagnostics(`${NEW_CHECKOUT} to be clean`, () => flaglensDiagnostics(uri).length === 0);
    await waitForDiagnostics("the project to be indexed", () => flaglensDiagnostics(projectFile("features/saleBadge.yml")).length > 0);
  });

  after(async () => {
    if (document.isDirty || document.getText() !== original) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
  });

  it("completes segment keys after `segments:`", async () => {
    const position = positionAfter(document, "segments: netherl");
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, position);
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    for (const key of ["netherlands", "employees", "qa", "modernApp"]) assert.ok(labels.includes(key), `${key} in ${labels.join(", ")}`);
  });

  it("hovers a segment reference with its description", async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      uri,
      positionAfter(document, "segments: neth"),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))).join("\n");
    assert.match(text, /Segment `netherlands`/);
    assert.match(text, /Visitors from the Netherlands/);
  });

  it("goes to the segment's file", async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      "vscode.executeDefinitionProvider",
      uri,
      positionAfter(document, "segments: neth"),
    );
    const target = found.map((l) => ("targetUri" in l ? l.targetUri : l.uri).path);
    assert.ok(
      target.some((p) => p.endsWith("/segments/netherlands.yml")),
      target.join(", "),
    );
  });

  it("shows rollout previews: a code lens per environment and an inlay hint per rule", async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
    const titles = lenses.map((l) => l.command?.title ?? "");
    assert.ok(titles.includes("production: employees → treatment, 50% of netherlands, 5% of everyone else"), titles.join(" | "));
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      "vscode.executeInlayHintProvider",
      uri,
      new vscode.Range(0, 0, document.lineCount, 0),
    );
    const labels = hints.map((h) => label(h.label));
    assert.ok(labels.includes("50% of netherlands"), labels.join(" | "));
    // VS Code cuts longer labels off: every hint fits in 40 characters, with the whole text as its tooltip.
    assert.ok(hints.length >= 4, labels.join(" | "));
    for (const h of hints) {
      assert.ok(label(h.label).length <= 40, `"${label(h.label)}" is over 40 characters`);
      const tooltip = h.tooltip instanceof vscode.MarkdownString ? h.tooltip.value : h.tooltip;
      assert.ok(tooltip && tooltip.includes(label(h.label).replace(/…$/, "").split(" ")[0]), `"${label(h.label)}" has no tooltip`);
    }
  });

  it("draws no inlay hint over 40 characters in the editor", async function () {
    if (!canDriveBrowser()) this.skip(); // the rendered editor is in the page, which only the code-server runner reads
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const rules = positionAfter(document, "  production:");
    editor.revealRange(new vscode.Range(rules, rules.translate(12)), vscode.TextEditorRevealType.AtTop);
    // Inlay hints are injected text in the view lines, each part in a span of a generated `dyn-rule-*` class
    // (a hair space pads them); a YAML file has no other injected text.
    const HINTS = ".monaco-editor .view-line span[class*='dyn-rule-']";
    let drawn: string[] = [];
    const deadline = Date.now() + 20_000;
    while (!drawn.includes("50% of netherlands")) {
      if (Date.now() > deadline) throw new Error(`the hints were never drawn; seen: ${drawn.join(" | ") || "none"}`);
      const texts = await inBrowser("the drawn inlay hints", [{ waitFor: HINTS }, { texts: HINTS }]);
      drawn = texts.map((t) => t.replace(/\u200a/g, "").trim()).filter((t) => t !== "");
    }
    assert.ok(drawn.includes("5% of everyone else"), drawn.join(" | "));
    for (const text of drawn) assert.ok(text.length <= 40, `"${text}" is drawn with ${text.length} characters`);
  });

  it("offers a quick fix for a misspelt segment, and applying it clears the error", async () => {
    const end = positionAfter(document, "segments: netherlands");
    const range = new vscode.Range(end.translate(0, -"netherlands".length), end);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, "nethrlands");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const error = await waitForDiagnostics("an unknown-segment error", () =>
      flaglensDiagnostics(uri).find((d) => codeOf(d) === "unknown-segment"),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      error.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to "netherlands"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(", "));
    await screenshot("quick-fix");
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(range), "netherlands");
    await waitForDiagnostics("the error to clear", () => flaglensDiagnostics(uri).length === 0);
  });
});
