import * as assert from "node:assert/strict";
import { skipBecause } from "../support/skip";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatSummary, runFuzz } from "./fuzzer";
import { mutate } from "./mutate";
import { Prng } from "./prng";
import { ReplayServer, loadReproducers } from "./reproducer";

const REPRODUCERS = path.resolve(process.cwd(), "test/fuzz/reproducers");

/**
 * The bound on memory for this short run: with every document closed again, the server's RSS at the
 * end may exceed its RSS once loaded by at most this much. The texts fuzzed here are moderate (at most
 * a few thousand lines across ~100 files), and runs of 1,500 mutations stay near 120 MB above the
 * loaded server, mostly the V8 heap's growth that is not given back; a leak per mutation (a kept
 * document or parse per edit) exceeds it within these mutations.
 */
const RSS_BOUND_SHORT_RUN = 200 * 1048576;

describe("fuzzing the language server", function () {
  this.timeout(120000);

  it("a seed gives the same mutations, and mutations change the text", () => {
    const texts = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 50 }, () => mutate("a: 1\nb:\n  - c\n", "yaml", rng, { keys: ["k"], extreme: false }).text);
    };
    assert.deepEqual(texts(3), texts(3));
    assert.notDeepEqual(texts(3), texts(4));
    assert.ok(texts(3).some((t) => t !== "a: 1\nb:\n  - c\n"));
  });

  it("300 mutations with a fixed seed: no crash, late answer, error answer or logged exception", async () => {
    const summary = await runFuzz({ count: 300, seed: 20240610, shrinkBudgetMs: 0, timeoutMs: 2000, extreme: false, settleMs: 1000 });
    const report = formatSummary(summary);
    assert.equal(summary.mutations, 300, report);
    assert.ok(summary.requests >= 300 * 8, report);
    assert.deepEqual(summary.distinct, [], report);
    if (summary.rssFirst !== undefined && summary.rssEnd !== undefined)
      assert.ok(summary.rssEnd - summary.rssFirst <= RSS_BOUND_SHORT_RUN, report);
  });

  describe("reproducers replay without failure on a fresh server", () => {
    const server = new ReplayServer();
    after(() => server.stop());
    const all = loadReproducers(REPRODUCERS);
    it("the folder of reproducers is read", () => assert.ok(fs.existsSync(REPRODUCERS)));
    for (const { name, repro } of all) {
      it(name, async function () {
        const project = repro.file.split("/")[0];
        if (project !== "example" && !fs.existsSync(path.resolve(process.cwd(), "../shared/fixtures/featurevisor", project)))
          skipBecause(this, `../shared fixtures are not present (the reproducer is in ${project})`);
        const failures = await server.run(repro.file, repro.languageId, repro.text, repro.requests);
        assert.deepEqual(failures, []);
      });
    }
  });
});
