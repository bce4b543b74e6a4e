// `flaglens test` and `flaglens evaluate --at/--segment`, run as users run them: the bundled dist/cli.js (build
// first with `node scripts/build.mjs`), on a copy of the bundled example project.

import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CLI = path.resolve(process.cwd(), "dist/cli.js");
const EXAMPLE = path.resolve(process.cwd(), "example");

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("flaglens test", function () {
  this.timeout(20000);
  let dir = "";
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-clitest-"));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("passes on the example project: exit 0, the summary in text", async () => {
    const r = await run(["test", "--project", EXAMPLE]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Specs: \d+ passed, 0 failed\nAssertions: \d+ passed, 0 failed\n$/);
  });

  it("prints JSON of exactly the documented shape, one result per assertion", async () => {
    const r = await run(["test", "--project", EXAMPLE, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { summary: Record<string, number>; results: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(out), ["summary", "results"]);
    assert.deepEqual(Object.keys(out.summary), ["specs", "passed", "failed", "assertions", "assertionsPassed", "assertionsFailed"]);
    assert.equal(out.results.length, out.summary.assertions);
    for (const result of out.results)
      assert.deepEqual(Object.keys(result), [
        "file",
        "line",
        "spec",
        "assertion",
        "environment",
        "passed",
        "expected",
        "actual",
        "message",
      ]);
    const first = out.results.find((x) => x.spec === "newCheckout");
    assert.deepEqual(
      { file: first?.file, line: first?.line, assertion: first?.assertion, environment: first?.environment },
      { file: "tests/features/newCheckout.spec.yml", line: 3, assertion: 1, environment: "production" },
    );
  });

  it("names a broken expectation as file:line with expected against actual, and exits 1", async () => {
    const file = path.join(dir, "tests", "features", "newCheckout.spec.yml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace("expectedVariation: treatment", "expectedVariation: control"));
    const r = await run(["test", "--project", dir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^tests\/features\/newCheckout\.spec\.yml:3: Assertion #1: .*\n {4}expectedVariation: expected "control", received "treatment"\n/,
    );
    const json = await run(["test", "--project", dir, "--format", "json", "--feature", "newCheckout"]);
    const out = JSON.parse(json.stdout) as { results: { passed: boolean; line: number; expected: unknown; actual: unknown }[] };
    const failed = out.results.filter((x) => !x.passed);
    assert.equal(failed.length, 1);
    assert.deepEqual(
      [failed[0].line, failed[0].expected, failed[0].actual],
      [
        3,
        { expectedToBeEnabled: true, expectedVariation: "control", expectedVariables: { buttonColor: "green" } },
        { expectedToBeEnabled: true, expectedVariation: "treatment", expectedVariables: { buttonColor: "green" } },
      ],
    );
    fs.writeFileSync(file, text);
  });

  it("exits 2 on usage errors", async () => {
    for (const args of [
      ["test", "--project", EXAMPLE, "--format", "xml"],
      ["test", "--project", EXAMPLE, "--feature", "noSuchFeature"],
      ["test", "--project", EXAMPLE, "--target", "web"],
      ["test", "--project", EXAMPLE, "--set", "dev"],
      ["test", "--project", EXAMPLE, "stray"],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    }
  });
});

describe("flaglens evaluate --at and --segment", function () {
  this.timeout(20000);

  it("--at sets the bucket of every feature, as an assertion's at", async () => {
    const base = ["evaluate", "--project", EXAMPLE, "--environment", "production", "--feature", "newCheckout"];
    const context = JSON.stringify({ userId: "alice", isEmployee: true });
    const r = await run([...base, "--context", context, "--at", "10"]);
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout) as { enabled: boolean; variation: string; reason: string };
    assert.equal(line.variation, "treatment");
    assert.match(line.reason, /10%|forced/);
    for (const bad of ["-1", "101", "ten", ""]) assert.equal((await run([...base, "--context", context, "--at", bad])).code, 2, bad);
  });

  it("--segment prints whether each segment matches each context", async () => {
    const r = await run(["evaluate", "--project", EXAMPLE, "--segment", "netherlands", "--context", '{"country":"nl"}']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      segment: "netherlands",
      context: { country: "nl" },
      matched: true,
      reason: "its conditions match",
    });
    const other = await run(["evaluate", "--project", EXAMPLE, "--segment", "netherlands", "--context", '{"country":"de"}']);
    assert.equal((JSON.parse(other.stdout) as { matched: boolean }).matched, false);
    assert.equal((await run(["evaluate", "--project", EXAMPLE, "--segment", "nowhere", "--context", "{}"])).code, 2);
  });
});
