// flaglens/rolloutChanges over LSP: the example project committed in a git repository made here, then
// edited through the editor (didChange, never saved): the change appears with its share, its cause, its
// place and its lens; another base (a branch) is compared once asked for; a folder outside git and an
// unknown revision answer with an error, and the server keeps serving.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { git } from "../support/git";
import type { RolloutChangesResult, RolloutModel } from "../../server/src/protocol";
import { TestLspClient, uri } from "../support/lspClient";
import { requireTool } from "../support/skip";

interface WireLens {
  range: { start: { line: number } };
  command: { title: string; tooltip?: string };
}

describe("flaglens/rolloutChanges over LSP", function () {
  this.timeout(60000);
  const temp: string[] = [];
  const clients: TestLspClient[] = [];
  before(function () {
    requireTool(this, "git", "apt-get install git");
  });
  after(async () => {
    for (const c of clients) await c.stop();
    for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A copy of the example; committed on `main` in a new repository unless `plain`. */
  function project(plain = false): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-changes-")));
    temp.push(dir);
    fs.cpSync(path.join(process.cwd(), "example"), dir, { recursive: true });
    if (!plain) {
      git(dir, "init", "-q", "-b", "main");
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "example");
    }
    return dir;
  }

  async function start(dir: string): Promise<TestLspClient> {
    const client = await TestLspClient.start(
      dir,
      { trusted: false },
      {},
      {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    );
    clients.push(client);
    await client.waitForReady();
    return client;
  }

  const changes = (client: TestLspClient, params: unknown = {}) =>
    client.connection.sendRequest("flaglens/rolloutChanges", params) as Promise<RolloutChangesResult>;
  const lenses = (client: TestLspClient, file: string) =>
    client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: uri(file) } }) as Promise<WireLens[]>;

  /** Opens a file in the "editor" and replaces its text (never saved). */
  async function edit(client: TestLspClient, file: string, from: string, to: string): Promise<string> {
    const text = fs.readFileSync(file, "utf8");
    assert.ok(text.includes(from), `${file} has ${from}`);
    const next = text.replace(from, to);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uri(file), languageId: "yaml", version: 1, text },
    });
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: uri(file), version: 2 },
      contentChanges: [{ text: next }],
    });
    return next;
  }

  const PRODUCTION_EVERYONE = '    - key: everyone\n      segments: "*"\n      percentage: 5\n';

  it("answers the working tree's changes against HEAD, unsaved edits included, with share, place and lens", async () => {
    const dir = project();
    const client = await start(dir);
    const clean = await changes(client);
    assert.deepEqual(clean, { base: "HEAD", head: "worktree", changes: [], risks: [] });

    const file = path.join(dir, "features/newCheckout.yml");
    const text = await edit(client, file, PRODUCTION_EVERYONE, PRODUCTION_EVERYONE.replace("percentage: 5", "percentage: 50"));
    const result = await changes(client);
    assert.equal(result.error, undefined);
    assert.deepEqual(
      result.changes.map((c) => [c.feature, c.environment, c.cause, c.rules]),
      [
        [
          "newCheckout",
          "production",
          { kind: "feature", key: "newCheckout" },
          // 45 points more get it, and 2.5 points go from treatment to control (the split's ranges grow).
          [{ rule: "everyone", segments: "everyone", percentageBefore: 5, percentageAfter: 50, changedShare: 47.5 }],
        ],
      ],
    );
    const change = result.changes[0];
    assert.equal(change.summary, "5% → 50% of everyone (+45 points)");
    assert.equal(change.uri, uri(file));
    const productionLine = text.split("\n").indexOf("  production:");
    assert.equal(change.range?.start.line, productionLine);
    // (Other risk notes may join it, environment-skipped among them: the engine decides; the lens lists them all.)
    assert.ok(
      result.risks.some((r) => r.code === "exposure-jump" && r.feature === "newCheckout" && r.environment === "production"),
      JSON.stringify(result.risks),
    );
    // The disk still has 5%: the after side is the editor's text.
    assert.ok(fs.readFileSync(file, "utf8").includes("percentage: 5\n"));

    const fileLenses = await lenses(client, file);
    const changeLens = fileLenses.filter((l) => l.command.title.startsWith("since HEAD"));
    // Over the changed rule: production's own line has its rollout lens.
    const everyoneLine = text.split("\n").indexOf("    - key: everyone", productionLine);
    assert.deepEqual(
      changeLens.map((l) => l.range.start.line),
      [everyoneLine],
    );
    // Risks at warning or error follow the words; info notes are in the tooltip only.
    const marks = [...new Set(result.risks.filter((r) => r.severity !== "info").map((r) => r.code.replace(/-/g, " ")))];
    assert.equal(changeLens[0].command.title, ["since HEAD: 5% → 50% of everyone (+45 points)", ...marks].join(" · "));
    assert.match(changeLens[0].command.title, / · exposure jump/);
    for (const r of result.risks) assert.ok(changeLens[0].command.tooltip?.includes(r.message), r.message);
    assert.match(changeLens[0].command.tooltip ?? "", /before: employees → treatment, 50% of netherlands, 5% of everyone else/);
    // The rollout lens of the environment is still there.
    assert.ok(fileLenses.some((l) => l.command.title.startsWith("production: employees")));

    // The rollout panel shows production as HEAD had it under its change; staging did not change.
    const panel = (await client.connection.sendRequest("flaglens/rolloutPanel", { uri: uri(file) })) as RolloutModel;
    const [staging, production] = panel.environments;
    assert.equal(staging.change, undefined);
    assert.equal(production.change?.base, "HEAD");
    assert.equal(production.change?.summary, "5% → 50% of everyone (+45 points)");
    assert.ok(production.change?.risks.includes("warning exposure-jump"), JSON.stringify(production.change?.risks));
    assert.deepEqual(
      production.rules.map((r) => r.share),
      [100, 50, 50],
    );
    assert.deepEqual(
      production.change?.before?.rules.map((r) => r.share),
      [100, 50, 5],
    );
    assert.equal(production.change?.before?.summary, "employees → treatment, 50% of netherlands, 5% of everyone else");

    // Typing it back: no change, no lens.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: uri(file), version: 3 },
      contentChanges: [{ text: fs.readFileSync(file, "utf8") }],
    });
    assert.deepEqual((await changes(client)).changes, []);
    assert.deepEqual(
      (await lenses(client, file)).filter((l) => l.command.title.startsWith("since")),
      [],
    );
    const unchanged = (await client.connection.sendRequest("flaglens/rolloutPanel", { uri: uri(file) })) as RolloutModel;
    assert.deepEqual(
      unchanged.environments.map((e) => e.change),
      [undefined, undefined],
    );
  });

  it("names a segment as the cause, compares with a branch once asked, and follows new commits", async () => {
    const dir = project();
    // `old` keeps the example; main moves production's everyone-else from 5% to 10%.
    git(dir, "branch", "old");
    const file = path.join(dir, "features/newCheckout.yml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(PRODUCTION_EVERYONE, PRODUCTION_EVERYONE.replace("5\n", "10\n")));
    git(dir, "commit", "-q", "-am", "10%");
    const client = await start(dir);
    assert.deepEqual((await changes(client)).changes, []);

    const old = await changes(client, { base: "old" });
    assert.equal(old.base, "old");
    assert.deepEqual(
      old.changes.map((c) => [c.feature, c.environment, c.summary]),
      [["newCheckout", "production", "5% → 10% of everyone (+5 points)"]],
    );
    // The lenses follow the base last asked for.
    const oldLenses = (await lenses(client, file)).filter((l) => l.command.title.startsWith("since"));
    assert.equal(oldLenses.length, 1);
    assert.match(oldLenses[0].command.title, /^since old: 5% → 10% of everyone \(\+5 points\)( · [a-z ]+)*$/);

    // A segment edited in the editor changes the features that use it, by that segment.
    const segment = path.join(dir, "segments/netherlands.yml");
    await edit(client, segment, "value: nl", "value: be");
    const bySegment = await changes(client, {});
    assert.deepEqual(
      bySegment.changes.map((c) => [c.feature, c.environment, c.cause]),
      [
        ["newCheckout", "production", { kind: "segment", key: "netherlands" }],
        ["saleBadge", "production", { kind: "segment", key: "netherlands" }],
      ],
    );
    assert.match(
      (await lenses(client, file)).find((l) => l.command.title.startsWith("since HEAD"))?.command.title ?? "",
      /^since HEAD: who matches 50% of netherlands and 10% of everyone changes \(by segment netherlands\)/,
    );

    // Saved, then committed: HEAD moves without any file event, and the editor's text is HEAD's.
    fs.writeFileSync(segment, fs.readFileSync(segment, "utf8").replace("value: nl", "value: be"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(segment), type: 2 }] });
    assert.equal((await changes(client)).changes.length, 2);
    git(dir, "commit", "-q", "-am", "Belgium");
    assert.deepEqual(await changes(client), { base: "HEAD", head: "worktree", changes: [], risks: [] });
  });

  it("answers an error, never a failure, outside git and for an unknown revision; the server keeps serving", async () => {
    const dir = project(true);
    const client = await start(dir);
    const outside = await changes(client);
    assert.deepEqual([outside.changes, outside.risks], [[], []]);
    assert.match(outside.error ?? "", /not in a git repository/);
    assert.deepEqual(
      (await lenses(client, path.join(dir, "features/newCheckout.yml"))).filter((l) => l.command.title.startsWith("since")),
      [],
    );
    // git init afterwards: found the next time.
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "example");
    assert.deepEqual(await changes(client), { base: "HEAD", head: "worktree", changes: [], risks: [] });

    const unknown = await changes(client, { base: "no-such-branch" });
    assert.equal(unknown.base, "no-such-branch");
    assert.match(unknown.error ?? "", /unknown revision "no-such-branch"/);
    for (const bad of [null, 42, { base: 7 }, { base: "--output=/tmp/x" }]) {
      const answer = await changes(client, bad);
      assert.ok(Array.isArray(answer.changes), JSON.stringify(bad));
    }
    const flags = (await client.connection.sendRequest("flaglens/flags")) as { projects: unknown[] };
    assert.equal(flags.projects.length, 1);
  });
});
