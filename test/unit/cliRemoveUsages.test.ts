import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// `flaglens remove` and `flaglens refs` agree on what a usage is (issue 12's table): evaluateFlag,
// evaluate_flag and configured wrappers are removed, a method of another object is never
// rewritten, a constant (exported and imported) goes with its calls, the code options of refs
// apply, and anything left is listed with its reason and exits 1.

const CLI = path.resolve(process.cwd(), "dist/cli.js");

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PROJECT: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["production"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/saleBadge.yml": [
    "description: Sale badge",
    "tags: [all]",
    "bucketBy: userId",
    "variablesSchema:",
    "  label:",
    "    type: string",
    "    defaultValue: Sale",
    "rules:",
    "  production:",
    "    - key: everyone",
    '      segments: "*"',
    "      percentage: 100",
    "",
  ].join("\n"),
};

function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-remove-usages-")));
  for (const [rel, content] of Object.entries({ ...PROJECT, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), "utf8");
}

/** Near misses: never rewritten, in any language. */
const NEAR_MISSES: Record<string, string> = {
  "src/near.ts": [
    'if (permissions.isEnabled("saleBadge")) perm();',
    'if (localStorage.getItem("saleBadge")) stored();',
    'if (cart.getVariation("saleBadge")) other();',
    '// f.isEnabled("saleBadge") in a comment',
    "const text = \"f.isEnabled('saleBadge')\";",
    "",
  ].join("\n"),
  "src/near.py": [
    'if permissions.is_enabled("saleBadge"):',
    "    perm()",
    'if cart.get_variation("saleBadge"):',
    "    other()",
    '# f.is_enabled("saleBadge") in a comment',
    "text = \"f.is_enabled('saleBadge')\"",
    "",
  ].join("\n"),
  "src/near.go": [
    "package app",
    "",
    "func near() {",
    '\tif permissions.IsEnabled("saleBadge") {',
    "\t\tperm()",
    "\t}",
    '\t// f.IsEnabled("saleBadge") in a comment',
    "\ttext := \"f.IsEnabled('saleBadge')\"",
    "\tprint(text)",
    "}",
    "",
  ].join("\n"),
};

