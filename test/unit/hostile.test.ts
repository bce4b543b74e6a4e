import * as assert from "node:assert/strict";
import { LanguageService } from "../../server/src/service/languageService";
import { CodeService } from "../../server/src/service/code/codeService";
import { parseFlagDocument } from "../../server/src/service/project/document";
import { aliasExpansion, findTooDeep, MAX_NESTING } from "../../server/src/service/project/limits";
import { LineIndex } from "../../server/src/service/text";
import { Workspace } from "../../server/src/service/workspace";
import { DEFAULT_CONFIG, ROOT } from "../support/fixture";
import { deepAndOr, deepBlock, deepFlow, deepIndented, hostileCases } from "../support/hostile";
import { MemoryFileSystem } from "../support/memoryFileSystem";

const GOOD: Record<string, string> = {
  "attributes/country.yml": "description: Country\ntype: string\n",
  "attributes/userId.yml": "description: User\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "features/checkout.yml":
    'description: Checkout\ntags: [all]\nbucketBy: userId\nrules:\n  staging:\n    - key: "1"\n      segments: nl\n      percentage: 100\n  production:\n    - key: "1"\n      segments: nl\n      percentage: 100\n',
  "features/broken.yml":
    'description: Broken\ntags: [all]\nbucketBy: userId\nrules:\n  staging:\n    - key: "1"\n      segments: nl\n      percentage: 100\n  production:\n    - key: "1"\n      segments: [nope, nl]\n      percentage: 100\n',
};

