// Preview as User in a real editor: a context typed as JSON into the quick pick (a broken one is
// explained in the item's detail), the status bar item while it is on, the lenses of a feature file
// and of the example app's code following it, saving the context into .flaglens/contexts.yml, and
// stopping (the item goes, the lenses say the rollout again).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { FlaglensApi } from "../../../client/src/extension";
import { flaglens, note, projectFile, screenshot } from "../support";

const APP = "app/checkout.ts";
const FEATURE = "features/newCheckout.yml";
const CONTEXTS = ".flaglens/contexts.yml";

/** Checks `condition` now and every 100 ms until it holds (the editor and the server answer in their own time). */
async function until<T>(description: string, condition: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function lensTitles(relative: string): Promise<string[]> {
  // The command needs the document loaded (opening it shows nothing).
  await vscode.workspace.openTextDocument(projectFile(relative));
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", projectFile(relative), 50);
  return lenses.map((l) => l.command?.title ?? "");
}

const label = (item: vscode.QuickPickItem) => item.label;

describe("Preview as User, in a real editor", () => {
  let api: FlaglensApi;
  let general: string;

  before(async () => {
    api = (await flaglens()).exports as FlaglensApi;
    const document = await vscode.workspace.openTextDocument(projectFile(APP));
    await vscode.window.showTextDocument(document, { preview: false });
    general = await until("the rollout lens over newCheckout in the app", async () =>
      (await lensTitles(APP)).find((t) => t.startsWith("newCheckout · ")),
    );
  });

  after(async () => {
    if (api.preview.previewing) await api.preview.stop();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("takes a context typed as JSON in the quick pick, after saying where a broken one breaks", async () => {
    assert.equal(api.preview.statusText, undefined, "no preview at first");
    const picked = vscode.commands.executeCommand("flaglens.previewAsUser");
    const qp = await until("the quick pick", () => api.preview.quickPick);
    assert.ok(!qp.items.some((i) => /Stop previewing/.test(i.label)), "nothing to stop yet");
    qp.value = '{"country": "nl"';
    const problem = await until("the message on the broken JSON", () => qp.items.find((i) => /Cannot preview/.test(i.label)));
    assert.equal(problem.detail, 'Not a JSON object: expected a closing } after "country": "nl"');
    await screenshot("preview-quick-pick", [".quick-input-widget"]);
    qp.value = '{"userId": "visitor-9", "country": "nl"}';
    const offer = await until("the typed context's item", () => qp.items.find((i) => /Preview as/.test(i.label)));
    assert.equal(offer.label, "$(person) Preview as {userId: visitor-9, country: nl}");
    assert.deepEqual(qp.activeItems.map(label), [offer.label]);
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    await picked;
    assert.equal(api.preview.statusText, "$(person) Previewing: {userId: visitor-9, country: nl}");
  });

  it("makes the lenses of a feature file and of the app's code say what that user gets", async () => {
    const inCode = await until("the app's lens to follow the preview", async () =>
      (await lensTitles(APP)).find((t) => t.startsWith("newCheckout as ")),
    );
    assert.match(inCode, /^newCheckout as \{userId: visitor-9, country: nl\} · staging: enabled \((control|treatment)\) · production: /);
    const saleBadge = (await lensTitles(APP)).find((t) => t.startsWith("saleBadge"));
    assert.equal(saleBadge, "saleBadge as {userId: visitor-9, country: nl} · staging: enabled · production: enabled");
    const inYaml = (await lensTitles(FEATURE)).filter((t) => t.startsWith("as {userId: visitor-9"));
    assert.equal(inYaml.length, 2, `lenses of ${FEATURE}: ${(await lensTitles(FEATURE)).join(" | ")}`);
  });

  it("saves the typed context in .flaglens/contexts.yml, keeping the saved ones, and previews it by its name", async () => {
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(projectFile(CONTEXTS)));
    const saving = vscode.commands.executeCommand("flaglens.saveContext");
    const box = await until("the name box", () => api.preview.nameBox);
    assert.equal(box.value, "visitor-9", "the userId is offered as the name");
    // A name taken: the box stays open and says so.
    box.value = "Dutch visitor";
    await until("the name to reach the box", () => box.value === "Dutch visitor");
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    assert.equal(
      await until("the message on a name taken", () => box.validationMessage),
      'A context named "Dutch visitor" is saved already.',
    );
    assert.equal(api.preview.nameBox, box, "the box stays open");
    box.value = "Dutch visitor 9";
    await until("the name to reach the box", () => box.value === "Dutch visitor 9");
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    await saving;
    const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(projectFile(CONTEXTS)));
    note(`contexts.yml after saving:\n${after}`);
    assert.ok(after.startsWith(before), "the saved contexts and comments stay");
    assert.equal(after.slice(before.length), "- name: Dutch visitor 9\n  context:\n    userId: visitor-9\n    country: nl\n");
    assert.equal(api.preview.statusText, "$(person) Previewing: Dutch visitor 9");
    await until("the app's lens to use the name", async () =>
      (await lensTitles(APP)).some((t) => t.startsWith("newCheckout as Dutch visitor 9 · ")),
    );
    // The hover over a call starts with what the user gets; the picture shows it over the app. The editor is
    // opened afresh, so that its lenses are the ones asked for now (a refresh redraws them after a delay of its own).
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("notifications.clearAll");
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(projectFile(APP)), { preview: false });
    const at = editor.document.positionAt(editor.document.getText().indexOf('"newCheckout"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", editor.document.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
    assert.match(text, /^\*\*As Dutch visitor 9\*\* `\{"userId":"visitor-9","country":"nl"\}`\n- staging: \*\*enabled/);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand("editor.action.showHover");
    await screenshot("preview-as-user", [".monaco-editor .codelens-decoration", ".statusbar-item .codicon-person", ".monaco-hover"]);
    await vscode.commands.executeCommand("editor.action.hideHover");
  });

  it("lists the saved context, and stops: the status item goes and the lenses say the rollout again", async () => {
    const picked = vscode.commands.executeCommand("flaglens.previewAsUser");
    const qp = await until("the quick pick", () => api.preview.quickPick);
    assert.ok(
      qp.items.some((i) => i.label === "$(person) Dutch visitor 9"),
      qp.items.map(label).join(" | "),
    );
    assert.ok(!qp.items.some((i) => /Save this context/.test(i.label)), "a saved context is not offered to save again");
    const stop = qp.items.find((i) => i.label === "$(close) Stop previewing");
    assert.ok(stop, qp.items.map(label).join(" | "));
    qp.activeItems = [stop];
    await until("the stop item to be active", () => qp.activeItems[0] === stop);
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    await picked;
    assert.equal(api.preview.statusText, undefined);
    await until("the rollout lens again", async () => (await lensTitles(APP)).includes(general));
  });

  it("is cleared when the language server restarts: a new server previews nothing", async () => {
    const picked = vscode.commands.executeCommand("flaglens.previewAsUser");
    const qp = await until("the quick pick", () => api.preview.quickPick);
    const qa = await until("the saved QA tester", () => qp.items.find((i) => i.label === "$(person) QA tester"));
    qp.activeItems = [qa];
    await until("the QA tester to be active", () => qp.activeItems[0] === qa);
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    await picked;
    assert.equal(api.preview.statusText, "$(person) Previewing: QA tester");
    await vscode.commands.executeCommand("flaglens.restartServer");
    assert.equal(api.preview.statusText, undefined);
    await until("the rollout lens from the new server", async () => (await lensTitles(APP)).includes(general));
  });
});
