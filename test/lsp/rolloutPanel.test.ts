// flaglens/rolloutPanel over LSP: the model of the feature of a feature file, of the flag call under
// the cursor in code, or of a named feature; the previewed context's path once one is set; null
// (never an error) for anything else.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RolloutModel } from "../../server/src/protocol";
import { TestLspClient, uri } from "../support/lspClient";

describe("flaglens/rolloutPanel over LSP", function () {
  this.timeout(30000);
  let root: string;
  let client: TestLspClient;
  const panel = (params: unknown) => client.connection.sendRequest("flaglens/rolloutPanel", params) as Promise<RolloutModel | null>;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-panel-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
    client = await TestLspClient.start(root);
    await client.waitForReady();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("answers the model of a feature file's feature", async () => {
    const model = await panel({ uri: uri(path.join(root, "features/newCheckout.yml")) });
    assert.equal(model?.feature, "newCheckout");
    assert.equal(model?.file, path.join(root, "features/newCheckout.yml"));
    assert.deepEqual(
      model?.environments[1].rules.map((r) => [r.who, r.share]),
      [
        ["employees", 100],
        ["50% of netherlands", 50],
        ["5% of everyone else", 5],
      ],
    );
    assert.equal(model?.environments[1].preview, undefined);
  });

  it("answers the feature of the flag call under the cursor in code, and null elsewhere in it", async () => {
    const file = path.join(root, "app/checkout.ts");
    const text = fs.readFileSync(file, "utf8");
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uri(file), languageId: "typescript", version: 1, text },
    });
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('f.isEnabled("oldBanner"'));
    const character = lines[line].indexOf("oldBanner") + 2;
    const model = await panel({ uri: uri(file), position: { line, character } });
    assert.equal(model?.feature, "oldBanner");
    assert.equal(model?.deprecated, true);
    assert.equal(await panel({ uri: uri(file), position: { line: 0, character: 0 } }), null);
  });

  it("answers a named feature, with its group", async () => {
    const model = await panel({ feature: "searchB", project: root });
    assert.deepEqual(
      model?.groups.map((g) => [g.key, g.slot, g.others]),
      [["searchExperiments", 2, ["searchA"]]],
    );
    assert.equal((await panel({ feature: "searchB" }))?.feature, "searchB");
  });

  it("carries the previewed context's path once one is set", async () => {
    await client.connection.sendRequest("flaglens/setPreviewContext", { name: "QA tester", context: { userId: "qa-1" } });
    try {
      const model = await panel({ uri: uri(path.join(root, "features/newCheckout.yml")) });
      assert.equal(model?.preview, "QA tester");
      const staging = model!.environments[0];
      assert.equal(staging.forces[0].applies, true);
      assert.equal(staging.preview?.variation, "treatment");
      assert.deepEqual(
        model!.environments[1].rules.map((r) => r.path?.step),
        ["skipped", "skipped", "matched"],
      );
    } finally {
      await client.connection.sendRequest("flaglens/setPreviewContext", null);
    }
  });

  it("answers null for what names no feature, bad parameters included", async () => {
    for (const params of [
      null,
      42,
      {},
      { uri: uri(path.join(root, "segments/qa.yml")) },
      { uri: "not a uri" },
      { feature: "noSuchFeature" },
      { feature: 7 },
      { uri: uri(path.join(root, "app/checkout.ts")), position: "here" },
    ]) {
      assert.equal(await panel(params), null, JSON.stringify(params));
    }
  });
});
