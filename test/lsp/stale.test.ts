import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

const APP = `import { createInstance } from "@featurevisor/sdk";
const f = createInstance({});
export const badge = () => (f.isEnabled("saleBadge") ? "badge" : null);
`;

describe("stale flags in the editor (dates from git)", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-stale-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src/app.ts"), APP);
    fs.writeFileSync(
      path.join(root, "src/legacy.ts"),
      `import { f } from "./sdk";\nexport const legacy = () => (f.isEnabled("legacy") ? "old" : "new");\n`,
    );
    fs.writeFileSync(
      path.join(root, "features/legacy.yml"),
      'archived: true\ndescription: Legacy\ntags: [web]\nbucketBy: userId\nrules:\n  staging: [{ key: "1", segments: "*", percentage: 0 }]\n  production: [{ key: "1", segments: "*", percentage: 0 }]\n',
    );
    fs.writeFileSync(
      path.join(root, "tests/features/legacy.spec.yml"),
      "feature: legacy\nassertions:\n  - at: 1\n    environment: production\n    context: {}\n    expectedToBeEnabled: false\n",
    );
    // Everything committed in 2020: saleBadge (served to everyone everywhere) is then long unchanged.
    const env = { ...process.env, GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: root, env, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "flags");
    client = await TestLspClient.start(root);
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("reports a fully rolled out, long unchanged flag, and prefers removing it as it behaves everywhere", async () => {
    const app = uri(path.join(root, "src/app.ts"));
    const [d] = await client.waitForDiagnostics(app, (x) => x.some((y) => y.code === "stale-flag"));
    assert.match(d.message, /saleBadge/);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: app, languageId: "typescript", version: 1, text: APP },
    });
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: app },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; isPreferred?: boolean; edit?: { changeAnnotations?: unknown } }[];
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      ['Remove flag "saleBadge" here (keep enabled)'],
    );
    // A client without change annotations gets the plain edit.
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.ok(preferred.edit && preferred.edit.changeAnnotations === undefined, JSON.stringify(preferred.edit));
  });

  it("removes an archived flag everywhere from its YAML: usages as disabled, its file and its tests", async () => {
    const yaml = uri(path.join(root, "features/legacy.yml"));
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: yaml },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    })) as { title: string; kind: string; data: unknown }[];
    const remove = actions.find((a) => a.kind === "source.removeFlag")!;
    assert.match(remove.title, /Remove archived flag "legacy"/);
    const resolved = (await client.connection.sendRequest("codeAction/resolve", remove)) as {
      edit: { documentChanges: { textDocument?: { uri: string }; edits?: { newText: string }[]; kind?: string; uri?: string }[] };
    };
    const changes = resolved.edit.documentChanges;
    const inCode = changes.find((c) => c.textDocument?.uri === uri(path.join(root, "src/legacy.ts")));
    assert.ok(inCode, JSON.stringify(changes));
    // Minimal edits: the condition and the "old" branch go, `"new"` stays where it is.
    assert.ok(inCode.edits!.length > 0);
    assert.ok(inCode.edits!.every((e) => !e.newText.includes("legacy")));
    assert.deepEqual(
      changes.filter((c) => c.kind === "delete").map((c) => c.uri),
      [yaml, uri(path.join(root, "tests/features/legacy.spec.yml"))],
    );
  });

  it("asks for confirmation (VS Code's refactor preview) from clients that support change annotations", async () => {
    const annotating = await TestLspClient.start(
      root,
      {},
      {},
      {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } },
      },
    );
    try {
      await annotating.waitForReady();
      const yaml = uri(path.join(root, "features/legacy.yml"));
      const actions = (await annotating.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: yaml },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      })) as { kind: string }[];
      const resolved = (await annotating.connection.sendRequest(
        "codeAction/resolve",
        actions.find((a) => a.kind === "source.removeFlag"),
      )) as { edit: { changeAnnotations: Record<string, { needsConfirmation: boolean }> } };
      assert.equal(resolved.edit.changeAnnotations["flaglens.removeFlag"].needsConfirmation, true);

      // The quick fix "here" too: its edit says what it changes and asks before applying.
      const app = uri(path.join(root, "src/app.ts"));
      const [d] = await annotating.waitForDiagnostics(app, (x) => x.some((y) => y.code === "stale-flag"));
      await annotating.connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: app, languageId: "typescript", version: 1, text: APP },
      });
      const fixes = (await annotating.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: app },
        range: d.range,
        context: { diagnostics: [d] },
      })) as {
        title: string;
        edit?: {
          documentChanges: { edits: { annotationId?: string }[] }[];
          changeAnnotations?: Record<string, { label: string; description: string; needsConfirmation: boolean }>;
        };
      }[];
      const here = fixes.find((a) => a.title === 'Remove flag "saleBadge" here (keep enabled)');
      assert.ok(here?.edit, JSON.stringify(fixes.map((a) => a.title)));
      const annotation = here.edit.changeAnnotations?.["flaglens.confirm"];
      assert.ok(annotation, JSON.stringify(here.edit));
      assert.equal(annotation.needsConfirmation, true);
      assert.equal(annotation.label, 'Remove flag "saleBadge" here');
      assert.match(annotation.description, /^keep enabled: \d+ edits? on lines? 3/);
      const edits = here.edit.documentChanges.flatMap((c) => c.edits);
      assert.ok(edits.length > 0 && edits.every((e) => e.annotationId === "flaglens.confirm"), JSON.stringify(edits));
    } finally {
      await annotating.stop();
    }
  });
});
