import * as assert from "node:assert/strict";
import { skipBecause } from "../support/skip";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hostileCases, type HostileCase } from "../support/hostile";
import { TestLspClient, uri } from "../support/lspClient";

/** A hang guard, not a speed assertion: a request that never answers fails the test instead of stalling it. */
const HANG_GUARD_MS = 5000;
const RSS_LIMIT_MB = 300;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : 0;
}

function guarded<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS);
  });
  return Promise.race([request, guard]).finally(() => clearTimeout(timer));
}

/** The requests an editor sends on an open flag file; each must answer. Returns each one's time, for the report. */
async function pokeAll(client: TestLspClient, fileUri: string, line: number): Promise<Record<string, number>> {
  const textDocument = { uri: fileUri };
  const position = { line, character: 3 };
  const range = { start: { line: 0, character: 0 }, end: { line: line + 5, character: 0 } };
  const requests: [string, object][] = [
    ["textDocument/documentSymbol", { textDocument }],
    ["textDocument/codeLens", { textDocument }],
    ["textDocument/inlayHint", { textDocument, range }],
    ["textDocument/hover", { textDocument, position }],
    ["textDocument/completion", { textDocument, position }],
    ["textDocument/definition", { textDocument, position }],
    ["textDocument/codeAction", { textDocument, range, context: { diagnostics: [] } }],
  ];
  const times: Record<string, number> = {};
  for (const [method, params] of requests) {
    const started = Date.now();
    await guarded(method, client.connection.sendRequest(method, params));
    times[method.slice("textDocument/".length)] = Date.now() - started;
  }
  return times;
}

describe("hostile input over stdio: every request answers, memory stays bounded", function () {
  this.timeout(120000);
  let root: string;
  let client: TestLspClient;
  const report: string[] = [];

  before(async function () {
    const example = path.resolve(process.cwd(), "example");
    if (!fs.existsSync(path.join(process.cwd(), "dist/server.js"))) skipBecause(this, "dist/server.js is missing: run `npm run build`");
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-hostile-")));
    fs.cpSync(example, root, { recursive: true });
    client = await TestLspClient.start(root);
    await client.waitForReady(30000);
  });

  after(async () => {
    await client?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    if (process.env.FLAGLENS_HOSTILE_REPORT) console.log(report.join("\n"));
  });

  const open = async (c: Pick<HostileCase, "rel" | "text">, languageId = "yaml") => {
    const file = path.join(root, c.rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fileUri = uri(file);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: fileUri, languageId, version: 1, text: c.text },
    });
    return fileUri;
  };
  const close = (fileUri: string) => client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: fileUri } });

  const check = async (c: Pick<HostileCase, "name" | "kind" | "rel" | "text">, expectedCodes: string[], languageId?: string) => {
    const fileUri = await open(c, languageId);
    const started = Date.now();
    const diagnostics =
      expectedCodes.length > 0
        ? await client.waitForDiagnostics(fileUri, (d) => expectedCodes.every((code) => d.some((x) => x.code === code)), 30000)
        : [];
    const published = Date.now() - started;
    const times = await pokeAll(client, fileUri, 6);
    const rss = rssMb(client.process.pid!);
    report.push(`${c.name} (${c.kind}): diagnostics ${published} ms, ${JSON.stringify(times)}, RSS ${rss.toFixed(0)} MB`);
    await close(fileUri);
    assert.ok(rss < RSS_LIMIT_MB, `RSS ${rss.toFixed(0)} MB after ${c.name}`);
    return diagnostics;
  };

  const expected: Record<string, string> = {
    "deep segments": "too-deep",
    "deep flow segments": "too-deep",
    "deep conditions": "too-deep",
    "deep type": "too-deep",
    "deep slots": "too-deep",
    "deep context": "too-deep",
    "alias bomb": "alias-limit",
  };
  for (const c of hostileCases()) {
    it(`${c.name} in a ${c.kind}: a diagnostic, and every request answers`, async () => {
      await check(c, expected[c.name] ? [expected[c.name]] : []);
    });
  }

  // The 50 MB documents each get a fresh server: the RSS limit is about what one such document costs.
  const restart = async () => {
    await client.stop();
    client = await TestLspClient.start(root);
    await client.waitForReady(30000);
  };

  it("a 50 MB open flag document: file-too-large, and every request answers", async () => {
    await restart();
    const text = "description: big\nbucketBy: userId\n" + "# padding to make the document large\n".repeat(1_400_000);
    assert.ok(text.length > 50_000_000);
    await check({ name: "50 MB document", kind: "feature", rel: "features/huge.yml", text }, ["file-too-large"]);
  });

  it("a 50 MB open code file: every request answers", async () => {
    await restart();
    const line = 'const x = client.isEnabled("darkMode"); // some padding to make the file large\n';
    const text = line.repeat(Math.ceil(50_000_000 / line.length));
    await check({ name: "50 MB code file", kind: "feature", rel: "src/huge.ts", text }, [], "typescript");
  });

  it("afterwards, a hover on an unrelated example file answers correctly", async () => {
    const file = path.join(root, "features/darkMode.yml");
    const fileUri = await open({ rel: "features/darkMode.yml", text: fs.readFileSync(file, "utf8") });
    // `segments: modernApp` on line 12: the hover describes the segment.
    const hover = await guarded(
      "hover",
      client.connection.sendRequest<{ contents: { value: string } } | null>("textDocument/hover", {
        textDocument: { uri: fileUri },
        position: { line: 12, character: 18 },
      }),
    );
    assert.ok(hover && /modern/i.test(JSON.stringify(hover.contents)), JSON.stringify(hover));
    const failures = client.logs.filter((l) => /failed on|Maximum call stack|Regular expression too large/.test(l));
    assert.deepEqual(failures, []);
  });
});
