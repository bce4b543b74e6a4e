import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CODES } from "../../server/src/service/validation/codes";

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe("documentation and coverage of diagnostic codes", () => {
  const readme = fs.readFileSync(path.join(process.cwd(), "README.md"), "utf8");
  const tests = filesUnder(path.join(process.cwd(), "test/unit"))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");

  for (const [code, info] of Object.entries(CODES)) {
    it(`${code} is documented in README with its default severity`, () => {
      const row = new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${info.severity}\\s*\\|`);
      assert.match(readme, row, `README's table lacks ${code}`);
    });
    it(`${code} is exercised by a unit test`, () => {
      assert.ok(
        new RegExp(`(${info.severity}|error|warning|information) ${code}\\b|"${code}"`).test(tests),
        `no unit test mentions ${code}`,
      );
    });
  }
});
