import * as assert from "node:assert/strict";
import { CodeService } from "../../../server/src/service/code/codeService";
import { LineIndex } from "../../../server/src/service/text";
import type { CompletionItem } from "../../../server/src/service/types";
import { loadFixture, ROOT } from "../../support/fixture";

const PROJECT = `//- /attributes/userId.yml
description: User
type: string
//- /features/checkout.yml
description: Checkout
tags: [all]
bucketBy: userId
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      - key: color
        value: blue
variablesSchema:
  - key: color
    type: string
    defaultValue: red
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /features/layout.yml
description: Layout
tags: [all]
bucketBy: userId
variations:
  - value: grid
    weight: 40
  - value: list
    weight: 30
  - value: bigCards
    weight: 30
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`;

/** The completions at `$0` in a code file (`file` is relative to the project root). */
async function completeAt(file: string, code: string): Promise<CompletionItem[]> {
  const { fixture, workspace } = await loadFixture(`${PROJECT}//- /${file}\n${code}`);
  assert.equal(fixture.cursor?.file, file, "the code needs a $0 cursor");
  const text = fixture.files.get(file)!;
  const path = `${ROOT}/${file}`;
  const service = new CodeService(workspace);
  service.updateFile(path, text);
  return service.complete(path, new LineIndex(text).positionAt(fixture.cursor.offset));
}

async function labels(file: string, code: string): Promise<string[]> {
  return (await completeAt(file, code)).map((c) => c.label);
}

const BOTH = ["control", "treatment"];

