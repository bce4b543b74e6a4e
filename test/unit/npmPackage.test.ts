// The npm package (`npm pack`, then `npm install -g ./flaglens-*.tgz`): exactly the two bins, the bundles
// they load and the tree-sitter WebAssembly files, no dependency to fetch, and both bins work from the
// installed package in a folder with no node_modules above it (os.tmpdir()), so nothing of the
// repository's node_modules can be found by accident.
import * as assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const ROOT = process.cwd();
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

const PACKED = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "bin/flaglens-language-server.js",
  "bin/flaglens.js",
  "dist/cli.js",
  "dist/server.js",
  "dist/tree-sitter-go.wasm",
  "dist/tree-sitter-python.wasm",
  "dist/tree-sitter.wasm",
  "dist/tsRewrite.js",
  "dist/validatorsV1.js",
  "dist/validatorsV2.js",
  "dist/validatorsV3.js",
  "package.json",
];

/** The environment of a machine with Node alone: no NODE_PATH, no npm config of the repository. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return env;
}

function npm(args: string[], cwd: string): string {
  // --ignore-scripts: the test packs the bundles `npm test` has just built (prepack would rebuild them).
  return execFileSync(NPM, [...args, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    env: plainEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("the npm package (npm pack, npm install -g)", function () {
  this.timeout(60_000);
  let tmp: string;
  let prefix: string;
  let bin: (name: string) => string;
  let manifest: Record<string, unknown>;
  let packed: string[];

  before(function () {
    for (const file of PACKED.filter((f) => f.startsWith("dist/"))) {
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is missing: run npm run build first`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-npm-"));
    prefix = path.join(tmp, "prefix");
    const out = npm(["pack", "--json", "--pack-destination", tmp], ROOT);
    packed = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    const tgz = fs.readdirSync(tmp).find((f) => /^flaglens-.*\.tgz$/.test(f));
    assert.ok(tgz, `npm pack wrote no flaglens-*.tgz into ${tmp}`);
    // --offline: the package must need nothing from a registry.
    npm(["install", "-g", "--offline", "--prefix", prefix, path.join(tmp, tgz)], tmp);
    const installed = path.join(prefix, process.platform === "win32" ? "node_modules" : "lib/node_modules", "flaglens");
    manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Record<string, unknown>;
    bin = (name) => (process.platform === "win32" ? path.join(prefix, `${name}.cmd`) : path.join(prefix, "bin", name));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("packs exactly the bins, the bundles they load, the wasm files, README, CHANGELOG and LICENSE", () => {
    assert.deepEqual(packed, [...PACKED].sort());
  });

  it("is installable: not private, no dependency to fetch, both bins declared", () => {
    assert.equal(manifest.private, undefined);
    assert.deepEqual(manifest.dependencies ?? {}, {}, "the bundles need no node_modules at run time");
    assert.deepEqual(Object.keys(manifest.bin as object).sort(), ["flaglens", "flaglens-language-server"]);
  });

  it("flaglens lint runs the bundled example from the installed package", () => {
    const r = spawnSync(bin("flaglens"), ["lint", "--project", path.join(ROOT, "example"), "--format", "json"], {
      cwd: tmp,
      encoding: "utf8",
      env: plainEnv(),
    });
    assert.equal(r.status, 0, `exit ${r.status}\n${r.stderr}`);
    const result = JSON.parse(r.stdout) as { project: { format: string }; summary: { errors: number; files: number } };
    assert.equal(result.project.format, "v2");
    assert.equal(result.summary.errors, 0);
    assert.ok(result.summary.files > 0);
  });

  it("flaglens remove rewrites Python with the packaged tree-sitter WebAssembly files", () => {
    // Without its parser (a .wasm file not found) the Python rewrite is refused: exit 1, the usage left.
    const copy = path.join(tmp, "example");
    fs.cpSync(path.join(ROOT, "example"), copy, { recursive: true });
    const r = spawnSync(bin("flaglens"), ["remove", "classicSearch", "--keep", "disabled", "--root", copy, "--project", copy, "--write"], {
      cwd: tmp,
      encoding: "utf8",
      env: plainEnv(),
    });
    assert.equal(r.status, 0, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    const python = fs.readFileSync(path.join(copy, "app/search.py"), "utf8");
    assert.doesNotMatch(python, /is_enabled\("classicSearch"/);
    assert.match(python, /is_enabled\("searchA"/);
  });

  it("flaglens-language-server answers initialize over stdio", async () => {
    const child = spawn(bin("flaglens-language-server"), ["--stdio"], { cwd: tmp, env: plainEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    try {
      const result = (await Promise.race([
        connection.sendRequest("initialize", {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          workspaceFolders: null,
        }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer to initialize in 20 s\n${stderr}`)), 20_000)),
      ])) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
      assert.ok(result.capabilities.completionProvider, JSON.stringify(result));
      assert.ok(result.capabilities.codeLensProvider, JSON.stringify(result));
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
