// Benchmark of flag usages in code: a generated source tree (>= 50,000 files, ~500 MB, every
// language Flaglens reads) with usages of the benchmark project's 3,000 feature keys, scanned cold
// by `flaglens refs` and by `rg -F -f keys.txt` (when ripgrep is installed); then, in process,
// the re-scan of one edited file (scan, index update, diagnostics of that file).
//
//   import { benchCode } from "./bench/code.mjs"; const figures = await benchCode({ quick });
//
// Needs dist/ (node scripts/build.mjs) and the benchmark project .bench/fv (scripts/bench/project.mjs).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { detectGnuTime, timedRun } from "./lint.mjs";
import { codeIndexedServer } from "./lsp.mjs";
import { ensureProject, locateSharedBench } from "./project.mjs";
import { median, summarize } from "./stats.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const GENERATOR_VERSION = 5;
const FILES = 50_000;
const TARGET_BYTES = 500 * 1024 * 1024;
/** Keys from this index on are never used in code (for `unused`). */
const UNUSED_FROM = 2900;

/** A deterministic pseudo-random generator. */
function prng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS =
  "account order cart price total count index name label title value data items result error message config options handler request response user session token cache store queue event payload header body status code retry timeout limit offset page cursor filter sort query params route path file buffer stream reader writer parser builder factory service client server module plugin widget layout theme color size width height border margin padding".split(
    " ",
  );

const LANGS = [
  // [extension, share, language]
  [".ts", 0.42, "ts"],
  [".tsx", 0.12, "tsx"],
  [".js", 0.06, "js"],
  [".py", 0.1, "py"],
  [".go", 0.07, "go"],
  [".java", 0.06, "java"],
  [".kt", 0.04, "kt"],
  [".swift", 0.04, "swift"],
  [".rb", 0.03, "rb"],
  [".php", 0.03, "php"],
  [".cs", 0.03, "cs"],
];

function camel(r, n = 2) {
  let s = WORDS[Math.floor(r() * WORDS.length)];
  for (let i = 1; i < n; i++) {
    const w = WORDS[Math.floor(r() * WORDS.length)];
    s += w[0].toUpperCase() + w.slice(1);
  }
  return s;
}
const snake = (r, n = 2) => camel(r, n).replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const pascal = (r, n = 2) => {
  const c = camel(r, n);
  return c[0].toUpperCase() + c.slice(1);
};

