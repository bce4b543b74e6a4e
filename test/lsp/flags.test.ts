import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FlagsTree } from "../../server/src/protocol";
import { TestLspClient, uri } from "../support/lspClient";

// The Flags view's requests over the bundled server: the tree (statuses from the same engine as
// the diagnostics, usage counts from the code scan), a feature's usages, the remove-flag edit, and
// the notification that the tree changed.

const APP = `import { createInstance } from "@featurevisor/sdk";
const f = createInstance({});
export const badge = () => (f.isEnabled("saleBadge") ? "badge" : null);
export const dark = () => f.isEnabled("darkMode");
export const dark2 = () => f.isEnabled("darkMode");
`;

describe("the Flags view's requests", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  let changes = 0;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-flags-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    // The example's own application (app/) is left out: the counts below are those of src/app.ts alone.
    fs.rmSync(path.join(root, "app"), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/app.ts"), APP);
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "flags");
    client = await TestLspClient.start(
      root,
      { trusted: false },
      {},
      {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} },
        },
      },
    );
    client.connection.onNotification("flaglens/flagsChanged", () => void changes++);
    await client.waitForReady();
    // Once stale-flag shows, the code is scanned and the dates are in.
    await client.waitForDiagnostics(uri(path.join(root, "src/app.ts")), (d) => d.some((x) => x.code === "stale-flag"));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const flags = () => client.connection.sendRequest<FlagsTree>("flaglens/flags", null);

  it("answers the tree: statuses with reasons and usage counts", async () => {
    const tree = await flags();
    assert.equal(tree.codeScanned, true);
    assert.equal(tree.projects.length, 1);
    assert.equal(tree.projects[0].root, root);
    const byKey = new Map(tree.projects[0].features.map((f) => [f.key, f]));
    assert.equal(byKey.get("saleBadge")!.status, "stale");
    assert.match(byKey.get("saleBadge")!.reason, /Fully rolled out/);
    assert.equal(byKey.get("saleBadge")!.usages, 1);
    assert.equal(byKey.get("darkMode")!.status, "in-rollout");
    assert.equal(byKey.get("darkMode")!.usages, 2);
    assert.equal(byKey.get("searchA")!.usages, 0);
    assert.equal(byKey.get("oldBanner")!.status, "deprecated");
  });

  it("answers a feature's usages as locations", async () => {
    const locations = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>("flaglens/featureUsages", {
      feature: "darkMode",
    });
    assert.deepEqual(
      locations.map((l) => [l.uri, l.range.start.line]),
      [
        [uri(path.join(root, "src/app.ts")), 3],
        [uri(path.join(root, "src/app.ts")), 4],
      ],
    );
  });

  it("answers the remove-flag edit, asking for confirmation", async () => {
    const edit = await client.connection.sendRequest<{
      documentChanges: { textDocument: { uri: string }; edits: { annotationId?: string }[] }[];
      changeAnnotations: Record<string, { needsConfirmation: boolean }>;
    }>("flaglens/removeFlagEdit", { feature: "saleBadge", keep: "enabled" });
    assert.deepEqual(
      edit.documentChanges.map((c) => c.textDocument.uri),
      [uri(path.join(root, "src/app.ts"))],
    );
    assert.ok(edit.documentChanges[0].edits.every((e) => e.annotationId === "flaglens.removeFlag"));
    assert.equal(edit.changeAnnotations["flaglens.removeFlag"].needsConfirmation, true);
    assert.equal(await client.connection.sendRequest("flaglens/removeFlagEdit", { feature: "nope", keep: "enabled" }), null);
  });

  it("tells the client when the tree changed, and answers the new one", async () => {
    const before = changes;
    const file = path.join(root, "features/searchA.yml");
    const text = fs.readFileSync(file, "utf8").replace(/percentage: 50/g, "percentage: 0");
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uri(file), languageId: "yaml", version: 1, text },
    });
    while (changes === before) await new Promise((r) => setTimeout(r, 50));
    const tree = await flags();
    assert.equal(tree.projects[0].features.find((f) => f.key === "searchA")!.status, "off");
  });
});
