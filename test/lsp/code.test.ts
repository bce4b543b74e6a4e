import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

const APP = `import { createInstance } from "@featurevisor/sdk";

const f = createInstance({ datafileUrl: "/datafile.json" });

export function render() {
  if (f.isEnabled("newCheckout")) return "new";
  if (f.isEnabled("oldBanner")) return "banner";
  return f.isEnabled("newCheckot") ? "typo" : "old";
}
export const both = f.isEnabled("darkMode") && f.isEnabled("searchA") && f.isEnabled("darkMode");
`;

describe("flags in application code over LSP", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const app = () => uri(path.join(root, "src/app.ts"));

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-code-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/app.ts"), APP);
    client = await TestLspClient.start(root);
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("indexes the code at startup: an unknown flag (with a suggestion) and a deprecated one", async () => {
    const d = await client.waitForDiagnostics(app(), (x) => x.length === 2);
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line]).sort(), [
      ["deprecated-flag", 6],
      ["unknown-flag", 7],
    ]);
    assert.match(d.find((x) => x.code === "unknown-flag")!.message, /Did you mean "newCheckout"/);
    // The status counts them beside the projects' own (the status bar counts everything Flaglens reports).
    // Code files are those outside the project's flag folders: src/app.ts and the example's own app/.
    const codeTotals = () => {
      const code = [...client.diagnostics]
        .filter(([u, list]) => /\/(src|app)\//.test(u) && list.some((x) => x.severity === 1 || x.severity === 2))
        .map(([, list]) => list);
      const all = code.flat();
      return {
        errors: all.filter((x) => x.severity === 1).length,
        warnings: all.filter((x) => x.severity === 2).length,
        files: code.length,
      };
    };
    const deadline = Date.now() + 10000;
    const codeStatus = () => (client.statuses[client.statuses.length - 1] as { code?: object } | undefined)?.code;
    while (JSON.stringify(codeStatus()) !== JSON.stringify(codeTotals()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const expected = codeTotals();
    assert.ok(expected.files >= 2 && expected.warnings >= 2, JSON.stringify(expected));
    assert.deepEqual(codeStatus(), expected);
  });

  it("offers to change an unknown flag key to the close one, inside the quotes", async () => {
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: app(), languageId: "typescript", version: 1, text: APP },
    });
    const d = (await client.waitForDiagnostics(app(), (x) => x.length === 2)).find((x) => x.code === "unknown-flag")!;
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: app() },
      range: d.range,
      context: { diagnostics: [d] },
    })) as {
      title: string;
      kind: string;
      isPreferred?: boolean;
      edit: { changes?: Record<string, { range: Range; newText: string }[]> };
    }[];
    const fixes = actions.filter((a) => a.kind === "quickfix");
    assert.deepEqual(
      fixes.map((a) => [a.title, a.isPreferred]),
      [['Change to "newCheckout"', true]],
    );
    assert.equal(applyEdits(APP, fixes[0].edit.changes![app()]), APP.replace('"newCheckot"', '"newCheckout"'));
  });

  it("updates as the file is edited", async () => {
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: app(), version: 2 },
      contentChanges: [{ text: APP.replace("newCheckot", "newCheckout") }],
    });
    const d = await client.waitForDiagnostics(app(), (x) => x.length === 1);
    assert.equal(d[0].code, "deprecated-flag");
  });

  it("shows the rollout in a code lens, the feature in a hover, and goes to its YAML", async () => {
    const position = { line: 5, character: 20 };
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: app() } })) as {
      range: Range;
      command: { title: string; command: string; arguments: [string, unknown, { uri: string; range: Range }[]] };
    }[];
    const titles = lenses.map((l) => l.command.title);
    const checkout = lenses.find((l) => l.range.start.line === 5)!;
    assert.equal(
      checkout?.command.title,
      "newCheckout · staging: everyone; forced: qa → treatment · production: employees → treatment, 50% of netherlands, 5% of everyone else",
      titles.join(" | "),
    );
    // Clicking it peeks at the feature's rules, at the first environment's.
    assert.equal(checkout.command.command, "flaglens.showReferences");
    const feature = uri(path.join(root, "features/newCheckout.yml"));
    const envLine = fs.readFileSync(path.join(root, "features/newCheckout.yml"), "utf8").split("\n").indexOf("rules:") + 1;
    assert.deepEqual(
      checkout.command.arguments[2].map((l) => [l.uri, l.range.start.line]),
      [[feature, envLine]],
    );
    // One lens per line: the line with three calls of two flags gets one lens naming each once.
    const both = lenses.filter((l) => l.range.start.line === 9);
    assert.equal(both.length, 1, titles.join(" | "));
    assert.equal(
      both[0].command.title,
      "darkMode · staging: everyone · production: modernApp  |  searchA · staging: 50% of everyone · production: 50% of everyone",
    );
    assert.equal(both[0].command.arguments[2].length, 2);
    assert.equal(lenses.length, 4, titles.join(" | "));

    const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: app() }, position })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Feature `newCheckout`/);
    assert.match(hover.contents.value, /- production: employees → treatment, 50% of netherlands, 5% of everyone else/);
    // "Defined in" links to the feature's file, at its rules.
    assert.ok(hover.contents.value.includes(`Defined in [\`features/newCheckout.yml\`](${feature}#L${envLine + 1})`), hover.contents.value);
    const def = (await client.connection.sendRequest("textDocument/definition", { textDocument: { uri: app() }, position })) as {
      uri: string;
    };
    assert.equal(def.uri, uri(path.join(root, "features/newCheckout.yml")));
    const completion = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: app() }, position })) as {
      label: string;
    }[];
    assert.ok(completion.some((c) => c.label === "darkMode"));
  });

  it("lists code usages among a feature's references, and counts them in a lens on its YAML", async () => {
    const feature = uri(path.join(root, "features/newCheckout.yml"));
    const refs = (await client.connection.sendRequest("textDocument/references", {
      textDocument: { uri: feature },
      position: { line: 0, character: 2 },
      context: { includeDeclaration: false },
    })) as { uri: string }[];
    assert.ok(refs.some((r) => r.uri === app()));
    const lenses = (await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: feature } })) as {
      command: { title: string };
    }[];
    assert.ok(
      // 2 in src/app.ts, 3 in the example's own app/checkout.ts (getVariation and two getVariable calls).
      lenses.some((l) => l.command.title === "used in 5 places in code (2 files)"),
      lenses.map((l) => l.command.title).join(" | "),
    );
  });

  it("renames a feature key in its YAML, its tests and the code that spells it", async () => {
    const feature = uri(path.join(root, "features/newCheckout.yml"));
    const edit = (await client.connection.sendRequest("textDocument/rename", {
      textDocument: { uri: feature },
      position: { line: 0, character: 0 },
      newName: "checkoutV2",
    })) as { documentChanges: { textDocument?: { uri: string }; edits?: { newText: string }[]; kind?: string; newUri?: string }[] };
    const inApp = edit.documentChanges.find((c) => c.textDocument?.uri === app());
    assert.ok(inApp, JSON.stringify(edit.documentChanges.map((c) => c.textDocument?.uri ?? c.newUri)));
    assert.deepEqual(
      inApp.edits!.map((e) => e.newText),
      ["checkoutV2", "checkoutV2"],
    );
    assert.ok(edit.documentChanges.some((c) => c.kind === "rename" && c.newUri === uri(path.join(root, "features/checkoutV2.yml"))));
    assert.ok(edit.documentChanges.some((c) => c.textDocument?.uri === uri(path.join(root, "tests/features/newCheckout.spec.yml"))));
    // Its spec, named after it, moves with it.
    assert.ok(
      edit.documentChanges.some((c) => c.kind === "rename" && c.newUri === uri(path.join(root, "tests/features/checkoutV2.spec.yml"))),
    );
    // The feature is partly rolled out with two variations: a client without change annotations is warned
    // that the new key buckets users afresh.
    const warning = client.messages.find((m) => /bucketed afresh/.test(m.message));
    assert.ok(warning, JSON.stringify(client.messages));
    assert.equal(warning.type, 2);
    assert.match(warning.message, /partial rollout \(production: 50%, 5%\) and which variation each user gets \(control \/ treatment\)/);
  });

  it("offers to remove a deprecated flag here, keeping it enabled or disabled", async () => {
    const text = APP.replace("newCheckot", "newCheckout");
    const d = client.diagnostics.get(app())!.find((x) => x.code === "deprecated-flag")!;
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: app() },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; kind: string; edit: { changes?: Record<string, { range: Range; newText: string }[]> } }[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Remove flag "oldBanner" here (keep enabled)',
        'Remove flag "oldBanner" here (keep disabled)',
        'Remove flag "oldBanner" from the workspace (keep enabled)',
        'Remove flag "oldBanner" from the workspace (keep disabled)',
      ],
    );
    assert.deepEqual(
      actions.map((a) => a.kind),
      ["quickfix", "quickfix", "source.removeFlag", "source.removeFlag"],
    );
    // This client does not announce versioned edits (documentChanges), so edits come as `changes`.
    const apply = (a: (typeof actions)[number]) => applyEdits(text, a.edit.changes![app()]);
    const enabled = apply(actions[0]);
    assert.match(enabled, /return "banner";\n\}/);
    assert.doesNotMatch(enabled, /oldBanner|"old"/);
    const disabled = apply(actions[1]);
    assert.doesNotMatch(disabled, /oldBanner|banner/);
    assert.match(disabled, /return f\.isEnabled\("newCheckout"\) \? "typo" : "old";/);
  });

  it("offers the quick fix on Python, rewritten and checked by tree-sitter in the bundled server", async () => {
    const file = uri(path.join(root, "src/job.py"));
    const text = 'def job(f):\n    if f.is_enabled("oldBanner"):\n        show()\n    else:\n        hide()\n';
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file, languageId: "python", version: 1, text },
    });
    const d = (await client.waitForDiagnostics(file, (x) => x.some((y) => y.code === "deprecated-flag"))).find(
      (x) => x.code === "deprecated-flag",
    )!;
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: file },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; edit?: { changes?: Record<string, { range: Range; newText: string }[]> } }[];
    const here = actions.filter((a) => a.title.includes("here"));
    assert.deepEqual(
      here.map((a) => a.title),
      ['Remove flag "oldBanner" here (keep enabled)', 'Remove flag "oldBanner" here (keep disabled)'],
    );
    assert.equal(applyEdits(text, here[0].edit!.changes![file]), "def job(f):\n    show()\n");
    assert.equal(applyEdits(text, here[1].edit!.changes![file]), "def job(f):\n    hide()\n");
  });

  it("rechecks the code that uses a feature when its YAML changes", async () => {
    const yaml = path.join(root, "features/oldBanner.yml");
    const text = fs.readFileSync(yaml, "utf8");
    assert.match(text, /deprecated: true/);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uri(yaml), languageId: "yaml", version: 1, text: text.replace("deprecated: true\n", "") },
    });
    await client.waitForDiagnostics(app(), (x) => !x.some((d) => d.code === "deprecated-flag"));
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: uri(yaml), version: 2 },
      contentChanges: [{ text }],
    });
    await client.waitForDiagnostics(app(), (x) => x.some((d) => d.code === "deprecated-flag"));
  });

  it("completes the variation values a getVariation result is compared with, inside the quotes", async () => {
    const file = uri(path.join(root, "src/variation.ts"));
    const text = `const v = f.getVariation("newCheckout");\nif (v === "t") {}\nswitch (f.getVariation("newCheckout")) {\n  case "": break;\n}\n`;
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: file, languageId: "typescript", version: 1, text },
    });
    type Item = {
      label: string;
      kind: number;
      detail: string;
      documentation: { value: string };
      textEdit: { range: Range; newText: string };
    };
    const complete = async (line: number, character: number) =>
      (await client.connection.sendRequest("textDocument/completion", {
        textDocument: { uri: file },
        position: { line, character },
        context: { triggerKind: 1 },
      })) as Item[];
    const typed = await complete(1, 12);
    assert.deepEqual(
      typed.map((c) => [c.label, c.kind, c.detail, c.textEdit]),
      [["treatment", 20, "variation of newCheckout · weight 50%", { range: range(1, 11, 1, 12), newText: "treatment" }]],
    );
    assert.match(typed[0].documentation.value, /\*\*Variation `treatment`\*\*: weight 50%[\s\S]*`buttonColor`: "green"/);
    const empty = await complete(3, 8);
    assert.deepEqual(
      empty.map((c) => [c.label, c.textEdit]),
      [
        ["control", { range: range(3, 8, 3, 8), newText: "control" }],
        ["treatment", { range: range(3, 8, 3, 8), newText: "treatment" }],
      ],
    );
    assert.deepEqual(await complete(1, 10), []);
    // Typing the opening quote asks for these items: editors do not suggest inside strings unasked.
    const triggers = (client.initializeResult?.capabilities.completionProvider as { triggerCharacters: string[] }).triggerCharacters;
    assert.ok(triggers.includes('"') && triggers.includes("'"), `trigger characters: ${JSON.stringify(triggers)}`);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: file } });
  });
});

function range(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Applies non-overlapping LSP text edits to a text. */
function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lines = text.split("\n");
  const offset = (p: Range["start"]) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((acc, e) => acc.slice(0, offset(e.range.start)) + e.newText + acc.slice(offset(e.range.end)), text);
}
