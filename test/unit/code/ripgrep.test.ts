import * as assert from "node:assert/strict";
import { skipBecause } from "../../support/skip";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanCodeTree } from "../../../server/src/node/codeScan";
import { ripgrepPath, ripgrepStream, type RipgrepOptions } from "../../../server/src/node/ripgrep";
import { tree } from "./fixture";

const OPTIONS: RipgrepOptions = {
  needles: ["isEnabled"],
  extensions: [".ts"],
  exclude: [],
  gitignore: true,
  maxFileSize: 1 << 20,
  skip: [".git", "node_modules"],
};

/** ripgrep's path; the test is skipped without it (CI installs it). */
function needsRipgrep(ctx: Mocha.Context): string {
  return ripgrepPath() ?? skipBecause(ctx, "ripgrep is not installed (apt-get install ripgrep)");
}

/** A stand-in for ripgrep that prints `lines` (path NUL count LF each) and exits with `code`. */
function fakeRipgrep(dir: string, lines: [string, number][], code: number): string {
  const script = path.join(dir, "fake-rg.sh");
  const body = lines.map(([file, n]) => `printf '%s\\0%s\\n' '${file}' '${n}'`).join("\n");
  fs.writeFileSync(script, `#!/bin/sh\n${body}\nexit ${code}\n`, { mode: 0o755 });
  return script;
}

describe("ripgrep's stream", function () {
  this.timeout(30000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it("reports every file with whether it matches, across many reads, with odd names", async function () {
    const rg = needsRipgrep(this);
    const files: Record<string, string> = { "odd:name.ts": `f.isEnabled("a");\n`, "two words.ts": "// nothing\n" };
    // Enough files that the output arrives over many polls and chunks.
    for (let i = 0; i < 3000; i++) files[`d${i % 30}/file-with-a-long-name-${i}.ts`] = i % 3 === 0 ? `f.isEnabled("k${i}");\n` : "x;\n";
    const root = tree(files);
    roots.push(root);
    const seen = new Map<string, boolean>();
    const run = ripgrepStream(rg, root, OPTIONS, (file, matching) => seen.set(path.relative(root, file), matching));
    assert.equal(await run.done, true);
    assert.equal(seen.size, 3002);
    assert.equal(seen.get("odd:name.ts"), true);
    assert.equal(seen.get("two words.ts"), false);
    assert.equal([...seen.values()].filter(Boolean).length, 1001);
  });

  it("resolves false when ripgrep fails, after reporting what it printed", async () => {
    const root = tree({});
    roots.push(root);
    const seen: string[] = [];
    const run = ripgrepStream(fakeRipgrep(root, [["/x/a.ts", 1]], 2), root, OPTIONS, (file) => seen.push(file));
    assert.equal(await run.done, false);
    assert.deepEqual(seen, ["/x/a.ts"]);
    const missing = ripgrepStream(path.join(root, "no-such-rg"), root, OPTIONS, () => assert.fail("nothing to report"));
    assert.equal(await missing.done, false);
  });

  it("reads exclude globs relative to the scanned root, wherever the process runs", async function () {
    needsRipgrep(this);
    const root = tree({ "src/vendor/a.ts": `f.isEnabled("vendored");\n`, "src/app/b.ts": `f.isEnabled("own");\n` });
    roots.push(root);
    assert.notEqual(process.cwd(), root);
    const { index, timings } = await scanCodeTree({ root, exclude: ["src/vendor/"], jobs: 0 });
    assert.equal(timings.ripgrep, true);
    assert.deepEqual(
      index.allUsages().map((u) => u.feature),
      ["own"],
    );
  });

  it("stops when asked", async function () {
    const rg = needsRipgrep(this);
    const root = tree({ "a.ts": `f.isEnabled("a");\n` });
    roots.push(root);
    const run = ripgrepStream(rg, root, OPTIONS, () => undefined);
    run.stop();
    assert.equal(await run.done, false);
  });

  it("a scan whose ripgrep fails part way walks the tree and scans every file once", async () => {
    const root = tree({
      "src/a.ts": `f.isEnabled("from_a");\n`,
      "src/b.ts": `f.isEnabled("from_b");\nf.isEnabled("again_b");\n`,
      "src/c.py": `f.is_enabled("from_c")\n`,
    });
    roots.push(root);
    // The stand-in names one real candidate, then fails: the walk must not scan it a second time.
    const rg = fakeRipgrep(root, [[path.join(root, "src/b.ts"), 2]], 2);
    const logs: string[] = [];
    const { index, files, timings, scanned } = await scanCodeTree({ root, ripgrep: rg, jobs: 0, log: (m) => logs.push(m) });
    assert.equal(timings.ripgrep, false);
    assert.equal(scanned, 3, "each file with usages scanned once");
    assert.ok(logs.some((m) => /ripgrep failed; walking the tree/.test(m)));
    assert.deepEqual(
      files.map((f) => path.relative(root, f)),
      ["src/a.ts", "src/b.ts", "src/c.py"],
    );
    assert.deepEqual(
      index.allUsages().map((u) => `${path.relative(root, u.file)} ${u.feature}`),
      ["src/a.ts from_a", "src/b.ts from_b", "src/b.ts again_b", "src/c.py from_c"],
    );
  });
});
