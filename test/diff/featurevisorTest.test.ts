// Differential test: `flaglens test` against the real `featurevisor test` of @featurevisor/cli 1.11.1 (npm), on
// the v1 fixture with tests, a v1 project the test writes (testProjectV1.ts), and generated mutations of both.

import * as path from "node:path";
import { SHARED_FIXTURES } from "../support/skip";
import { REPO } from "./lintDiff";
import { defineTestDiffSuite } from "./testDiffSuite";
import { writeV1TestProject } from "./testProjectV1";

defineTestDiffSuite({
  title: "featurevisor test 1.11.1 vs flaglens test",
  bin: path.join(REPO, "node_modules", "@featurevisor", "cli", "bin.js"),
  // The CLI comes from npm; the shared fixture is skipped when ../shared is absent, the written project is not.
  needsShared: false,
  fixtures: [
    { name: "v1-example-1", dir: path.join(SHARED_FIXTURES, "v1-example-1") },
    { name: "v1 project of the test", dir: "", write: writeV1TestProject },
  ],
  mutationBases: [
    { name: "v1-example-1", dir: path.join(SHARED_FIXTURES, "v1-example-1"), exclude: [] },
    { name: "v1 project of the test", dir: "", write: writeV1TestProject, exclude: [] },
  ],
  minMutations: 100,
});