/** A filler block of ordinary code in a language: functions, comments, strings, no flag usage. */
function filler(lang, r) {
  const a = camel(r);
  const b = camel(r);
  const c = camel(r, 3);
  const s = WORDS[Math.floor(r() * WORDS.length)];
  const n = Math.floor(r() * 1000);
  switch (lang) {
    case "ts":
    case "tsx":
    case "js": {
      const t = lang === "js" ? "" : ": number";
      return `/**
 * Computes the ${s} of a ${a}; it's used by the ${b} screen.
 */
export function ${c}(${a}${t}, ${b}${t})${t} {
  const ${s}List = [${n}, ${n + 1}, ${n + 2}].map((x) => x * ${a} + ${b});
  // don't inline this: the ${s} changes when "${b}" does
  const label = \`${s} \${${a}} of \${${b}}\`;
  if (${a} > ${n} && /^[a-z]+$/.test(label)) return ${s}List.length / 2;
  return ${s}List.reduce((p, q) => p + q, 0) + label.length;
}
`;
    }
    case "py":
      return `def ${snake(r, 3)}(${snake(r)}, ${snake(r)}=None):
    """Returns the ${s} for the ${a} (it's cached)."""
    # keep "${b}" in sync with the ${s} table
    values = [${n}, ${n + 1}, ${n + 2}]
    label = f"${s} {len(values)} of ${b}"
    return sum(v * 2 for v in values) + len(label)

`;
    case "go":
      return `// ${pascal(r, 3)} returns the ${s} of a ${a}; it's cheap.
func ${pascal(r, 3)}(${a} int, ${b} string) (int, error) {
	values := []int{${n}, ${n + 1}, ${n + 2}}
	label := fmt.Sprintf("${s} %d of %s", ${a}, ${b})
	if ${a} > ${n} {
		return 0, fmt.Errorf("too many ${s}: %d", ${a})
	}
	return len(values) + len(label), nil
}

`;
    case "java":
    case "cs":
      return `    /** Returns the ${s} of the ${a}; it's used by ${b}. */
    public int ${lang === "cs" ? pascal(r, 3) : c}(int ${a}, String ${b}) {
        int[] values = new int[] { ${n}, ${n + 1}, ${n + 2} };
        // don't reorder: "${s}" depends on ${b}
        String label = "${s} " + ${a} + " of " + ${b};
        return values.length + label.length();
    }

`;
    case "kt":
      return `/** Returns the ${s} of the ${a}; it's used by ${b}. */
fun ${c}(${a}: Int, ${b}: String): Int {
    val values = listOf(${n}, ${n + 1}, ${n + 2})
    val label = "${s} $${a} of \${${b}.length}"
    return values.sum() + label.length
}

`;
    case "swift":
      return `/// Returns the ${s} of the ${a}; it's used by ${b}.
func ${c}(_ ${a}: Int, ${b}: String) -> Int {
    let values = [${n}, ${n + 1}, ${n + 2}]
    let label = "${s} \\(${a}) of \\(${b})"
    return values.reduce(0, +) + label.count
}

`;
    case "rb":
      return `# Returns the ${s} of the ${a}; it's used by ${b}.
def ${snake(r, 3)}(${snake(r)}, ${snake(r)} = nil)
  values = [${n}, ${n + 1}, ${n + 2}]
  label = "${s} #{values.size} of ${b}"
  values.sum + label.length
end

`;
    case "php":
      return `    /** Returns the ${s} of the ${a}; it's used by ${b}. */
    public function ${c}(int $${a}, string $${b}): int {
        $values = [${n}, ${n + 1}, ${n + 2}];
        $label = "${s} {$${a}} of $${b}";
        return count($values) + strlen($label);
    }

`;
  }
  return "";
}

function header(lang, i, sdk) {
  if (!sdk) return plainHeader(lang, i);
  switch (lang) {
    case "ts":
    case "tsx":
    case "js":
      return `import { createInstance } from "@featurevisor/sdk";\nimport { useFlag } from "@featurevisor/react";\nimport { FLAGS } from "../../flags/keys";\n\nconst f = createInstance({});\n\n`;
    case "py":
      return `from featurevisor import create_instance\n\nf = create_instance({})\n\n`;
    case "go":
      return `package pkg${i % 100}\n\nimport (\n\t"fmt"\n\n\t"github.com/featurevisor/featurevisor-go"\n)\n\nvar f = featurevisor.CreateFeaturevisor(featurevisor.FeaturevisorOptions{})\n\n`;
    case "java":
      return `package com.acme.pkg${i % 100};\n\nimport com.featurevisor.sdk.Featurevisor;\n\npublic class C${i} {\n    private final Featurevisor featurevisor = Featurevisor.createInstance();\n\n`;
    case "cs":
      return `namespace Acme.Pkg${i % 100};\n\npublic class C${i}\n{\n    private readonly Featurevisor featurevisor = new Featurevisor();\n\n`;
    case "kt":
      return `package com.acme.pkg${i % 100}\n\nval f = createInstance(InstanceOptions())\n\n`;
    case "swift":
      return `import Featurevisor\n\nlet f = createFeaturevisor(FeaturevisorOptions())\n\n`;
    case "rb":
      return `require "featurevisor"\n\nf = Featurevisor.create_featurevisor(datafile: {})\n\n`;
    case "php":
      return `<?php\n\nnamespace Acme\\Pkg${i % 100};\n\nclass C${i}\n{\n    private $f;\n\n`;
  }
  return "";
}

