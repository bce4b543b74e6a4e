// Differential test: `flaglens test` against the real `featurevisor test` of Featurevisor 2.27.0 (the oracle in
// ../shared/oracles), on every 2.x fixture with tests, the bundled example project, and generated mutations.

import * as path from "node:path";
import { SHARED_DIR, SHARED_FIXTURES } from "../support/skip";
import { REPO } from "./lintDiff";
import { defineTestDiffSuite } from "./testDiffSuite";
import { KNOWN_ENGINE_DIFFERENCES } from "./testDiffKnown";
import { writeV2TestProject } from "./testProjectV2";

const fixture = (name: string, known = false) => ({
  name,
  dir: path.join(SHARED_FIXTURES, name),
  ...(known ? { known: KNOWN_ENGINE_DIFFERENCES } : {}),
});

defineTestDiffSuite({
  title: "featurevisor test 2.27.0 vs flaglens test",
  bin: path.join(SHARED_DIR, "oracles", "featurevisor-2.27.0", "featurevisor.js"),
  // The TOML fixture's config requires "toml": NODE_PATH lets it find the devDependency.
  env: { NODE_PATH: path.join(REPO, "node_modules") },
  needsShared: true,
  fixtures: [
    { name: "v2 project of the test", dir: "", write: writeV2TestProject },
    fixture("v2-example-1", true),
    fixture("v2.27-example-1", true),
    fixture("v2.27-json"),
    fixture("v2.27-no-environments"),
    fixture("v2.27-scopes"),
    fixture("v2.27-split-environments"),
    fixture("v2.27-toml"),
    fixture("v2.27-yml"),
    { name: "example (bundled)", dir: path.join(REPO, "example") },
  ],
  mutationBases: [
    { name: "v2 project of the test", dir: "", write: writeV2TestProject, exclude: [] },
    { ...fixture("v2.27-example-1", true), exclude: ["pricing", "withMutations", "withOverrides"] },
    { ...fixture("v2.27-scopes"), exclude: [] },
  ],
  minMutations: 100,
});
