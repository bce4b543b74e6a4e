import * as assert from "node:assert/strict";
import { CodeService } from "../../../server/src/service/code/codeService";
import { LineIndex } from "../../../server/src/service/text";
import type { CodeActionResult } from "../../../server/src/service/types";
import { loadFixture, ROOT } from "../../support/fixture";

const PROJECT = `//- /attributes/userId.yml
description: User
type: string
//- /features/newCheckout.yml
description: New checkout
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
`;

/** The quick fixes offered on the unknown-flag diagnostics of a code file, with the file's text. */
async function fixesOf(file: string, code: string): Promise<{ text: string; actions: CodeActionResult[] }> {
  const { fixture, workspace } = await loadFixture(`${PROJECT}//- /${file}\n${code}`);
  const text = fixture.files.get(file)!;
  const path = `${ROOT}/${file}`;
  const service = new CodeService(workspace);
  service.updateFile(path, text);
  const unknown = service.diagnostics(path).filter((d) => d.code === "unknown-flag");
  assert.equal(unknown.length, 1, JSON.stringify(service.diagnostics(path)));
  return { text, actions: service.codeActions(path, text, unknown) };
}

function applyOne(text: string, action: CodeActionResult): string {
  assert.equal(action.edits.length, 1);
  assert.equal(action.edits[0].edits.length, 1);
  const { range, newText } = action.edits[0].edits[0];
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(range.start)) + newText + text.slice(lines.offsetAt(range.end));
}

describe("code: change an unknown flag key to a close one", () => {
  it("offers the close key in a TypeScript file, replacing only the text inside the quotes", async () => {
    const code = `const on = f.isEnabled("newCheckot");\n`;
    const { text, actions } = await fixesOf("src/app.ts", code);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [['Change to "newCheckout"', "quickfix", true]],
    );
    const edit = actions[0].edits[0];
    assert.equal(edit.path, `${ROOT}/src/app.ts`);
    const at = code.indexOf("newCheckot");
    assert.deepEqual(edit.edits[0].range, { start: { line: 0, character: at }, end: { line: 0, character: at + "newCheckot".length } });
    assert.equal(applyOne(text, actions[0]), `const on = f.isEnabled("newCheckout");\n`);
  });

  it("offers the close key in a Python file, keeping single quotes", async () => {
    const code = `def run(f):\n    return f.is_enabled('newChekout')\n`;
    const { text, actions } = await fixesOf("src/app.py", code);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to "newCheckout"'],
    );
    const at = "    return f.is_enabled('".length;
    assert.deepEqual(actions[0].edits[0].edits[0].range, {
      start: { line: 1, character: at },
      end: { line: 1, character: at + "newChekout".length },
    });
    assert.equal(applyOne(text, actions[0]), `def run(f):\n    return f.is_enabled('newCheckout')\n`);
  });

  it("offers nothing when no feature key is close", async () => {
    const { actions } = await fixesOf("src/app.ts", `const on = f.isEnabled("somethingElseEntirely");\n`);
    assert.deepEqual(actions, []);
  });
});

describe("code: change an unknown variation or variable to a close one (did you mean)", () => {
  const FEATURE = `//- /features/layout.yml
description: Layout
tags: [all]
bucketBy: userId
variablesSchema:
  - key: buttonColor
    type: string
    defaultValue: blue
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
`;

  async function fixes(code: string, kind: string) {
    const { fixture, workspace } = await loadFixture(`${PROJECT}${FEATURE}//- /src/app.ts\n${code}`);
    const text = fixture.files.get("src/app.ts")!;
    const path = `${ROOT}/src/app.ts`;
    const service = new CodeService(workspace);
    service.updateFile(path, text);
    const found = service.diagnostics(path).filter((d) => d.code === kind);
    assert.equal(found.length, 1, JSON.stringify(service.diagnostics(path)));
    return { text, actions: service.codeActions(path, text, found) };
  }

  it("changes a compared variation inside its quotes", async () => {
    const { text, actions } = await fixes(`const v = f.getVariation("layout") === "treatmnt";\n`, "unknown-variation");
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [['Change to "treatment"', true]],
    );
    assert.equal(applyOne(text, actions[0]), `const v = f.getVariation("layout") === "treatment";\n`);
  });

  it("changes a variable key inside its quotes", async () => {
    const { text, actions } = await fixes(`const c = f.getVariableString("layout", "buttonColour");\n`, "unknown-variable");
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to "buttonColor"'],
    );
    assert.equal(applyOne(text, actions[0]), `const c = f.getVariableString("layout", "buttonColor");\n`);
  });
});
