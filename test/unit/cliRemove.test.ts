import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// `flaglens remove` on a temporary tree: a diff without --write (nothing changes), the files
// rewritten with --write, and its exit codes.

const CLI = path.resolve(process.cwd(), "dist/cli.js");

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["production"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/checkout.yml": [
    "description: New checkout",
    "tags: [all]",
    "bucketBy: userId",
    "variablesSchema:",
    "  steps:",
    "    type: integer",
    "    defaultValue: 3",
    "variations:",
    "  - value: control",
    "    weight: 50",
    "  - value: treatment",
    "    weight: 50",
    "    variables:",
    "      steps: 2",
    "rules:",
    "  production:",
    "    - key: everyone",
    '      segments: "*"',
    "      percentage: 100",
    "",
  ].join("\n"),
  "src/app.ts": [
    'import { f } from "./sdk";',
    "",
    "export function checkout(): number {",
    '  if (f.getVariation("checkout") === "treatment") {',
    '    return f.getVariableInteger("checkout", "steps");',
    "  }",
    "  return 0;",
    "}",
    "",
  ].join("\n"),
  "src/view.tsx": ['export const View = () => <div>{f.isEnabled("checkout") && <New />}</div>;', ""].join("\n"),
  "src/job.py": ['if f.is_enabled("checkout"):', "    run()", ""].join("\n"),
  "src/other.ts": ['if (f.isEnabled("search")) go();', ""].join("\n"),
  "node_modules/lib/index.js": ['if (f.isEnabled("checkout")) go();', ""].join("\n"),
};

function tree(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-remove-")));
  for (const [rel, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), "utf8");
}

describe("flaglens remove", function () {
  this.timeout(30000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
  const make = (): string => {
    const r = tree();
    roots.push(r);
    return r;
  };

  it("prints a unified diff and changes nothing without --write; variables come from the project", async () => {
    const root = make();
    const r = await run(["remove", "checkout", "--keep", "variation:treatment"], root);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /^--- a\/src\/app\.ts\n\+\+\+ b\/src\/app\.ts\n@@ /m);
    assert.match(
      r.stdout,
      /^-  if \(f\.getVariation\("checkout"\) === "treatment"\) \{\n-    return f\.getVariableInteger\("checkout", "steps"\);\n-  \}\n-  return 0;\n\+  return 2;$/m,
    );
    assert.match(r.stdout, /^--- a\/src\/job\.py$/m);
    assert.match(r.stdout, /^--- a\/src\/view\.tsx$/m);
    assert.doesNotMatch(r.stdout, /node_modules|other\.ts/);
    assert.match(r.stdout, /^src\/app\.ts:5:12 replaced-only Replaced f\.getVariableInteger\("checkout", "steps"\) \(always 2\)/m);
    assert.match(r.stdout, /3 files to change: 3 usages removed, 1 replaced by the value only, 0 left\.\n$/);
    // replaced-only usages make the exit code 1: the user should look at them.
    assert.equal(r.code, 1);
    for (const rel of Object.keys(FILES)) assert.equal(read(root, rel), FILES[rel], rel);
  });

  it("writes the files with --write, and a second run finds nothing to do", async () => {
    const root = make();
    const r = await run(["remove", "checkout", "--keep", "enabled", "--write", "--project", root, "--root", path.join(root, "src")], root);
    // The variation and the variable it sets stay unknown with --keep enabled: those usages are left (exit 1).
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /^---/m);
    assert.match(r.stdout, /^app\.ts:4:7 not-simplified Left f\.getVariation\("checkout"\) unchanged/m);
    assert.match(r.stdout, /2 files changed: 2 usages removed, 0 replaced by the value only, 2 left\./);
    assert.match(r.stderr, /getVariation usages are left/);
    assert.equal(read(root, "src/job.py"), "run()\n");
    assert.equal(read(root, "src/view.tsx"), "export const View = () => <div><New /></div>;\n");
    assert.equal(read(root, "src/app.ts"), FILES["src/app.ts"]);
    const again = await run(
      ["remove", "checkout", "--keep", "enabled", "--write", "--project", root, "--root", path.join(root, "src")],
      root,
    );
    assert.match(again.stdout, /^0 files changed/m);
  });

  it("prints JSON with edits, notes and a summary", async () => {
    const root = make();
    const r = await run(["remove", "checkout", "--keep", "disabled", "--format", "json"], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ["feature", "keep", "written", "behaviour", "warnings", "files", "deleted", "summary"]);
    assert.deepEqual(json.behaviour, { enabled: false, variation: null, variables: { steps: null } });
    assert.deepEqual(
      json.files.map((f: { file: string }) => f.file),
      ["src/app.ts", "src/job.py", "src/view.tsx"],
    );
    assert.deepEqual(json.summary, { files: 3, removed: 4, replacedOnly: 0, notSimplified: 0 });
    assert.deepEqual(json.deleted, []);
    assert.equal(read(root, "src/app.ts"), FILES["src/app.ts"]);
  });

  it("exits 2 on usage errors: no key, no or a bad --keep, a variation the feature lacks, a missing --root", async () => {
    const root = make();
    for (const args of [
      ["remove"],
      ["remove", "checkout"],
      ["remove", "checkout", "--keep", "sometimes"],
      ["remove", "checkout", "--keep", "variation:blue"],
      ["remove", "checkout", "--keep", "enabled", "--root", "nowhere"],
      ["remove", "checkout", "--keep", "enabled", "--format", "xml"],
    ]) {
      const r = await run(args, root);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /^flaglens: /, args.join(" "));
    }
    const r = await run(["remove", "checkout", "--keep", "variation:blue"], root);
    assert.match(r.stderr, /no variation "blue" \(it has: control, treatment\)/);
  });

  it("--delete-feature also deletes an archived feature's file and its tests, and refuses a feature that is not archived", async () => {
    const root = make();
    const refused = await run(["remove", "checkout", "--keep", "disabled", "--delete-feature"], root);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^flaglens: --delete-feature: feature "checkout" is not archived/);

    fs.writeFileSync(path.join(root, "features/checkout.yml"), "archived: true\n" + FILES["features/checkout.yml"]);
    fs.mkdirSync(path.join(root, "tests"));
    const spec =
      'feature: checkout\nassertions:\n  - environment: production\n    at: 10\n    context: { userId: "u" }\n    expectedToBeEnabled: true\n';
    fs.writeFileSync(path.join(root, "tests/checkout.spec.yml"), spec);
    fs.writeFileSync(path.join(root, "tests/other.spec.yml"), spec.replace("checkout", "search"));
    const dry = await run(["remove", "checkout", "--keep", "disabled", "--delete-feature"], root);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /^to delete features\/checkout\.yml\nto delete tests\/checkout\.spec\.yml\n/m);
    assert.match(dry.stdout, /5 files to change: 4 usages removed/);
    assert.ok(fs.existsSync(path.join(root, "features/checkout.yml")), "nothing is deleted without --write");

    const written = await run(["remove", "checkout", "--keep", "disabled", "--delete-feature", "--write", "--format", "json"], root);
    assert.equal(written.code, 0, written.stdout + written.stderr);
    assert.deepEqual(JSON.parse(written.stdout).deleted, ["features/checkout.yml", "tests/checkout.spec.yml"]);
    assert.ok(!fs.existsSync(path.join(root, "features/checkout.yml")));
    assert.ok(!fs.existsSync(path.join(root, "tests/checkout.spec.yml")));
    assert.ok(fs.existsSync(path.join(root, "tests/other.spec.yml")), "another feature's spec stays");
  });
});
