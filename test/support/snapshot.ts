// Snapshot files: compared as whole text, rewritten only with UPDATE_SNAPSHOTS=1.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

/** Asserts that `actual` equals the snapshot file (under test/unit/snapshots), or writes it when asked. */
export function expectSnapshot(name: string, actual: string): void {
  const file = path.join(process.cwd(), "test/unit/snapshots", name);
  if (process.env.UPDATE_SNAPSHOTS === "1" || !fs.existsSync(file)) {
    if (!fs.existsSync(file) && (process.env.CI || process.env.FLAGLENS_NO_SKIP === "1"))
      assert.fail(`snapshot ${name} is missing; run the tests with UPDATE_SNAPSHOTS=1 and review it`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(
    actual,
    fs.readFileSync(file, "utf8"),
    `snapshot ${name} differs; if the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff`,
  );
}
