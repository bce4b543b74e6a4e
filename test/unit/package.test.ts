// What `vsce package` would put into the .vsix: only the bundles, the schemas,
// the manifest, README, CHANGELOG, LICENSE, the icon and the README's images (.vscodeignore
// is a whitelist). The .vsix's README (its details page) is EXTENSION.md, given to vsce by
// `npm run package` with --readme-path and --no-rewrite-relative-links: VS Code shows it from
// the installed extension, so every image and link it names relatively must be packaged.
//
// `vsce ls` walks every file under its folder before it applies .vscodeignore,
// which takes over 20 s beside a generated benchmark project (.bench/, 50,000
// files). So it runs on a stage: hard links of the files git knows (tracked or
// not ignored) plus the build outputs dist/ and out/, i.e. a fresh clone after
// `npm run build && npm run compile`. Without git it runs in the repository.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = process.cwd();
const VSCE = path.join(ROOT, "node_modules/@vscode/vsce/vsce");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  contributes: { walkthroughs?: { steps: { media: { markdown?: string; image?: string } }[] }[] };
};
/** The media files of the walkthroughs' steps. */
const WALKTHROUGH_MEDIA = (MANIFEST.contributes.walkthroughs ?? [])
  .flatMap((w) => w.steps.flatMap((step) => [step.media.markdown, step.media.image]))
  .filter((file): file is string => typeof file === "string")
  .map((file) => path.posix.normalize(file));
/** The --readme-path that `npm run package` gives vsce. */
const README = /--readme-path\s+(\S+)/.exec(MANIFEST.scripts.package)?.[1];
const EXACT = [
  "package.json",
  "EXTENSION.md",
  "docs/flags-view.png",
  "docs/preview-as-user.png",
  "docs/rollout-changes.png",
  "docs/rollout-panel.png",
  "docs/screenshot-code.png",
  "docs/screenshot-diagnostics.png",
  "docs/screenshot-tests.png",
  "CHANGELOG.md",
  "LICENSE",
  "icon.png",
  "media/flags.svg",
  "media/panel/panel.css",
  "media/panel/panel.js",
  "dist/extension.js",
  "dist/server.js",
  "dist/tree-sitter-go.wasm",
  "dist/tree-sitter-python.wasm",
  "dist/tree-sitter.wasm",
  "dist/tsRewrite.js",
  "dist/validatorsV1.js",
  "dist/validatorsV2.js",
  "dist/validatorsV3.js",
  "media/walkthrough/code.md",
  "media/walkthrough/preview.md",
  "media/walkthrough/problems.md",
  "media/walkthrough/project.md",
];

function gitFiles(): string[] | undefined {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.split("\0").filter((file) => file !== "" && fs.existsSync(path.join(ROOT, file)));
  } catch {
    return undefined;
  }
}

function walk(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function stage(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-vsce-"));
  for (const file of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.linkSync(path.join(ROOT, file), target);
    } catch {
      fs.copyFileSync(path.join(ROOT, file), target);
    }
  }
  return dir;
}

function vsceLs(cwd: string): string[] {
  const readme = README ? ["--readme-path", README] : [];
  return execFileSync(process.execPath, [VSCE, "ls", "--no-dependencies", ...readme], { cwd, encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
}

describe("the .vsix contents (vsce ls)", function () {
  this.timeout(30_000);
  let listed: string[];
  let schemas: string[];

  before(function () {
    for (const bundle of ["dist/extension.js", "dist/server.js"]) {
      assert.ok(fs.existsSync(path.join(ROOT, bundle)), `${bundle} is missing: run npm run build first`);
    }
    schemas = walk("schemas").sort();
    const known = gitFiles();
    if (known === undefined) {
      listed = vsceLs(ROOT);
      return;
    }
    const dir = stage([...new Set([...known, ...walk("dist"), ...walk("out")])]);
    try {
      listed = vsceLs(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("holds exactly the manifest, README and its images, CHANGELOG, LICENSE, icons, the bundles and the schemas", () => {
    assert.deepEqual(listed, [...EXACT, ...schemas].sort());
  });

  it("holds no source, test, fixture, example, source map or node_modules file", () => {
    const leaked = listed.filter(
      (file) =>
        /^(client|server|test|example|scripts|bench|out|docs|media|node_modules|\.e2e|\.bench)\/|\.(ts|map)$|^dist\/cli\.js$/.test(file) &&
        !/^docs\/[^/]+\.png$/.test(file) &&
        file !== "media/flags.svg" &&
        !/^media\/panel\/panel\.(js|css)$/.test(file) &&
        !WALKTHROUGH_MEDIA.includes(file),
    );
    assert.deepEqual(leaked, []);
  });

  it("has a user-facing README whose every relative image and link is packaged", () => {
    assert.ok(README, "npm run package gives vsce no --readme-path");
    assert.match(MANIFEST.scripts.package, /--no-rewrite-relative-links/, "vsce would point relative links at the repository");
    assert.ok(listed.includes(README), `${README} is not packaged`);
    const text = fs.readFileSync(path.join(ROOT, README), "utf8");
    // The repository README starts with the developer's commands; the extension's page does not.
    assert.doesNotMatch(text.split("\n## ")[0], /npm (ci|test|run)/);
    const targets = [
      ...[...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]),
      ...[...text.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1]),
    ];
    const images = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, "the README shows no screenshot");
    // vsce moves the README to the package's root (extension/readme.md), so relative links resolve from there.
    const relative = targets.filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith("#")).map((t) => path.posix.normalize(t.split("#")[0]));
    assert.deepEqual(
      relative.filter((t) => !listed.includes(t)),
      [],
      `packaged: ${listed.filter((f) => !f.startsWith("schemas/")).join(", ")}`,
    );
    for (const image of images.filter((t) => !/^[a-z]+:/i.test(t))) {
      const png = fs.readFileSync(path.join(ROOT, image));
      assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", `${image} is not a PNG`);
    }
  });

  it("packages every walkthrough step's media, and every image a media file shows", () => {
    assert.ok(WALKTHROUGH_MEDIA.length >= 3, "no Getting Started walkthrough with media");
    for (const media of WALKTHROUGH_MEDIA) {
      assert.ok(fs.existsSync(path.join(ROOT, media)), `${media} does not exist`);
      assert.ok(listed.includes(media), `${media} is not packaged`);
      if (!media.endsWith(".md")) continue;
      const text = fs.readFileSync(path.join(ROOT, media), "utf8");
      // VS Code resolves a markdown medium's relative links from the medium's own folder.
      for (const [, target] of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(media), target));
        assert.ok(listed.includes(file), `${media} shows ${target} (${file}), which is not packaged`);
      }
    }
  });

  it("ships an icon of 128x128 pixels", () => {
    const png = fs.readFileSync(path.join(ROOT, "icon.png"));
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
