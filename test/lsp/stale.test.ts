import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

const APP = `import { createInstance } from "@featurevisor/sdk";
const f = createInstance({});
export const badge = () => (f.isEnabled("saleBadge") ? "badge" : null);
`;

describe("stale flags in the editor (dates from git)", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-stale-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/app.ts"), APP);
    // Everything committed in 2020: saleBadge (served to everyone everywhere) is then long unchanged.
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "flags");
    client = await TestLspClient.start(root);
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("reports a fully rolled out, long unchanged flag, and prefers removing it as it behaves everywhere", async () => {
    const app = uri(path.join(root, "src/app.ts"));
    const [d] = await client.waitForDiagnostics(app, (x) => x.some((y) => y.code === "stale-flag"));
    assert.match(d.message, /saleBadge/);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: app, languageId: "typescript", version: 1, text: APP },
    });
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: app },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; isPreferred?: boolean }[];
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      ["Remove flag 'saleBadge' here (keep enabled)"],
    );
  });
});
