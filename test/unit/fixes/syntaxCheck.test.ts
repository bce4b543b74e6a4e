import * as assert from "node:assert/strict";
import { goRewriter } from "../../../server/src/service/fixes/go";
import { pythonRewriter } from "../../../server/src/service/fixes/python";
import { fileUsageSites } from "../../../server/src/service/fixes/index";
import { checkedRewriter } from "../../../server/src/service/fixes/syntaxGuard";
import { syntaxProblems, type SyntaxLanguage } from "../../../server/src/service/fixes/treeSitter";
import type { FlagRewriter, RemoveFlagRequest } from "../../../server/src/service/fixes/types";
import { goSyntaxErrors, pythonSyntaxErrors } from "./parsers";
import { skipBecause } from "../../support/skip";
import { applyEdits, loadSyntaxCheck } from "./support";

// The tree-sitter check of Python and Go rewrites: what it calls broken is what Python and Go call
// broken (where python3 and gofmt are installed, they judge the same texts), and a rewriter whose
// output it calls broken writes nothing.

const PY: [string, boolean][] = [
  ["if a:\n    x()\nelse:\n    y()\n", true],
  ["if a: x()\nelse: y()\n", true],
  ["def f():\n    '''doc'''\n    return 1\n", true],
  ["x = 1\r    y = 2\r", false],
  ["x = (1,\n     2)\nif a:\n    x()\n", true],
  // tree-sitter's Python grammar accepts these; Python does not.
  ["if a:\n    x()\nelse:\n", false],
  ["if a:\n    # only a comment\nelse:\n    y()\n", false],
  ["x = 1\n    y = 2\n", false],
  ["if a:\n        x()\n    y()\n", false],
  ["if a:\nx()\n", false],
  // tree-sitter reports these itself.
  ["else:\n    pass\n", false],
  ["x = (1,\n", false],
];

const GO_BODY = (body: string) => `package app\n\nfunc G(a bool, xs []int) {\n${body}\n}\n`;
const GO: [string, boolean][] = [
  [GO_BODY("\tif a {\n\t\tx()\n\t} else {\n\t\ty()\n\t}"), true],
  [GO_BODY("\tv := []int{\n\t\t1,\n\t\t2,\n\t}\n\t_ = v"), true],
  [GO_BODY("\tif a {\n\t\tx()\n\t}\n\t{\n\t\ty()\n\t}"), true],
  [`package app\n\nimport (\n\t"fmt"\n)\n\nvar (\n\tn = 1\n)\n\ntype T struct {\n\tA int\n}\n\nfunc F() { fmt.Println(n) }\n`, true],
  // tree-sitter's Go grammar accepts these; Go's automatic semicolons do not.
  [GO_BODY("\tif a\n\t{\n\t\tx()\n\t}"), false],
  [GO_BODY("\tv := []int{\n\t\t1,\n\t\t2\n\t}\n\t_ = v"), false],
  [GO_BODY("\tx(1,\n\t\t2\n\t)"), false],
  // tree-sitter reports these itself.
  [GO_BODY("\tif a {\n\t\tx()\n\t}\n\telse {\n\t\ty()\n\t}"), false],
  [GO_BODY("\tif a {\n\t\tx()\n"), false],
];

describe("fixes: the tree-sitter check of Python and Go rewrites", function () {
  this.timeout(30000);
  before(loadSyntaxCheck);

  for (const [language, table] of [
    ["python", PY],
    ["go", GO],
  ] as [SyntaxLanguage, [string, boolean][]][]) {
    it(`${language}: texts that parse and texts that do not`, () => {
      for (const [text, ok] of table) {
        const problems = syntaxProblems(language, text);
        assert.ok(typeof problems !== "string", String(problems));
        assert.equal(problems.length === 0, ok, `${JSON.stringify(text)}: ${JSON.stringify(problems)}`);
      }
    });

    it(`${language}: the language's own parser agrees on the same texts`, function () {
      const texts = table.map(([t]) => t);
      const judged = language === "python" ? pythonSyntaxErrors(texts) : goSyntaxErrors(texts);
      const errors = Array.isArray(judged) ? judged : judged?.method === "gofmt" ? judged.errors : undefined;
      if (!errors) skipBecause(this, language === "python" ? "python3 is not installed" : "gofmt is not installed (Go)");
      table.forEach(([text, ok], i) => assert.equal(errors[i] === null, ok, `${JSON.stringify(text)}: ${errors[i]}`));
    });
  }

  const base: RemoveFlagRequest = { featureKey: "beta", behaviour: { enabled: true, variation: null, variables: {} } };
  /** The request with the file's usages, as the code index finds them. */
  const request = (file: string, text: string): RemoveFlagRequest => ({ ...base, usages: fileUsageSites(file, text, base) });

  it("a rewrite whose output would not parse is refused: no edit, every usage left with the reason", () => {
    const text = 'if f.is_enabled("beta"):\n    x()\n';
    const real = pythonRewriter.rewrite("/p/a.py", text, request("/p/a.py", text));
    assert.equal(applyEdits(text, real.edits), "x()\n");
    // A rewriter that leaves an `if` without a body (tree-sitter alone would accept it).
    const broken: FlagRewriter = {
      extensions: [".py"],
      rewrite: (file, t, r) => ({ ...pythonRewriter.rewrite(file, t, r), edits: [{ range: real.edits[0].range, newText: "if a:\n" }] }),
    };
    const result = checkedRewriter("python", broken).rewrite("/p/a.py", text, request("/p/a.py", text));
    assert.deepEqual(result.edits, []);
    assert.deepEqual(
      result.notes.map((n) => n.kind),
      ["not-simplified"],
    );
    assert.match(result.notes[0].message, /the rewrite would not parse \(line 1: an empty block of the result\)/);
  });

  it("a file that does not parse is not rewritten, in Python and in Go", () => {
    const py = 'if f.is_enabled("beta"):\n    x()\n  y()\n';
    const r1 = pythonRewriter.rewrite("/p/a.py", py, request("/p/a.py", py));
    assert.deepEqual(r1.edits, []);
    assert.match(r1.notes[0].message, /the file does not parse \(line 3: an unexpected indentation\)/);
    const go = 'package app\n\nfunc G() {\n\tif f.IsEnabled("beta") {\n\t\tx()\n\t}\n\ty(1,\n\t\t2\n\t)\n}\n';
    const r2 = goRewriter.rewrite("/p/a.go", go, request("/p/a.go", go));
    assert.deepEqual(r2.edits, []);
    assert.equal(r2.notes[0].kind, "not-simplified");
    assert.match(r2.notes[0].message, /the file does not parse \(line 8: a line break after '2'/);
  });
});
