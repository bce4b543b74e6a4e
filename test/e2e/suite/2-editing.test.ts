// Editing a flag file in a real editor: an unknown segment shows up as an
// error at the right range within seconds, and undoing or fixing the edit
// clears it again.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { SELECTORS, codeOf, flaglens, flaglensDiagnostics, note, projectFile, screenshot, waitForDiagnostics } from "../support";

const NEW_CHECKOUT = "features/newCheckout.yml";
/** Edits and their diagnostics must arrive within this, or the test fails. */
const WITHIN_MS = 10_000;

function unknownSegments(uri: vscode.Uri): vscode.Diagnostic[] {
  return flaglensDiagnostics(uri).filter((d) => codeOf(d) === "unknown-segment");
}

/** The range of `word` after `segments: ` on the first line that has it. */
function segmentRange(document: vscode.TextDocument, word: string): vscode.Range {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const character = text.indexOf(`segments: ${word}`);
    if (character >= 0) {
      const start = character + "segments: ".length;
      return new vscode.Range(line, start, line, start + word.length);
    }
  }
  throw new Error(`No "segments: ${word}" in ${document.uri.fsPath}`);
}

/** Replaces the segment reference `from` (in the production rule "employees") with `to`. */
async function replaceSegment(document: vscode.TextDocument, from: string, to: string): Promise<vscode.Range> {
  const range = segmentRange(document, from);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, to);
  assert.equal(await vscode.workspace.applyEdit(edit), true, "the edit was applied");
  return new vscode.Range(range.start, range.start.translate(0, to.length));
}

describe(`Editing ${NEW_CHECKOUT}`, () => {
  const uri = projectFile(NEW_CHECKOUT);
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    await flaglens();
    document = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(document, { preview: false });
    original = document.getText();
    assert.equal(document.languageId, "yaml");
    // The project is indexed once saleBadge.yml's warnings are there.
    await waitForDiagnostics("the project to be indexed", () => flaglensDiagnostics(projectFile("features/saleBadge.yml")).length > 0);
    assert.deepEqual(flaglensDiagnostics(uri).map(codeOf), [], "the file starts without diagnostics");
  });

  after(async () => {
    // Leave the copy as it was on disk, whatever happened.
    if (document.isDirty || document.getText() !== original) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    }
  });

  it("reports an unknown-segment error at the misspelt reference within seconds", async () => {
    const started = Date.now();
    const expected = await replaceSegment(document, "employees", "employes");
    const error = await waitForDiagnostics(`an unknown-segment error in ${NEW_CHECKOUT}`, () => unknownSegments(uri)[0], WITHIN_MS);
    const elapsed = Date.now() - started;
    note(`    (the unknown-segment error arrived ${elapsed} ms after the edit)`);
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(
      error.range.isEqual(expected),
      `unknown-segment at ${JSON.stringify(error.range)}, expected ${JSON.stringify(expected)} ("employes")`,
    );
    assert.equal(document.getText(error.range), "employes");
    assert.match(error.message, /employes/);
    assert.equal(unknownSegments(uri).length, 1, "exactly one unknown-segment error");

    // What a person sees: the squiggle under the reference, and the Problems panel.
    editor.selection = new vscode.Selection(error.range.start, error.range.start);
    editor.revealRange(error.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
    await screenshot("unknown-segment", [SELECTORS.errorSquiggle, SELECTORS.problemsRow, SELECTORS.codeLens]);
  });

  it("clears the error when the edit is undone", async () => {
    assert.equal(unknownSegments(uri).length, 1, "the previous test left the error");
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand("undo");
    assert.equal(document.getText(), original, "undo restored the text");
    await waitForDiagnostics(`the unknown-segment error in ${NEW_CHECKOUT} to clear`, () => unknownSegments(uri).length === 0, WITHIN_MS);
    assert.deepEqual(flaglensDiagnostics(uri).map(codeOf), []);
  });

  it("clears the error when the reference is fixed by another edit", async () => {
    await replaceSegment(document, "employees", "employes");
    await waitForDiagnostics(`an unknown-segment error in ${NEW_CHECKOUT}`, () => unknownSegments(uri).length === 1, WITHIN_MS);
    // Fixed to another existing segment rather than back to the original text.
    await replaceSegment(document, "employes", "qa");
    await waitForDiagnostics(`the unknown-segment error in ${NEW_CHECKOUT} to clear`, () => unknownSegments(uri).length === 0, WITHIN_MS);
    assert.deepEqual(flaglensDiagnostics(uri).map(codeOf), []);
  });
});
