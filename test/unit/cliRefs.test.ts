import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { git, tree } from "./code/fixture";

const CLI = path.resolve(process.cwd(), "dist/cli.js");

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const feature = (extra: string, rules: string) =>
  `description: F\ntags: [all]\nbucketBy: userId\n${extra}environments:\n  production:\n    rules:\n${rules}`;
const everyone = (pct: number) => `      - key: "1"\n        segments: "*"\n        percentage: ${pct}\n`;

const FILES: Record<string, string> = {
  "flags/featurevisor.config.js": `module.exports = { environments: ["production"], tags: ["all", "permanent"] };\n`,
  "flags/attributes/userId.yml": "description: User\ntype: string\n",
  "flags/features/checkout.yml": feature(
    "variations:\n  - value: control\n    weight: 50\n  - value: treatment\n    weight: 50\n",
    everyone(50),
  ),
  "flags/features/banner.yml": feature("", everyone(100)),
  "flags/features/legacy.yml": feature("archived: true\n", everyone(0)),
  "flags/features/forever.yml": feature("", everyone(100)).replace("tags: [all]", "tags: [all, permanent]"),
  "flags/features/orphan.yml": feature("", everyone(10)),
  "src/app.ts": [
    `import { BANNER } from "./keys";`,
    `if (f.isEnabled("checkout")) {}`,
    `const v = f.getVariation("checkout");`,
    `f.getVariable("checkout", "color");`,
    `f.isEnabled(BANNER);`,
    `f.isEnabled("legacy");`,
    `f.isEnabled("forever");`,
    `f.isEnabled("missing");`,
    `f.isEnabled(someKey);`,
    `// f.isEnabled("orphan") is only a comment`,
    ``,
  ].join("\n"),
  "src/keys.ts": `export const BANNER = "banner";\n`,
  "src/lib/handler.py": `if f.is_enabled("checkout"):\n    pass\n`,
};

describe("flaglens refs and stale", function () {
  this.timeout(30000);
  let root: string;
  before(() => {
    root = tree(FILES);
    git(root, ["init", "-q"]);
    git(root, ["add", "-A"]);
    // Committed 100 days ago: fully rolled-out flags are stale by then.
    git(root, ["commit", "-q", "-m", "flags"], new Date(Date.now() - 100 * 24 * 3600 * 1000).toISOString());
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("prints the documented JSON: every reference with its file, position, kind, variable, definition and status", async () => {
    const r = await run(["refs", "--project", "flags", "--root", "src", "--format", "json"], root);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ["references"]);
    const ref = (
      feature: string | null,
      file: string,
      line: number,
      column: number,
      kind: string,
      variable: string | null,
      defined: boolean,
      status: string,
    ) => ({
      feature,
      file,
      line,
      column,
      language: file.endsWith(".py") ? "python" : "typescript",
      kind,
      variable,
      defined,
      status,
    });
    assert.deepEqual(json.references, [
      ref("checkout", "app.ts", 2, 17, "isEnabled", null, true, "active"),
      ref("checkout", "app.ts", 3, 26, "getVariation", null, true, "active"),
      ref("checkout", "app.ts", 4, 15, "getVariable", "color", true, "active"),
      ref("banner", "app.ts", 5, 13, "isEnabled", null, true, "stale"),
      ref("legacy", "app.ts", 6, 13, "isEnabled", null, true, "archived"),
      ref("forever", "app.ts", 7, 13, "isEnabled", null, true, "active"),
      ref("missing", "app.ts", 8, 13, "isEnabled", null, false, "unknown"),
      ref(null, "app.ts", 9, 13, "isEnabled", null, false, "unknown"),
      ref("banner", "keys.ts", 1, 23, "constant", null, true, "stale"),
      ref("checkout", "lib/handler.py", 1, 17, "isEnabled", null, true, "active"),
    ]);
  });

  it("defaults --root to the current folder, and prints text", async () => {
    const r = await run(["refs", "--project", "../flags"], path.join(root, "src"));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^app\.ts:5:13 isEnabled banner \[stale\]$/m);
    assert.match(r.stdout, /^app\.ts:9:13 isEnabled \(dynamic key\) \[unknown\]$/m);
    assert.match(r.stdout, /^10 references to 5 features in 3 of 3 code files$/m);
  });

  it("lists stale flags with reasons, and exits 1 with --fail-on-stale", async () => {
    const r = await run(["stale", "--project", "flags", "--root", "src", "--format", "json"], root);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(
      json.stale.map((s: { feature: string; file: string | null; reasons: { code: string }[]; references: number }) => [
        s.feature,
        s.file,
        s.reasons.map((x) => x.code),
        s.references,
      ]),
      [
        ["banner", "flags/features/banner.yml", ["rolled-out"], 2],
        ["legacy", "flags/features/legacy.yml", ["archived"], 1],
        ["orphan", "flags/features/orphan.yml", ["unused"], 0],
        ["missing", null, ["undefined"], 1],
      ],
    );
    assert.match(
      json.stale[0].reasons[0].message,
      /^Fully rolled out \(enabled in every environment\) and unchanged for 100 days \(since \d{4}-\d\d-\d\d\)\.$/,
    );
    assert.deepEqual(json.summary, { stale: 4, features: 5, codeFiles: 3 });

    const fail = await run(["stale", "--project", "flags", "--root", "src", "--fail-on-stale"], root);
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /^banner \(flags\/features\/banner\.yml\): rolled-out: Fully rolled out/m);
    assert.match(fail.stdout, /^4 stale flags among 5 features; 3 code files scanned under /m);

    const later = await run(["stale", "--project", "flags", "--root", "src", "--days", "1000", "--no-code", "--fail-on-stale"], root);
    assert.equal(later.code, 0, later.stdout);
    assert.match(later.stdout, /^0 stale flags among 5 features; code not scanned$/m);
  });

  it("exits 2 on usage errors and when no project is found", async () => {
    assert.equal((await run(["refs", "--project", "flags", "--format", "xml"], root)).code, 2);
    const badKind = await run(["refs", "--project", "flags", "--function", "wrap:maybe"], root);
    assert.equal(badKind.code, 2);
    assert.match(badKind.stderr, /--function: "wrap:maybe": the kind after the colon must be flag, variation or variable/);
    // The same rules as the flaglens.code.functions setting: a third part is refused too.
    assert.equal((await run(["refs", "--project", "flags", "--function", "wrap:flag:x"], root)).code, 2);
    assert.equal((await run(["stale", "--project", "flags", "--days", "soon"], root)).code, 2);
    const none = await run(["refs"], path.join(root, "src", "lib"));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no Featurevisor project/);
  });
});
