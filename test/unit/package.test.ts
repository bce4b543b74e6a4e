// What `vsce package` would put into the .vsix: only the bundles, the schemas,
// the manifest, README, CHANGELOG, LICENSE and the icon (.vscodeignore is a whitelist).
//
// `vsce ls` walks every file under its folder before it applies .vscodeignore,
// which takes over 20 s beside a generated benchmark project (.bench/, 50,000
// files). So it runs on a stage: hard links of the files git knows (tracked or
// not ignored) plus the build outputs dist/ and out/, i.e. a fresh clone after
// `npm run build && npm run compile`. Without git it runs in the repository.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = process.cwd();
const VSCE = path.join(ROOT, "node_modules/@vscode/vsce/vsce");
const EXACT = [
  "package.json",
  "README.md",
  "CHANGELOG.md",
  "LICENSE",
  "icon.png",
  "media/flags.svg",
  "dist/extension.js",
  "dist/server.js",
  "dist/tree-sitter-go.wasm",
  "dist/tree-sitter-python.wasm",
  "dist/tree-sitter.wasm",
  "dist/tsRewrite.js",
  "dist/validatorsV1.js",
  "dist/validatorsV2.js",
  "dist/validatorsV3.js",
];

function gitFiles(): string[] | undefined {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\0").filter((file) => file !== "" && fs.existsSync(path.join(ROOT, file)));
  } catch {
    return undefined;
  }
}

function walk(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function stage(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-vsce-"));
  for (const file of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.linkSync(path.join(ROOT, file), target);
    } catch {
      fs.copyFileSync(path.join(ROOT, file), target);
    }
  }
  return dir;
}

function vsceLs(cwd: string): string[] {
  return execFileSync(process.execPath, [VSCE, "ls", "--no-dependencies"], { cwd, encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
}

describe("the .vsix contents (vsce ls)", function () {
  this.timeout(30_000);
  let listed: string[];
  let schemas: string[];

  before(function () {
    for (const bundle of ["dist/extension.js", "dist/server.js"]) {
      assert.ok(fs.existsSync(path.join(ROOT, bundle)), `${bundle} is missing: run npm run build first`);
    }
    schemas = walk("schemas").sort();
    const known = gitFiles();
    if (known === undefined) {
      listed = vsceLs(ROOT);
      return;
    }
    const dir = stage([...new Set([...known, ...walk("dist"), ...walk("out")])]);
    try {
      listed = vsceLs(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("holds exactly the manifest, README, CHANGELOG, LICENSE, icons, the bundles and the schemas", () => {
    assert.deepEqual(listed, [...EXACT, ...schemas].sort());
  });

  it("holds no source, test, fixture, example, source map or node_modules file", () => {
    const leaked = listed.filter((file) =>
      /^(client|server|test|example|scripts|bench|out|docs|node_modules|\.e2e|\.bench)\/|\.(ts|map)$|^dist\/cli\.js$/.test(file),
    );
    assert.deepEqual(leaked, []);
  });

  it("ships an icon of 128x128 pixels", () => {
    const png = fs.readFileSync(path.join(ROOT, "icon.png"));
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
