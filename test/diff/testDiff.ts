// The machinery of the differential tests of `flaglens test` against the real `featurevisor test` (1.11.1 from
// npm, 2.27.0 and 3.1.0 from ../shared/oracles): run both on the same project copy, read each tool's verdict per
// spec file and per assertion (in order: Featurevisor prints one ✔ or ✘ line per assertion after matrix
// expansion, Flaglens gives one JSON result per assertion), and compare.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FLAGLENS_CLI, run } from "./lintDiff";

/** One tool's verdict on one spec file. */
export interface SpecVerdict {
  /** The feature or segment was not found (the spec fails without assertions). */
  notFound: boolean;
  /** Each assertion (after matrix expansion), in order: passed or not. */
  assertions: boolean[];
}

/** A tool's verdicts, by `set|path relative to the tests folder`, and its totals. */
export interface RunVerdicts {
  specs: Map<string, SpecVerdict>;
  totals: { specsPassed: number; specsFailed: number; assertionsPassed: number; assertionsFailed: number } | undefined;
  exitCode: number;
  output: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs `featurevisor test` (node BIN test) in `dir` and reads its report. */
export async function runFeaturevisorTest(bin: string, dir: string, env: NodeJS.ProcessEnv = {}): Promise<RunVerdicts> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  // Into a file, not a pipe: the CLI exits with process.exit, which loses what a pipe has not yet taken.
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-fvtest-")), "out.txt");
  const r = await run("/bin/sh", ["-c", `${quote(process.execPath)} ${quote(bin)} test > ${quote(log)} 2>&1`], dir, env);
  const output = fs.readFileSync(log, "utf8").replace(ANSI, "");
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  const specs = new Map<string, SpecVerdict>();
  let set = "";
  let current: SpecVerdict | undefined;
  let totals: RunVerdicts["totals"];
  let specLine: RegExpMatchArray | null = null;
  for (const line of output.split("\n")) {
    const setHeader = /^\s*Set "(.*)"\s*$/.exec(line);
    if (setHeader) {
      set = setHeader[1];
      continue;
    }
    const testing = /^Testing: (.*) \([^)]*\)\s*$/.exec(line);
    if (testing) {
      current = { notFound: false, assertions: [] };
      specs.set(`${set}|${normalizeSpecPath(testing[1])}`, current);
      continue;
    }
    if (!current) continue;
    if (/^\s*=> (feature|segment) .* not found\s*$/.test(line)) current.notFound = true;
    else if (line.startsWith("  \u2714 ")) current.assertions.push(true);
    else if (line.startsWith("  \u2718 ")) current.assertions.push(false);
    if ((specLine = /Test specs: (\d+) passed, (\d+) failed/.exec(line))) {
      totals ??= { specsPassed: 0, specsFailed: 0, assertionsPassed: 0, assertionsFailed: 0 };
      totals.specsPassed += Number(specLine[1]);
      totals.specsFailed += Number(specLine[2]);
    }
    const a = /Assertions: (\d+) passed, (\d+) failed/.exec(line);
    if (a && totals) {
      totals.assertionsPassed += Number(a[1]);
      totals.assertionsFailed += Number(a[2]);
    }
  }
  return { specs, totals, exitCode: r.exitCode, output };
}

interface FlaglensJson {
  summary: { specs: number; passed: number; failed: number; assertions: number; assertionsPassed: number; assertionsFailed: number };
  results: { file: string; line: number; spec: string; assertion: number; passed: boolean; message: string }[];
}

/**
 * A spec path below the tests folder without its extension and with `/` between folders: 3.x prints
 * `features.checkout.page.spec.yml` where 2.x prints `features/checkout/page.spec.yml`.
 */
export function normalizeSpecPath(p: string): string {
  return p
    .replace(/^\/+/, "")
    .replace(/\.spec\.[a-z]+$/, "")
    .replace(/[./]/g, "/");
}

/** `set|path below tests/` of a Flaglens result file (`tests/features/a.spec.yml`, `sets/dev/tests/...`). */
export function specId(file: string): string {
  const m = /^sets\/([^/]+)\/(.*)$/.exec(file);
  const set = m ? m[1] : "";
  const rest = m ? m[2] : file;
  return `${set}|${normalizeSpecPath(rest.replace(/^tests\//, ""))}`;
}

/** Runs `flaglens test --format json` in `dir` and reads its results. */
export async function runFlaglensTest(dir: string, args: string[] = []): Promise<RunVerdicts & { json: FlaglensJson | undefined }> {
  const r = await run(process.execPath, [FLAGLENS_CLI, "test", "--format", "json", ...args], dir);
  let json: FlaglensJson | undefined;
  try {
    json = JSON.parse(r.stdout) as FlaglensJson;
  } catch {
    json = undefined;
  }
  const specs = new Map<string, SpecVerdict>();
  for (const res of json?.results ?? []) {
    const id = specId(res.file);
    let v = specs.get(id);
    if (!v) specs.set(id, (v = { notFound: false, assertions: [] }));
    if (res.assertion === 0) v.notFound = true;
    else v.assertions.push(res.passed);
  }
  const s = json?.summary;
  const totals = s && {
    specsPassed: s.passed,
    specsFailed: s.failed,
    assertionsPassed: s.assertionsPassed,
    assertionsFailed: s.assertionsFailed,
  };
  return { specs, totals, exitCode: r.exitCode, output: r.stdout + r.stderr, json };
}

