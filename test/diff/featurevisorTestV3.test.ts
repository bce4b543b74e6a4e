// Differential test: `flaglens test` against the real `featurevisor test` of Featurevisor 3.1.0 (the oracle in
// ../shared/oracles), on every 3.x fixture with tests (sets and targets included) and generated mutations.

import * as path from "node:path";
import { SHARED_DIR, SHARED_FIXTURES } from "../support/skip";
import { REPO } from "./lintDiff";
import { defineTestDiffSuite } from "./testDiffSuite";
import { KNOWN_ENGINE_DIFFERENCES } from "./testDiffKnown";
import { writeV3TestProject } from "./testProjectV2";

const fixture = (name: string, known = false) => ({
  name,
  dir: path.join(SHARED_FIXTURES, name),
  ...(known ? { known: KNOWN_ENGINE_DIFFERENCES } : {}),
});

defineTestDiffSuite({
  title: "featurevisor test 3.1.0 vs flaglens test",
  bin: path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0", "featurevisor.js"),
  env: { NODE_PATH: path.join(REPO, "node_modules") },
  needsShared: true,
  fixtures: [
    { name: "v3 project of the test", dir: "", write: writeV3TestProject },
    fixture("v3-example-1", true),
    fixture("v3.1-example-1", true),
    fixture("v3.1-example-environments"),
    fixture("v3.1-example-json"),
    fixture("v3.1-example-namespace-slash"),
    fixture("v3.1-example-no-environments"),
    fixture("v3.1-example-sets"),
    fixture("v3.1-example-targets"),
    fixture("v3.1-example-test-environments"),
    fixture("v3.1-example-toml"),
    fixture("v3.1-example-yml"),
  ],
  mutationBases: [
    { name: "v3 project of the test", dir: "", write: writeV3TestProject, exclude: [] },
    { ...fixture("v3.1-example-1", true), exclude: ["pricing", "withMutations", "withOverrides"] },
    { ...fixture("v3.1-example-targets"), exclude: [] },
  ],
  minMutations: 100,
});
