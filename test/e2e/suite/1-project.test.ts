// The extension in a real VS Code, on a copy of example/: it activates by
// itself, and the project's known warnings reach the editor's diagnostics
// for files that were never opened.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  EXTENSION_ID,
  SELECTORS,
  codeOf,
  describeAllDiagnostics,
  flaglensDiagnostics,
  projectFile,
  screenshot,
  waitForDiagnostics,
} from "../support";

const SALE_BADGE = "features/saleBadge.yml";

/** The 0-based range of `word` on the first line containing `lineText`, read from disk (the file stays unopened). */
async function rangeOnDisk(uri: vscode.Uri, lineText: string, word: string): Promise<vscode.Range> {
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split(/\r?\n/);
  const line = lines.findIndex((text) => text.includes(lineText));
  assert.ok(line >= 0, `"${lineText}" not found in ${uri.fsPath}`);
  const character = lines[line].indexOf(word);
  assert.ok(character >= 0);
  return new vscode.Range(line, character, line, character + word.length);
}

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

describe("Flaglens on the example project", () => {
  const saleBadge = projectFile(SALE_BADGE);

  it("activates by itself and reports the known warnings of features/saleBadge.yml", async () => {
    const warnings = await waitForDiagnostics(`the deprecated-reference and unreachable-rule warnings in ${SALE_BADGE}`, () => {
      const diagnostics = flaglensDiagnostics(saleBadge);
      const deprecated = diagnostics.find((d) => codeOf(d) === "deprecated-reference");
      const unreachable = diagnostics.find((d) => codeOf(d) === "unreachable-rule");
      return deprecated && unreachable && { deprecated, unreachable };
    });
    // The diagnostics came without the tests calling activate(): workspaceContains did it.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, "the extension is active");

    assert.equal(warnings.deprecated.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warnings.deprecated.message, /oldBanner.*deprecated/);
    const oldBanner = await rangeOnDisk(saleBadge, "- oldBanner", "oldBanner");
    assert.ok(
      warnings.deprecated.range.isEqual(oldBanner),
      `deprecated-reference at ${JSON.stringify(warnings.deprecated.range)}, expected ${JSON.stringify(oldBanner)}`,
    );

    assert.equal(warnings.unreachable.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warnings.unreachable.message, /can never apply/);
    const dutch = await rangeOnDisk(saleBadge, "key: dutch", "dutch");
    assert.ok(
      warnings.unreachable.range.start.isEqual(dutch.start),
      `unreachable-rule starts at ${JSON.stringify(warnings.unreachable.range.start)}, expected ${JSON.stringify(dutch.start)}`,
    );
  });

  it("reports no errors anywhere in the valid example project", async () => {
    const errors = vscode.languages
      .getDiagnostics()
      .flatMap(([uri, diagnostics]) => diagnostics.map((d) => ({ uri, d })))
      .filter(({ d }) => d.source === "flaglens" && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map(({ uri, d }) => `${vscode.workspace.asRelativePath(uri)} ${codeOf(d)}`),
      [],
      describeAllDiagnostics(),
    );
  });

  it("lists diagnostics of files that were never opened in getDiagnostics()", async () => {
    assert.equal(isOpen(saleBadge), false, `${SALE_BADGE} must not have been opened`);
    const all = vscode.languages.getDiagnostics();
    const entry = all.find(([uri]) => uri.toString() === saleBadge.toString());
    assert.ok(entry, `getDiagnostics() has no entry for ${SALE_BADGE}:\n${describeAllDiagnostics()}`);
    const codes = entry[1]
      .filter((d) => d.source === "flaglens")
      .map(codeOf)
      .sort();
    assert.deepEqual(codes, ["deprecated-reference", "unreachable-rule"]);
    // Showing the Problems panel does not open the file either.
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await screenshot("problems-panel-warnings", [SELECTORS.problemsRow]);
    assert.equal(isOpen(saleBadge), false, `${SALE_BADGE} was opened by showing the Problems panel`);
  });
});