async function workspaceWith(extra: Record<string, string>, settings = {}) {
  const files: Record<string, string> = { [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG };
  for (const [rel, text] of Object.entries({ ...GOOD, ...extra })) files[`${ROOT}/${rel}`] = text;
  const logs: string[] = [];
  const ws = new Workspace(new MemoryFileSystem(files), { log: (m) => logs.push(m), settings });
  await ws.addFolder(ROOT);
  return { ws, logs, service: new LanguageService(ws, new CodeService(ws, () => ({}))) };
}

const codes = (ws: Workspace, rel: string) => ws.diagnostics(`${ROOT}/${rel}`).map((d) => d.code);

describe("hostile input: bounded work, one diagnostic, other files unaffected", () => {
  describe("the nesting pre-check", () => {
    it("finds block, compact, flow and and/or nesting past the limit, and not below it", () => {
      for (const text of [
        `a:\n${deepBlock(MAX_NESTING + 5)}`,
        `a:\n${deepIndented(MAX_NESTING + 5)}`,
        `a: ${deepFlow(MAX_NESTING + 5)}\n`,
        `c:\n${deepAndOr(MAX_NESTING + 5)}`,
      ]) {
        assert.notEqual(findTooDeep(text), undefined, text.slice(0, 60));
      }
      for (const text of [
        `a:\n${deepBlock(MAX_NESTING - 5)}`,
        `a:\n${deepIndented(MAX_NESTING - 5)}`,
        `a: ${deepFlow(MAX_NESTING - 5)}\n`,
        `c:\n${deepAndOr(20)}`,
      ]) {
        assert.equal(findTooDeep(text), undefined, text.slice(0, 60));
      }
    });

    it("does not count brackets in plain scalars, quotes, comments or block scalars", () => {
      const text =
        "description: see [docs] and {x\nname: 'a [[[[ b'\n# [[[[[[\nnote: |\n  [[[[[[[[[[\n    {{{{{{{{{{\n      - - - - -\nkey: v\n";
      assert.equal(findTooDeep(text, 5), undefined);
      assert.notEqual(findTooDeep("a: [[[[[[x]]]]]]\n", 5), undefined);
    });

    it("scans the characters of a text whose length or brackets allow too deep a nesting, and only then", () => {
      // Shallow, but with a line longer than the limit: scanned, and found fine.
      assert.equal(findTooDeep(`key: ${"x".repeat(20)}\n`, 5), undefined);
      // Six levels by indentation within short lines: found past a limit of 5.
      assert.notEqual(findTooDeep("a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n", 5), undefined);
      assert.equal(findTooDeep("a:\n b:\n  c:\n   d:\n    e: 1\n", 5), undefined);
    });
  });

  describe("alias expansion", () => {
    it("is 0 for values without aliases and for small legitimate reuse", () => {
      assert.equal(aliasExpansion({ a: [1, 2], b: { c: "x" } }), 0);
      const doc = parseFlagDocument("base: &b\n  attribute: country\n  operator: equals\nconditions:\n  - *b\n  - *b\n");
      assert.deepEqual(doc.problems, []);
      assert.deepEqual((doc.value as { conditions: unknown[] }).conditions[1], { attribute: "country", operator: "equals" });
    });
  });

  it("scanForKeys finds keys in huge files without a regular expression, and bounds the key length", () => {
    const big = "description: x\n" + "# pad\n".repeat(200_000) + "a.b(c)*: 1\n" + "k".repeat(2000) + ": 2\n";
    const doc = parseFlagDocument(big);
    const at = doc.locateOffsets(["a.b(c)*"], "key");
    assert.equal(big.slice(at[0], at[1]), "a.b(c)*");
    // A key over the bound is not looked for: the finding falls back to the first line.
    assert.deepEqual(doc.locateOffsets(["k".repeat(2000)], "key"), [0, "description: x".length]);
  });

  it("lineEndAt is right for LF, CRLF and the last line", () => {
    const lines = new LineIndex("ab\r\ncd\nef");
    assert.deepEqual([lines.lineEndAt(0), lines.lineEndAt(2), lines.lineEndAt(4), lines.lineEndAt(8)], [2, 2, 6, 9]);
  });

  for (const c of hostileCases({ listSize: 60_000 })) {
    it(`${c.name} in a ${c.kind}: no exception, requests answer, other files still checked`, async () => {
      const { ws, logs, service } = await workspaceWith({ [c.rel]: c.text });
      const got = codes(ws, c.rel);
      if (c.name.startsWith("deep")) assert.deepEqual(got, ["too-deep"]);
      else if (c.name === "alias bomb") assert.deepEqual(got, ["alias-limit"]);
      else assert.ok(got.length <= 1000, `${got.length} diagnostics`);
      // Rules on the other files ran, unaffected.
      assert.deepEqual(codes(ws, "features/broken.yml"), ["unknown-segment"]);
      assert.deepEqual(codes(ws, "features/checkout.yml"), []);
      const path = `${ROOT}/${c.rel}`;
      await ws.setDocument(path, c.text);
      for (const line of [0, 2, 6]) {
        const position = { line, character: 3 };
        service.doHover(path, position);
        service.doComplete(path, position);
        service.doDefinition(path, position);
      }
      service.doDocumentSymbols(path);
      service.doRolloutHints(path);
      service.doUsageLens(path);
      assert.deepEqual(
        logs.filter((l) => / failed on /.test(l)),
        [],
      );
    });
  }

  it("an open document over flaglens.maxFileSize gets file-too-large and is not parsed", async () => {
    const text = "description: big\n" + "# padding\n".repeat(20_000);
    const { ws, service } = await workspaceWith({}, { maxFileSize: 100_000 });
    const path = `${ROOT}/features/huge.yml`;
    await ws.setDocument(path, text);
    assert.deepEqual(codes(ws, "features/huge.yml"), ["file-too-large"]);
    assert.equal(ws.projectOf(path)!.files.get(path)!.doc, undefined);
    assert.deepEqual(service.doDocumentSymbols(path), []);
    // Under the limit again, the same document is parsed and checked.
    await ws.setDocument(path, "description: small\n");
    assert.ok(!codes(ws, "features/huge.yml").includes("file-too-large"));
  });
});
