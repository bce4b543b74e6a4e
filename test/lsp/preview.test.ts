import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

describe("preview as user over LSP", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const previews: unknown[] = [];
  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-preview-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    client = await TestLspClient.start(
      root,
      { trusted: false },
      {},
      {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
      },
    );
    client.connection.onNotification("flaglens/previewChanged", (p: unknown) => void previews.push(p));
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("lists the saved contexts of .flaglens/contexts.yml", async () => {
    const saved = (await client.connection.sendRequest("flaglens/savedContexts", null)) as { name: string }[];
    assert.deepEqual(
      saved.map((s) => s.name),
      ["Alice (employee)", "Dutch visitor", "QA tester"],
    );
  });

  it("adds a code lens per environment with what the previewed user gets, and removes it when stopped", async () => {
    const file = uri(path.join(root, "features/newCheckout.yml"));
    const titles = async () =>
      (
        (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: file } })) as { command: { title: string } }[]
      ).map((l) => l.command.title);
    assert.ok(!(await titles()).some((t) => t.startsWith("as ")));
    await client.connection.sendRequest("flaglens/setPreviewContext", { name: "QA tester", context: { userId: "qa-1" } });
    const withPreview = await titles();
    assert.ok(withPreview.includes("as QA tester: enabled · treatment · buttonColor=green, steps=2"), withPreview.join(" | "));
    await client.connection.sendRequest("flaglens/setPreviewContext", null);
    assert.ok(!(await titles()).some((t) => t.startsWith("as ")));
  });

  it("makes the lenses over flag calls in code say what the user gets, tells the client, and reverts when stopped", async () => {
    const app = path.join(root, "app/checkout.ts");
    const file = uri(app);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file, languageId: "typescript", version: 1, text: fs.readFileSync(app, "utf8") },
    });
    type Lens = { range: { start: { line: number } }; command: { title: string; tooltip?: string } };
    const lenses = async () => (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: file } })) as Lens[];
    const newCheckout = async () => (await lenses()).find((l) => l.command.title.startsWith("newCheckout"));
    const general = (await newCheckout())?.command.title;
    assert.match(general ?? "", /^newCheckout · staging: everyone/);
    previews.length = 0;
    const answer = await client.connection.sendRequest("flaglens/setPreviewContext", { name: "QA tester", context: { userId: "qa-1" } });
    assert.deepEqual(answer, { name: "QA tester", context: { userId: "qa-1" } });
    const previewed = await newCheckout();
    assert.equal(previewed?.command.title, "newCheckout as QA tester · staging: enabled (treatment) · production: disabled");
    assert.match(previewed?.command.tooltip ?? "", /newCheckout in staging: /);
    assert.deepEqual(
      (await lenses()).map((l) => l.command.title.replace(/ ·.*/, "")),
      // newCheckout's three calls on consecutive lines get one lens (line mode does not repeat a flag on the next line).
      ["newCheckout as QA tester", "oldBanner as QA tester", "saleBadge as QA tester"],
    );
    assert.equal(await client.connection.sendRequest("flaglens/setPreviewContext", null), null);
    assert.equal((await newCheckout())?.command.title, general);
    // The notification follows the answer on the same connection: a request after it sees it arrived.
    await client.connection.sendRequest("flaglens/savedContexts", null);
    assert.deepEqual(previews, [{ preview: { name: "QA tester", context: { userId: "qa-1" } } }, { preview: null }]);
  });

  it("answers the edit that saves a context: appended to contexts.yml, or refused with the reason", async () => {
    type Edit = { documentChanges: { textDocument: { uri: string }; edits: { range: { start: { line: number } }; newText: string }[] }[] };
    const edit = (await client.connection.sendRequest("flaglens/saveContextEdit", {
      name: "Belgian",
      context: { userId: "b-1", country: "be" },
    })) as Edit;
    const change = edit.documentChanges[0];
    assert.equal(change.textDocument.uri, uri(path.join(root, ".flaglens/contexts.yml")));
    const lines = fs.readFileSync(path.join(root, ".flaglens/contexts.yml"), "utf8").split("\n");
    assert.equal(change.edits[0].range.start.line, lines.length - 1);
    assert.equal(change.edits[0].newText, "- name: Belgian\n  context:\n    userId: b-1\n    country: be\n");
    await assert.rejects(
      client.connection.sendRequest("flaglens/saveContextEdit", { name: "QA tester", context: { userId: "x" } }),
      /A context named "QA tester" is saved already/,
    );
  });

  it("creates contexts.yml when the project has none", async () => {
    fs.rmSync(path.join(root, ".flaglens"), { recursive: true });
    const edit = (await client.connection.sendRequest("flaglens/saveContextEdit", { name: "A", context: { userId: "a" } })) as {
      documentChanges: { kind?: string; uri?: string }[];
    };
    assert.deepEqual(edit.documentChanges[0], {
      kind: "create",
      uri: uri(path.join(root, ".flaglens/contexts.yml")),
      options: { ignoreIfExists: true },
    });
  });
});
