import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The bundled CLI checks Python and Go rewrites with tree-sitter, whose WebAssembly files lie next
// to the bundle: run from a copy of dist/ alone (as the .vsix ships it, without node_modules), a
// Go file is rewritten and a Python file that does not parse is left, listed with the reason.

const DIST = path.resolve(process.cwd(), "dist");

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["production"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "features/checkout.yml":
    'description: x\ntags: [all]\nbucketBy: userId\nrules:\n  production:\n    - key: everyone\n      segments: "*"\n      percentage: 100\n',
  // Python rejects the indentation of the last line (tree-sitter's grammar alone accepts it).
  "src/job.py": 'if f.is_enabled("checkout"):\n    run()\n  done()\n',
  "src/main.go": 'package main\n\nfunc G(f F) {\n\tif f.IsEnabled("checkout") {\n\t\ty()\n\t} else {\n\t\tz()\n\t}\n}\n',
};

describe("flaglens remove: Python and Go checked by tree-sitter (bundled CLI without node_modules)", function () {
  this.timeout(30000);
  let tmp = "";
  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-syntax-")));
    fs.mkdirSync(path.join(tmp, "bundle"));
    for (const f of ["cli.js", "tsRewrite.js", "tree-sitter.wasm", "tree-sitter-python.wasm", "tree-sitter-go.wasm"])
      fs.copyFileSync(path.join(DIST, f), path.join(tmp, "bundle", f));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(tmp, "p", rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, "p", rel), text);
    }
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("rewrites the Go file, leaves the Python file that does not parse and says why (exit 1)", () => {
    const root = path.join(tmp, "p");
    const r = spawnSync(
      process.execPath,
      [path.join(tmp, "bundle", "cli.js"), "remove", "checkout", "--keep", "enabled", "--root", root, "--write"],
      {
        cwd: tmp,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, "");
    assert.match(
      r.stdout,
      /^src\/job\.py:1:4 not-simplified Left f\.is_enabled\("checkout"\) unchanged: the file does not parse \(line 3: an unexpected indentation\)/m,
    );
    assert.equal(fs.readFileSync(path.join(root, "src/job.py"), "utf8"), FILES["src/job.py"]);
    assert.equal(fs.readFileSync(path.join(root, "src/main.go"), "utf8"), "package main\n\nfunc G(f F) {\n\ty()\n}\n");
  });
});
