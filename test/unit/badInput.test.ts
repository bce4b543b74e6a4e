import * as assert from "node:assert/strict";
import { Workspace } from "../../server/src/service/workspace";
import { DEFAULT_CONFIG, ROOT } from "../support/fixture";
import { MemoryFileSystem } from "../support/memoryFileSystem";

async function load(fs: MemoryFileSystem, settings = {}): Promise<{ ws: Workspace; logs: string[] }> {
  const logs: string[] = [];
  const ws = new Workspace(fs, { log: (m) => logs.push(m), settings });
  await ws.addFolder(ROOT);
  return { ws, logs };
}

describe("bad input never crashes or hangs", () => {
  it("a 5 MB YAML file gets file-too-large and the rest still loads", async () => {
    const big = "description: big\ntype: string\n" + "# padding line to make the file large\n".repeat(140000);
    assert.ok(big.length > 5_000_000);
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/attributes/big.yml`]: big,
      [`${ROOT}/attributes/ok.yml`]: "description: x\ntype: string\n",
    });
    const { ws, logs } = await load(fs);
    assert.deepEqual(
      ws.diagnostics(`${ROOT}/attributes/big.yml`).map((d) => d.code),
      ["file-too-large"],
    );
    assert.ok(logs.some((l) => l.includes("big.yml")));
    assert.deepEqual(ws.diagnostics(`${ROOT}/attributes/ok.yml`), []);
    // The key still exists: references to it are not reported as unknown.
    assert.ok(ws.projects.get(ROOT)!.has("attribute", "big"));
  });

  it("a 5 MB YAML file is validated when the limit allows it, in reasonable time", async () => {
    const big = "description: big\ntype: string\nextra:\n" + "  - item with some text in it\n".repeat(180000);
    const fs = new MemoryFileSystem({ [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG, [`${ROOT}/attributes/big.yml`]: big });
    const { ws } = await load(fs, { maxFileSize: 10_000_000 });
    assert.deepEqual(
      ws.diagnostics(`${ROOT}/attributes/big.yml`).map((d) => d.code),
      ["unknown-property"],
    );
  });

  it("a binary file named .yml gets binary-file", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/segments/blob.yml`]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 255, 254]),
    });
    const { ws } = await load(fs);
    assert.deepEqual(
      ws.diagnostics(`${ROOT}/segments/blob.yml`).map((d) => d.code),
      ["binary-file"],
    );
  });

  it("an unreadable file gets unreadable-file with the reason", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/segments/secret.yml`]: "description: x\n",
    });
    fs.unreadable.add(`${ROOT}/segments/secret.yml`);
    const { ws } = await load(fs);
    const d = ws.diagnostics(`${ROOT}/segments/secret.yml`);
    assert.deepEqual(
      d.map((x) => x.code),
      ["unreadable-file"],
    );
    assert.match(d[0].message, /permission denied/);
  });

  it("a file deleted while the project loads is skipped (read-at-load path)", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/segments/a.yml`]: "description: x\nconditions: []\n",
    }).withoutSyncReads();
    // The directory listing still names the file, but reading it fails as if it vanished.
    const realStat = fs.stat.bind(fs);
    fs.stat = async (p: string) => (p.endsWith("/segments/a.yml") ? undefined : realStat(p));
    const { ws } = await load(fs);
    assert.equal(ws.projects.get(ROOT)!.has("segment", "a"), false);
  });

  it("a file deleted before it is first read reports nothing, and its delete event removes it (read-on-use path)", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/segments/a.yml`]: "description: x\nconditions: []\n",
      [`${ROOT}/segments/b.yml`]: "description: y\nconditions: []\n",
    });
    const realStatSync = fs.statSync.bind(fs);
    fs.statSync = (p: string) => (p.endsWith("/segments/a.yml") ? undefined : realStatSync(p));
    const { ws } = await load(fs);
    assert.deepEqual(ws.diagnostics(`${ROOT}/segments/a.yml`), []);
    fs.remove(`${ROOT}/segments/a.yml`);
    await ws.fileEvents([{ path: `${ROOT}/segments/a.yml`, type: "deleted" }]);
    assert.deepEqual(ws.projects.get(ROOT)!.keys("segment"), ["b"]);
  });

  it("an empty file gets one clear finding", async () => {
    const fs = new MemoryFileSystem({ [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG, [`${ROOT}/features/empty.yml`]: "" });
    const { ws } = await load(fs);
    const d = ws.diagnostics(`${ROOT}/features/empty.yml`);
    assert.deepEqual(
      d.map((x) => x.code),
      ["invalid-type"],
    );
    assert.match(d[0].message, /empty/);
  });

  it("a symbolic link loop ends", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG,
      [`${ROOT}/segments/a.yml`]: "description: x\nconditions: []\n",
    });
    fs.links.set(`${ROOT}/segments/loop`, `${ROOT}/segments`);
    fs.links.set(`${ROOT}/features/self`, `${ROOT}/features/self`);
    const { ws } = await load(fs);
    assert.deepEqual(ws.projects.get(ROOT)!.keys("segment"), ["a"]);
  });

  it("a config that requires a missing plugin is still understood, without running it", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: `module.exports = {\n  environments: ["dev"],\n  plugins: [require("./plugins/missing")],\n};\n`,
      [`${ROOT}/attributes/a.yml`]: "description: x\ntype: string\n",
    });
    const { ws } = await load(fs);
    assert.deepEqual(ws.projects.get(ROOT)!.environments, ["dev"]);
    assert.deepEqual(ws.diagnostics(`${ROOT}/featurevisor.config.js`), []);
  });

  it("an unreadable config gets a config-problem diagnostic and defaults", async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/featurevisor.config.js`]: "module.exports = { environments: [",
      [`${ROOT}/attributes/a.yml`]: "description: x\ntype: string\n",
    });
    const { ws } = await load(fs);
    assert.deepEqual(ws.projects.get(ROOT)!.environments, ["staging", "production"]);
    assert.deepEqual(
      ws.diagnostics(`${ROOT}/featurevisor.config.js`).map((d) => d.code),
      ["config-problem"],
    );
  });

  it("random bytes in every kind of file never throw", async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = "abc:-[]{}\"'\n  #&*!|>%@`,?\t0123456789.";
    for (let round = 0; round < 30; round++) {
      const files: Record<string, string> = { [`${ROOT}/featurevisor.config.js`]: DEFAULT_CONFIG };
      for (const dir of ["attributes", "segments", "features", "groups", "tests"]) {
        let s = "";
        const n = Math.floor(rnd() * 200);
        for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        files[`${ROOT}/${dir}/x.yml`] = s;
      }
      const { ws } = await load(new MemoryFileSystem(files));
      assert.ok(ws.projects.get(ROOT));
    }
  });
});
