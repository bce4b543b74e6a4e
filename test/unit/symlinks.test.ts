import * as assert from "node:assert/strict";
import { lintFiles } from "../../server/src/service/lint";
import { findProjectRoots } from "../../server/src/service/project/loader";
import { Workspace } from "../../server/src/service/workspace";
import { MemoryFileSystem } from "../support/memoryFileSystem";

// Symbolic links in a project, on the in-memory file system: links out of the project are
// reported and never read, links back up the tree are not walked, and links inside it are read.

const SECRET = "s3cr3t-root-password";
const CONFIG = `module.exports = { environments: ["production"], tags: ["all"] };\n`;
const FEATURE =
  'description: F\ntags: [all]\nbucketBy: userId\nenvironments:\n  production:\n    rules:\n      - key: "1"\n        segments: "*"\n        percentage: 100\n';

function tree(): MemoryFileSystem {
  return new MemoryFileSystem({
    "/p/featurevisor.config.js": CONFIG,
    "/p/attributes/userId.yml": "description: User\ntype: string\n",
    "/p/features/checkout.yml": FEATURE,
    "/p/segments/nl.yml": "description: NL\nconditions:\n  - attribute: userId\n    operator: equals\n    value: x\n",
    // Not YAML that parses cleanly: a parser error would quote it.
    "/outside/secret.yml": `root: ${SECRET}: x\n  - [${SECRET}\n`,
    "/outside/dir/leak.yml": `${SECRET}: [\n`,
  });
}

async function lint(fs: MemoryFileSystem) {
  const logs: string[] = [];
  const { projects, diagnostics } = await lintFiles(fs, "/p", { log: (m) => logs.push(m) });
  const project = projects[0];
  const all = [...diagnostics].flatMap(([path, ds]) => ds.map((d) => ({ path, ...d })));
  return { project, all, logs };
}

describe("symbolic links in a project", () => {
  for (const sync of [true, false]) {
    it(`a link to a file outside the project is reported on the link, without its content (${sync ? "lazy" : "eager"} reads)`, async () => {
      const fs = tree();
      if (!sync) fs.withoutSyncReads();
      fs.links.set("/p/features/leak.yml", "/outside/secret.yml");
      fs.links.set("/p/features/dir", "/outside/dir");
      const { project, all, logs } = await lint(fs);
      const codes = all.map((d) => [d.path, d.code]);
      assert.deepEqual(codes.sort(), [
        ["/p/features/leak.yml", "symlink-outside-project"],
        ["/p/featurevisor.config.js", "symlink-outside-project"],
      ]);
      assert.match(all.find((d) => d.path === "/p/featurevisor.config.js")!.message, /^features\/dir is a symbolic link to a folder/);
      assert.equal(all.find((d) => d.path === "/p/features/leak.yml")!.severity, "warning");
      assert.ok(!JSON.stringify([all, logs]).includes(SECRET), "the target's content leaked");
      assert.ok(!JSON.stringify(all).includes("/outside"), "the target's path is not named");
      assert.deepEqual(
        project
          .entries("feature")
          .map((e) => e.key)
          .sort(),
        ["checkout", "leak"],
      );
    });
  }

  it("a link to the project root (..) and a loop of links are not walked: no feature is read twice", async () => {
    const fs = tree();
    fs.links.set("/p/features/up", "/p");
    fs.links.set("/p/features/self", "/p/features");
    fs.links.set("/p/features/a.yml", "/p/features/b.yml");
    fs.links.set("/p/features/b.yml", "/p/features/a.yml");
    const { project, all, logs } = await lint(fs);
    assert.deepEqual(all, []);
    assert.deepEqual(
      project.entries("feature").map((e) => e.key),
      ["checkout"],
    );
    assert.ok(
      logs.some((l) => /Not following \/p\/features\/up/.test(l)),
      logs.join("\n"),
    );
  });

  it("a link to another place inside the project is followed", async () => {
    const fs = tree();
    fs.write("/p/shared/flags/search.yml", FEATURE);
    fs.links.set("/p/features/shared", "/p/shared/flags");
    fs.links.set("/p/features/alias.yml", "/p/features/checkout.yml");
    const { project, all } = await lint(fs);
    assert.deepEqual(all, []);
    assert.deepEqual(
      project
        .entries("feature")
        .map((e) => e.key)
        .sort(),
      ["alias", "checkout", "shared/search"],
    );
  });

  it("a file that becomes a link out of the project after loading is not read", async () => {
    const fs = tree();
    const ws = new Workspace(fs, { log: () => undefined });
    await ws.addFolder("/p");
    fs.links.set("/p/features/late.yml", "/outside/secret.yml");
    await ws.fileEvents([{ path: "/p/features/late.yml", type: "created" }]);
    const d = ws.diagnostics("/p/features/late.yml");
    assert.deepEqual(
      d.map((x) => x.code),
      ["symlink-outside-project"],
    );
    assert.ok(!JSON.stringify(d).includes(SECRET));
  });

  it("finding projects does not follow links out of the folder", async () => {
    const fs = tree();
    fs.write("/elsewhere/featurevisor.config.js", CONFIG);
    fs.links.set("/p/vendor", "/elsewhere");
    fs.links.set("/p/loop", "/p");
    assert.deepEqual(await findProjectRoots(fs, "/p", () => undefined), ["/p"]);
  });
});
