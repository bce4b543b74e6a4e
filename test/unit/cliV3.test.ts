// `flaglens lint` and `evaluate` on the shared v3.1 projects (sets, namespaceCharacter), run as users run them
// (the bundled dist/cli.js), and checked against the real 3.1 CLI where it decides the answer.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { SHARED_DIR, SHARED_FIXTURES, requireShared, skipBecause } from "../support/skip";

const CLI = path.resolve(process.cwd(), "dist/cli.js");
const ORACLE = path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0", "featurevisor.js");

function run(args: string[], cwd = process.cwd()): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("flaglens on v3.1 projects", function () {
  this.timeout(30000);

  it("lint --format json names the sets and counts the files of every set", function () {
    requireShared(this);
    const project = path.join(SHARED_FIXTURES, "v3.1-example-sets");
    const out = JSON.parse(run([CLI, "lint", "--project", project, "--format", "json"]).stdout) as {
      project: { sets?: string[] };
      summary: { files: number; errors: number };
    };
    const sets = fs.readdirSync(path.join(project, "sets")).sort();
    // Every set's entity files are counted, its targets too.
    const files = sets.flatMap((set) =>
      ["attributes", "segments", "features", "targets", "tests"].flatMap((dir) =>
        fs.readdirSync(path.join(project, "sets", set, dir), { recursive: true }).filter((f) => String(f).endsWith(".yml")),
      ),
    );
    assert.deepEqual(out.project.sets, sets);
    assert.equal(out.summary.files, files.length);
    assert.equal(out.summary.errors, 0);
  });

  it("evaluate --feature checkout/promotion works with namespaceCharacter '/', as the 3.1 CLI evaluates it", function () {
    requireShared(this);
    if (!fs.existsSync(ORACLE)) skipBecause(this, `the 3.1 oracle is not present (${ORACLE})`);
    const project = path.join(SHARED_FIXTURES, "v3.1-example-namespace-slash");
    for (const context of [
      { "user/id": "1", "user/country": "nl" },
      { "user/id": "2", "user/country": "de" },
    ]) {
      const ours = run([
        CLI,
        "evaluate",
        "--project",
        project,
        "--environment",
        "production",
        "--feature",
        "checkout/promotion",
        "--context",
        JSON.stringify(context),
      ]);
      assert.equal(ours.code, 0, ours.stderr);
      const mine = JSON.parse(ours.stdout) as { enabled: boolean; variables: Record<string, unknown> };
      const real = run(
        [ORACLE, "evaluate", "--environment=production", "--feature=checkout/promotion", `--context=${JSON.stringify(context)}`, "--json"],
        project,
      );
      const theirs = JSON.parse(real.stdout) as { flag: { enabled: boolean }; variables: Record<string, { variableValue: unknown }> };
      assert.equal(mine.enabled, theirs.flag.enabled);
      assert.deepEqual(mine.variables, Object.fromEntries(Object.entries(theirs.variables).map(([k, v]) => [k, v.variableValue])));
    }
  });

  it("evaluate asks for --set in a project with sets, and evaluates the set named", function () {
    requireShared(this);
    const project = path.join(SHARED_FIXTURES, "v3.1-example-sets");
    const args = [
      CLI,
      "evaluate",
      "--project",
      project,
      "--environment",
      "production",
      "--feature",
      "promoBanner",
      "--context",
      '{"userId":"1","country":"nl"}',
    ];
    const without = run(args);
    assert.equal(without.code, 2);
    assert.match(without.stderr, /has sets \(admin, storefront\): choose one with --set/);
    const storefront = JSON.parse(run([...args, "--set", "storefront"]).stdout) as { reason: string };
    const admin = JSON.parse(run([...args, "--set", "admin"]).stdout) as { reason: string };
    // The two sets define promoBanner differently: the Netherlands rule exists in storefront only.
    assert.match(storefront.reason, /netherlands/);
    assert.doesNotMatch(admin.reason, /netherlands/);
  });
});
