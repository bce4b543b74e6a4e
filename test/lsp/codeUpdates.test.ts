import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri, type WireDiagnostic } from "../support/lspClient";

// What the code index shows follows more than the files of the features used: segments, required
// features and groups decide whether a flag is fully rolled out; workspace folders come and go;
// files that .gitignore leaves out of the scan are left out as they are typed too.

/** A v2 feature served to `segments` at `percentage` in both environments. */
const feature = (segments: string, percentage: number, extra = "") =>
  `description: A feature\ntags: [web]\nbucketBy: userId\n${extra}rules:\n` +
  ["staging", "production"]
    .map((env) => `  ${env}:\n    - key: "1"\n      segments: ${segments}\n      percentage: ${percentage}\n`)
    .join("");

const usage = (key: string) => `import { f } from "./sdk";\nexport const on = f.isEnabled("${key}");\n`;

const EVERYONE = `description: Everyone\nconditions: "*"\n`;
const DUTCH = `description: Everyone, once\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n`;
const GROUP = `description: One slot\nslots:\n  - feature: filler\n    percentage: 50\n`;

const FILES: Record<string, string> = {
  "segments/everyone.yml": EVERYONE,
  "features/promo.yml": feature("everyone", 100),
  // top requires middle, which requires base: top is rolled out only while base is.
  "features/base.yml": feature('"*"', 100),
  "features/middle.yml": feature('"*"', 100, "required:\n  - base\n"),
  "features/top.yml": feature('"*"', 100, "required:\n  - middle\n"),
  // The group's slot holds half of the users: solo, when it takes that slot.
  "features/solo.yml": feature('"*"', 100),
  "features/filler.yml": feature('"*"', 100),
  "groups/soloGroup.yml": GROUP,
  "features/other.yml": feature('"*"', 100),
  // Served to the Dutch only: not rolled out until its segment matches everyone.
  "segments/dutch.yml": DUTCH,
  "features/late.yml": feature("dutch", 100),
  "src/late.ts": usage("late"),
  "src/promo.ts": usage("promo"),
  "src/top.ts": usage("top"),
  "src/solo.ts": usage("solo"),
  "src/other.ts": usage("other"),
};

const stale = (d: WireDiagnostic[]) => d.some((x) => x.code === "stale-flag");

/** Copies the example project into a new folder with some files added; commits it in 2020 when `commit`. */
function makeProject(prefix: string, files: Record<string, string>, commit: boolean): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  if (commit) {
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "flags");
  }
  return root;
}

