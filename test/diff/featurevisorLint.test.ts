// Differential test: Flaglens against the real linter, `featurevisor lint` from @featurevisor/cli 1.11.1.
//
// Each mutation of the v1 example project is linted by both tools. Wherever featurevisor fails, Flaglens must
// report an error (in the mutated file when the mutation names one); wherever featurevisor passes, Flaglens
// must report no error, except for the checks it makes on purpose beyond featurevisor (EXTRA_CHECKS).
//
// All cases run in one `before` hook with bounded concurrency, and one `it` per mutation asserts on the stored
// results: that keeps the file at about a minute while still giving each mutation its own pass/fail line.

import { requireShared } from "../support/skip";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONCURRENCY, FLAGLENS_CLI, REPO, check, copyTree, pool, run, runFeaturevisor, runFlaglens, type CaseResult } from "./lintDiff";
import { EXTRA_CHECKS, MUTATIONS, ProjectEditor, type Mutation } from "./mutations";

const FIXTURE = path.join(process.env.FLAGLENS_SHARED ?? path.resolve(REPO, "../shared"), "fixtures", "featurevisor", "v1-example-1");
const FEATUREVISOR_BIN = path.join(REPO, "node_modules", "@featurevisor", "cli", "bin.js");

async function runCase(m: Mutation, tempDirs: string[]): Promise<CaseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-diff-"));
  tempDirs.push(dir);
  try {
    copyTree(FIXTURE, dir);
    m.apply(new ProjectEditor(dir));
  } catch (e) {
    const empty = { failed: false, exitCode: -1, output: "" };
    return { featurevisor: empty, flaglens: { exitCode: -1, diagnostics: [], raw: "" }, setupError: String(e) };
  }
  // Sequential within a case: the case-level pool already keeps CONCURRENCY processes busy.
  const featurevisor = await runFeaturevisor(FEATUREVISOR_BIN, dir);
  const flaglens = await runFlaglens(dir);
  return { featurevisor, flaglens };
}

if (!fs.existsSync(FIXTURE)) {
  describe("featurevisor differential test", () => {
    it("needs the shared fixtures", function () {
      requireShared(this);
    });
  });
} else {
  describe("featurevisor differential test (featurevisor lint 1.11.1 vs flaglens lint)", function () {
    this.timeout(600000);
    const results = new Map<string, CaseResult>();
    const tempDirs: string[] = [];

    before(async function () {
      assert.ok(fs.existsSync(FEATUREVISOR_BIN), `featurevisor CLI not found at ${FEATUREVISOR_BIN}: run npm install`);
      if (!fs.existsSync(FLAGLENS_CLI)) await run(process.execPath, [path.join(REPO, "scripts", "build.mjs")], REPO);
      assert.ok(fs.existsSync(FLAGLENS_CLI), `Flaglens CLI not built at ${FLAGLENS_CLI}`);
      const out = await pool(MUTATIONS, CONCURRENCY, (m) => runCase(m, tempDirs));
      MUTATIONS.forEach((m, i) => results.set(m.name, out[i]));
      // Optional dump of every raw result, for reviewing verdicts when adding mutations.
      const dump = process.env.FLAGLENS_DIFF_DUMP;
      if (dump) fs.writeFileSync(dump, JSON.stringify(Object.fromEntries(results), null, 2));
    });

    after(() => {
      for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("has unique mutation names and EXTRA_CHECKS entries that name mutations", () => {
      const names = MUTATIONS.map((m) => m.name);
      assert.deepEqual(
        names.filter((n, i) => names.indexOf(n) !== i),
        [],
      );
      assert.deepEqual(
        Object.keys(EXTRA_CHECKS).filter((n) => !names.includes(n)),
        [],
      );
    });

    for (const m of MUTATIONS) {
      it(m.name, () => {
        const r = results.get(m.name);
        assert.ok(r, `no result for "${m.name}" (the before hook failed?)`);
        check(m, r, EXTRA_CHECKS);
      });
    }
  });
}
