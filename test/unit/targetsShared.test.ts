// Targets of the shared v3.1 projects: counted as entity files, and an unknown target in a test assertion
// reported at its exact position, as the real 3.1 linter reports it.

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";
import { copySharedFixture } from "../support/sharedCopy";
import { SHARED_DIR, requireShared, skipBecause } from "../support/skip";

const ORACLE = path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0", "featurevisor.js");

describe("targets of the shared v3.1 projects", function () {
  this.timeout(60000);

  it("v3.1-example-targets: target files are entities, and a misspelt target in a test is an error at its position", async function () {
    requireShared(this);
    const dir = copySharedFixture("v3.1-example-targets");
    try {
      const clean = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
      const targets = fs.readdirSync(path.join(dir, "targets")).filter((f) => f.endsWith(".yml"));
      const listed = [...clean.projects[0].files.values()].filter((e) => e.kind === "target").map((e) => e.key);
      assert.deepEqual(listed.sort(), targets.map((f) => f.slice(0, -".yml".length)).sort());

      const spec = path.join(dir, "tests", "features", "checkout.spec.yml");
      const text = fs.readFileSync(spec, "utf8");
      const at = text.indexOf("target: selected-web");
      assert.ok(at >= 0, "the fixture's checkout test names the selected-web target");
      fs.writeFileSync(spec, text.replace("target: selected-web", "target: selected-wbe"));
      const { diagnostics } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
      const line = text.slice(0, at).split("\n").length - 1;
      const column = at - text.lastIndexOf("\n", at) - 1 + "target: ".length;
      const found = (diagnostics.get(toServicePath(spec)) ?? []).map((d) => ({ code: d.code, severity: d.severity, range: d.range }));
      assert.deepEqual(found, [
        {
          code: "unknown-target",
          severity: "error",
          range: { start: { line, character: column }, end: { line, character: column + "selected-wbe".length } },
        },
      ]);

      if (!fs.existsSync(ORACLE)) skipBecause(this, `the 3.1 oracle is not present (${ORACLE})`);
      const real = spawnSync(process.execPath, [ORACLE, "lint"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      assert.notEqual(real.status, 0, "the 3.1 linter fails on an unknown target");
      assert.match(real.stdout + real.stderr, /Unknown target "selected-wbe"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
