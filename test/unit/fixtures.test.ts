import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";

import { SHARED_DIR, SHARED_FIXTURES as FIXTURES, hasSharedFixtures, requireShared } from "../support/skip";

/** The format each shared example project must be detected as. */
const EXPECTED: Record<string, string> = {
  "v1-example-1": "v1",
  "v1.35-example-1": "v1",
  "v2-example-1": "v2",
  "v2.27-example-1": "v2",
  "v2.27-split-environments": "v2",
  "v2.27-no-environments": "v2",
  "v3-example-1": "v3",
  "v3.1-example-sets": "v3",
  "v3.1-example-environments": "v3",
  "v3.1-example-test-environments": "v3",
  "v3.1-example-namespace-slash": "v3",
  "v2.27-toml": "v2",
  "v3.1-example-toml": "v3",
  "v2.27-scopes": "v2",
  "v2.27-json": "v2",
  "v2.27-yml": "v2",
  "v3.1-example-1": "v3",
  "v3.1-example-json": "v3",
  "v3.1-example-no-environments": "v3",
  "v3.1-example-targets": "v3",
  "v3.1-example-yml": "v3",
};

/** Projects the real 3.1 linter passes without a word: Flaglens must not warn on them either. */
const NO_WARNINGS = new Set([
  "v3.1-example-sets",
  "v3.1-example-environments",
  "v3.1-example-test-environments",
  "v3.1-example-namespace-slash",
  "v3-example-1",
  "v3.1-example-1",
  "v3.1-example-targets",
]);

describe("the shared Featurevisor example projects", () => {
  if (!hasSharedFixtures()) {
    it("need the ../shared fixtures", function () {
      requireShared(this);
    });
    return;
  }
  for (const [name, format] of Object.entries(EXPECTED)) {
    it(`${name} loads as ${format} with no errors`, async () => {
      const { projects, diagnostics } = await lintFiles(nodeFileSystem, toServicePath(path.join(FIXTURES, name)), { log: () => undefined });
      for (const project of projects) assert.equal(project.format, format);
      assert.equal(projects[0].version?.format, format, projects[0].version?.reason);
      assert.ok(projects.reduce((sum, p) => sum + p.files.size, 0) > 5);
      const errors = [...diagnostics].flatMap(([file, list]) =>
        list.filter((d) => d.severity === "error").map((d) => `${file}: ${d.code} ${d.message}`),
      );
      assert.deepEqual(errors, []);
      if (format !== "v3" || NO_WARNINGS.has(name)) {
        const warnings = [...diagnostics].flatMap(([file, list]) =>
          list.filter((d) => d.severity === "warning").map((d) => `${file}: ${d.code}`),
        );
        assert.deepEqual(warnings, [], "the upstream examples are clean");
      }
    });
  }
});

/** A segment misspelt in a copy of a fixture: Flaglens reports it where it is, and the real 3.1 linter fails too. */
describe("a misspelt segment in v3.1 projects", () => {
  const CASES = [
    {
      name: "v3.1-example-sets",
      file: "sets/storefront/features/promoBanner.yml",
      from: "- netherlands",
      to: "- netherland",
      line: 16,
      column: 11,
    },
    {
      name: "v3.1-example-namespace-slash",
      file: "features/checkout/promotion.yml",
      from: "audience/netherlands",
      to: "audience/netherland",
      line: 28,
      column: 17,
    },
  ];
  for (const c of CASES) {
    it(`is reported at its position in ${c.name}`, async function () {
      requireShared(this);
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-v3-"));
      try {
        fs.cpSync(path.join(FIXTURES, c.name), copy, { recursive: true });
        const file = path.join(copy, c.file);
        const text = fs.readFileSync(file, "utf8");
        assert.ok(text.includes(c.from), `${c.file} holds ${c.from}`);
        fs.writeFileSync(file, text.replace(c.from, c.to));
        const { diagnostics } = await lintFiles(nodeFileSystem, toServicePath(copy), { log: () => undefined });
        const found = [...diagnostics].flatMap(([p, list]) =>
          list
            .filter((d) => d.severity === "error")
            .map((d) => [path.relative(copy, p), d.code, d.range.start.line + 1, d.range.start.character + 1]),
        );
        assert.deepEqual(found, [[c.file, "unknown-segment", c.line, c.column]]);
        const oracle = path.join(SHARED_DIR, "oracles", "featurevisor-3.1.0", "featurevisor.js");
        if (fs.existsSync(oracle)) {
          const run = spawnSync(process.execPath, [oracle, "lint"], { cwd: copy, encoding: "utf8" });
          assert.notEqual(run.status, 0, "the real 3.1 linter fails on it too");
          assert.match(run.stdout + run.stderr, new RegExp(`Unknown segment key "${c.to.replace("- ", "")}"`));
        }
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });
  }
});
