import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

type Hover = { contents: { value: string } } | null;

/** The hover at the first occurrence of `text` in a file of the project (offset into the text). */
async function hoverAt(client: TestLspClient, file: string, languageId: string, text: string, offset = 1): Promise<Hover> {
  const content = fs.readFileSync(file, "utf8");
  const at = content.indexOf(text);
  assert.ok(at >= 0, `"${text}" in ${file}`);
  const before = content.slice(0, at + offset).split("\n");
  await client.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri: uri(file), languageId, version: 1, text: content },
  });
  return (await client.connection.sendRequest("textDocument/hover", {
    textDocument: { uri: uri(file) },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  })) as Hover;
}

describe("a feature's hover links to its rollout panel, for clients that run command links", function () {
  this.timeout(30000);
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-hover-links-")));
    fs.cpSync(path.join(process.cwd(), "example"), root, { recursive: true });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const commandLinks of [true, false]) {
    it(commandLinks ? "ends with the link when the client says it runs them" : "has no link for other clients", async () => {
      const client = await TestLspClient.start(root, { trusted: false, commandLinks });
      try {
        await client.waitForReady();
        const link = `[Open rollout panel](command:flaglens.openRolloutPanel?${encodeURIComponent(
          JSON.stringify([{ type: "feature", feature: { key: "oldBanner" }, project: { root } }]),
        )})`;
        // A required feature in a feature file, and a flag call in code.
        const inYaml = await hoverAt(client, path.join(root, "features/saleBadge.yml"), "yaml", "- oldBanner", 3);
        const inCode = await hoverAt(client, path.join(root, "app/checkout.ts"), "typescript", '"oldBanner"', 2);
        for (const [where, hover] of [
          ["yaml", inYaml],
          ["code", inCode],
        ] as const) {
          assert.match(hover?.contents.value ?? "", /oldBanner/, where);
          assert.equal(hover!.contents.value.endsWith(link), commandLinks, `${where}: ${hover!.contents.value}`);
          assert.equal(hover!.contents.value.includes("command:"), commandLinks, where);
        }
        // A segment's hover is not a feature's: no link.
        const segment = await hoverAt(client, path.join(root, "features/newCheckout.yml"), "yaml", "netherlands", 2);
        assert.ok(segment && !segment.contents.value.includes("command:"), segment?.contents.value);
      } finally {
        await client.stop();
      }
    });
  }
});