describe("flaglens remove: the usages of refs", function () {
  this.timeout(60000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
  const make = (files: Record<string, string>): string => {
    const r = tree(files);
    roots.push(r);
    return r;
  };

  it("removes evaluateFlag, evaluate_flag, typed getters and a configured wrapper, as refs counts them", async () => {
    const root = make({
      "src/app.ts": [
        'if (f.evaluateFlag("saleBadge").enabled) badge();',
        'if (isFeatureOn("saleBadge")) wrapped();',
        'const label = f.getVariableString("saleBadge", "label");',
        "show(label);",
        "",
      ].join("\n"),
      "src/job.py": ['if f.evaluate_flag("saleBadge").enabled:', "    run()", 'show(f.get_variable_string("saleBadge", "label"))', ""].join(
        "\n",
      ),
      "src/main.go": [
        "package app",
        "",
        "func main() {",
        '\tif f.IsEnabled("saleBadge", ctx) {',
        "\t\trun()",
        "\t}",
        '\tshow(f.GetVariableString("saleBadge", "label", ctx))',
        "}",
        "",
      ].join("\n"),
    });
    const refs = await run(["refs", "--format", "json", "--function", "isFeatureOn:flag"], root);
    const found = JSON.parse(refs.stdout).references.filter((r: { feature: string }) => r.feature === "saleBadge");
    assert.equal(found.length, 7, refs.stdout);
    const r = await run(["remove", "saleBadge", "--keep", "enabled", "--write", "--function", "isFeatureOn:flag"], root);
    assert.match(r.stdout, /3 files changed: 4 usages removed, 3 replaced by the value only, 0 left\./, r.stdout + r.stderr);
    assert.equal(read(root, "src/app.ts"), ["badge();", "wrapped();", 'const label = "Sale";', "show(label);", ""].join("\n"));
    assert.equal(read(root, "src/job.py"), 'run()\nshow("Sale")\n');
    assert.equal(read(root, "src/main.go"), ["package app", "", "func main() {", "\trun()", '\tshow("Sale")', "}", ""].join("\n"));
    // A replaced-only usage asks for a look: exit 1.
    assert.equal(r.code, 1);
  });

  it("without --function a wrapper is no usage, for refs and for remove alike", async () => {
    const root = make({ "src/app.ts": 'if (isFeatureOn("saleBadge")) wrapped();\n' });
    const r = await run(["remove", "saleBadge", "--keep", "enabled"], root);
    assert.match(r.stdout, /^0 files to change: 0 usages removed, 0 replaced by the value only, 0 left\.$/m);
    assert.equal(r.code, 0);
  });

  it("never rewrites another object's method, localStorage, a comment or a string, in any language", async () => {
    const root = make(NEAR_MISSES);
    const r = await run(["remove", "saleBadge", "--keep", "enabled", "--write"], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^0 files changed: 0 usages removed/m);
    for (const [rel, text] of Object.entries(NEAR_MISSES)) assert.equal(read(root, rel), text, rel);
  });

  it("removes an exported constant with the calls that import it, in TypeScript and Python", async () => {
    const root = make({
      "src/flags.ts": 'export const SALE = "saleBadge";\nexport const OTHER = "other";\n',
      "src/app.ts": ['import { SALE } from "./flags";', "", "if (f.isEnabled(SALE)) sale();", ""].join("\n"),
      "py/flags.py": 'SALE = "saleBadge"\nOTHER = "other"\n',
      "py/app.py": ["from flags import SALE", "", "if f.is_enabled(SALE):", "    sale()", ""].join("\n"),
    });
    const r = await run(["remove", "saleBadge", "--keep", "enabled", "--write"], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /4 files changed: 4 usages removed, 0 replaced by the value only, 0 left\./);
    assert.equal(read(root, "src/flags.ts"), 'export const OTHER = "other";\n');
    assert.equal(read(root, "src/app.ts"), "sale();\n");
    assert.equal(read(root, "py/flags.py"), 'OTHER = "other"\n');
    assert.equal(read(root, "py/app.py"), "sale()\n");
  });

  it("a constant local to a function or callback: remove acts on the usages refs resolves through it, not a same-named one outside", async () => {
    const root = make({
      "py/app.py": [
        'key = "other"',
        "",
        "def sale_view():",
        '    key = "saleBadge"',
        "    if f.is_enabled(key):",
        "        sale()",
        "",
        "def other_view():",
        "    if f.is_enabled(key):",
        "        other()",
        "",
      ].join("\n"),
      "src/app.ts": [
        'const key = "other";',
        'app.get("/sale", (req, res) => {',
        '  const key = "saleBadge";',
        "  if (f.isEnabled(key)) sale();",
        "});",
        'app.get("/other", (req, res) => {',
        "  if (f.isEnabled(key)) other();",
        "});",
        "",
      ].join("\n"),
    });
    const refs = await run(["refs", "--format", "json"], root);
    const found = JSON.parse(refs.stdout).references.filter((r: { feature: string }) => r.feature === "saleBadge");
    // In each file: the call inside the scope and the local constant; the call outside reads the module's "other".
    assert.equal(found.length, 4, refs.stdout);
    const r = await run(["remove", "saleBadge", "--keep", "enabled", "--write"], root);
    const m = /(\d+) usages? removed, (\d+) replaced by the value only, (\d+) left\./.exec(r.stdout);
    assert.ok(m, r.stdout + r.stderr);
    assert.equal(Number(m[1]) + Number(m[2]) + Number(m[3]), found.length, r.stdout);
    assert.equal(Number(m[1]), 2, r.stdout);
    const py = read(root, "py/app.py");
    assert.match(py, /def sale_view\(\):\n(?:.*\n)?    sale\(\)\n/);
    assert.match(py, /def other_view\(\):\n    if f\.is_enabled\(key\):\n        other\(\)\n/);
    const ts = read(root, "src/app.ts");
    assert.match(ts, /^  sale\(\);$/m);
    assert.match(ts, /^  if \(f\.isEnabled\(key\)\) other\(\);$/m);
    assert.doesNotMatch(ts, /isEnabled\(key\)\) sale/);
  });

  it("a constant still used elsewhere is left, said so, and exits 1", async () => {
    const root = make({
      "src/flags.ts": 'export const SALE = "saleBadge";\n',
      "src/app.ts": ['import { SALE } from "./flags";', "", "if (f.isEnabled(SALE)) sale();", ""].join("\n"),
      "src/track.ts": ['import { SALE } from "./flags";', "", "track(SALE);", ""].join("\n"),
    });
    const r = await run(["remove", "saleBadge", "--keep", "enabled"], root);
    assert.match(
      r.stdout,
      /^src\/flags\.ts:1:21 not-simplified Left the constant SALE \("saleBadge"\): its name is still used in .*track\.ts/m,
    );
    assert.match(r.stdout, /1 file to change: 1 usage removed, 0 replaced by the value only, 1 left\./);
    assert.equal(r.code, 1);
  });

  it("an evaluation object and a language Flaglens does not rewrite are listed as left, never '0 left, exit 0'", async () => {
    const root = make({
      "src/app.ts": 'const e = f.evaluateFlag("saleBadge");\nlog(e);\n',
      "src/App.java": 'class App { void run() { if (f.isEnabled("saleBadge")) go(); } }\n',
    });
    const r = await run(["remove", "saleBadge", "--keep", "enabled"], root);
    assert.match(
      r.stdout,
      /src\/app\.ts:1:11 not-simplified Left f\.evaluateFlag\("saleBadge"\) unchanged: evaluateFlag returns an evaluation object/,
    );
    assert.match(
      r.stdout,
      /src\/App\.java:1:\d+ not-simplified Left isEnabled\("saleBadge"\) unchanged: Flaglens does not rewrite Java files\./,
    );
    assert.match(r.stdout, /0 usages removed, 0 replaced by the value only, 2 left\./);
    assert.equal(r.code, 1);
  });

  it("takes the code options of refs: --exclude, --include, .gitignore and --client", async () => {
    const files = {
      ".gitignore": "generated/\n",
      "generated/app.ts": 'if (f.isEnabled("saleBadge")) gen();\n',
      "src/app.ts": 'if (f.isEnabled("saleBadge")) a();\n',
      "lib/app.ts": 'if (flags.isEnabled("saleBadge")) b();\n',
    };
    const root = make(files);
    fs.mkdirSync(path.join(root, ".git"));
    const plain = await run(["remove", "saleBadge", "--keep", "enabled", "--format", "json"], root);
    assert.deepEqual(
      JSON.parse(plain.stdout).files.map((f: { file: string }) => f.file),
      ["src/app.ts"],
    );
    const more = await run(
      ["remove", "saleBadge", "--keep", "enabled", "--format", "json", "--no-gitignore", "--client", "flags", "--exclude", "src/**"],
      root,
    );
    assert.deepEqual(
      JSON.parse(more.stdout).files.map((f: { file: string }) => f.file),
      ["generated/app.ts", "lib/app.ts"],
    );
    const only = await run(
      ["remove", "saleBadge", "--keep", "enabled", "--format", "json", "--include", "lib/**", "--client", "flags"],
      root,
    );
    assert.deepEqual(
      JSON.parse(only.stdout).files.map((f: { file: string }) => f.file),
      ["lib/app.ts"],
    );
  });
});
