import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { globSource, IgnoreFile, IgnoreStack, PathFilter } from "../../../server/src/service/code/ignore";
import { listCodeFiles } from "../../../server/src/node/codeFiles";
import { fileChangeTimes } from "../../../server/src/node/gitDates";
import { git, tree } from "./fixture";

describe("code files", () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it("matches globs and .gitignore patterns with git's semantics", () => {
    const re = (g: string) => new RegExp("^" + globSource(g) + "$");
    assert.ok(re("src/**/*.ts").test("src/a/b/c.ts"));
    assert.ok(re("src/**/*.ts").test("src/c.ts"));
    assert.ok(!re("src/*.ts").test("src/a/c.ts"));
    assert.ok(re("a?c.[jt]s").test("abc.ts"));
    const file = new IgnoreFile("", "# comment\n*.min.js\n/build\ndist/\nlogs/**\n!keep.min.js\n\\#hash.ts\ndocs/*.md\n");
    const stack = new IgnoreStack().push(file).push(new IgnoreFile("pkg", "local.ts\n!*.min.js\n"));
    const ignored = (rel: string, dir = false) => stack.ignores(rel, dir);
    assert.ok(ignored("a/b/app.min.js"));
    assert.ok(!ignored("a/keep.min.js"));
    assert.ok(ignored("build", true));
    assert.ok(!ignored("src/build", true), "a leading slash anchors to the folder");
    assert.ok(ignored("src/dist", true));
    assert.ok(!ignored("src/dist"), "a trailing slash matches folders only");
    assert.ok(ignored("logs/a/b.ts"));
    assert.ok(ignored("#hash.ts"));
    assert.ok(ignored("docs/a.md") && !ignored("docs/x/a.md"));
    assert.ok(ignored("pkg/local.ts") && !ignored("local.ts"), "a nested .gitignore applies below its folder");
    assert.ok(!ignored("pkg/x.min.js"), "a deeper file wins");
    const filter = new PathFilter(["src/**"], ["**/*.test.ts", "vendor/"]);
    assert.ok(filter.acceptsFile("src/a.ts"));
    assert.ok(!filter.acceptsFile("src/a.test.ts"));
    assert.ok(!filter.acceptsFile("lib/a.ts"));
    assert.ok(filter.excludesDir("vendor") && filter.excludesDir("src/vendor"));
  });

  it("lists code files, honouring .gitignore files from the repository root down, and skipping node_modules", () => {
    const root = tree({
      ".gitignore": "generated/\n*.min.js\n",
      "app/.gitignore": "local.ts\n",
      "app/src/a.ts": "",
      "app/src/b.min.js": "",
      "app/src/local.ts": "",
      "app/src/notes.md": "",
      "app/generated/g.ts": "",
      "app/node_modules/x/index.js": "",
      "app/src/.hidden/h.py": "",
      "app/lib/c.go": "",
    });
    roots.push(root);
    git(root, ["init", "-q"]);
    const rel = (files: string[]) => files.map((f) => path.relative(root, f));
    // From a sub-folder, the repository's .gitignore still applies.
    assert.deepEqual(rel(listCodeFiles(path.join(root, "app"))), ["app/lib/c.go", "app/src/.hidden/h.py", "app/src/a.ts"]);
    assert.deepEqual(rel(listCodeFiles(path.join(root, "app"), { exclude: ["lib/"], include: ["**/*.ts", "**/*.js"] })), ["app/src/a.ts"]);
    assert.deepEqual(rel(listCodeFiles(path.join(root, "app"), { gitignore: false })), [
      "app/generated/g.ts",
      "app/lib/c.go",
      "app/src/.hidden/h.py",
      "app/src/a.ts",
      "app/src/b.min.js",
      "app/src/local.ts",
    ]);
  });

  it("dates flag files by their last commit, or by their modification time when changed since or untracked", async () => {
    const root = tree({ "features/a.yml": "a: 1\n", "features/b.yml": "b: 1\n", "features/c.yml": "c: 1\n" });
    roots.push(root);
    git(root, ["init", "-q"]);
    git(root, ["add", "features/a.yml", "features/b.yml"]);
    git(root, ["commit", "-q", "-m", "first"], "2024-01-01T00:00:00Z");
    fs.writeFileSync(path.join(root, "features/a.yml"), "a: 2\n");
    git(root, ["commit", "-q", "-am", "second"], "2024-03-01T12:00:00Z");
    fs.writeFileSync(path.join(root, "features/b.yml"), "b: uncommitted\n");
    const files = ["a", "b", "c"].map((k) => path.join(root, `features/${k}.yml`));
    const times = await fileChangeTimes(files);
    assert.equal(times.get(files[0]), Date.parse("2024-03-01T12:00:00Z"));
    assert.equal(times.get(files[1]), fs.statSync(files[1]).mtimeMs);
    assert.equal(times.get(files[2]), fs.statSync(files[2]).mtimeMs);
    // Outside git: modification times.
    const plain = tree({ "f.yml": "x: 1\n" });
    roots.push(plain);
    const t = await fileChangeTimes([path.join(plain, "f.yml")]);
    assert.equal(t.get(path.join(plain, "f.yml")), fs.statSync(path.join(plain, "f.yml")).mtimeMs);
  });
});
