import * as assert from "node:assert/strict";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";

import { SHARED_FIXTURES as FIXTURES, hasSharedFixtures, requireShared } from "../support/skip";

/** The format each shared example project must be detected as. */
const EXPECTED: Record<string, string> = {
  "v1-example-1": "v1",
  "v1.35-example-1": "v1",
  "v2-example-1": "v2",
  "v2.27-example-1": "v2",
  "v2.27-split-environments": "v2",
  "v2.27-no-environments": "v2",
  "v3-example-1": "v3",
  "v2.27-toml": "v2",
  "v3.1-example-toml": "v3",
  "v2.27-scopes": "v2",
};

describe("the shared Featurevisor example projects", () => {
  if (!hasSharedFixtures()) {
    it("need the ../shared fixtures", function () {
      requireShared(this);
    });
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
