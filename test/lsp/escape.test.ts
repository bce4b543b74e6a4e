import * as assert from "node:assert/strict";
import { skipBecause } from "../support/skip";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

// Nothing Flaglens proposes over LSP leaves the workspace: renames to keys with ".." or absolute
// paths are refused, and fixes for a code file that is a link to a file outside the workspace are
// refused with a reason instead of an edit that would write through the link.

const USAGE = `export function banner(f: { isEnabled(k: string): boolean }) {\n  return f.isEnabled("oldBanner") ? "banner" : "none";\n}\n`;

interface Action {
  title: string;
  kind: string;
  edit?: unknown;
  disabled?: { reason: string };
  data?: unknown;
}

describe("no edit out of the workspace over LSP", function () {
  this.timeout(30000);
  let base: string;
  let root: string;
  let outside: string;
  let client: TestLspClient;
  const linked = () => uri(path.join(root, "src/linked.ts"));

  before(async function () {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-escape-")));
    root = path.join(base, "ws");
    outside = path.join(base, "outside");
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, "app.ts"), USAGE);
    try {
      fs.symlinkSync(path.join(outside, "app.ts"), path.join(root, "src/linked.ts"));
    } catch {
      skipBecause(this, "this file system has no symbolic links (say, Windows without the privilege)");
    }
    const capabilities = {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      textDocument: { codeAction: { disabledSupport: true } },
    };
    client = await TestLspClient.start(root, { trusted: false }, {}, capabilities);
    await client.waitForReady();
  });
  after(async () => {
    await client?.stop();
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  const rename = (newName: string) =>
    client.connection.sendRequest("textDocument/rename", {
      textDocument: { uri: uri(path.join(root, "segments/qa.yml")) },
      position: { line: 0, character: 0 },
      newName,
    });

  for (const newName of ["../../x", "/abs", "a/../../b", "..\\..\\x"]) {
    it(`refuses to rename a segment to ${JSON.stringify(newName)} with a message, never an edit`, async () => {
      await assert.rejects(rename(newName), (e: Error) => /not a valid segment key/.test(e.message));
    });
  }

  it("still renames into a nested key inside the folder", async () => {
    const edit = (await rename("teams/qa")) as { documentChanges: { kind?: string; newUri?: string }[] };
    const renames = edit.documentChanges.filter((c) => c.kind === "rename").map((c) => c.newUri);
    assert.deepEqual(renames, [uri(path.join(root, "segments/teams/qa.yml"))]);
  });

  it("refuses the fixes of a code file that links to a file outside the workspace, saying why", async () => {
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: linked(), languageId: "typescript", version: 1, text: USAGE },
    });
    const d = await client.waitForDiagnostics(linked(), (x) => x.some((y) => y.code === "deprecated-flag"));
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: linked() },
      range: d[0].range,
      context: { diagnostics: d },
    })) as Action[];
    const here = actions.filter((a) => a.kind === "quickfix");
    assert.equal(here.length, 2, JSON.stringify(actions));
    for (const a of here) {
      assert.equal(a.edit, undefined);
      assert.match(a.disabled!.reason, /src\/linked\.ts lies outside the workspace folders once symbolic links are resolved/);
    }
    // The workspace-wide removal is computed when picked: then it is refused, and the user is told.
    const source = actions.find((a) => a.kind === "source.removeFlag")!;
    const resolved = (await client.connection.sendRequest("codeAction/resolve", source)) as Action;
    assert.equal(resolved.edit, undefined);
    assert.match(resolved.disabled!.reason, /linked\.ts lies outside the workspace folders/);
    assert.ok(client.messages.some((m) => /refuses this edit/.test(m.message)));
    assert.equal(fs.readFileSync(path.join(outside, "app.ts"), "utf8"), USAGE);
  });

  it("offers the same fixes for a code file inside the workspace", async () => {
    const app = uri(path.join(root, "src/app.ts"));
    fs.writeFileSync(path.join(root, "src/app.ts"), USAGE);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: app, languageId: "typescript", version: 1, text: USAGE },
    });
    const d = await client.waitForDiagnostics(app, (x) => x.some((y) => y.code === "deprecated-flag"));
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: app },
      range: d[0].range,
      context: { diagnostics: d },
    })) as Action[];
    const here = actions.filter((a) => a.kind === "quickfix");
    assert.equal(here.length, 2);
    for (const a of here) assert.ok(a.edit && !a.disabled, JSON.stringify(a));
  });
});
