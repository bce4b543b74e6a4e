import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import { URI } from "vscode-uri";
import { ignoresCode } from "../../server/src/node/codeFiles";
import { scanCode } from "../../server/src/node/folderScan";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import type { RuntimeEnvironment } from "../../server/src/runtime";
import { startServer } from "../../server/src/server";
import type { FileScan } from "../../server/src/service/code/usages";

// The server scans a folder's code in the background. Watched-file events that arrive while the
// scan runs (a code file deleted or created, a folder deleted) must survive the scan's results,
// which were read from disk before them. The server runs in this process, on a runtime like
// main.ts's whose first scan is held, after it has read the disk, until the test releases it.

const usage = (key: string) => `import { f } from "./sdk";\nexport const on = f.isEnabled("${key}");\n`;

const DELETED = 3;
const CREATED = 1;

/** The server in this process, over a pair of streams, with its first code scan held. */
class HeldScanServer {
  readonly logs: string[] = [];
  /** Paths the server read (or failed to read) from disk, in order. */
  readonly reads: string[] = [];
  /** The first scan's results, once it has read the disk. */
  readonly scanned: Promise<[string, FileScan][]>;
  private release!: () => void;
  private held = new Promise<void>((r) => (this.release = r));
  private onScanned!: (results: [string, FileScan][]) => void;
  private scans = 0;
  readonly client: MessageConnection;

  constructor(readonly root: string) {
    this.scanned = new Promise((r) => (this.onScanned = r));
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const reads = this.reads;
    const runtime: RuntimeEnvironment = {
      fs: {
        ...nodeFileSystem,
        async readFile(p) {
          try {
            return await nodeFileSystem.readFile(p);
          } finally {
            reads.push(p);
          }
        },
      },
      uriToPath(uri) {
        const u = URI.parse(uri);
        return u.scheme === "file" ? toServicePath(u.fsPath) : undefined;
      },
      pathToUri: (p) => URI.file(p).toString(),
      scanCode: async (folder, log, options) => {
        const results = await scanCode(folder, log, options);
        if (this.scans++ === 0) {
          this.onScanned(results);
          await this.held;
        }
        return results;
      },
      ignoresCode,
    };
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), runtime);
    this.client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification("window/logMessage", (p: { message: string }) => void this.logs.push(p.message));
    this.client.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.client.onRequest("client/registerCapability", () => null);
    this.client.listen();
  }

  async initialize(): Promise<void> {
    const rootUri = this.uri(this.root);
    // No processId: the library would poll it, and exit this process when it is gone.
    await this.client.sendRequest("initialize", {
      processId: null,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "root" }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.client.sendNotification("initialized", {});
  }

  uri(p: string): string {
    return URI.file(p).toString();
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  /** Sends watched-file events, and resolves once the server has handled them (read the files it reads again). */
  async changed(changes: [rel: string, type: number][], reread: string[] = []): Promise<void> {
    const readsBefore = this.reads.length;
    await this.client.sendNotification("workspace/didChangeWatchedFiles", {
      changes: changes.map(([rel, type]) => ({ uri: this.uri(this.path(rel)), type })),
    });
    const deadline = Date.now() + 10000;
    const done = () => reread.every((rel) => this.reads.slice(readsBefore).includes(this.path(rel)));
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`the server did not read ${reread.join(", ")} after the events`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // A request answered after the notification: its handler has run up to its first wait, and what
    // follows a read from disk (synchronous under its promise) has too.
    await this.usages("darkMode");
  }

  /** Lets the held scan land, and resolves once the server has indexed its results. */
  async releaseScan(): Promise<void> {
    this.release();
    const deadline = Date.now() + 10000;
    while (!this.logs.some((m) => m.startsWith(`Indexed flag usages in ${this.root}:`))) {
      if (Date.now() > deadline) throw new Error(`the scan did not land; logs:\n${this.logs.join("\n")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The files (relative to the root) with usages of a feature, sorted. */
  async usages(feature: string): Promise<string[]> {
    const locations = await this.client.sendRequest<{ uri: string }[]>("flaglens/featureUsages", { feature });
    return [...new Set(locations.map((l) => path.relative(this.root, URI.parse(l.uri).fsPath)))].sort();
  }

  async stop(): Promise<void> {
    this.release();
    // No exit notification: the library would end this process.
    await Promise.race([this.client.sendRequest("shutdown").catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    // The streams stay open: the server may still send (the Flags view's changed notification, on a
    // timer), and its connection, once closed, would throw that out of the timer.
    this.client.dispose();
  }
}

/** Copies the example project into a new folder with these code files added. */
function makeProject(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-scan-race-")));
  fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
  // The example's own application (app/) is left out: the usages below are those of the files added.
  fs.rmSync(path.join(root, "app"), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("watched-file events during the code scan", function () {
  this.timeout(60000);
  let root: string | undefined;
  let server: HeldScanServer | undefined;

  afterEach(async () => {
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    server = root = undefined;
  });

  /** Starts a server on a new project and waits until its first scan has read the disk (and is held). */
  async function start(files: Record<string, string>): Promise<{ s: HeldScanServer; scanned: string[] }> {
    root = makeProject(files);
    const s = (server = new HeldScanServer(root));
    await s.initialize();
    const results = await s.scanned;
    return { s, scanned: results.map(([p]) => path.relative(root!, p)) };
  }

  it("does not bring back the usages of a code file deleted while the scan runs", async () => {
    const { s, scanned } = await start({ "src/kept.ts": usage("darkMode"), "src/gone.ts": usage("darkMode") });
    assert.ok(scanned.includes("src/gone.ts"), `the scan read src/gone.ts: ${scanned.join(", ")}`);
    fs.rmSync(s.path("src/gone.ts"));
    await s.changed([["src/gone.ts", DELETED]], ["src/gone.ts"]);
    await s.releaseScan();
    assert.deepEqual(await s.usages("darkMode"), ["src/kept.ts"]);
  });

  it("keeps the usages of a code file created while the scan runs", async () => {
    const { s, scanned } = await start({ "src/kept.ts": usage("darkMode") });
    assert.ok(!scanned.includes("src/new.ts"));
    fs.writeFileSync(s.path("src/new.ts"), usage("darkMode"));
    await s.changed([["src/new.ts", CREATED]], ["src/new.ts"]);
    await s.releaseScan();
    assert.deepEqual(await s.usages("darkMode"), ["src/kept.ts", "src/new.ts"]);
  });

  it("does not bring back the code files of a folder deleted while the scan runs (the client reports the folder alone)", async () => {
    const { s, scanned } = await start({
      "src/kept.ts": usage("darkMode"),
      "old/gone.ts": usage("darkMode"),
      "old/deeper/gone.ts": usage("darkMode"),
    });
    assert.ok(scanned.includes("old/gone.ts") && scanned.includes("old/deeper/gone.ts"), scanned.join(", "));
    fs.rmSync(s.path("old"), { recursive: true });
    await s.changed([["old", DELETED]]);
    await s.releaseScan();
    assert.deepEqual(await s.usages("darkMode"), ["src/kept.ts"]);
  });
});