/** The header of a file without flag usages: ordinary imports. */
function plainHeader(lang, i) {
  switch (lang) {
    case "ts":
    case "tsx":
    case "js":
      return `import { format } from "date-fns";\nimport { api } from "../../lib/api";\n\n`;
    case "py":
      return `import json\nimport logging\n\nlog = logging.getLogger(__name__)\n\n`;
    case "go":
      return `package pkg${i % 100}\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\n`;
    case "java":
      return `package com.acme.pkg${i % 100};\n\nimport java.util.List;\n\npublic class C${i} {\n\n`;
    case "cs":
      return `namespace Acme.Pkg${i % 100};\n\npublic class C${i}\n{\n\n`;
    case "kt":
      return `package com.acme.pkg${i % 100}\n\nimport kotlin.math.max\n\n`;
    case "swift":
      return `import Foundation\n\n`;
    case "rb":
      return `require "json"\n\n`;
    case "php":
      return `<?php\n\nnamespace Acme\\Pkg${i % 100};\n\nclass C${i}\n{\n\n`;
  }
  return "";
}

function footer(lang) {
  return lang === "java" || lang === "cs" || lang === "php" ? "}\n" : "";
}

/** One usage of `key` in a language; returns [code, expected usage count]. */
function usage(lang, key, kind, r) {
  const style = lang === "py" || lang === "rb" ? "snake" : lang === "go" || lang === "cs" ? "pascal" : "camel";
  const name = (m) =>
    style === "camel" ? m : style === "pascal" ? m[0].toUpperCase() + m.slice(1) : m.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
  const recv = lang === "java" || lang === "cs" ? "featurevisor" : lang === "php" ? "$this->f" : "f";
  const arrow = lang === "php" ? "->" : ".";
  const q = lang === "php" || lang === "rb" ? "'" : '"';
  const call = (m, args) => `${recv}${arrow}${name(m)}(${args.map((a) => q + a + q).join(", ")})`;
  const semi = lang === "py" || lang === "rb" || lang === "kt" || lang === "swift" || lang === "go" ? "" : ";";
  const indent = lang === "java" || lang === "cs" || lang === "php" ? "        " : "    ";
  const lhs = (lang === "php" ? "$v" : "v") + Math.floor(r() * 1e6);
  const assign = lang === "go" ? ":=" : "=";
  const line = (expr) => `${indent}${lhs} ${assign} ${expr}${semi}\n`;
  const variation = r() < 0.5 ? "control" : "treatment";
  switch (kind % 4) {
    case 0:
      return [line(call("isEnabled", [key])), 1];
    case 1:
      return [line(`${call("getVariation", [key])} == ${q}${variation}${q}`), 1];
    case 2:
      return [line(call(r() < 0.5 ? "getVariable" : "getVariableString", [key, "color"])), 1];
    default:
      return [lang === "tsx" ? line(`useFlag("${key}")`) : line(call("isEnabled", [key])), 1];
  }
}

/** Wraps usage lines in a function, declaring the variables where the language wants it. */
function usageBlock(lang, lines) {
  const body = lines.join("");
  const declare = (kw) => body.replace(/^( +)(v\d+ =)/gm, `$1${kw} $2`);
  switch (lang) {
    case "py":
      return `def use_flags():\n${body}    return None\n\n`;
    case "go":
      return `func useFlags() {\n${body.replace(/^ {4}/gm, "\t")}}\n\n`;
    case "rb":
      return `def use_flags(f)\n${body.replace(/^ {4}/gm, "  ")}end\n\n`;
    case "java":
      return `    public void useFlags() {\n${declare("var")}    }\n\n`;
    case "cs":
      return `    public void UseFlags()\n    {\n${declare("var")}    }\n\n`;
    case "php":
      return `    public function useFlags(): void {\n${body}    }\n\n`;
    case "kt":
      return `fun useFlags() {\n${declare("val")}}\n\n`;
    case "swift":
      return `func useFlags() {\n${declare("let")}}\n\n`;
    default:
      return `export function useFlags() {\n${declare("const")}}\n\n`;
  }
}

