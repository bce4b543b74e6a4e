import * as assert from "node:assert/strict";
import * as path from "node:path";
import { parseSavedContexts } from "../../server/src/service/authoring/preview";
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
