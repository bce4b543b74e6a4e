import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.resolve(process.cwd(), "dist/cli.js");

function run(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function project(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-cli-")));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const BROKEN = {
  "featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/checkout.yml":
    'description: Checkout\ntags: [all]\nbucketBy: userId\nenvironments:\n  production:\n    rules:\n      - key: "1"\n        segments: nl\n        percentage: 100\n',
};

describe("flaglens CLI", function () {
  this.timeout(20000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it("lints the example project: warnings only, exit 0, compiler-style lines", async () => {
    const r = await run(["lint", "--project", "example"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^features\/saleBadge\.yml:6:5 warning deprecated-reference /m);
    assert.match(r.stdout, /0 errors, 2 warnings in 18 files/);
  });

  it("exits 1 with errors, and prints the documented JSON shape", async () => {
    const root = project(BROKEN);
    roots.push(root);
    const r = await run(["lint", "--project", root, "--format", "json"]);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ["project", "diagnostics", "summary"]);
    const { version, ...described } = json.project;
    assert.deepEqual(described, { root, format: "v1", environments: ["production"] });
    assert.deepEqual(Object.keys(json.project), ["root", "format", "version", "environments"]);
    assert.equal(version.format, "v1");
    assert.equal(version.version, "1.35");
    assert.match(version.reason, /shapes of v1 .*no package\.json pins @featurevisor\/cli/);
    assert.deepEqual(json.diagnostics, [
      {
        file: "features/checkout.yml",
        line: 8,
        column: 19,
        endLine: 8,
        endColumn: 21,
        severity: "error",
        code: "unknown-segment",
        message: 'Unknown segment "nl".',
      },
    ]);
    assert.deepEqual(json.summary, { errors: 1, warnings: 0, files: 2 });
  });

  it("writes SARIF 2.1.0 with rules and locations", async () => {
    const root = project(BROKEN);
    roots.push(root);
    const r = await run(["lint", "--project", root, "--format", "sarif"]);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, "2.1.0");
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, "flaglens");
    assert.deepEqual(
      run0.tool.driver.rules.map((x: { id: string }) => x.id),
      ["unknown-segment"],
    );
    assert.equal(run0.results[0].level, "error");
    assert.deepEqual(run0.results[0].locations[0].physicalLocation.region, { startLine: 8, startColumn: 19, endLine: 8, endColumn: 21 });
    assert.equal(run0.results[0].locations[0].physicalLocation.artifactLocation.uri, "features/checkout.yml");
  });

  it("finds the project from the current folder or a subfolder", async () => {
    const root = project(BROKEN);
    roots.push(root);
    const r = await run(["lint", "--format", "json"], path.join(root, "features"));
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).project.root, root);
  });

  it("exits 2 with a message on stderr for usage errors and missing projects", async () => {
    const empty = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-cli-empty-")));
    roots.push(empty);
    const none = await run(["lint", "--project", empty]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, "");
    assert.match(none.stderr, /no Featurevisor project \(featurevisor\.config\.js\) found/);
    const bad = await run(["lint", "--format", "xml"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be text, json or sarif/);
    const unknown = await run(["frobnicate"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });
});