describe("code usages follow segments, required features and groups", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const settings: { severity?: Record<string, string> } = {};
  const file = (rel: string) => uri(path.join(root, rel));
  let version = 1;
  const openEdit = (rel: string, text: string) =>
    client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file(rel), languageId: "yaml", version: version++, text },
    });
  const edit = (rel: string, text: string) =>
    client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: file(rel), version: version++ },
      contentChanges: [{ text }],
    });
  const close = (rel: string) => client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: file(rel) } });
  const writeOnDisk = async (rel: string, text: string) => {
    fs.writeFileSync(path.join(root, rel), text);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: file(rel), type: 2 }] });
  };
  /** How often the code that uses only an unrelated feature was published. */
  const otherPublished = () => client.publishCounts.get(file("src/other.ts")) ?? 0;

  before(async () => {
    root = makeProject("flaglens-code-updates-", FILES, true);
    client = await TestLspClient.start(root, { trusted: false }, settings);
    await client.waitForReady();
    for (const rel of ["src/promo.ts", "src/top.ts", "src/solo.ts", "src/other.ts"]) await client.waitForDiagnostics(file(rel), stale);
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("looks up the date of a feature that becomes fully rolled out through its segment, and shows it stale", async () => {
    const late = file("src/late.ts");
    await client.waitForDiagnostics(late, (d) => !stale(d));
    await writeOnDisk("segments/dutch.yml", EVERYONE);
    // Committed in 2020: once its date is looked up, the flag is stale.
    await client.waitForDiagnostics(late, stale);
    await writeOnDisk("segments/dutch.yml", DUTCH);
    await client.waitForDiagnostics(late, (d) => !stale(d));
  });

  it("rechecks the code using a feature whose segment is edited in the editor", async () => {
    const promo = file("src/promo.ts");
    await openEdit("segments/everyone.yml", DUTCH);
    await client.waitForDiagnostics(promo, (d) => !stale(d));
    await edit("segments/everyone.yml", EVERYONE);
    await client.waitForDiagnostics(promo, stale);
    await close("segments/everyone.yml");
  });

  it("rechecks the code using a feature whose segment changes on disk", async () => {
    const promo = file("src/promo.ts");
    await writeOnDisk("segments/everyone.yml", DUTCH);
    await client.waitForDiagnostics(promo, (d) => !stale(d));
    await writeOnDisk("segments/everyone.yml", EVERYONE);
    await client.waitForDiagnostics(promo, stale);
  });

  it("does not republish code that uses unrelated features when a segment is edited", async () => {
    const promo = file("src/promo.ts");
    const before = otherPublished();
    const promoBefore = client.publishCounts.get(promo) ?? 0;
    await openEdit("segments/everyone.yml", DUTCH);
    await client.waitForDiagnostics(promo, (d) => !stale(d));
    await edit("segments/everyone.yml", EVERYONE);
    await client.waitForDiagnostics(promo, stale);
    await close("segments/everyone.yml");
    await writeOnDisk("segments/everyone.yml", DUTCH);
    await client.waitForDiagnostics(promo, (d) => !stale(d));
    await writeOnDisk("segments/everyone.yml", EVERYONE);
    await client.waitForDiagnostics(promo, stale);
    assert.equal((client.publishCounts.get(promo) ?? 0) - promoBefore, 4);
    assert.equal(otherPublished(), before);
  });

  it("rechecks the code using a feature when a feature it requires, even indirectly, changes its rollout", async () => {
    const top = file("src/top.ts");
    await openEdit("features/base.yml", feature('"*"', 50));
    await client.waitForDiagnostics(top, (d) => !stale(d));
    await edit("features/base.yml", feature('"*"', 100));
    await client.waitForDiagnostics(top, stale);
    await close("features/base.yml");
    await writeOnDisk("features/base.yml", feature('"*"', 50));
    await client.waitForDiagnostics(top, (d) => !stale(d));
    await writeOnDisk("features/base.yml", feature('"*"', 100));
    await client.waitForDiagnostics(top, stale);
  });

  it("rechecks the code using a feature that joins or leaves a group slot", async () => {
    // Dates are looked up for features rolled out when the code is scanned: solo starts out of the group.
    const solo = file("src/solo.ts");
    await openEdit("groups/soloGroup.yml", GROUP.replace("filler", "solo"));
    await client.waitForDiagnostics(solo, (d) => !stale(d));
    await edit("groups/soloGroup.yml", GROUP);
    await client.waitForDiagnostics(solo, stale);
    await close("groups/soloGroup.yml");
    await writeOnDisk("groups/soloGroup.yml", GROUP.replace("filler", "solo"));
    await client.waitForDiagnostics(solo, (d) => !stale(d));
    await writeOnDisk("groups/soloGroup.yml", GROUP);
    await client.waitForDiagnostics(solo, stale);
  });

  it("applies flaglens.severity to the diagnostics in code", async () => {
    const other = file("src/other.ts");
    settings.severity = { "stale-flag": "off" };
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(other, (d) => d.length === 0);
    delete settings.severity;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(other, stale);
  });

  it("forgets the code files of a deleted folder (the client reports the folder alone)", async () => {
    const gone = file("old/gone.ts");
    fs.mkdirSync(path.join(root, "old"));
    fs.writeFileSync(path.join(root, "old/gone.ts"), usage("nowhere"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: gone, type: 1 }] });
    await client.waitForDiagnostics(gone, (d) => d.some((x) => x.code === "unknown-flag"));
    fs.rmSync(path.join(root, "old"), { recursive: true });
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: file("old"), type: 3 }] });
    await client.waitForDiagnostics(gone, (d) => d.length === 0);
  });
});