describe("code completion of variation values", () => {
  describe("TypeScript and JavaScript", () => {
    const ts = (code: string) =>
      labels("src/app.ts", `import { createInstance } from "@featurevisor/sdk";\nconst f = createInstance({});\n${code}`);

    it("offers the variations, with weight and documentation, replacing the string's content", async () => {
      const items = await completeAt("src/app.ts", `if (f.getVariation("checkout") === "tr$0") {}\n`);
      assert.deepEqual(items, [
        {
          label: "treatment",
          kind: "variation",
          detail: "variation of checkout · weight 50%",
          documentation: '**Variation `treatment`**: weight 50%\n\n- `color`: "blue"\n\nFeature `checkout` · `features/checkout.yml`',
          range: { start: { line: 0, character: 36 }, end: { line: 0, character: 38 } },
          insertText: "treatment",
        },
      ]);
    });

    it("after === and !==, with either quote, on either side", async () => {
      assert.deepEqual(await ts(`if (f.getVariation("checkout") === "$0") {}`), BOTH);
      assert.deepEqual(await ts(`if (f.getVariation("checkout") !== '$0') {}`), BOTH);
      assert.deepEqual(await ts(`if ("$0" === f.getVariation("checkout")) {}`), BOTH);
      assert.deepEqual(await ts(`if (f.getVariation("checkout") == "$0") {}`), BOTH);
    });

    it("on the variable the result was assigned to", async () => {
      assert.deepEqual(await ts(`const v = f.getVariation("checkout");\nif (v === "$0") {}`), BOTH);
      assert.deepEqual(await ts(`let v = f.getVariation("checkout", { userId: "1" });\nfoo();\nif (v !== "c$0") {}`), ["control"]);
    });

    it("in the cases of a switch over the result", async () => {
      assert.deepEqual(await ts(`switch (f.getVariation("layout")) {\n  case "grid":\n  case "$0":\n}`), ["grid", "list", "bigCards"]);
      assert.deepEqual(await ts(`const v = f.getVariation("layout");\nswitch (v) {\n  case "l$0":\n}`), ["list"]);
    });

    it("after the useVariation hook", async () => {
      const code = `import { useVariation } from "@featurevisor/react";\nexport const A = () => useVariation("checkout") === "$0";\n`;
      assert.deepEqual(await labels("src/App.tsx", code), BOTH);
    });

    it("filters by what is typed before the cursor, by word starts", async () => {
      assert.deepEqual(await ts(`if (f.getVariation("layout") === "G$0") {}`), ["grid"]);
      assert.deepEqual(await ts(`if (f.getVariation("layout") === "car$0") {}`), ["bigCards"]);
      assert.deepEqual(await ts(`if (f.getVariation("layout") === "x$0") {}`), []);
      // The cursor at the start of a written value: everything, replacing the whole value.
      assert.deepEqual(await ts(`if (f.getVariation("layout") === "$0list") {}`), ["grid", "list", "bigCards"]);
    });

    it("in a string not closed yet, replaces only what is typed", async () => {
      // Typed without an auto-closed quote: the string runs over `) {}` to the end of the line.
      const items = await completeAt("src/app.ts", `if (f.getVariation("checkout") === "co$0) {}\n`);
      assert.deepEqual(
        items.map((c) => [c.label, c.range]),
        [["control", { start: { line: 0, character: 36 }, end: { line: 0, character: 38 } }]],
      );
    });

    it("also when the key is a constant", async () => {
      assert.deepEqual(await ts(`const CHECKOUT = "checkout";\nif (f.getVariation(CHECKOUT) === "$0") {}`), BOTH);
    });

    const misses: [string, string][] = [
      ["isEnabled's result", `if (f.isEnabled("checkout") === "$0") {}`],
      ["getVariable's result", `if (f.getVariable("checkout", "color") === "$0") {}`],
      ["another object's getVariation", `if (cache.getVariation("checkout") === "$0") {}`],
      ["a line comment", `// if (f.getVariation("checkout") === "$0") {}`],
      ["a block comment", `/* f.getVariation("checkout") === "$0" */`],
      ["an unknown feature", `if (f.getVariation("nope") === "$0") {}`],
      ["a dynamic key", `if (f.getVariation(key) === "$0") {}`],
      ["a string compared with something else", `if (f.getVariation("checkout") && mode === "$0") {}`],
      ["a variable compared after it is reassigned", `let v = f.getVariation("checkout");\nv = other();\nif (v === "$0") {}`],
      ["the cursor before the quote", `if (f.getVariation("checkout") === $0"control") {}`],
    ];
    for (const [what, code] of misses) it(`nothing for ${what}`, async () => assert.deepEqual(await ts(code), []));
  });

  describe("Python", () => {
    const py = (code: string) => labels("src/app.py", `from featurevisor import create_instance\nf = create_instance({})\n${code}`);

    it("after == and !=, on the variable, and in match cases", async () => {
      assert.deepEqual(await py(`if f.get_variation("checkout") == "$0":\n    pass`), BOTH);
      assert.deepEqual(await py(`if f.get_variation("checkout") != 't$0':\n    pass`), ["treatment"]);
      assert.deepEqual(await py(`variation = f.get_variation("checkout", {"userId": "1"})\nif variation == "$0":\n    pass`), BOTH);
      assert.deepEqual(await py(`match f.get_variation("layout"):\n    case "grid":\n        pass\n    case "$0":\n        pass`), [
        "grid",
        "list",
        "bigCards",
      ]);
    });

    const misses: [string, string][] = [
      ["isEnabled's result", `if f.is_enabled("checkout") == "$0":\n    pass`],
      ["a comment", `# if f.get_variation("checkout") == "$0":`],
      ["an unknown feature", `if f.get_variation("nope") == "$0":\n    pass`],
      ["a dynamic key", `if f.get_variation(key) == "$0":\n    pass`],
    ];
    for (const [what, code] of misses) it(`nothing for ${what}`, async () => assert.deepEqual(await py(code), []));
  });

  describe("Go", () => {
    const go = (code: string) => labels("src/app.go", `package app\n\nfunc run(f *featurevisor.Featurevisor, key string) {\n${code}\n}\n`);

    it("after == on the dereferenced result or its variable, and in switch cases", async () => {
      assert.deepEqual(await go(`    if *f.GetVariation("checkout") == "$0" {}`), BOTH);
      assert.deepEqual(await go(`    v := f.GetVariation("checkout", ctx)\n    if v != nil && *v == "tr$0" {}`), ["treatment"]);
      assert.deepEqual(await go(`    switch *f.GetVariation("layout") {\n    case "grid", "$0":\n    }`), ["grid", "list", "bigCards"]);
    });

    const misses: [string, string][] = [
      ["IsEnabled's result", `    if f.IsEnabled("checkout") == "$0" {}`],
      ["a comment", `    // if *f.GetVariation("checkout") == "$0" {}`],
      ["an unknown feature", `    if *f.GetVariation("nope") == "$0" {}`],
      ["a dynamic key", `    if *f.GetVariation(key) == "$0" {}`],
    ];
    for (const [what, code] of misses) it(`nothing for ${what}`, async () => assert.deepEqual(await go(code), []));
  });

  describe("the other languages", () => {
    it("Java: .equals on either side, and switch cases", async () => {
      const java = (code: string) => labels("src/Screen.java", `class Screen {\n  void render() {\n    ${code}\n  }\n}\n`);
      assert.deepEqual(await java(`if (featurevisor.getVariation("checkout").equals("$0")) {}`), BOTH);
      assert.deepEqual(await java(`if ("$0".equals(featurevisor.getVariation("checkout"))) {}`), BOTH);
      assert.deepEqual(await java(`switch (featurevisor.getVariation("layout")) { case "$0": break; }`), ["grid", "list", "bigCards"]);
      assert.deepEqual(await java(`if (featurevisor.getVariation("nope").equals("$0")) {}`), []);
    });

    it("Kotlin: == and when branches", async () => {
      const kt = (code: string) => labels("src/Screen.kt", `fun render() {\n    ${code}\n}\n`);
      assert.deepEqual(await kt(`if (featurevisor.getVariation("checkout") == "$0") {}`), BOTH);
      assert.deepEqual(await kt(`when (featurevisor.getVariation("layout")) {\n        "$0" -> println()\n    }`), [
        "grid",
        "list",
        "bigCards",
      ]);
      assert.deepEqual(await kt(`// featurevisor.getVariation("checkout") == "$0"`), []);
    });

    it("Ruby: == and case/when", async () => {
      const rb = (code: string) => labels("src/app.rb", `f = Featurevisor.create_instance(datafile: d)\n${code}\n`);
      assert.deepEqual(await rb(`if f.get_variation("checkout") == "$0"\nend`), BOTH);
      assert.deepEqual(await rb(`variation = f.get_variation(:layout)\ncase variation\nwhen "grid", "$0"\n  nil\nend`), [
        "grid",
        "list",
        "bigCards",
      ]);
      assert.deepEqual(await rb(`if f.get_variation(key) == "$0"\nend`), []);
    });

    it("PHP: === and ==", async () => {
      const php = (code: string) => labels("src/app.php", `<?php\n${code}\n`);
      assert.deepEqual(await php(`if ($f->getVariation('checkout') === '$0') {}`), BOTH);
      assert.deepEqual(await php(`$variation = $this->featurevisor->getVariation('checkout');\nif ($variation == "$0") {}`), BOTH);
      assert.deepEqual(await php(`if ($f->getVariation('nope') === '$0') {}`), []);
    });

    it("C#: == and switch cases", async () => {
      const cs = (code: string) => labels("src/Screen.cs", `class Screen {\n    void Render() {\n        ${code}\n    }\n}\n`);
      assert.deepEqual(await cs(`if (_featurevisor.GetVariation("checkout") == "$0") {}`), BOTH);
      assert.deepEqual(await cs(`switch (_featurevisor.GetVariation("layout")) { case "$0": break; }`), ["grid", "list", "bigCards"]);
      assert.deepEqual(await cs(`if (_featurevisor.IsEnabled("checkout") == "$0") {}`), []);
    });

    it("Swift: == and switch cases", async () => {
      const swift = (code: string) => labels("src/Render.swift", `func render(f: Featurevisor) {\n    ${code}\n}\n`);
      assert.deepEqual(await swift(`if f.getVariation("checkout") == "$0" {}`), BOTH);
      assert.deepEqual(await swift(`switch f.getVariation("layout") {\n    case "grid", "$0": break\n    default: break\n    }`), [
        "grid",
        "list",
        "bigCards",
      ]);
      assert.deepEqual(await swift(`if f.getVariation("nope") == "$0" {}`), []);
    });
  });
});
