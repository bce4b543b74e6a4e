// The bundled example's own application code (example/app/), as a user sees it: code lenses with
// the rollout on live flags, a warning on the deprecated and on the archived flag, the fully
// rolled-out flag stale once its file is long unchanged, and no error anywhere in the project.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri, type WireDiagnostic } from "../support/lspClient";

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

describe("the bundled example's application code over LSP", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const file = (rel: string) => uri(path.join(root, rel));
  const summary = (d: WireDiagnostic[]) => d.map((x) => [x.code, x.range.start.line + 1, x.severity]).sort();

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-example-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    // A clone whose flag files last changed long ago (the stale-flag check reads the dates from git).
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "example");
    client = await TestLspClient.start(root);
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("warns on the deprecated flag and reports the fully rolled-out one as stale in app/checkout.ts", async () => {
    const d = await client.waitForDiagnostics(file("app/checkout.ts"), (x) => x.some((y) => y.code === "stale-flag"));
    assert.deepEqual(summary(d), [
      // oldBanner is rolled out too, but being deprecated is what it is reported for (once).
      ["deprecated-flag", 20, WARNING],
      ["stale-flag", 28, INFORMATION],
    ]);
    const text = fs.readFileSync(path.join(root, "app/checkout.ts"), "utf8").split("\n");
    assert.match(text[19], /"oldBanner"/);
    assert.match(text[27], /"saleBadge"/);
  });

  it("warns on the archived flag in app/search.py", async () => {
    const d = await client.waitForDiagnostics(file("app/search.py"), (x) => x.length > 0);
    assert.deepEqual(summary(d), [["archived-flag", 10, WARNING]]);
    assert.match(d[0].message, /classicSearch/);
  });

  it("shows each live flag's rollout in a code lens", async () => {
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: file("app/search.py") } })) as {
      range: { start: { line: number } };
      command?: { title: string };
    }[];
    const titles = lenses.map((l) => l.command?.title ?? "").join(" | ");
    for (const key of ["searchA", "searchB", "darkMode"]) assert.match(titles, new RegExp(`\\b${key}\\b`), titles);
  });

  it("reports no error anywhere in the project", async () => {
    await client.waitForDiagnostics(file("app/search.py"), (x) => x.length > 0);
    const errors = [...client.diagnostics].flatMap(([u, ds]) =>
      ds.filter((x) => x.severity === ERROR).map((x) => `${path.relative(root, new URL(u).pathname)}: ${x.code}`),
    );
    assert.deepEqual(errors, []);
    assert.ok(client.diagnostics.has(file("features/saleBadge.yml")), "the flag files' diagnostics were published too");
  });
});
