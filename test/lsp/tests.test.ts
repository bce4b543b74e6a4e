import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FlagsTree, ListTestsResult, RunTestsResult, TestResultsParams } from "../../server/src/protocol";
import { TestLspClient, uri, type WireDiagnostic } from "../support/lspClient";

// Featurevisor test specs run by the server, seen by a plain LSP client: `test-failed` diagnostics on the
// failing assertion's line, rerun when the spec or a file it depends on changes, a code lens per spec,
// and the flaglens/listTests and flaglens/runTests requests.

const SPEC = "tests/features/newCheckout.spec.yml";
const SEGMENT_SPEC = "tests/segments/netherlands.spec.yml";

const failures = (d: WireDiagnostic[]) => d.filter((x) => x.code === "test-failed");

describe("test specs in the editor (LSP)", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const notified: TestResultsParams[] = [];
  const file = (rel: string) => uri(path.join(root, rel));
  const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
  let version = 1;
  const open = (rel: string, text: string) =>
    client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file(rel), languageId: "yaml", version: version++, text },
    });
  const edit = (rel: string, text: string) =>
    client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file(rel), version: version++ },
      contentChanges: [{ text }],
    });
  const close = (rel: string) => client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: file(rel) } });
  const lenses = async (rel: string) =>
    (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: file(rel) } })) as {
      range: { start: { line: number } };
      command?: { title: string; command: string; arguments?: unknown[] };
    }[];
  const lensTitles = async (rel: string) => (await lenses(rel)).map((l) => `${l.range.start.line}: ${l.command?.title}`);

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-tests-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    client = await TestLspClient.start(
      root,
      { trusted: false },
      {},
      {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
      },
    );
    client.connection.onNotification("flaglens/testResults", (p: TestResultsParams) => void notified.push(p));
    client.connection.onRequest("workspace/codeLens/refresh", () => null);
    client.connection.onRequest("workspace/inlayHint/refresh", () => null);
    await client.waitForReady();
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("runs the specs at startup, tells the client their results and shows a lens on each spec", async () => {
    const deadline = Date.now() + 15000;
    while (!notified.some((n) => n.specs.length === 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const first = notified.find((n) => n.specs.length === 2);
    assert.ok(first, "no results notified");
    assert.deepEqual(first.specs.map((s) => [s.file, s.passed, s.assertions.length]).sort(), [
      [SPEC, true, 1],
      [SEGMENT_SPEC, true, 2],
    ]);
    assert.deepEqual(await lensTitles(SPEC), ["0: 1 passed"]);
    assert.deepEqual(await lensTitles(SEGMENT_SPEC), ["0: 2 passed"]);
  });

  it("reports a broken expectation on the assertion's line, and drops it once fixed", async () => {
    const text = read(SPEC);
    await open(SPEC, text);
    await edit(SPEC, text.replace("expectedVariation: treatment", "expectedVariation: control"));
    const broken = failures(await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length > 0));
    assert.deepEqual(
      broken.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
      [[2, 2, 1, 'Assertion #1: at 10%: expectedVariation: expected "control", got "treatment"']],
    );
    assert.deepEqual(await lensTitles(SPEC), ["0: 1 of 1 failed"]);
    await edit(SPEC, text);
    await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length === 0);
    assert.deepEqual(await lensTitles(SPEC), ["0: 1 passed"]);
    await close(SPEC);
  });

  it("reruns a spec when the feature it tests is edited, without touching the spec", async () => {
    const feature = "features/newCheckout.yml";
    const text = read(feature);
    await open(feature, text);
    await edit(feature, text.replace("      buttonColor: green", "      buttonColor: red"));
    const broken = failures(await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length > 0));
    assert.deepEqual(
      broken.map((d) => [d.range.start.line, d.message]),
      [[2, 'Assertion #1: at 10%: expectedVariables.buttonColor: expected "green", got "red"']],
    );
    // Closing the editor without saving: the disk is the truth again.
    await close(feature);
    await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length === 0);
  });

  it("reruns a segment's spec when the segment changes on disk", async () => {
    const segment = "segments/netherlands.yml";
    const text = read(segment);
    fs.writeFileSync(path.join(root, segment), text.replace("value: nl", "value: be"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: file(segment), type: 2 }] });
    const broken = failures(await client.waitForDiagnostics(file(SEGMENT_SPEC), (d) => failures(d).length > 0));
    assert.deepEqual(
      broken.map((d) => [d.range.start.line, d.message]),
      [[2, "Assertion #1: #1: expectedToMatch: expected true, got false"]],
    );
    fs.writeFileSync(path.join(root, segment), text);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: file(segment), type: 2 }] });
    await client.waitForDiagnostics(file(SEGMENT_SPEC), (d) => failures(d).length === 0);
  });

  it("lists the specs and runs one assertion on request", async () => {
    const listed = (await client.connection.sendRequest("flaglens/listTests", {})) as ListTestsResult;
    assert.deepEqual(
      listed.specs.map((s) => [s.uri, s.kind, s.key, s.line, s.assertions.map((a) => [a.index, a.line, a.description])]),
      [
        [file(SPEC), "feature", "newCheckout", 1, [[0, 3, "Assertion #1: at 10%"]]],
        [
          file(SEGMENT_SPEC),
          "segment",
          "netherlands",
          1,
          [
            [0, 3, "Assertion #1: #1"],
            [1, 6, "Assertion #2: #2"],
          ],
        ],
      ],
    );
    const one = (await client.connection.sendRequest("flaglens/listTests", { uri: file(SPEC) })) as ListTestsResult;
    assert.deepEqual(
      one.specs.map((s) => s.key),
      ["newCheckout"],
    );
    const run = (await client.connection.sendRequest("flaglens/runTests", { uri: file(SEGMENT_SPEC), assertion: 1 })) as RunTestsResult;
    assert.deepEqual(
      run.specs.map((s) => s.assertions.map((a) => [a.index, a.line, a.passed, a.expected, a.actual])),
      [[[1, 6, true, { expectedToMatch: false }, { expectedToMatch: false }]]],
    );
    const all = (await client.connection.sendRequest("flaglens/runTests", {})) as RunTestsResult;
    assert.deepEqual(all.summary, { specs: 2, passed: 2, failed: 0, assertions: 3, assertionsPassed: 3, assertionsFailed: 0 });
  });

  it("runs a spec from its lens through workspace/executeCommand, and the Flags view shows the features' test status", async () => {
    const capabilities = client.initializeResult?.capabilities as { executeCommandProvider?: { commands: string[] } };
    const [lens] = await lenses(SPEC);
    assert.equal(lens.command?.command, "flaglens.tests.runSpec");
    assert.deepEqual(lens.command?.arguments, [file(SPEC)]);
    assert.ok(capabilities.executeCommandProvider?.commands.includes(lens.command.command), "the server executes the lens's command");
    const text = read(SPEC);
    await open(SPEC, text);
    await edit(SPEC, text.replace("expectedVariation: treatment", "expectedVariation: control"));
    await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length > 0);
    const before = notified.length;
    const result = (await client.connection.sendRequest("workspace/executeCommand", {
      command: lens.command.command,
      arguments: lens.command.arguments,
    })) as RunTestsResult;
    assert.deepEqual(result.summary, { specs: 1, passed: 0, failed: 1, assertions: 1, assertionsPassed: 0, assertionsFailed: 1 });
    const told = notified.slice(before).find((n) => n.specs.some((s) => s.uri === file(SPEC)));
    assert.ok(told, "the run from the lens is told to the client (the Test Explorer shows it)");
    const tree = (await client.connection.sendRequest("flaglens/flags", null)) as FlagsTree;
    const status = Object.fromEntries(tree.projects[0].features.map((f) => [f.key, f.tests]));
    assert.deepEqual(status.newCheckout, { passed: 0, failed: 1 });
    assert.deepEqual(status.darkMode, { passed: 0, failed: 0 });
    await edit(SPEC, text);
    await client.waitForDiagnostics(file(SPEC), (d) => failures(d).length === 0);
    await close(SPEC);
    const fixed = (await client.connection.sendRequest("flaglens/flags", null)) as FlagsTree;
    assert.deepEqual(fixed.projects[0].features.find((f) => f.key === "newCheckout")?.tests, { passed: 1, failed: 0 });
  });
});
