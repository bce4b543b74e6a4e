import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

describe("the .vsix contents", function () {
  this.timeout(60000);

  it("hold only the bundles, schemas, README, CHANGELOG, LICENSE, icon and manifest", () => {
    const vsce = path.join(process.cwd(), "node_modules/@vscode/vsce/vsce");
    assert.ok(fs.existsSync(path.join(process.cwd(), "dist/extension.js")), "build first: dist/extension.js is missing");
    const files = execFileSync(process.execPath, [vsce, "ls", "--no-dependencies"], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const allowed = (f: string) =>
      ["README.md", "CHANGELOG.md", "LICENSE", "icon.png", "package.json", "dist/extension.js", "dist/server.js"].includes(f) ||
      /^schemas\/(README\.md|v[12]\/[a-z]+\.schema\.json)$/.test(f);
    assert.deepEqual(
      files.filter((f) => !allowed(f)),
      [],
    );
    for (const needed of ["dist/extension.js", "dist/server.js", "README.md", "LICENSE", "icon.png", "schemas/v1/feature.schema.json"]) {
      assert.ok(files.includes(needed), `${needed} is not packaged`);
    }
    assert.ok(!files.some((f) => /(^|\/)(node_modules|test|example|server\/src|client\/src)\//.test(f)));
  });
});
