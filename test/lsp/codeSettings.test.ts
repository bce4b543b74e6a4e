import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri, type WireDiagnostic } from "../support/lspClient";

// The code-scanning options of `flaglens refs` and `flaglens stale` as editor settings
// (flaglens.code.*, flaglens.stale.*), pulled with workspace/configuration or pushed.

const FILES: Record<string, string> = {
  // A project's own wrapper: only a configured function name makes its calls usages.
  "src/wrapped.ts": `import { isFeatureOn } from "./flags";\nexport const shown = isFeatureOn("wrappedTypo");\n`,
  "src/vendor/lib.ts": `import { f } from "../sdk";\nexport const lib = f.isEnabled("vendorTypo");\n`,
  // saleBadge is served to everyone everywhere; committed in 2020, it is long unchanged.
  "src/badge.ts": `import { f } from "./sdk";\nexport const badge = f.isEnabled("saleBadge");\n`,
};

const codes = (d: WireDiagnostic[]) => d.map((x) => x.code);

describe("code settings over LSP (flaglens.code.*, flaglens.stale.*)", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  /** The `flaglens` section the client answers workspace/configuration with; tests change it, then notify. */
  const settings: { code: Record<string, unknown>; stale: Record<string, unknown> } = {
    code: { functions: ["isFeatureOn:flag"] },
    stale: {},
  };
  const file = (rel: string) => uri(path.join(root, rel));
  const changeSettings = async (change: () => void) => {
    change();
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
  };

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-code-settings-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "flags");
    client = await TestLspClient.start(root, { trusted: false }, settings);
    await client.waitForReady();
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("finds calls of a wrapper configured in flaglens.code.functions, and forgets them when it is removed", async () => {
    const wrapped = file("src/wrapped.ts");
    const d = await client.waitForDiagnostics(wrapped, (x) => x.length === 1);
    assert.deepEqual(codes(d), ["unknown-flag"]);
    assert.match(d[0].message, /wrappedTypo/);
    await changeSettings(() => (settings.code.functions = []));
    await client.waitForDiagnostics(wrapped, (x) => x.length === 0);
    await changeSettings(() => (settings.code.functions = ["isFeatureOn"]));
    await client.waitForDiagnostics(wrapped, (x) => x.length === 1 && x[0].code === "unknown-flag");
  });

  it("uses the configured wrappers for files as they are typed", async () => {
    const typed = file("src/typed.ts");
    const text = `export const a = isFeatureOn("typedTypo");\n`;
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: typed, languageId: "typescript", version: 1, text },
    });
    await client.waitForDiagnostics(typed, (x) => x.length === 1 && x[0].code === "unknown-flag");
    await changeSettings(() => (settings.code.functions = []));
    await client.waitForDiagnostics(typed, (x) => x.length === 0);
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: typed, version: 2 },
      contentChanges: [{ text: text.replace("typedTypo", "typedTypo2") }],
    });
    // Give the edit time to be scanned: with no wrapper configured it must not be a usage.
    await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: typed }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.diagnostics.get(typed), []);
    await changeSettings(() => (settings.code.functions = ["isFeatureOn:flag"]));
    await client.waitForDiagnostics(typed, (x) => x.length === 1 && /typedTypo2/.test(x[0].message));
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: typed } });
  });

  it("scans no file that flaglens.code.exclude excludes, on disk or as it is typed", async () => {
    const vendor = file("src/vendor/lib.ts");
    await client.waitForDiagnostics(vendor, (x) => x.length === 1 && x[0].code === "unknown-flag");
    await changeSettings(() => (settings.code.exclude = ["src/vendor/"]));
    await client.waitForDiagnostics(vendor, (x) => x.length === 0);
    const text = fs.readFileSync(path.join(root, "src/vendor/lib.ts"), "utf8");
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: vendor, languageId: "typescript", version: 1, text: text.replace("vendorTypo", "vendorTypo2") },
    });
    await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: vendor }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.diagnostics.get(vendor), []);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: vendor } });
    await changeSettings(() => delete settings.code.exclude);
    await client.waitForDiagnostics(vendor, (x) => x.length === 1 && /vendorTypo"/.test(x[0].message));
    // The other files were scanned all along.
    assert.deepEqual(codes(client.diagnostics.get(file("src/wrapped.ts"))!), ["unknown-flag"]);
  });

  it("recomputes stale flags with flaglens.stale.days and flaglens.stale.permanentTags", async () => {
    const badge = file("src/badge.ts");
    const stale = (x: WireDiagnostic[]) => x.some((y) => y.code === "stale-flag");
    await client.waitForDiagnostics(badge, stale);
    // About 270 years: saleBadge has not been unchanged that long.
    await changeSettings(() => (settings.stale.days = 100000));
    await client.waitForDiagnostics(badge, (x) => !stale(x));
    await changeSettings(() => delete settings.stale.days);
    await client.waitForDiagnostics(badge, stale);
    await changeSettings(() => (settings.stale.permanentTags = ["web"]));
    await client.waitForDiagnostics(badge, (x) => !stale(x));
    await changeSettings(() => delete settings.stale.permanentTags);
    await client.waitForDiagnostics(badge, stale);
  });

  it("ignores a bad function spec and a negative day count with a message, and keeps serving", async () => {
    await changeSettings(() => {
      settings.code.functions = ["is-feature-on", "isFeatureOn:flagg", "isFeatureOn"];
      settings.stale.days = -5;
    });
    const logged = () => client.logs.filter((l) => l.includes('"is-feature-on" is not a function name')).length;
    const deadline = Date.now() + 10000;
    while (logged() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(logged(), 1, client.logs.join("\n"));
    assert.ok(client.logs.some((l) => l.includes('"isFeatureOn:flagg"')));
    assert.ok(client.logs.some((l) => l.includes("flaglens.stale.days must be a whole number of at least 0, not -5")));
    const warnings = () => client.messages.filter((m) => m.type === 2 && m.message.includes("is-feature-on"));
    while (warnings().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(warnings().length, 1);
    // The valid entry still works, the default days still apply, and the server answers.
    await client.waitForDiagnostics(file("src/wrapped.ts"), (x) => x.length === 1 && x[0].code === "unknown-flag");
    await client.waitForDiagnostics(file("src/badge.ts"), (x) => x.some((y) => y.code === "stale-flag"));
    const hover = (await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: file("src/badge.ts") },
      position: { line: 1, character: 35 },
    })) as { contents: { value: string } } | null;
    assert.match(hover!.contents.value, /saleBadge/);
    // Read again: logged again, shown only once.
    await changeSettings(() => undefined);
    while (logged() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(logged(), 2);
    assert.equal(warnings().length, 1);
    assert.equal(client.process.exitCode, null);
  });
});

describe("code settings pushed by clients that cannot be asked", function () {
  this.timeout(30000);
  it("rescans the code with settings pushed with didChangeConfiguration", async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-code-push-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/wrapped.ts"), FILES["src/wrapped.ts"]);
    const client = await TestLspClient.start(root, {}, {}, { workspace: {} });
    try {
      await client.waitForReady();
      const wrapped = uri(path.join(root, "src/wrapped.ts"));
      await client.connection.sendNotification("workspace/didChangeConfiguration", {
        settings: { flaglens: { code: { functions: ["isFeatureOn"] } } },
      });
      await client.waitForDiagnostics(wrapped, (x) => x.length === 1 && x[0].code === "unknown-flag");
      await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { flaglens: { code: {} } } });
      await client.waitForDiagnostics(wrapped, (x) => x.length === 0);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
