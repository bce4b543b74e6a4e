import * as assert from "node:assert/strict";
import { GO_CASES } from "./cases/go";
import { PYTHON_CASES } from "./cases/python";
import { TYPESCRIPT_CASES } from "./cases/typescript";
import { runCase, type Case } from "./support";

function suite(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const { text, result } = runCase(c, c.before);
        assert.equal(text, c.after);
        assert.deepEqual(
          result.notes.map((n) => n.kind),
          c.notes,
          result.notes.map((n) => `${n.line + 1}: ${n.kind}: ${n.message}`).join("\n"),
        );
      });
    }
  });
}

describe("fixes: removing a retired flag", () => {
  it("has at least 40 before/after cases across TypeScript, TSX, JavaScript, Python and Go", () => {
    const all = [...TYPESCRIPT_CASES, ...PYTHON_CASES, ...GO_CASES];
    assert.ok(all.length >= 40, `${all.length} cases`);
    const languages = new Set(all.map((c) => /\.(\w+)$/.exec(c.file)![1]));
    for (const ext of ["ts", "tsx", "js", "jsx", "py", "go"]) assert.ok(languages.has(ext), ext);
    assert.ok(all.filter((c) => c.before === c.after).length >= 4, "near misses that stay unchanged");
  });
  suite("TypeScript, TSX and JavaScript", TYPESCRIPT_CASES);
  suite("Python", PYTHON_CASES);
  suite("Go", GO_CASES);
});
