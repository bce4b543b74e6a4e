import * as assert from "node:assert/strict";
import { skipBecause } from "../../support/skip";
import { GO_CASES } from "./cases/go";
import { PYTHON_CASES } from "./cases/python";
import { TYPESCRIPT_CASES } from "./cases/typescript";
import { goSyntaxErrors, pythonSyntaxErrors, tsSyntaxErrors } from "./parsers";
import { behaviourOf, runCase, type Case } from "./support";
import { doRemoveFlag } from "../../../server/src/service/fixes/index";
import { applyEdits } from "./support";

function idempotent(cases: Case[]): void {
  for (const c of cases) {
    const second = runCase(c, c.after);
    assert.deepEqual(second.result.edits, [], `${c.name}: a second run changes ${JSON.stringify(second.result.edits)}`);
  }
}

describe("fixes: invariants of the rewrite", function () {
  this.timeout(30000);

  it("running the rewrite twice changes nothing the second time", () => {
    idempotent(TYPESCRIPT_CASES);
    idempotent(PYTHON_CASES);
    idempotent(GO_CASES);
  });

  it("every rewritten TypeScript/JavaScript file parses (the compiler finds no syntax error)", () => {
    for (const c of TYPESCRIPT_CASES) {
      if (tsSyntaxErrors(c.file, c.before) > 0) continue; // A file that did not parse is left as it is.
      assert.equal(tsSyntaxErrors(c.file, c.after), 0, c.name);
    }
  });

  it("every rewritten Python file parses (python3's ast module)", function () {
    const errors = pythonSyntaxErrors(PYTHON_CASES.flatMap((c) => [c.before, c.after]));
    if (!errors) skipBecause(this, "python3 is not installed");
    PYTHON_CASES.forEach((c, i) => {
      assert.equal(errors[2 * i], null, `before of ${c.name}`);
      assert.equal(errors[2 * i + 1], null, c.name);
    });
  });

  it("every rewritten Go file parses (gofmt -e)", function () {
    const { method, errors } = goSyntaxErrors(GO_CASES.flatMap((c) => [c.before, c.after]));
    // CI installs Go (.ci/run); a bracket count is no parser, so without gofmt the check is skipped.
    if (method !== "gofmt") skipBecause(this, "gofmt is not installed (apt-get install golang-go)");
    GO_CASES.forEach((c, i) => {
      assert.equal(errors[2 * i], null, `before of ${c.name}`);
      assert.equal(errors[2 * i + 1], null, c.name);
    });
  });

  it("edits are sorted, do not overlap, and notes point into the original text", () => {
    for (const c of [...TYPESCRIPT_CASES, ...PYTHON_CASES, ...GO_CASES]) {
      const { result } = runCase(c, c.before);
      const lines = c.before.split("\n").length;
      for (let i = 1; i < result.edits.length; i++) {
        const a = result.edits[i - 1].range.end;
        const b = result.edits[i].range.start;
        assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), c.name);
      }
      for (const n of result.notes) assert.ok(n.line >= 0 && n.line < lines, c.name);
    }
  });

  it("never throws, and never breaks a file that parsed, on mutated inputs (the cases with random edits)", function () {
    let seed = 17;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ["(", ")", "{", "}", "\n", "  ", '"', "'", "`", ";", ":", "if ", "else ", "&&", "!", "elif ", "\t", '"""', "#", "//"];
    const pairs: { file: string; before: string; after: string }[] = [];
    for (let round = 0; round < 12; round++) {
      for (const c of [...TYPESCRIPT_CASES, ...PYTHON_CASES, ...GO_CASES]) {
        let t = c.before;
        const at = Math.floor(rnd() * (t.length + 1));
        t =
          rnd() < 0.5
            ? t.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + t.slice(at)
            : t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 4));
        const r = doRemoveFlag(c.file, t, { featureKey: c.key, behaviour: behaviourOf(c), clients: c.clients });
        pairs.push({ file: c.file, before: t, after: applyEdits(t, r.edits) });
      }
    }
    for (const p of pairs.filter((x) => /\.[jt]sx?$/.test(x.file))) {
      if (tsSyntaxErrors(p.file, p.before) === 0) assert.equal(tsSyntaxErrors(p.file, p.after), 0, p.before);
    }
    const py = pairs.filter((x) => x.file.endsWith(".py"));
    const pyErrors = pythonSyntaxErrors(py.flatMap((p) => [p.before, p.after]));
    py.forEach((p, i) => pyErrors && pyErrors[2 * i] === null && assert.equal(pyErrors[2 * i + 1], null, p.before));
    const go = pairs.filter((x) => x.file.endsWith(".go"));
    const goCheck = goSyntaxErrors(go.flatMap((p) => [p.before, p.after]));
    if (goCheck.method === "gofmt")
      go.forEach((p, i) => goCheck.errors[2 * i] === null && assert.equal(goCheck.errors[2 * i + 1], null, p.before));
    // The TypeScript part always runs; the Python and Go parts need their parsers.
    if (!pyErrors) skipBecause(this, "python3 is not installed (the Python part of the mutation check did not run)");
    if (goCheck.method !== "gofmt") skipBecause(this, "gofmt is not installed (the Go part of the mutation check did not run)");
  });
});
