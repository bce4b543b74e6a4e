import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestLspClient, uri } from "../support/lspClient";

// The environments are computed at run time, so only executing the config reveals them.
const FILES: Record<string, string> = {
  "featurevisor.config.js": `const envs = ["qa", "live"].map((e) => e);\nmodule.exports = { environments: envs, tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/f.yml":
    'description: F\ntags: [all]\nbucketBy: userId\nenvironments:\n  qa:\n    rules: [{ key: "1", segments: "*", percentage: 100 }]\n  live:\n    rules: [{ key: "1", segments: "*", percentage: 100 }]\n',
};

describe("featurevisor.config.js execution and workspace trust", function () {
  this.timeout(30000);
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-trust-")));
    for (const [rel, content] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function diagnosticsOf(options: object, settings: object): Promise<string[]> {
    const client = await TestLspClient.start(root, options, settings);
    try {
      await client.waitForReady();
      const config = client.diagnostics.get(uri(path.join(root, "featurevisor.config.js"))) ?? [];
      const feature = client.diagnostics.get(uri(path.join(root, "features/f.yml"))) ?? [];
      return [...config, ...feature].map((d) => String(d.code));
    } finally {
      await client.stop();
    }
  }

  it("an untrusted workspace reads the config statically, even with execution enabled", async () => {
    const codes = await diagnosticsOf({ trusted: false }, { config: { execute: true } });
    assert.ok(codes.includes("config-problem"), codes.join(","));
    assert.ok(codes.includes("unknown-environment"), codes.join(","));
  });

  it("a trusted workspace without the setting reads it statically too", async () => {
    const codes = await diagnosticsOf({ trusted: true }, {});
    assert.ok(codes.includes("config-problem"), codes.join(","));
  });

  it("a trusted workspace with flaglens.config.execute runs it and learns its environments", async () => {
    const codes = await diagnosticsOf({ trusted: true }, { config: { execute: true } });
    assert.deepEqual(codes, []);
  });
});
