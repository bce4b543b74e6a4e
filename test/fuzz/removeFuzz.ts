// The fuzz of `flaglens remove --write` on Python and Go (issue #12): mutated inputs (the fixture
// cases of test/unit/fixes and a few seeds, with flag-shaped mutations: `if`/`elif`/`else if`
// added around and inside statements, negations, conjunctions, and the generic code mutations of
// mutate.ts) are kept when Python's `ast.parse` / `gofmt -e` accepts them; the bundled CLI then
// rewrites them all with --write, and every written file must parse for the same judge.
// `npm run fuzz -- --remove [--count N] [--seed S]` runs a larger count.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GO_CASES } from "../unit/fixes/cases/go";
import { PYTHON_CASES } from "../unit/fixes/cases/python";
import { goSyntaxErrors, pythonSyntaxErrors } from "../unit/fixes/parsers";
import { mutate } from "./mutate";
import { Prng } from "./prng";

export type FuzzLanguage = "python" | "go";

const KEY = "checkout";

const PY_FLAGS = [`f.is_enabled("${KEY}")`, `f.get_variation("${KEY}") == "treatment"`, `f.is_enabled("${KEY}", ctx)`];
const GO_FLAGS = [`f.IsEnabled("${KEY}")`, `f.GetVariation("${KEY}") == "treatment"`, `f.IsEnabled("${KEY}", ctx)`];

const PY_SEEDS = [
  `def g(f, a, ctx):\n    if a:\n        x()\n    elif ${PY_FLAGS[0]}:\n        if ${PY_FLAGS[0]}:\n            y()\n    else:\n        z()\n    return 1\n`,
  `def h(f, items):\n    for i in items:\n        if not ${PY_FLAGS[0]}:\n            continue\n        print(i)\n    while ${PY_FLAGS[0]}:\n        break\n    return [i for i in items if ${PY_FLAGS[0]}]\n`,
  `class C:\n    def m(self, f):\n        value = "on" if ${PY_FLAGS[0]} else "off"\n        try:\n            if ${PY_FLAGS[1]}:\n                return value\n        except Exception:\n            pass\n        return None\n`,
];

const GO_SEEDS = [
  `package app\n\nfunc G(f *Instance, a bool, ctx Context) int {\n\tif a {\n\t\tx()\n\t} else if ${GO_FLAGS[0]} {\n\t\tif ${GO_FLAGS[0]} {\n\t\t\ty()\n\t\t}\n\t} else {\n\t\tz()\n\t}\n\treturn 1\n}\n`,
  `package app\n\nfunc H(f *Instance, items []int) int {\n\tfor _, i := range items {\n\t\tif !${GO_FLAGS[0]} {\n\t\t\tcontinue\n\t\t}\n\t\tprintln(i)\n\t}\n\tswitch {\n\tcase ${GO_FLAGS[0]}:\n\t\treturn 1\n\t}\n\treturn 0\n}\n`,
];

