// Differential test: `flaglens test` against the real `featurevisor test` of @featurevisor/cli 1.11.1 (npm), on
// the v1 fixture with tests and on generated mutations of its specs and features (testDiffSuite.ts).

import * as path from "node:path";
import { SHARED_FIXTURES } from "../support/skip";
import { REPO } from "./lintDiff";
import { defineTestDiffSuite } from "./testDiffSuite";

defineTestDiffSuite({
  title: "featurevisor test 1.11.1 vs flaglens test",
  bin: path.join(REPO, "node_modules", "@featurevisor", "cli", "bin.js"),
  needsShared: true,
  fixtures: [{ name: "v1-example-1", dir: path.join(SHARED_FIXTURES, "v1-example-1") }],
  mutationBase: { name: "v1-example-1", dir: path.join(SHARED_FIXTURES, "v1-example-1"), exclude: [] },
  minMutations: 100,
});
