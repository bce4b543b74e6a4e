import * as assert from "node:assert/strict";
import { skipBecause } from "../support/skip";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The CLI on temporary trees with real symbolic links: `lint` reports links out of the project
// without reading them, and does not walk links back up the tree; `remove --write` never writes
// through a link to a file outside --root.

const CLI = path.resolve(process.cwd(), "dist/cli.js");
const SECRET = "s3cr3t-root-password";

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 15000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const FEATURE = [
  "description: Checkout",
  "tags: [all]",
  "bucketBy: userId",
  "rules:",
  "  production:",
  '    - key: "1"',
  '      segments: "*"',
  "      percentage: 100",
  "",
].join("\n");

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
}

describe("flaglens CLI and symbolic links", function () {
  this.timeout(30000);
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(function () {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-links-")));
    root = path.join(base, "project");
    outside = path.join(base, "outside");
    write(root, {
      "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
      "attributes/userId.yml": "description: User\ntype: string\n",
      "features/checkout.yml": FEATURE,
    });
    // Text that fails to parse as YAML: a parser's error message would quote it.
    write(outside, { "secret.yml": `root: ${SECRET}: x\n  - [${SECRET}\n`, "flags/leak.yml": `${SECRET}: [\n` });
    try {
      fs.symlinkSync(path.join(outside, "secret.yml"), path.join(root, "features/leak.yml"));
    } catch {
      skipBecause(this, "this file system has no symbolic links (say, Windows without the privilege)");
    }
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it("lint reports a link out of the project with symlink-outside-project, and never prints its target's content", async () => {
    fs.symlinkSync(path.join(outside, "flags"), path.join(root, "features/more"));
    const r = await run(["lint", "--project", root], root);
    assert.match(
      r.stdout,
      /^features\/leak\.yml:1:1 warning symlink-outside-project features\/leak\.yml is a symbolic link to a file outside/m,
    );
    assert.match(r.stdout, /^featurevisor\.config\.js:1:1 warning symlink-outside-project features\/more is a symbolic link to a folder/m);
    assert.ok(!(r.stdout + r.stderr).includes(SECRET), r.stdout + r.stderr);
    const json = await run(["lint", "--project", root, "--format", "json"], root);
    assert.ok(!(json.stdout + json.stderr).includes(SECRET));
  });

  it("lint does not walk a link to .. or a loop of links, and reads no feature twice", async () => {
    fs.unlinkSync(path.join(root, "features/leak.yml"));
    // A YAML file outside the entity folders: walked through features/up, it would become a feature.
    write(root, { "docs/notes.yml": "title: Notes\n" });
    fs.symlinkSync("..", path.join(root, "features/up"));
    fs.symlinkSync(".", path.join(root, "features/self"));
    fs.symlinkSync("b.yml", path.join(root, "features/a.yml"));
    fs.symlinkSync("a.yml", path.join(root, "features/b.yml"));
    const r = await run(["lint", "--project", root, "--format", "json"], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const json = JSON.parse(r.stdout) as { diagnostics: unknown[]; summary: { files: number } };
    assert.deepEqual(json.diagnostics, []);
    // The project's two files, not the project again below features/up (nor features/self).
    assert.equal(json.summary.files, 2);
  });

  it("remove --write does not write through a link to a code file outside --root", async () => {
    const usage = 'if (f.isEnabled("checkout")) go();\n';
    write(root, { "src/app.ts": usage });
    write(outside, { "app.ts": usage });
    fs.symlinkSync(path.join(outside, "app.ts"), path.join(root, "src/linked.ts"));
    const r = await run(["remove", "checkout", "--keep", "enabled", "--write", "--root", path.join(root, "src")], root);
    assert.match(r.stdout, /1 file changed/, r.stdout + r.stderr);
    assert.equal(fs.readFileSync(path.join(root, "src/app.ts"), "utf8"), "go();\n");
    assert.equal(fs.readFileSync(path.join(outside, "app.ts"), "utf8"), usage);
  });
});