/** Near misses: keys in comments and unrelated strings, another object's isEnabled. */
function nearMiss(lang, key) {
  const c = lang === "py" || lang === "rb" ? "#" : "//";
  const q = '"';
  const semi = lang === "py" || lang === "rb" || lang === "go" || lang === "kt" || lang === "swift" ? "" : ";";
  const v = lang === "php" ? "$cache->" : "cache.";
  const lead = lang === "java" || lang === "cs" || lang === "php" ? "    " : "";
  return `${lead}${c} TODO: remove ${key} once the migration is done\n${lead}${c} ${v}isEnabled(${q}${key}${q}) is someone else's cache\n${lead}${c} log ${q}${key}${q}${semi}\n\n`;
}

/** Generates the tree; returns its manifest. */
function generateTree(dir, keys, log) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = prng(42);
  const perFile = TARGET_BYTES / FILES;
  let bytes = 0;
  let expected = 0;
  let usedKeys = 0;
  const used = new Set();
  const keyAt = (u) => keys[u % UNUSED_FROM];
  let u = 0;
  // Constants: flags/keys.ts declares FLAGS members used by TypeScript files.
  const constantKeys = keys.slice(0, 300);
  fs.mkdirSync(path.join(dir, "flags"), { recursive: true });
  const keysTs =
    "// Feature keys used across the app.\nexport const FLAGS = {\n" +
    constantKeys.map((k) => `  ${k.toUpperCase()}: "${k}",\n`).join("") +
    "} as const;\n";
  fs.writeFileSync(path.join(dir, "flags", "keys.ts"), keysTs);
  bytes += keysTs.length;
  const usedConstants = new Set();
  const cumulative = [];
  let acc = 0;
  for (const [ext, share, lang] of LANGS) cumulative.push([(acc += share), ext, lang]);
  for (let i = 0; i < FILES - 1; i++) {
    const x = r();
    const [, ext, lang] = cumulative.find(([c]) => x < c) ?? cumulative[cumulative.length - 1];
    const sub = path.join(dir, `pkg${i % 100}`, `mod${Math.floor(i / 100) % 50}`);
    // One file in ten uses flags (1 to 4 usages), one in twenty-five mentions a key without using it.
    const withUsages = i % 10 === 0;
    let text = header(lang, i, withUsages);
    let blockNo = 0;
    const size = perFile * (0.6 + r() * 0.78);
    while (text.length < size) {
      text += filler(lang, r);
      if (withUsages && blockNo === 3) {
        const lines = [];
        const count = 1 + Math.floor(r() * 4);
        for (let k = 0; k < count; k++) {
          const key = keyAt(u++);
          used.add(key);
          // TypeScript files sometimes go through the FLAGS constants.
          if ((lang === "ts" || lang === "tsx") && k === 0 && u % 3 === 0) {
            const ck = constantKeys[u % constantKeys.length];
            lines.push(`    v${u} = f.isEnabled(FLAGS.${ck.toUpperCase()});\n`);
            used.add(ck);
            usedConstants.add(ck);
            expected++;
            continue;
          }
          const [line, n] = usage(lang, key, u, r);
          lines.push(line);
          expected += n;
        }
        text += usageBlock(lang, lines);
      }
      if (i % 25 === 3 && blockNo === 1) text += nearMiss(lang, keyAt(i));
      blockNo++;
    }
    text += footer(lang);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `f${i}${ext}`), text);
    bytes += text.length;
    if (i % 10000 === 0 && i > 0) log(`generated ${i} files (${Math.round(bytes / 1048576)} MB)`);
  }
  expected += usedConstants.size; // each used constant is itself a reference
  usedKeys = used.size;
  // Ignored by .gitignore: usages there must not count.
  fs.writeFileSync(path.join(dir, ".gitignore"), "generated/\n*.min.js\n");
  fs.mkdirSync(path.join(dir, "generated"), { recursive: true });
  fs.writeFileSync(path.join(dir, "generated", "client.ts"), `f.isEnabled("${keys[0]}");\n`);
  fs.writeFileSync(path.join(dir, "app.min.js"), `f.isEnabled("${keys[1]}");\n`);
  const manifest = {
    version: GENERATOR_VERSION,
    files: FILES + 2,
    codeFiles: FILES,
    bytes,
    expectedReferences: expected,
    usedKeys,
    keysSha1: sha1(keys.join("\n")),
  };
  fs.writeFileSync(dir + ".json", JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function sha1(s) {
  return createHash("sha1").update(s).digest("hex");
}

/** The tree, generated once and reused while its manifest matches. */
function ensureTree(benchDir, keys, log) {
  const dir = path.join(benchDir, "src");
  try {
    const m = JSON.parse(fs.readFileSync(dir + ".json", "utf8"));
    if (m.version === GENERATOR_VERSION && m.keysSha1 === sha1(keys.join("\n")) && fs.existsSync(path.join(dir, "flags", "keys.ts"))) {
      log(`reusing ${path.relative(repo, dir)} (${m.codeFiles} files, ${Math.round(m.bytes / 1048576)} MB)`);
      return { dir, ...m, generated: false };
    }
  } catch {
    // Generate.
  }
  log(`generating ${FILES} source files (~${Math.round(TARGET_BYTES / 1048576)} MB) into ${path.relative(repo, dir)}`);
  const started = performance.now();
  const m = generateTree(dir, keys, log);
  log(`generated in ${Math.round(performance.now() - started)} ms`);
  return { dir, ...m, generated: true };
}

/** A function that evicts folders from the page cache (scripts/bench/evict.py), or null without python3. */
function evictor() {
  const script = path.join(repo, "scripts", "bench", "evict.py");
  const probe = spawnSync("python3", [script], { encoding: "utf8" });
  if (probe.status !== 0) return null;
  return (dirs) => {
    const r = spawnSync("python3", [script, ...dirs], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`evict.py failed: ${r.stderr.trim().slice(-300)}`);
  };
}

function hasRipgrep() {
  const r = spawnSync("rg", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0] : undefined;
}

/** Bundles the engine for the in-process re-scan measurement. */
async function engine(benchDir) {
  const esbuild = await import("esbuild");
  const entry = path.join(benchDir, "code-engine-entry.ts");
  fs.writeFileSync(
    entry,
    [
      `export { scanCodeTree } from ${JSON.stringify(path.join(repo, "server/src/node/codeScan"))};`,
      `export { Scanner } from ${JSON.stringify(path.join(repo, "server/src/service/code/scan"))};`,
      `export { FlagCatalog } from ${JSON.stringify(path.join(repo, "server/src/service/code/catalog"))};`,
      `export { doCodeDiagnostics } from ${JSON.stringify(path.join(repo, "server/src/service/code/diagnostics"))};`,
      `export { Workspace } from ${JSON.stringify(path.join(repo, "server/src/service/workspace"))};`,
      `export { nodeFileSystem } from ${JSON.stringify(path.join(repo, "server/src/node/nodeFileSystem"))};`,
      "",
    ].join("\n"),
  );
  const outfile = path.join(benchDir, "code-engine.cjs");
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile, logLevel: "warning" });
  const { createRequire } = await import("node:module");
  return createRequire(import.meta.url)(outfile);
}

