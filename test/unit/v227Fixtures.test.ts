import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";
import { LineIndex } from "../../server/src/service/text";
import { copySharedFixture } from "../support/sharedCopy";
import { requireShared } from "../support/skip";

/** Lints a copy of a shared fixture after `mutate` changed it; returns the findings of one file with their text. */
async function lintMutated(name: string, file: string, mutate: (text: string) => string): Promise<{ code: string; text: string }[]> {
  const dir = copySharedFixture(name);
  try {
    const full = path.join(dir, file);
    const text = mutate(fs.readFileSync(full, "utf8"));
    fs.writeFileSync(full, text);
    const { diagnostics } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
    const lines = new LineIndex(text);
    return (diagnostics.get(toServicePath(full)) ?? [])
      .filter((d) => d.severity === "error")
      .map((d) => ({ code: d.code, text: text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)) }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The same mutations fail `featurevisor lint` 2.27.0 (the oracle in ../shared) with "value is not needed",
// "Unknown scope" and "Unknown tag" at these paths.
describe("v2.27 rules on the shared fixtures", () => {
  it("notExists with a value in v2.27-example-1 is an unneeded-value error on that value", async function () {
    requireShared(this);
    const found = await lintMutated("v2.27-example-1", "segments/mobile.yml", (t) =>
      t.replace(/operator: notExists\n?$/, "operator: notExists\n      value: true\n"),
    );
    assert.deepEqual(found, [{ code: "unneeded-value", text: "value" }]);
  });

  it("an unknown scope and an unknown tag in v2.27-scopes's tests are errors where they are written", async function () {
    requireShared(this);
    const found = await lintMutated("v2.27-scopes", "tests/features/premiumFeatures.spec.yml", (t) =>
      t.replace(/^(\s+)tag: web$/m, "$1tag: webb").replace(/scope: \S+/, "scope: nope"),
    );
    assert.deepEqual(found.map((f) => f.code).sort(), ["unknown-scope", "unknown-tag"]);
    assert.deepEqual(found.map((f) => f.text).sort(), ["nope", "webb"]);
  });
});
