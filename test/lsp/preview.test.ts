import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

describe("preview as user over LSP", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-preview-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    client = await TestLspClient.start(root);
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
});
