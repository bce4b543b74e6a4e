import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"], plugins: [require("./missing-plugin")] };\n`,
  "attributes/country.yml": "description: Country\ntype: string\n",
  "attributes/userId.yml": "description: User\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "features/checkout.yml":
    'description: Checkout\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules:\n      - key: "1"\n        segments: nl\n        percentage: 100\n  production:\n    rules:\n      - key: "1"\n        segments: "*"\n        percentage: 50\n',
  "features/broken.yml":
    'description: Broken\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules: [{ key: "1", segments: nope, percentage: 100 }]\n  production:\n    rules: [{ key: "1", segments: "*", percentage: 100 }]\n',
  "segments/binary.yml": "\u0000\u0001\u0002binary",
};

describe("language server over stdio", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-lsp-")));
    for (const [rel, content] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
    client = await TestLspClient.start(root);
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("publishes the whole project's diagnostics, including closed files", async () => {
    const d = await client.waitForDiagnostics(uri(path.join(root, "features/broken.yml")), (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => x.code),
      ["unknown-segment"],
    );
    const bin = await client.waitForDiagnostics(uri(path.join(root, "segments/binary.yml")), (x) => x.length > 0);
    assert.deepEqual(
      bin.map((x) => x.code),
      ["binary-file"],
    );
  });

  it("diagnostics arrive for an opened file as it is edited, and disappear when fixed", async () => {
    const file = uri(path.join(root, "features/checkout.yml"));
    const text = FILES["features/checkout.yml"];
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: file, languageId: "yaml", version: 1, text } });
    const broken = text.replace("segments: nl", "segments: nll");
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file, version: 2 },
      contentChanges: [{ text: broken }],
    });
    const d = await client.waitForDiagnostics(file, (x) => x.length === 1);
    assert.equal(d[0].code, "unknown-segment");
    assert.equal(d[0].severity, 1);
    assert.deepEqual(d[0].range, { start: { line: 7, character: 18 }, end: { line: 7, character: 21 } });
    assert.match(d[0].message, /Did you mean "nl"/);
    // An incremental change that deletes the extra "l".
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file, version: 3 },
      contentChanges: [{ range: { start: { line: 7, character: 20 }, end: { line: 7, character: 21 } }, text: "" }],
    });
    await client.waitForDiagnostics(file, (x) => x.length === 0);
  });

  it("keeps serving after garbage: a half-typed file, an unknown request", async () => {
    const file = uri(path.join(root, "features/checkout.yml"));
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file, version: 4 },
      contentChanges: [{ text: "description: [\n\t- :" }],
    });
    const d = await client.waitForDiagnostics(file, (x) => x.some((y) => y.code === "yaml-syntax"));
    assert.ok(d.length > 0);
    await assert.rejects(client.connection.sendRequest("flaglens/doesNotExist", {}));
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file, version: 5 },
      contentChanges: [{ text: FILES["features/checkout.yml"] }],
    });
    await client.waitForDiagnostics(file, (x) => x.length === 0);
  });

  it("follows files created and deleted on disk", async () => {
    const seg = path.join(root, "segments/nope.yml");
    fs.writeFileSync(seg, "description: Nope\nconditions:\n  - attribute: country\n    operator: equals\n    value: xx\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(seg), type: 1 }] });
    const broken = uri(path.join(root, "features/broken.yml"));
    await client.waitForDiagnostics(broken, (x) => x.length === 0);
    fs.unlinkSync(seg);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(seg), type: 3 }] });
    await client.waitForDiagnostics(broken, (x) => x.length === 1);
  });

  it("answers completion, hover, definition, code lens and inlay hints", async () => {
    const file = uri(path.join(root, "features/checkout.yml"));
    const position = { line: 7, character: 19 };
    const completion = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: file }, position })) as {
      label: string;
    }[];
    assert.ok(completion.some((c) => c.label === "nl"));
    const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: file }, position })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Segment `nl`/);
    const def = (await client.connection.sendRequest("textDocument/definition", { textDocument: { uri: file }, position })) as {
      uri: string;
    };
    assert.equal(def.uri, uri(path.join(root, "segments/nl.yml")));
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: file } })) as {
      command: { title: string };
    }[];
    assert.deepEqual(
      lenses.map((l) => l.command.title),
      ["staging: nl", "production: 50% of everyone"],
    );
    const hints = (await client.connection.sendRequest("textDocument/inlayHint", {
      textDocument: { uri: file },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    })) as { label: string; position: { line: number }; tooltip?: { kind: string; value: string } }[];
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [6, "nl"],
        [11, "50% of everyone"],
      ],
    );
    // Each hint has its whole text as a markdown tooltip.
    assert.deepEqual(
      hints.map((h) => h.tooltip?.kind),
      ["markdown", "markdown"],
    );
    assert.match(hints[1].tooltip!.value, /50% of everyone/);
  });

  it("reports the project in a status notification", () => {
    const last = client.statuses[client.statuses.length - 1] as {
      state: string;
      projects: { root: string; format: string; errors: number; version?: { version: string; reason: string } }[];
    };
    assert.equal(last.state, "ready");
    assert.equal(last.projects[0].root, root);
    assert.equal(last.projects[0].format, "v1");
    // The same detection and reason as lint's JSON, for the status bar's hover.
    assert.equal(last.projects[0].version?.version, "1.35");
    assert.match(last.projects[0].version?.reason ?? "", /^v1: its files have the shapes of v1/);
    assert.ok(last.projects[0].errors >= 1);
  });
});
