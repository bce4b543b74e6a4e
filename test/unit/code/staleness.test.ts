import * as assert from "node:assert/strict";
import { FlagCatalog } from "../../../server/src/service/code/catalog";
import { DEFAULT_STALENESS, doStaleness, type StalenessContext } from "../../../server/src/service/code/staleness";
import type { Project } from "../../../server/src/service/project/project";
import { loadFixture, ROOT } from "../../support/fixture";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 5, 30);

const PROJECT = `//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all", "permanent"] };
//- /attributes/userId.yml
description: User
type: string
//- /features/done.yml
description: Rolled out to everyone long ago
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /features/recent.yml
description: Rolled out yesterday
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /features/killSwitch.yml
description: Permanent
tags: [all, permanent]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /features/rolling.yml
description: Half way
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /features/gone.yml
description: Archived
archived: true
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 0 }]
//- /features/old.yml
description: Deprecated
deprecated: true
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
`;

/** A fixed clock, and files that changed 100 days ago except `recent` (yesterday). */
const CTX: StalenessContext = {
  settings: DEFAULT_STALENESS,
  now: () => NOW,
  changedAt: (path) => (path.endsWith("/recent.yml") ? NOW - DAY : NOW - 100 * DAY),
};

async function project(): Promise<Project> {
  const { workspace } = await loadFixture(PROJECT);
  return workspace.projects.get(ROOT)!;
}

describe("staleness", () => {
  it("finds each reason: archived or deprecated but used, rolled out and unchanged, unused, undefined", async () => {
    const p = await project();
    const refs = new Map([
      ["done", 2],
      ["recent", 1],
      ["killSwitch", 1],
      ["gone", 3],
      ["old", 1],
      ["ghost", 2],
    ]);
    const stale = doStaleness([p], refs, CTX);
    assert.deepEqual(
      stale.map((s) => [s.feature, s.reasons.map((r) => r.code), s.references]),
      [
        ["done", ["rolled-out"], 2],
        ["gone", ["archived"], 3],
        ["old", ["deprecated"], 1],
        ["rolling", ["unused"], 0],
        ["ghost", ["undefined"], 2],
      ],
    );
    const done = stale[0].reasons[0];
    assert.equal(done.message, "Fully rolled out (enabled in every environment) and unchanged for 100 days (since 2025-03-22).");
    assert.deepEqual(done.outcome, { enabled: true, variation: undefined });
    assert.equal(done.since, NOW - 100 * DAY);
    assert.equal(stale[4].project, undefined);
    assert.equal(stale[0].file, `${ROOT}/features/done.yml`);
  });

  it("without a code scan, reports neither unused nor still-referenced flags", async () => {
    const stale = doStaleness([await project()], undefined, CTX);
    assert.deepEqual(
      stale.map((s) => [s.feature, s.reasons.map((r) => r.code)]),
      [["done", ["rolled-out"]]],
    );
  });

  it("takes the number of days and the permanent tags from the settings", async () => {
    const p = await project();
    const settings = { ...DEFAULT_STALENESS, days: 0, permanentTags: [] };
    const stale = doStaleness([p], undefined, { ...CTX, settings });
    assert.deepEqual(
      stale.map((s) => s.feature),
      ["done", "killSwitch", "recent"],
    );
  });

  it("gives the catalog's status of each key", async () => {
    const catalog = new FlagCatalog([await project()], CTX);
    assert.deepEqual(
      ["done", "recent", "killSwitch", "rolling", "gone", "old", "ghost", null].map((k) => catalog.status(k)),
      ["stale", "active", "active", "active", "archived", "deprecated", "unknown", "unknown"],
    );
    assert.equal(new FlagCatalog([await project()]).status("done"), "active");
  });
});
