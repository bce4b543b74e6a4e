import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { addSavedContext, parseSavedContexts } from "../../server/src/service/authoring/preview";
import { outcomeInWords, userLine } from "../../server/src/service/authoring/wording";
import { CodeService } from "../../server/src/service/code/codeService";
import { LanguageService } from "../../server/src/service/languageService";
import { parseFlagDocument } from "../../server/src/service/project/document";
import { Workspace } from "../../server/src/service/workspace";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";

describe("preview as user", () => {
  const root = toServicePath(path.join(process.cwd(), "example"));
  let service: LanguageService;
  before(async () => {
    const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
    await workspace.addProject(root);
    service = new LanguageService(workspace);
  });

  it("shows per environment what an employee gets from newCheckout, with the reason", () => {
    const previews = service.doUserPreview(
      `${root}/features/newCheckout.yml`,
      { name: "Alice", context: { userId: "alice", isEmployee: true } },
      () => undefined,
    );
    assert.equal(previews.length, 2);
    // Staging serves everyone and splits by bucket; production's employees rule fixes treatment.
    assert.match(previews[0].label, /^as Alice: enabled · (control|treatment)/);
    assert.equal(previews[1].label, "as Alice: enabled · treatment · buttonColor=green, steps=2");
    assert.match(previews[1].reason, /employees/);
    assert.equal(previews[1].position.line, 33);
  });

  it("shows a disabled feature for a user no rule serves", () => {
    const [, production] = service.doUserPreview(
      `${root}/features/darkMode.yml`,
      { name: "old app", context: { userId: "u1", appVersion: "4.0.0" } },
      () => undefined,
    );
    assert.equal(production.label, "as old app: disabled");
  });

  it("reads saved contexts as a list or as a map", () => {
    assert.deepEqual(parseSavedContexts(parseFlagDocument("- name: A\n  context: { userId: a }\n- context: { userId: b }\n- nonsense\n")), [
      { name: "A", context: { userId: "a" } },
      { name: "context 2", context: { userId: "b" } },
    ]);
    assert.deepEqual(parseSavedContexts(parseFlagDocument("QA: { userId: qa-1 }\nbroken: 3\n")), [
      { name: "QA", context: { userId: "qa-1" } },
    ]);
  });
});