function seeds(language: FuzzLanguage): string[] {
  const cases = language === "python" ? PYTHON_CASES : GO_CASES;
  const fromCases = cases.map((c) => c.before.split(`"${c.key}"`).join(`"${KEY}"`));
  return [...fromCases, ...(language === "python" ? PY_SEEDS : GO_SEEDS)];
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** A mutation that puts the flag where rewrites are delicate. */
function flagMutation(text: string, language: FuzzLanguage, rng: Prng): string {
  const lines = text.split("\n");
  const flags = language === "python" ? PY_FLAGS : GO_FLAGS;
  const flag = () => rng.pick(flags);
  const step = language === "python" ? "    " : "\t";
  const body = (ind: string): string[] =>
    language === "python"
      ? rng.pick([
          [`${ind}pass`],
          [`${ind}return 1`],
          [`${ind}x()`],
          [`${ind}if ${flag()}:`, `${ind}${step}y()`],
          [`${ind}if ${flag()}:`, `${ind}${step}y()`, `${ind}else:`, `${ind}${step}z()`],
          [`${ind}# only a comment`, `${ind}x()`],
        ])
      : rng.pick([
          [`${ind}x()`],
          [`${ind}return`],
          [`${ind}if ${flag()} {`, `${ind}${step}y()`, `${ind}}`],
          [`${ind}if ${flag()} {`, `${ind}${step}y()`, `${ind}} else {`, `${ind}${step}z()`, `${ind}}`],
          [`${ind}// only a comment`, `${ind}x()`],
        ]);
  const i = rng.int(lines.length);
  const line = lines[i];
  const ind = indentOf(line);
  switch (rng.int(5)) {
    case 0: {
      // An else-if clause before an else.
      const elses = lines
        .map((l, k) => (language === "python" ? /^\s*else\s*:/.test(l) : /^\s*\}\s*else\s*\{/.test(l)) && k)
        .filter((k) => k !== false);
      if (elses.length === 0) return text;
      const k = rng.pick(elses);
      const ki = indentOf(lines[k]);
      const head = language === "python" ? [`${ki}elif ${flag()}:`] : [`${ki}} else if ${flag()} {`];
      const tail = language === "python" ? [] : [`${ki}} else {`];
      lines.splice(k, 1, ...head, ...body(ki + step), ...(language === "python" ? [lines[k]] : tail));
      return lines.join("\n");
    }
    case 1: {
      // A statement wrapped in an if on the flag.
      if (line.trim() === "") return text;
      const wrapped = language === "python" ? [`${ind}if ${flag()}:`, step + line] : [`${ind}if ${flag()} {`, step + line, `${ind}}`];
      lines.splice(i, 1, ...wrapped);
      return lines.join("\n");
    }
    case 2: {
      // An if/else on the flag inserted before a statement.
      if (line.trim() === "") return text;
      const block =
        language === "python"
          ? [`${ind}if ${flag()}:`, ...body(ind + step), ...(rng.chance(0.5) ? [`${ind}else:`, ...body(ind + step)] : [])]
          : [`${ind}if ${flag()} {`, ...body(ind + step), ...(rng.chance(0.5) ? [`${ind}} else {`, ...body(ind + step)] : []), `${ind}}`];
      lines.splice(i, 0, ...block);
      return lines.join("\n");
    }
    case 3: {
      // The flag negated or combined.
      const call = language === "python" ? /\bf\.is_enabled\("checkout"[^)]*\)/g : /\bf\.IsEnabled\("checkout"[^)]*\)/g;
      const spots = [...text.matchAll(call)];
      if (spots.length === 0) return text;
      const m = rng.pick(spots);
      const forms =
        language === "python"
          ? [`not ${m[0]}`, `(${m[0]} and a)`, `(a or ${m[0]})`, `(${m[0]} if a else b)`, `not (${m[0]})`]
          : [`!${m[0]}`, `(${m[0]} && a)`, `(a || ${m[0]})`, `!(${m[0]})`];
      return text.slice(0, m.index) + rng.pick(forms) + text.slice(m.index! + m[0].length);
    }
    default: {
      // A body replaced by one that ends the block.
      if (line.trim() === "") return text;
      lines.splice(i, 1, ...body(ind));
      return lines.join("\n");
    }
  }
}

function mutant(seed: string, language: FuzzLanguage, rng: Prng): string {
  let t = seed;
  const n = rng.range(1, 3);
  for (let k = 0; k < n; k++) {
    t = rng.chance(0.75) ? flagMutation(t, language, rng) : mutate(t, "code", rng, { keys: [KEY], extreme: false }).text;
  }
  return t;
}

/** The syntax errors of texts by the language's own judge, or undefined when it is not installed. */
export function judge(language: FuzzLanguage, texts: string[]): (string | null)[] | undefined {
  if (language === "python") return pythonSyntaxErrors(texts);
  const go = goSyntaxErrors(texts);
  return go.method === "gofmt" ? go.errors : undefined;
}

/** Mutated inputs the judge accepts, `count` of them (fewer when the attempts run out). */
export function parsingMutants(language: FuzzLanguage, count: number, seed: number): { inputs: string[]; tried: number } {
  const rng = new Prng(seed);
  const pool = seeds(language);
  const inputs: string[] = [];
  const seen = new Set<string>();
  let tried = 0;
  for (let round = 0; round < 20 && inputs.length < count; round++) {
    const batch: string[] = [];
    for (let k = 0; k < Math.max(200, (count - inputs.length) * 2); k++) {
      const t = mutant(rng.pick(pool), language, rng);
      // A lone surrogate cannot be written as UTF-8: such a file never reaches the disk.
      if (!seen.has(t) && !/[\ud800-\udfff]/u.test(t)) {
        seen.add(t);
        batch.push(t);
      }
    }
    tried += batch.length;
    const errors = judge(language, batch);
    if (!errors) return { inputs: [], tried };
    batch.forEach((t, k) => {
      if (errors[k] === null && inputs.length < count) inputs.push(t);
    });
  }
  return { inputs, tried };
}

