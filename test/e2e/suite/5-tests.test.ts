// Featurevisor test specs in the Test Explorer: the example's specs are listed (spec file, spec,
// assertion), a run passes them, a spec's code lens runs it, a broken expectation fails with its message at its line (and a
// test-failed diagnostic), and fixing it turns it green again once saved.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { FlaglensApi } from "../../../client/src/extension";
import type { SpecTests } from "../../../client/src/tests";
import { codeOf, flaglens, flaglensDiagnostics, projectFile, screenshot, waitForDiagnostics } from "../support";

const SPEC = "tests/features/newCheckout.spec.yml";
const SEGMENT_SPEC = "tests/segments/netherlands.spec.yml";

/** Resolves once the condition holds: checked now and whenever the Test Explorer's items or outcomes change. */
function waitForTests<T>(tests: SpecTests, description: string, condition: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      const value = condition();
      if (!value) return;
      done = true;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    };
    const listener = tests.onDidChange(check);
    const timer = setTimeout(() => {
      done = true;
      listener.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; outcomes: ${JSON.stringify([...tests.outcomes])}`));
    }, timeoutMs);
    check();
  });
}

/** The tree below the Test Explorer's roots, as `label` lines indented by depth. */
function tree(items: vscode.TestItemCollection, depth = 0): string[] {
  const out: string[] = [];
  const sorted: vscode.TestItem[] = [];
  items.forEach((i) => void sorted.push(i));
  sorted.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  for (const i of sorted) {
    const line = i.range ? `:${i.range.start.line + 1}` : "";
    out.push(`${"  ".repeat(depth)}${i.label}${line}`);
    out.push(...tree(i.children, depth + 1));
  }
  return out;
}

describe("Featurevisor tests in the Test Explorer", () => {
  const uri = projectFile(SPEC);
  let tests: SpecTests;
  let document: vscode.TextDocument;
  const assertionId = `${uri.toString()}#0`;

  before(async () => {
    const extension = await flaglens();
    tests = (extension.exports as FlaglensApi).tests;
    await waitForTests(tests, "the example's specs", () => tests.items.size === 2);
  });

  after(async () => {
    if (!document) return;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });

  it("lists the example's specs: spec file, spec and assertions, at their lines", () => {
    assert.deepEqual(tree(tests.items), [
      "newCheckout.spec.yml",
      "  feature: newCheckout:1",
      "    Assertion #1: at 10%:3",
      "netherlands.spec.yml",
      "  segment: netherlands:1",
      "    Assertion #1: #1:3",
      "    Assertion #2: #2:6",
    ]);
    assert.equal(tests.items.get(uri.toString())?.uri?.toString(), uri.toString());
  });

  it("runs them from the Test Explorer: all pass", async () => {
    tests.outcomes.clear();
    await vscode.commands.executeCommand("testing.runAll");
    // Outcomes are the leaves' (the assertions'): VS Code derives the spec's and the file's from them.
    const leaves = [assertionId, `${projectFile(SEGMENT_SPEC).toString()}#0`, `${projectFile(SEGMENT_SPEC).toString()}#1`];
    await waitForTests(tests, "every assertion to pass", () => leaves.every((id) => tests.outcomes.get(id)?.state === "passed"));
    assert.equal(tests.outcomes.get(uri.toString()), undefined);
  });

  it("runs a spec from its code lens (the server's flaglens.tests.runSpec), shown in the Test Explorer", async () => {
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri);
    const lens = lenses.find((l) => l.command?.command === "flaglens.tests.runSpec");
    assert.ok(lens?.command, `a spec lens with a command among ${JSON.stringify(lenses.map((l) => l.command))}`);
    assert.deepEqual([lens.range.start.line, lens.command.title], [0, "1 passed"]);
    tests.outcomes.clear();
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    await waitForTests(tests, "the lens's run to be reported", () => tests.outcomes.get(assertionId)?.state === "passed");
  });

  it("fails a broken expectation with its message at the assertion's line, and passes again once fixed and saved", async () => {
    document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const original = document.getText();
    const at = original.indexOf("expectedVariation: treatment") + "expectedVariation: ".length;
    await editor.edit((e) => e.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + "treatment".length)), "control"));
    await document.save();
    const failed = await waitForTests(tests, "the assertion to fail", () => {
      const o = tests.outcomes.get(assertionId);
      return o?.state === "failed" ? o : undefined;
    });
    assert.deepEqual(failed.messages, [
      {
        message: 'Assertion #1: at 10%: expectedVariation: expected "control", got "treatment"',
        line: 2,
        expected: '"control"',
        actual: '"treatment"',
      },
    ]);
    const diagnostics = await waitForDiagnostics("a test-failed diagnostic", () => {
      const d = flaglensDiagnostics(uri).filter((x) => codeOf(x) === "test-failed");
      return d.length > 0 ? d : undefined;
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.message]),
      [[2, 'Assertion #1: at 10%: expectedVariation: expected "control", got "treatment"']],
    );
    // What a user sees: the run from the Test Explorer, the failure in the Testing view (revealed), in the gutter, inline,
    // and in the run's output.
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await vscode.commands.executeCommand("workbench.view.testing.focus");
    await vscode.window.showTextDocument(document, { preview: false });
    const failing = tests.items.get(uri.toString())?.children.get(`${uri.toString()}#spec`)?.children.get(assertionId);
    assert.ok(failing, "the assertion's item");
    await vscode.commands.executeCommand("vscode.revealTestInExplorer", failing);
    tests.outcomes.delete(assertionId);
    await vscode.commands.executeCommand("testing.runAll");
    await waitForTests(tests, "the run's failure", () => tests.outcomes.get(assertionId)?.state === "failed");
    await vscode.window.showTextDocument(document, { preview: false });
    await screenshot("test-explorer", [".test-explorer .monaco-list-row", ".codicon-testing-failed-icon"]);

    await editor.edit((e) => e.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + "control".length)), "treatment"));
    await document.save();
    await waitForTests(tests, "the assertion to pass again", () => tests.outcomes.get(assertionId)?.state === "passed");
    await waitForDiagnostics("the test-failed diagnostic to go", () => !flaglensDiagnostics(uri).some((x) => codeOf(x) === "test-failed"));
  });
});
