import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";
import { LineIndex } from "../../server/src/service/text";
import { SHARED_FIXTURES, requireShared } from "../support/skip";

/** Copies a read-only shared fixture to a temporary folder that a test may change. */
function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-${name}-`));
  fs.cpSync(path.join(SHARED_FIXTURES, name), dir, { recursive: true });
  for (const file of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(file.parentPath, file.name), file.isDirectory() ? 0o755 : 0o644);
  }
  return dir;
}

describe("TOML fixture projects (shared)", () => {
  for (const name of ["v2.27-toml", "v3.1-example-toml"]) {
    it(`${name}: every .toml file is read, and a misspelt segment is reported at its exact position`, async function () {
      requireShared(this);
      const dir = copyFixture(name);
      try {
        const clean = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
        // Targets (v3) are read by the targets work, not as entity files here.
        const listed = fs
          .readdirSync(dir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith(".toml") && !f.startsWith("targets")).length;
        assert.equal(clean.project.files.size, listed);
        assert.equal(clean.project.unread, undefined);

        const feature = path.join(dir, "features", "showCookieBanner.toml");
        const text = fs.readFileSync(feature, "utf8").replace('"netherlands"', '"netherland"');
        fs.writeFileSync(feature, text);
        const { diagnostics } = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
        const found = (diagnostics.get(toServicePath(feature)) ?? []).map((d) => ({ code: d.code, range: d.range }));
        const at = text.indexOf('"netherland"');
        assert.deepEqual(found, [{ code: "unknown-segment", range: new LineIndex(text).rangeOf(at, at + '"netherland"'.length) }]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