describe("saving a context in .flaglens/contexts.yml", () => {
  const apply = (text: string | undefined, name: string, context: Record<string, unknown>) => {
    const a = addSavedContext(text, name, context);
    if ("error" in a) throw new Error(a.error);
    const lines = (text ?? "").split("\n");
    const offset = lines.slice(0, a.at.line).reduce((n, l) => n + l.length + 1, 0) + a.at.character;
    return (text ?? "").slice(0, offset) + a.text + (text ?? "").slice(offset);
  };
  const names = (text: string) => parseSavedContexts(parseFlagDocument(text)).map((c) => c.name);

  it("creates the file with a comment and a list when it is missing", () => {
    const a = addSavedContext(undefined, "Dutch", { country: "nl" });
    assert.ok(!("error" in a) && a.create);
    const text = apply(undefined, "Dutch", { country: "nl" });
    assert.match(text, /^# /);
    assert.deepEqual(parseSavedContexts(parseFlagDocument(text)), [{ name: "Dutch", context: { country: "nl" } }]);
  });

  it("appends to a list, keeping its entries and comments, also without a final newline", () => {
    const before = "# my users\n- name: A # the first\n  context:\n    userId: a\n# the end";
    const after = apply(before, "B: beta", { userId: "b", beta: true, tags: ["x"] });
    assert.ok(after.startsWith(before + "\n"), after);
    assert.deepEqual(names(after), ["A", "B: beta"]);
    assert.deepEqual(parseSavedContexts(parseFlagDocument(after))[1].context, { userId: "b", beta: true, tags: ["x"] });
  });

  it("appends to a map of name to context as a map entry, and to an indented list at its indent", () => {
    const map = apply("QA: { userId: qa-1 }\n", "Dutch", { country: "nl" });
    assert.deepEqual(names(map), ["QA", "Dutch"]);
    const indented = apply("  - name: A\n    context: { userId: a }\n", "B", { userId: "b" });
    assert.deepEqual(names(indented), ["A", "B"]);
    assert.deepEqual(names(apply("# nothing yet\n", "B", { userId: "b" })), ["B"]);
  });

  it("refuses a name saved already, an empty name, a flow list and a file that does not parse, with a reason", () => {
    const reason = (text: string | undefined, name: string) => {
      const a = addSavedContext(text, name, { userId: "u" });
      return "error" in a ? a.error : undefined;
    };
    assert.match(reason("- name: A\n  context: { userId: a }\n", "A") ?? "", /named "A" is saved already/);
    assert.match(reason(undefined, "  ") ?? "", /needs a name/);
    assert.match(reason("[]\n", "A") ?? "", /not a list of contexts Flaglens can add to/);
    assert.match(reason("- name: A\n  context: [\n", "B") ?? "", /does not parse as YAML \(line \d+\)/);
  });
});

describe("flag calls in code while previewing as a user", () => {
  const root = toServicePath(path.join(process.cwd(), "example"));
  const app = `${root}/app/checkout.ts`;
  let code: CodeService;
  before(async () => {
    const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
    await workspace.addProject(root);
    code = new CodeService(workspace);
    code.updateFile(app, fs.readFileSync(app, "utf8"));
  });
  afterEach(() => code.setUserPreview(undefined));

  const lensOf = (key: string) => code.lenses(app).find((l) => l.features[0] === key);

  it("says what the user gets per environment instead of the rollout, with the reasons as tooltip, and goes back when stopped", () => {
    const general = lensOf("newCheckout")!.title;
    assert.match(general, /^newCheckout · staging: everyone/);
    code.setUserPreview({ user: { name: "Alice", context: { userId: "alice", isEmployee: true } }, stateOf: () => undefined });
    const lens = lensOf("newCheckout")!;
    assert.match(lens.title, /^newCheckout as Alice · staging: enabled \((control|treatment)\) · production: enabled \(treatment\)$/);
    assert.match(lens.tooltip ?? "", /newCheckout in production: .*employees/);
    assert.equal(lensOf("saleBadge")!.title, "saleBadge as Alice · staging: enabled · production: enabled");
    code.setUserPreview(undefined);
    assert.equal(lensOf("newCheckout")!.title, general);
    assert.equal(lensOf("newCheckout")!.tooltip, undefined);
  });

  it("puts what the user gets on top of the hover", () => {
    code.setUserPreview({ user: { name: "old app", context: { userId: "u1", appVersion: "4.0.0" } }, stateOf: () => undefined });
    const text = fs.readFileSync(app, "utf8");
    const at = text.indexOf('"oldBanner"') + 2;
    const line = text.slice(0, at).split("\n").length - 1;
    const hover = code.hover(app, { line, character: at - text.lastIndexOf("\n", at - 1) - 1 });
    assert.match(hover?.contents ?? "", /^\*\*As old app\*\* `\{"userId":"u1","appVersion":"4\.0\.0"\}`\n- staging: \*\*/);
  });
});

describe("the words of a user's outcome", () => {
  it("in full for feature files, short over flag calls", () => {
    const o = { enabled: true, variation: "treatment", variables: { color: "green", steps: 2, none: null } };
    assert.equal(outcomeInWords(o), "enabled · treatment · color=green, steps=2");
    assert.equal(outcomeInWords(o, "short"), "enabled (treatment)");
    assert.equal(outcomeInWords({ enabled: false, variation: null }, "short"), "disabled");
    assert.equal(
      userLine("f", "QA", [
        { environment: "", ...o },
        { environment: "production", enabled: false },
      ]),
      "f as QA · all environments: enabled (treatment) · production: disabled",
    );
  });
});