describe("workspace folders added and removed after startup", function () {
  this.timeout(30000);
  it("indexes the code and projects of an added folder, and forgets them when it is removed", async () => {
    const a = makeProject("flaglens-folder-a-", { "src/a.ts": usage("bOnly") }, false);
    // Folder b: code, and a project of its own (in flags/) that defines bOnly, with a finding.
    const b = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-folder-b-")));
    fs.mkdirSync(path.join(b, "src"));
    fs.writeFileSync(path.join(b, "src/b.ts"), usage("nowhere"));
    fs.mkdirSync(path.join(b, "flags/features"), { recursive: true });
    fs.writeFileSync(
      path.join(b, "flags/featurevisor.config.js"),
      `module.exports = { environments: ["staging", "production"], tags: ["web"] };\n`,
    );
    fs.writeFileSync(path.join(b, "flags/features/bOnly.yml"), feature("unknownSegment", 100));
    const client = await TestLspClient.start(
      a,
      { trusted: false },
      {},
      { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    );
    const codeA = uri(path.join(a, "src/a.ts"));
    const codeB = uri(path.join(b, "src/b.ts"));
    const flagB = uri(path.join(b, "flags/features/bOnly.yml"));
    const codes = (d: WireDiagnostic[]) => d.map((x) => x.code);
    try {
      await client.waitForReady();
      await client.waitForDiagnostics(codeA, (d) => codes(d).join() === "unknown-flag");
      const folders = client.initializeResult!.capabilities.workspace as { workspaceFolders: { changeNotifications: boolean } };
      assert.equal(folders.workspaceFolders.changeNotifications, true);
      await client.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
        event: { added: [{ uri: uri(b), name: "b" }], removed: [] },
      });
      await client.waitForDiagnostics(codeB, (d) => codes(d).join() === "unknown-flag" && /nowhere/.test(d[0].message));
      await client.waitForDiagnostics(flagB, (d) => codes(d).includes("unknown-segment"));
      // The added project defines what the first folder's code uses.
      await client.waitForDiagnostics(codeA, (d) => d.length === 0);
      await client.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
        event: { added: [], removed: [{ uri: uri(b), name: "b" }] },
      });
      await client.waitForDiagnostics(codeB, (d) => d.length === 0);
      await client.waitForDiagnostics(flagB, (d) => d.length === 0);
      await client.waitForDiagnostics(codeA, (d) => codes(d).join() === "unknown-flag");
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });
});

describe(".gitignore for code files as they are typed", function () {
  this.timeout(30000);
  let repo: string;
  let root: string;
  let client: TestLspClient;
  const settings: { code: Record<string, unknown> } = { code: {} };
  const file = (rel: string) => uri(path.join(root, rel));
  const open = (rel: string, text: string) =>
    client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file(rel), languageId: "typescript", version: 1, text },
    });

  before(async () => {
    // The workspace folder is app/ in a repository whose root ignores generated/; app/src/ ignores *.gen.ts.
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-gitignore-")));
    root = path.join(repo, "app");
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.writeFileSync(path.join(repo, ".gitignore"), "generated/\n");
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/.gitignore"), "*.gen.ts\n");
    fs.writeFileSync(path.join(root, "src/app.ts"), usage("appTypo"));
    execFileSync("git", ["init", "-q"], { cwd: repo, stdio: "pipe" });
    client = await TestLspClient.start(root, { trusted: false }, settings);
    await client.waitForReady();
    await client.waitForDiagnostics(file("src/app.ts"), (d) => d.length === 1 && d[0].code === "unknown-flag");
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it("checks no file that .gitignore excludes from the scan when it is opened, unless flaglens.code.gitignore is off", async () => {
    const generated = file("generated/flags.ts");
    const gen = file("src/client.gen.ts");
    const vendored = file("node_modules/lib/index.ts");
    await open("generated/flags.ts", usage("generatedTypo"));
    await open("src/client.gen.ts", usage("genTypo"));
    await open("node_modules/lib/index.ts", usage("vendoredTypo"));
    // A file nobody ignores, opened last: once its diagnostics arrive, the others' would have.
    await open("src/typed.ts", usage("typedTypo"));
    await client.waitForDiagnostics(file("src/typed.ts"), (d) => d.length === 1 && d[0].code === "unknown-flag");
    assert.deepEqual(client.diagnostics.get(generated) ?? [], []);
    assert.deepEqual(client.diagnostics.get(gen) ?? [], []);
    assert.deepEqual(client.diagnostics.get(vendored) ?? [], []);
    settings.code.gitignore = false;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(generated, (d) => d.length === 1 && /generatedTypo/.test(d[0].message));
    // node_modules is never scanned, ignored or not.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: vendored, version: 2 },
      contentChanges: [{ text: usage("vendoredTypo2") }],
    });
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: gen, version: 2 },
      contentChanges: [{ text: usage("genTypo2") }],
    });
    await client.waitForDiagnostics(gen, (d) => d.length === 1 && /genTypo2/.test(d[0].message));
    assert.deepEqual(client.diagnostics.get(vendored) ?? [], []);
    settings.code.gitignore = true;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(generated, (d) => d.length === 0);
    await client.waitForDiagnostics(gen, (d) => d.length === 0);
  });
});
