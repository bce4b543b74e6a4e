// `flaglens evaluate`, run as users run it: the bundled dist/cli.js (build first with `node scripts/build.mjs`).

import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sdkBucket } from "../support/evaluationFixture";

const CLI = path.resolve(process.cwd(), "dist/cli.js");
const EXAMPLE = path.resolve(process.cwd(), "example");

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? "");
  });
}

const lines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("flaglens evaluate", function () {
  this.timeout(20000);
  const temp: string[] = [];
  after(() => temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function tempFile(name: string, content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-evaluate-"));
    temp.push(dir);
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  }

  it("prints one JSON object per feature with the documented keys", async () => {
    const context = { userId: "u-1", isEmployee: true };
    const r = await run([
      "evaluate",
      "--project",
      EXAMPLE,
      "--environment",
      "production",
      "--feature",
      "newCheckout",
      "--context",
      JSON.stringify(context),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [
      {
        feature: "newCheckout",
        environment: "production",
        context,
        enabled: true,
        variation: "treatment",
        variables: { buttonColor: "green", steps: 2 },
        reason: `rule "employees" (employees) at bucket ${sdkBucket("u-1.newCheckout") / 1000}% <= 100%; variation "treatment" set by rule "employees"`,
      },
    ]);
  });

  it("evaluates every feature, in key order, for each line of a contexts file or of stdin", async () => {
    const file = tempFile("contexts.jsonl", '{"userId":"a","country":"nl"}\n\n{"userId":"b"}\n');
    const r = await run(["evaluate", "--project", EXAMPLE, "--environment", "staging", "--contexts", file, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = lines(r.stdout);
    const features = ["classicSearch", "darkMode", "newCheckout", "oldBanner", "saleBadge", "searchA", "searchB"];
    assert.deepEqual(
      out.map((o) => [(o.context as { userId: string }).userId, o.feature]),
      [...features.map((f) => ["a", f]), ...features.map((f) => ["b", f])],
    );
    const stdin = await run(
      ["evaluate", "--project", EXAMPLE, "--environment", "staging", "--contexts", "-"],
      '{"userId":"a","country":"nl"}\n{"userId":"b"}\n',
    );
    assert.equal(stdin.stdout, r.stdout);
  });

  it("answers null environment for a project without environments", async () => {
    const dir = path.dirname(tempFile("featurevisor.config.js", "module.exports = { environments: false };\n"));
    fs.mkdirSync(path.join(dir, "features"));
    fs.writeFileSync(
      path.join(dir, "features", "f.yml"),
      'description: f\ntags: [all]\nbucketBy: userId\nrules:\n  - key: all\n    segments: "*"\n    percentage: 100\n',
    );
    const r = await run(["evaluate", "--project", dir, "--context", '{"userId":"u"}']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      lines(r.stdout).map((o) => [o.environment, o.enabled]),
      [[null, true]],
    );
    const withEnv = await run(["evaluate", "--project", dir, "--environment", "production", "--context", "{}"]);
    assert.equal(withEnv.code, 2);
    assert.match(withEnv.stderr, /no environments/);
  });

  it("words a rule's segments as the editor does: a segment the project lacks is called unknown", async () => {
    const dir = path.dirname(tempFile("featurevisor.config.js", "module.exports = { environments: ['production'] };\n"));
    fs.mkdirSync(path.join(dir, "features"));
    fs.writeFileSync(
      path.join(dir, "features", "f.yml"),
      "description: f\ntags: [all]\nbucketBy: userId\nrules:\n  production:\n    - key: notNl\n      segments:\n        not: [netherland]\n      percentage: 100\n",
    );
    const r = await run(["evaluate", "--project", dir, "--environment", "production", "--context", '{"userId":"u"}']);
    assert.equal(r.code, 0, r.stderr);
    const [out] = lines(r.stdout);
    assert.match(String(out.reason), /^rule "notNl" \(not netherland \(unknown segment\)\) at bucket [\d.]+% <= 100%$/);
  });

  const usage: [string, string[], RegExp][] = [
    [
      "an unknown environment",
      ["--environment", "prod", "--context", "{}"],
      /unknown environment "prod" \(environments: staging, production\)/,
    ],
    ["a missing environment", ["--context", "{}"], /--environment is needed: staging, production/],
    ["an unknown feature", ["--environment", "staging", "--feature", "nope", "--context", "{}"], /unknown feature "nope"/],
    ["invalid JSON in --context", ["--environment", "staging", "--context", "{userId"], /--context: invalid JSON/],
    ["a context that is not an object", ["--environment", "staging", "--context", "[1]"], /--context: a context must be a JSON object/],
    ["neither --context nor --contexts", ["--environment", "staging"], /a context is needed/],
    [
      "both --context and --contexts",
      ["--environment", "staging", "--context", "{}", "--contexts", "x.jsonl"],
      /either --context or --contexts, not both/,
    ],
    ["another format", ["--environment", "staging", "--context", "{}", "--format", "text"], /--format must be json/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 on ${what}`, async () => {
      const r = await run(["evaluate", "--project", EXAMPLE, ...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }

  it("exits 2 on invalid JSON in a contexts file, naming the line", async () => {
    const file = tempFile("bad.jsonl", '{"userId":"a"}\n{"userId": }\n');
    const r = await run(["evaluate", "--project", EXAMPLE, "--environment", "staging", "--contexts", file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.jsonl:2: invalid JSON/);
    assert.equal(r.stdout, "");
  });
  it("refuses a context nested 100,000 levels deep with exit 2 and one line (no stack trace)", async () => {
    const deep = '{"a":'.repeat(100000) + "1" + "}".repeat(100000);
    const file = tempFile("deep.jsonl", deep + "\n");
    for (const [args, stdin] of [
      [["--contexts", file], undefined],
      [["--contexts", "-"], deep],
    ] as const) {
      const r = await run(["evaluate", "--project", EXAMPLE, "--environment", "production", ...args], stdin);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      const errLines = r.stderr.trim().split("\n");
      assert.equal(errLines.length, 1, r.stderr.slice(0, 500));
      assert.match(errLines[0], /^flaglens: .*nested more than 64 levels deep/);
    }
    // A context 64 levels deep is still evaluated.
    const ok = '{"a":'.repeat(63) + "1" + "}".repeat(63);
    const r = await run(["evaluate", "--project", EXAMPLE, "--environment", "production", "--feature", "newCheckout", "--context", ok]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lines(r.stdout).length, 1);
  });
});
