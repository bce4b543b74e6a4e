import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";

const SHARED = process.env.FLAGLENS_SHARED ?? path.resolve(process.cwd(), "../shared");
const FIXTURES = path.join(SHARED, "fixtures/featurevisor");

/** The format each shared example project must be detected as. */
const EXPECTED: Record<string, string> = {
  "v1-example-1": "v1",
  "v1.35-example-1": "v1",
  "v2-example-1": "v2",
  "v2.27-example-1": "v2",
  "v2.27-split-environments": "v2",
  "v2.27-no-environments": "v2",
  "v3-example-1": "v3",
};

describe("the shared Featurevisor example projects", () => {
  if (!fs.existsSync(FIXTURES)) {
    it("are not run without ../shared fixtures", () => console.log("fixtures: ../shared fixtures not present, fixture tests not run"));
    return;
  }
  for (const [name, format] of Object.entries(EXPECTED)) {
    it(`${name} loads as ${format} with no errors`, async () => {
      const { project, diagnostics } = await lintFiles(nodeFileSystem, toServicePath(path.join(FIXTURES, name)), { log: () => undefined });
      assert.equal(project.format, format);
      assert.ok(project.files.size > 5);
      const errors = [...diagnostics].flatMap(([file, list]) =>
        list.filter((d) => d.severity === "error").map((d) => `${file}: ${d.code} ${d.message}`),
      );
      assert.deepEqual(errors, []);
      if (format !== "v3") {
        const warnings = [...diagnostics].flatMap(([file, list]) =>
          list.filter((d) => d.severity === "warning").map((d) => `${file}: ${d.code}`),
        );
        assert.deepEqual(warnings, [], "the upstream examples are clean");
      }
    });
  }
});
