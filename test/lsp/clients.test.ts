import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/f.yml":
    'description: F\ntags: [all]\nbucketBy: userId\nenvironments:\n  production:\n    rules: [{ key: "1", segments: nope, percentage: 100 }]\n',
};

/** Capabilities of a minimal client such as Neovim 0.7: no configuration requests, no dynamic registration. */
const MINIMAL = { workspace: {} };

describe("language server with minimal clients", function () {
  this.timeout(30000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-clients-")));
    for (const [rel, content] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("watches the disk itself when the client cannot watch for it", async () => {
    const client = await TestLspClient.start(root, {}, {}, MINIMAL);
    try {
      const feature = uri(path.join(root, "features/f.yml"));
      await client.waitForDiagnostics(feature, (d) => d.length === 1);
      fs.mkdirSync(path.join(root, "segments"), { recursive: true });
      fs.writeFileSync(path.join(root, "segments/nope.yml"), "description: Nope\nconditions: []\n");
      await client.waitForDiagnostics(feature, (d) => d.length === 0);
    } finally {
      await client.stop();
    }
  });

  it("takes settings pushed with didChangeConfiguration", async () => {
    const client = await TestLspClient.start(root, {}, {}, MINIMAL);
    try {
      const feature = uri(path.join(root, "features/f.yml"));
      await client.waitForDiagnostics(feature, (d) => d.length === 1 && d[0].severity === 1);
      await client.connection.sendNotification("workspace/didChangeConfiguration", {
        settings: { flaglens: { severity: { "unknown-segment": "warning" } } },
      });
      await client.waitForDiagnostics(feature, (d) => d.length === 1 && d[0].severity === 2);
    } finally {
      await client.stop();
    }
  });

  it("finds the project above a workspace folder rooted in a subfolder, when a file is opened", async () => {
    const client = await TestLspClient.start(path.join(root, "features"), {}, {}, MINIMAL);
    try {
      const file = path.join(root, "features/f.yml");
      await client.connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: uri(file), languageId: "yaml", version: 1, text: FILES["features/f.yml"] },
      });
      const d = await client.waitForDiagnostics(uri(file), (x) => x.length === 1);
      assert.equal(d[0].code, "unknown-segment");
    } finally {
      await client.stop();
    }
  });
});