/** The re-scan of one edited file: scan, index update and that file's diagnostics, per edit. */
async function measureRescan(benchDir, tree, projectDir, edits, log) {
  const e = await engine(benchDir);
  const workspace = new e.Workspace(e.nodeFileSystem, { log: () => undefined });
  await workspace.addProject(projectDir);
  const catalog = new e.FlagCatalog([...workspace.projects.values()]);
  const started = performance.now();
  const { index, files } = await e.scanCodeTree({ root: tree.dir });
  const coldInProcessMs = performance.now() - started;
  log(`in-process scan (one thread): ${Math.round(coldInProcessMs)} ms`);
  const scanner = new e.Scanner();
  const withUsages = files.filter((f) => index.usages(f).length > 0);
  const target =
    withUsages.find(
      (f) => f.endsWith(".ts") && index.usages(f).some((u) => u.method === "isEnabled" && u.keyRange) && fs.statSync(f).size > 9000,
    ) ?? withUsages[0];
  const original = fs.readFileSync(target, "utf8");
  const keys = catalog.keys();
  const times = [];
  for (let i = 0; i < edits; i++) {
    // An edit as an editor sends it: the whole new text, with one flag key changed.
    const text = original.replace(/isEnabled\("[^"]*"\)/, `isEnabled("${keys[i % keys.length]}")`) + `\n// edit ${i}\n`;
    const t0 = performance.now();
    const scan = scanner.scan(target, text);
    index.update([[target, scan]]);
    const diagnostics = e.doCodeDiagnostics(index.usages(target), catalog);
    times.push(performance.now() - t0);
    if (diagnostics === undefined) throw new Error("no diagnostics");
  }
  return {
    file: path.relative(repo, target),
    bytes: original.length,
    edits,
    ...summarize(times),
    coldInProcessMs: Math.round(coldInProcessMs),
  };
}

/**
 * Runs the benchmark. Returns figures: the tree, cold `flaglens refs` and `rg` wall times
 * (medians of interleaved runs), their ratio against the 2x target, whether the references found
 * are the ones generated, and the re-scan latency after an edit (target 20 ms).
 */
export async function benchCode({ quick = false, log = (m) => process.stderr.write(`bench code: ${m}\n`) } = {}) {
  const benchDir = path.join(repo, ".bench");
  const shared = locateSharedBench();
  if (!shared.generator) return { skipped: "../shared/bench is missing (set FLAGLENS_SHARED)" };
  if (!fs.existsSync(path.join(repo, "dist", "cli.js"))) return { skipped: "dist/cli.js is missing: run node scripts/build.mjs" };
  const project = ensureProject(shared.generator, benchDir, log);
  const keys = fs
    .readdirSync(path.join(project.dir, "features"))
    .filter((f) => f.endsWith(".yml"))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, "")) || (a < b ? -1 : 1));
  const tree = ensureTree(benchDir, keys, log);
  const keysFile = path.join(benchDir, "keys.txt");
  fs.writeFileSync(keysFile, keys.join("\n") + "\n");
  const runs = quick ? 3 : 7;
  const cli = path.join(repo, "bin", "flaglens.js");
  const refsArgs = [cli, "refs", "--project", project.dir, "--root", tree.dir, "--format", "json"];
  const rgArgs = ["-F", "-f", keysFile, tree.dir];
  const rg = hasRipgrep();
  const gnuTime = detectGnuTime();
  const run = (cmd, args) => timedRun(cmd, args, { cwd: repo, timeoutMs: 300_000, gnuTime });
  const flaglens = [];
  const ripgrep = [];
  let references;
  let rgLines;
  let flaglensError;
  const loadStart = os.loadavg().map((x) => x.toFixed(2));
  const cpuText = (r) => (r.cpuMs === null ? "" : ` (${Math.round(r.cpuMs)} ms CPU)`);
  // Cold disk: before each run, the tree and the project leave the page cache, so both tools read
  // from the disk, as a first scan after a checkout or a reboot does.
  const evict = evictor();
  const coldRuns = quick ? 2 : 3;
  const cold = { flaglens: [], ripgrep: [] };
  if (evict) {
    for (let i = 0; i < coldRuns; i++) {
      evict([tree.dir, project.dir]);
      const a = await run(process.execPath, refsArgs);
      if (a.code !== 0) flaglensError = a.stderr.slice(-500);
      cold.flaglens.push(a);
      if (rg) {
        evict([tree.dir]);
        cold.ripgrep.push(await run("rg", rgArgs));
      }
      log(
        `cold disk run ${i + 1}/${coldRuns}: flaglens refs ${Math.round(a.wallMs)} ms${cpuText(a)}${rg ? `, rg ${Math.round(cold.ripgrep[i].wallMs)} ms${cpuText(cold.ripgrep[i])}` : ""}`,
      );
    }
  } else log("cold disk runs skipped: python3 with os.posix_fadvise is needed to evict the tree from the page cache");
  // Page cache: the tree read once, so both read from memory ("cold" is then a new process, not a cold disk).
  await run(process.execPath, refsArgs);
  if (rg) await run("rg", rgArgs);
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < runs; i++) {
    const a = await run(process.execPath, refsArgs);
    if (a.code !== 0) flaglensError = a.stderr.slice(-500);
    flaglens.push(a);
    if (i === 0 && a.code === 0) references = JSON.parse(a.stdout).references;
    if (rg) {
      const b = await run("rg", rgArgs);
      ripgrep.push(b);
      rgLines = b.stdout.split("\n").filter(Boolean).length;
    }
    log(
      `page cache run ${i + 1}/${runs}: flaglens refs ${Math.round(a.wallMs)} ms${cpuText(a)}${rg ? `, rg ${Math.round(ripgrep[i].wallMs)} ms${cpuText(ripgrep[i])}` : ""}`,
    );
  }
  const wall = (rs) => median(rs.map((r) => r.wallMs));
  const cpu = (rs) => (rs.every((r) => r.cpuMs !== null) ? median(rs.map((r) => r.cpuMs)) : null);
  const refsMedian = wall(flaglens);
  const rgMedian = rg ? wall(ripgrep) : null;
  const coldRefs = evict ? wall(cold.flaglens) : null;
  const coldRg = evict && rg ? wall(cold.ripgrep) : null;
  const found = references?.length ?? null;
  const ignoredLeaked = references?.some((r) => r.file.startsWith("generated/") || r.file.endsWith(".min.js")) ?? null;
  const rescan = await measureRescan(benchDir, tree, project.dir, quick ? 50 : 200, log);
  // The language server on a folder holding the project and the tree: RSS with the code indexed.
  let server;
  try {
    server = await codeIndexedServer({ serverJs: path.join(repo, "dist", "server.js"), folder: benchDir, timeoutMs: 300_000, log });
  } catch (e) {
    server = { error: String(e?.message ?? e) };
  }
  return {
    tree: {
      dir: path.relative(repo, tree.dir),
      files: tree.files,
      megabytes: Math.round(tree.bytes / 1048576),
      keys: keys.length,
      expectedReferences: tree.expectedReferences,
      generated: tree.generated,
    },
    refs: {
      medianMs: Math.round(refsMedian),
      cpuMs: cpu(flaglens) === null ? null : Math.round(cpu(flaglens)),
      runsMs: flaglens.map((r) => Math.round(r.wallMs)),
      references: found,
      correct: found === tree.expectedReferences && ignoredLeaked === false,
      error: flaglensError,
    },
    ripgrep: rg
      ? {
          version: rg,
          medianMs: Math.round(rgMedian),
          cpuMs: cpu(ripgrep) === null ? null : Math.round(cpu(ripgrep)),
          runsMs: ripgrep.map((r) => Math.round(r.wallMs)),
          matchingLines: rgLines,
        }
      : { skipped: "rg is not installed" },
    coldDisk: evict
      ? {
          refsMedianMs: Math.round(coldRefs),
          refsRunsMs: cold.flaglens.map((r) => Math.round(r.wallMs)),
          ripgrepMedianMs: coldRg === null ? null : Math.round(coldRg),
          ripgrepRunsMs: cold.ripgrep.map((r) => Math.round(r.wallMs)),
          ratio: coldRg ? Math.round((coldRefs / coldRg) * 100) / 100 : null,
        }
      : { skipped: "python3 with os.posix_fadvise is needed to evict the tree from the page cache" },
    ratio: rg ? Math.round((refsMedian / rgMedian) * 100) / 100 : null,
    targets: {
      // "Scanned cold": both tools reading the tree from the disk.
      coldAtMost2xRipgrep: coldRg ? coldRefs <= 2 * coldRg : null,
      pageCacheAtMost2xRipgrep: rg ? refsMedian <= 2 * rgMedian : null,
      rescanP95AtMost20ms: rescan.p95 <= 20,
    },
    rescan,
    server,
    machine: {
      cpus: os.availableParallelism(),
      node: process.version,
      loadavgStart: loadStart,
      loadavgEnd: os.loadavg().map((x) => x.toFixed(2)),
    },
  };
}

// Run directly: node scripts/bench/code.mjs [--quick]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await benchCode({ quick: process.argv.includes("--quick") });
  process.stdout.write(JSON.stringify(figures, null, 2) + "\n");
}
