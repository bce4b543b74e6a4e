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
  fixtures: SuiteProject[];
  /** The projects the mutations are written into (each its own copy), and the features left out as bases (known differences). */
  mutationBases: (SuiteProject & { exclude: string[] })[];
  /** The fewest mutations in all, when every project is there (without ../shared, only those written by the test). */
  minMutations: number;
}

/** A project of a suite: a fixture folder (of ../shared: skipped when absent), or files the test writes. */
export type SuiteProject = DiffFixture & { write?: (dir: string) => void };

function available(p: SuiteProject): boolean {
  return p.write !== undefined || fs.existsSync(p.dir);
}

export function defineTestDiffSuite(suite: TestDiffSuite): void {
  describe(suite.title, function () {
    this.timeout(300000);
    const outcomes = new Map<string, DiffOutcome>();
    const mutations: TestMutation[] = [];
    const temp: string[] = [];

    before(async function () {
      if (suite.needsShared) requireShared(this);
      if (![...suite.fixtures, ...suite.mutationBases].some(available)) requireShared(this);
      assert.ok(fs.existsSync(suite.bin), `featurevisor CLI not found at ${suite.bin}`);
      if (!fs.existsSync(FLAGLENS_CLI)) await run(process.execPath, [path.join(REPO, "scripts", "build.mjs")], REPO);
      const env = suite.env ?? {};
      // One tool run at a time: the machine is shared, and the oracle's start-up dominates anyway.
      const setUp = (p: SuiteProject, label: string): string => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-testdiff-${label}-`));
        temp.push(dir);
        if (p.write) p.write(dir);
        else prepareCopy(p.dir, dir, copyTree);
        return dir;
      };
      for (const f of suite.fixtures.filter(available)) {
        outcomes.set(f.name, await diffProject(f.name, setUp(f, "fixture"), suite.bin, env, f.known));
      }
      for (const base of suite.mutationBases.filter(available)) {
        const dir = setUp(base, "mutations");
        const written = writeTestMutations(dir, { exclude: base.exclude, perKind: 30 });
        mutations.push(...written);
        // The mutation project's own specs are compared too; their known differences are those of the base.
        outcomes.set(`mutations of ${base.name}`, await diffProject(`mutations of ${base.name}`, dir, suite.bin, env, base.known));
      }
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
      it(`${f.name}: the same specs and assertions pass and fail`, function () {
        if (!available(f)) requireShared(this);
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
      const all = suite.mutationBases.every(available);
      if (all) assert.ok(mutations.length >= suite.minMutations, `only ${mutations.length} mutations generated`);
      for (const kind of ["flip", "at-edge", "percentage", "segments"])
        assert.ok(
          mutations.some((m) => m.kind === kind),
          `no mutation of kind ${kind}`,
        );
      for (const base of suite.mutationBases.filter(available)) {
        const o = outcomes.get(`mutations of ${base.name}`);
        assert.ok(o, `no result for the mutations of ${base.name} (the before hook failed?)`);
        assert.ok(o.featurevisorTotals, `featurevisor printed no totals:\n${o.output}`);
        assert.ok((o.featurevisorTotals?.assertionsFailed ?? 0) > 0, "no mutation made featurevisor fail: the mutations test nothing");
        assert.deepEqual(o.comparison.disagreements, [], describeDisagreements(o));
      }
    });
  });
}