const PROJECT: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["production"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  [`features/${KEY}.yml`]: [
    "description: Checkout",
    "tags: [all]",
    "bucketBy: userId",
    "variations:",
    "  - value: control",
    "    weight: 50",
    "  - value: treatment",
    "    weight: 50",
    "rules:",
    "  production:",
    "    - key: everyone",
    '      segments: "*"',
    "      percentage: 100",
    "",
  ].join("\n"),
};

/** One failure: an input the judge accepted whose written output it rejects. */
export interface RemoveFuzzFailure {
  keep: string;
  input: string;
  output: string;
  error: string;
}

export interface RemoveFuzzSummary {
  language: FuzzLanguage;
  /** Mutated inputs that parse (each rewritten once per keep). */
  inputs: number;
  /** Mutants tried to find them. */
  tried: number;
  /** Files `remove --write` changed, over both keeps. */
  written: number;
  /** Files the CLI left unchanged because tree-sitter found the input did not parse. */
  refusedInput: number;
  /** Files the CLI left unchanged because the rewrite would not parse. */
  refusedOutput: number;
  failures: RemoveFuzzFailure[];
}

interface CliNote {
  kind: string;
  message: string;
}

/**
 * Writes the inputs into a project, runs the bundled CLI's `remove --write` (keep enabled, then
 * disabled, each on a fresh copy) and judges every written file.
 */
export function fuzzRemove(language: FuzzLanguage, count: number, seed: number, cli: string): RemoveFuzzSummary | undefined {
  const { inputs, tried } = parsingMutants(language, count, seed);
  if (inputs.length === 0) return undefined;
  const ext = language === "python" ? "py" : "go";
  const summary: RemoveFuzzSummary = {
    language,
    inputs: inputs.length,
    tried,
    written: 0,
    refusedInput: 0,
    refusedOutput: 0,
    failures: [],
  };
  for (const keep of ["enabled", "disabled"]) {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-remove-fuzz-")));
    try {
      for (const [rel, text] of Object.entries(PROJECT)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      }
      // One folder per input: a Go package or a Python module of its own, so no name crosses files.
      const files = inputs.map((text, k) => {
        const file = path.join(root, "src", `m${k}`, `main.${ext}`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return file;
      });
      const r = spawnSync(process.execPath, [cli, "remove", KEY, "--keep", keep, "--root", root, "--write", "--format", "json"], {
        encoding: "utf8",
        maxBuffer: 256 << 20,
      });
      if (r.status !== 0 && r.status !== 1) throw new Error(`flaglens remove exited ${r.status}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as { files: { file: string; notes: CliNote[] }[] };
      for (const f of report.files) {
        if (f.notes.some((n) => n.message.includes("the file does not parse"))) summary.refusedInput++;
        if (f.notes.some((n) => n.message.includes("the rewrite would not parse"))) summary.refusedOutput++;
      }
      const outputs = files.map((f) => fs.readFileSync(f, "utf8"));
      const changed = outputs.map((o, k) => o !== inputs[k]);
      summary.written += changed.filter(Boolean).length;
      const idx = changed.map((c, k) => (c ? k : -1)).filter((k) => k >= 0);
      const errors =
        judge(
          language,
          idx.map((k) => outputs[k]),
        ) ?? [];
      idx.forEach((k, j) => {
        if (errors[j] !== null) summary.failures.push({ keep, input: inputs[k], output: outputs[k], error: String(errors[j]) });
      });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return summary;
}

export function formatRemoveSummary(s: RemoveFuzzSummary): string {
  return (
    `${s.language}: ${s.inputs} mutated inputs that parse (of ${s.tried} tried), rewritten with --keep enabled and disabled: ` +
    `${s.written} files written, ${s.failures.length} that do not parse; refused: ${s.refusedInput} inputs tree-sitter ` +
    `does not parse, ${s.refusedOutput} rewrites that would not parse`
  );
}
