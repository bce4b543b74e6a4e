import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { lintFiles } from "../../server/src/service/lint";
import { LineIndex } from "../../server/src/service/text";
import { copySharedFixture } from "../support/sharedCopy";
import { requireShared } from "../support/skip";

describe("TOML fixture projects (shared)", () => {
  for (const name of ["v2.27-toml", "v3.1-example-toml"]) {
    it(`${name}: every .toml file is read, and a misspelt segment is reported at its exact position`, async function () {
      requireShared(this);
      const dir = copySharedFixture(name);
      try {
        const cleanRun = await lintFiles(nodeFileSystem, toServicePath(dir), { log: () => undefined });
        const clean = { ...cleanRun, project: cleanRun.projects[0] };
        // Every .toml file is an entity file, targets (v3) included.
        const listed = fs
          .readdirSync(dir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith(".toml")).length;
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
