// One differential suite of `flaglens test` against a real `featurevisor test`: every fixture with tests, then
// one project copy holding every generated mutation (testMutations.ts), each run once by both tools.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requireShared } from "../support/skip";
import { FLAGLENS_CLI, REPO, copyTree, run } from "./lintDiff";
import { describeDisagreements, diffProject, prepareCopy, type DiffFixture, type DiffOutcome } from "./testDiff";
import { writeTestMutations, type TestMutation } from "./testMutations";

export interface TestDiffSuite {
  title: string;
  /** The featurevisor CLI script to run with node. */
  bin: string;
  env?: NodeJS.ProcessEnv;
  /** Whether the suite needs ../shared (fixtures or the oracle); it skips with the reason when absent. */
  needsShared: boolean;
  fixtures: DiffFixture[];
  /** The project the mutations are written into, and the features left out as bases (known differences). */
  mutationBase: { name: string; dir: string; exclude: string[] };
  minMutations: number;
}

export function defineTestDiffSuite(suite: TestDiffSuite): void {
  describe(suite.title, function () {
    this.timeout(300000);
    const outcomes = new Map<string, DiffOutcome>();
    let mutations: TestMutation[] = [];
    const temp: string[] = [];

    before(async function () {
      if (suite.needsShared) requireShared(this);
      assert.ok(fs.existsSync(suite.bin), `featurevisor CLI not found at ${suite.bin}`);
      if (!fs.existsSync(FLAGLENS_CLI)) await run(process.execPath, [path.join(REPO, "scripts", "build.mjs")], REPO);
      const env = suite.env ?? {};
      // One tool run at a time: the machine is shared, and the oracle's start-up dominates anyway.
      for (const f of suite.fixtures) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-testdiff-${f.name}-`));
        temp.push(dir);
        prepareCopy(f.dir, dir, copyTree);
        outcomes.set(f.name, await diffProject(f.name, dir, suite.bin, env, f.known));
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-testdiff-mutations-`));
      temp.push(dir);
      prepareCopy(suite.mutationBase.dir, dir, copyTree);
      mutations = writeTestMutations(dir, { exclude: suite.mutationBase.exclude, perKind: 30 });
      // The mutation project's own specs are compared too; their known differences are those of the base.
      const known = suite.fixtures.find((f) => f.name === suite.mutationBase.name)?.known ?? {};
      outcomes.set("mutations", await diffProject(`mutations of ${suite.mutationBase.name}`, dir, suite.bin, env, known));
    });

    after(() => {
      for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
      let assertions = 0;
      let disagreements = 0;
      for (const o of outcomes.values()) {
        assertions += o.comparison.assertions;
        disagreements += o.comparison.disagreements.length;
      }
      if (outcomes.size > 0)
        process.stdout.write(
          `      ${suite.title}: ${assertions} assertions compared over ${outcomes.size} projects (${mutations.length} mutations), ${disagreements} disagreement(s)\n`,
        );
    });

    for (const f of suite.fixtures) {
      it(`${f.name}: the same specs and assertions pass and fail`, () => {
        const o = outcomes.get(f.name);
        assert.ok(o, `no result for ${f.name} (the before hook failed?)`);
        assert.ok(o.featurevisorTotals, `featurevisor printed no totals:\n${o.output}`);
        assert.ok(o.comparison.assertions > 0, `nothing compared:\n${o.output}`);
        assert.deepEqual(o.comparison.disagreements, [], describeDisagreements(o));
        const known = o.knownPresent;
        assert.deepEqual(
          known.filter((k) => !o.knownSeen.includes(k)),
          [],
          "known differences that no longer differ: remove them from the suite's list",
        );
        if (known.length === 0) assert.equal(o.flaglensExit, o.featurevisorExit === 0 ? 0 : 1, "exit codes differ");
      });
    }

    it(`at least ${suite.minMutations} generated mutations: the same specs and assertions pass and fail`, () => {
      const o = outcomes.get("mutations");
      assert.ok(o, "no result for the mutations (the before hook failed?)");
      assert.ok(mutations.length >= suite.minMutations, `only ${mutations.length} mutations generated`);
      for (const kind of ["flip", "at-edge", "percentage", "segments"])
        assert.ok(
          mutations.some((m) => m.kind === kind),
          `no mutation of kind ${kind}`,
        );
      assert.ok(o.featurevisorTotals, `featurevisor printed no totals:\n${o.output}`);
      assert.ok((o.featurevisorTotals?.assertionsFailed ?? 0) > 0, "no mutation made featurevisor fail: the mutations test nothing");
      assert.deepEqual(o.comparison.disagreements, [], describeDisagreements(o));
    });
  });
}