/** A disagreement on one spec. */
export interface Disagreement {
  spec: string;
  detail: string;
}

/** What a comparison found: how many assertions were compared, and where the tools differ. */
export interface Comparison {
  specs: number;
  assertions: number;
  disagreements: Disagreement[];
}

/** Compares two runs spec by spec and assertion by assertion; `ignore` names specs with known differences. */
export function compareRuns(featurevisor: RunVerdicts, flaglens: RunVerdicts, ignore: (spec: string) => boolean = () => false): Comparison {
  const out: Comparison = { specs: 0, assertions: 0, disagreements: [] };
  const ids = [...new Set([...featurevisor.specs.keys(), ...flaglens.specs.keys()])].sort();
  for (const id of ids) {
    if (ignore(id)) continue;
    const f = featurevisor.specs.get(id);
    const g = flaglens.specs.get(id);
    out.specs++;
    if (!f || !g) {
      out.disagreements.push({ spec: id, detail: f ? "Flaglens did not run it" : "featurevisor did not run it" });
      continue;
    }
    if (f.notFound !== g.notFound)
      out.disagreements.push({ spec: id, detail: `not found: featurevisor ${f.notFound}, flaglens ${g.notFound}` });
    const n = Math.max(f.assertions.length, g.assertions.length);
    if (f.assertions.length !== g.assertions.length)
      out.disagreements.push({ spec: id, detail: `${f.assertions.length} assertions in featurevisor, ${g.assertions.length} in flaglens` });
    for (let i = 0; i < n; i++) {
      if (i >= f.assertions.length || i >= g.assertions.length) continue;
      out.assertions++;
      if (f.assertions[i] !== g.assertions[i])
        out.disagreements.push({
          spec: id,
          detail: `assertion ${i + 1} (in order): featurevisor ${f.assertions[i] ? "passed" : "failed"}, flaglens ${g.assertions[i] ? "passed" : "failed"}`,
        });
    }
  }
  return out;
}

/** The local plugin the upstream example configs load (absent from the fixtures, see their README). */
export function addExamplePlugin(dir: string): void {
  const config = path.join(dir, "featurevisor.config.js");
  if (!fs.existsSync(config) || !fs.readFileSync(config, "utf8").includes("./plugins/example")) return;
  fs.mkdirSync(path.join(dir, "plugins"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "plugins", "example.js"),
    'module.exports = { command: "example", handler: async () => {}, examples: [] };\n',
  );
}

/** A fixture of a differential suite: where it is, and the specs whose differences are known, with the reason. */
export interface DiffFixture {
  name: string;
  dir: string;
  /** Spec ids (`set|features/pricing`) with known differences, and why. */
  known?: Record<string, string>;
}

/** What one fixture (or the mutation project) gave. */
export interface DiffOutcome {
  name: string;
  comparison: Comparison;
  featurevisorTotals: RunVerdicts["totals"];
  flaglensTotals: RunVerdicts["totals"];
  featurevisorExit: number;
  flaglensExit: number;
  /** The known differences that did show up (known ones that agree are listed as stale). */
  knownSeen: string[];
  /** The known differences whose specs the project has. */
  knownPresent: string[];
  output: string;
}

/** Copies a fixture to a fresh folder (writable), with the example plugin the upstream configs load. */
export function prepareCopy(from: string, to: string, copy: (from: string, to: string) => void): string {
  copy(from, to);
  addExamplePlugin(to);
  return to;
}

/** Runs both tools on a prepared project and compares; known differences are left out of the comparison. */
export async function diffProject(
  name: string,
  dir: string,
  bin: string,
  env: NodeJS.ProcessEnv,
  known: Record<string, string> = {},
): Promise<DiffOutcome> {
  const featurevisor = await runFeaturevisorTest(bin, dir, env);
  const flaglens = await runFlaglensTest(dir);
  const comparison = compareRuns(featurevisor, flaglens, (id) => id in known);
  const full = compareRuns(featurevisor, flaglens);
  const knownSeen = [...new Set(full.disagreements.map((d) => d.spec).filter((id) => id in known))];
  const knownPresent = Object.keys(known).filter((id) => featurevisor.specs.has(id));
  return {
    name,
    comparison,
    featurevisorTotals: featurevisor.totals,
    flaglensTotals: flaglens.totals,
    featurevisorExit: featurevisor.exitCode,
    flaglensExit: flaglens.exitCode,
    knownSeen,
    knownPresent,
    output: featurevisor.output.slice(-3000),
  };
}

/** A readable account of the disagreements, for an assertion message. */
export function describeDisagreements(o: DiffOutcome): string {
  return [
    `${o.name}: ${o.comparison.disagreements.length} disagreement(s) over ${o.comparison.assertions} assertions`,
    ...o.comparison.disagreements.slice(0, 30).map((d) => `  ${d.spec}: ${d.detail}`),
    `featurevisor totals ${JSON.stringify(o.featurevisorTotals)} (exit ${o.featurevisorExit}), flaglens ${JSON.stringify(o.flaglensTotals)} (exit ${o.flaglensExit})`,
  ].join("\n");
}
