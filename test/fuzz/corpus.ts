// The fuzzed workspace: copies of the example projects and application code that uses their flags,
// in a temporary folder that the language server opens as its workspace.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A file the fuzzer mutates, with its original text. */
export interface CorpusFile {
  /** Relative to the workspace root, with forward slashes. */
  rel: string;
  kind: "yaml" | "code";
  languageId: string;
  original: string;
}

/** The workspace on disk and what is in it. */
export interface Corpus {
  root: string;
  files: CorpusFile[];
  /** Entity keys of all projects (features, segments, attributes, groups), used by mutations. */
  keys: string[];
  /** The projects copied, by folder name. */
  projects: string[];
}

/** The shared Featurevisor fixture projects, copied when present (they are not part of the repository). */
const SHARED = path.resolve(process.cwd(), "../shared/fixtures/featurevisor");
const SHARED_PROJECTS = ["v1-example-1", "v3.1-example-1"];

function codeFiles(features: string[]): Record<string, [string, string]> {
  const [a, b, c] = [features[0] ?? "a", features[1] ?? "b", features[2] ?? "c"];
  return {
    "src/app.ts": [
      "typescript",
      `import { createInstance } from "@featurevisor/sdk";\n\nconst f = createInstance({ datafileUrl: "/datafile.json" });\n\nexport function render(user: { id: string }) {\n  if (f.isEnabled("${a}", { userId: user.id })) return "new";\n  const v = f.getVariation("${b}", { userId: user.id });\n  if (v === "treatment") return "b";\n  const color = f.getVariable("${a}", "buttonColor", { userId: user.id });\n  return f.isEnabled("${c}") ? String(color) : "old";\n}\n`,
    ],
    "src/view.js": [
      "javascript",
      `const { f } = require("./flags");\n\nconst KEY = "${b}";\n\nmodule.exports = function view() {\n  switch (f.getVariation(KEY)) {\n    case "control":\n      return f.getVariable("${b}", "steps");\n    default:\n      return f.isEnabled("${c}");\n  }\n};\n`,
    ],
    "src/flags.py": [
      "python",
      `from featurevisor import create_instance\n\nf = create_instance({"datafile_url": "/datafile.json"})\n\n\ndef render(user_id):\n    if f.is_enabled("${a}", {"userId": user_id}):\n        return f.get_variable("${a}", "buttonColor")\n    return f.get_variation("${b}", {"userId": user_id}) == "treatment"\n`,
    ],
    "src/main.go": [
      "go",
      `package main\n\nimport "fmt"\n\nfunc render(f *Instance, ctx Context) {\n\tif f.IsEnabled("${a}", ctx) {\n\t\tfmt.Println(f.GetVariable("${a}", "buttonColor", ctx))\n\t}\n\tif f.GetVariation("${c}", ctx) == "treatment" {\n\t\tfmt.Println("b")\n\t}\n}\n`,
    ],
  };
}

function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out.sort();
}

/** Copies the projects and writes the code files into a new temporary folder. */
export function createCorpus(): Corpus {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-fuzz-")));
  const sources: [string, string][] = [["example", path.resolve(process.cwd(), "example")]];
  for (const name of SHARED_PROJECTS) {
    const dir = path.join(SHARED, name);
    if (fs.existsSync(path.join(dir, "featurevisor.config.js"))) sources.push([name, dir]);
  }
  for (const [name, dir] of sources) fs.cpSync(dir, path.join(root, name), { recursive: true });
  const files: CorpusFile[] = [];
  const keys = new Set<string>();
  for (const rel of walk(root)) {
    const m = /\/(features|segments|attributes|groups)\/(.+)\.ya?ml$/.exec(rel);
    if (m) keys.add(m[2]);
    if (/\.ya?ml$/.test(rel))
      files.push({ rel, kind: "yaml", languageId: "yaml", original: fs.readFileSync(path.join(root, rel), "utf8") });
    else if (rel.endsWith("featurevisor.config.js"))
      files.push({ rel, kind: "code", languageId: "javascript", original: fs.readFileSync(path.join(root, rel), "utf8") });
  }
  const features = walk(path.join(root, "example", "features")).map((f) => f.replace(/\.ya?ml$/, ""));
  for (const [rel, [languageId, text]] of Object.entries(codeFiles(features))) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    files.push({ rel, kind: "code", languageId, original: text });
  }
  return { root, files, keys: [...keys].sort(), projects: sources.map(([n]) => n) };
}

/** Removes the temporary folder. */
export function removeCorpus(corpus: Corpus): void {
  fs.rmSync(corpus.root, { recursive: true, force: true });
}
