// Differential test: Flaglens against the real linters of Featurevisor 2.27.0 and 3.1.0 (../shared/oracles).
//
// First every 2.27 and 3.1 fixture, unmutated: the oracle passes and Flaglens reports no error. Then the
// mutations of mutationsV3.ts, with the verdict of lintDiff.ts: wherever the oracle fails, Flaglens reports an
// error (in the mutated file when one is named); wherever it passes, Flaglens reports none, except the
// differences listed in differences.ts (deliberate extra checks, and known gaps of issue #11).
//
// All cases run in one `before` hook, two at a time, and one `it` per case asserts on the stored result.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SHARED_DIR, SHARED_FIXTURES, hasSharedFixtures, requireShared } from "../support/skip";
import { EXTRA_CHECKS, KNOWN_GAPS, applyKnownDifferences, extraChecksFor } from "./differences";
import {
  CONCURRENCY,
  FLAGLENS_CLI,
  PLUGIN_STUB,
  REPO,
  check,
  copyTree,
  pool,
  run,
  runFeaturevisor,
  runFlaglens,
  type CaseResult,
} from "./lintDiff";
import { ProjectEditor, type Mutation } from "./mutations";
import { MUTATIONS_V2_27, MUTATIONS_V3_1 } from "./mutationsV3";

const ORACLES = path.join(SHARED_DIR, "oracles");
const ORACLE = {
  "2.27": path.join(ORACLES, "featurevisor-2.27.0", "featurevisor.js"),
  "3.1": path.join(ORACLES, "featurevisor-3.1.0", "featurevisor.js"),
};

type Version = keyof typeof ORACLE;

interface Case {
  version: Version;
  mutation: Mutation;
}

function versionOf(fixture: string): Version {
  return fixture.startsWith("v2.27") ? "2.27" : "3.1";
}

/** Every 2.27 and 3.1 fixture (and v3-example-1, the same 3.1 data under its older name). */
function fixtures(): string[] {
  if (!hasSharedFixtures()) return [];
  return fs
    .readdirSync(SHARED_FIXTURES)
    .filter((n) => n.startsWith("v2.27-") || n.startsWith("v3.1-") || n === "v3-example-1")
    .sort();
}

/** The oracle runs the project's config, which may `require("toml")`: NODE_PATH lets it find the devDependency. */
const ORACLE_ENV = { NODE_PATH: path.join(REPO, "node_modules") };

async function runCase(c: Case, tempDirs: string[]): Promise<CaseResult> {
  const fixture = c.mutation.fixture as string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-diff3-"));
  tempDirs.push(dir);
  try {
    copyTree(path.join(SHARED_FIXTURES, fixture), dir);
    if (/example-1$/.test(fixture)) new ProjectEditor(dir).write("plugins/example.js", PLUGIN_STUB);
    c.mutation.apply(new ProjectEditor(dir));
  } catch (e) {
    return { ...EMPTY, setupError: String(e) };
  }
  const featurevisor = await runFeaturevisor(ORACLE[c.version], dir, ORACLE_ENV);
  const flaglens = await runFlaglens(dir);
  return { featurevisor, flaglens };
}

const FIXTURE_CASES: Case[] = fixtures().map((f) => ({
  version: versionOf(f),
  mutation: { name: `fixture ${f} lints clean with both`, fixture: f, featurevisor: "pass", apply: () => undefined },
}));
/** FLAGLENS_DIFF_ONLY=<regular expression> runs only the cases whose names match (while working on a few). */
const ONLY = process.env.FLAGLENS_DIFF_ONLY ? new RegExp(process.env.FLAGLENS_DIFF_ONLY) : undefined;
const ALL_CASES: Case[] = [
  ...FIXTURE_CASES,
  ...MUTATIONS_V2_27.map((m) => ({ version: "2.27" as const, mutation: applyKnownDifferences(m) })),
  ...MUTATIONS_V3_1.map((m) => ({ version: "3.1" as const, mutation: applyKnownDifferences(m) })),
];
const CASES: Case[] = ONLY ? ALL_CASES.filter((c) => ONLY.test(c.mutation.name)) : ALL_CASES;
const EXTRAS = extraChecksFor(CASES.map((c) => c.mutation.name));

/** FLAGLENS_DIFF_REPLAY=dump.json re-checks the verdicts of an earlier FLAGLENS_DIFF_DUMP without running the tools. */
async function runAll(tempDirs: string[]): Promise<CaseResult[]> {
  const replay = process.env.FLAGLENS_DIFF_REPLAY;
  if (replay) {
    const stored = JSON.parse(fs.readFileSync(replay, "utf8")) as Record<string, CaseResult>;
    return CASES.map((c) => stored[c.mutation.name] ?? { ...EMPTY, setupError: "not in the replayed dump" });
  }
  return pool(CASES, CONCURRENCY, (c) => runCase(c, tempDirs));
}

const EMPTY: CaseResult = {
  featurevisor: { failed: false, exitCode: -1, output: "" },
  flaglens: { exitCode: -1, diagnostics: [], raw: "" },
};

describe("featurevisor 2.27 and 3.1 differential test (oracle lint vs flaglens lint)", function () {
  this.timeout(1200000);
  const results = new Map<string, CaseResult>();
  const tempDirs: string[] = [];

  before(async function () {
    requireShared(this);
    for (const bin of Object.values(ORACLE)) assert.ok(fs.existsSync(bin), `oracle not found at ${bin}`);
    if (!fs.existsSync(FLAGLENS_CLI)) await run(process.execPath, [path.join(REPO, "scripts", "build.mjs")], REPO);
    assert.ok(fs.existsSync(FLAGLENS_CLI), `Flaglens CLI not built at ${FLAGLENS_CLI}`);
    const out = await runAll(tempDirs);
    CASES.forEach((c, i) => results.set(c.mutation.name, out[i]));
    // Optional dump of every raw result, for reviewing verdicts when adding mutations.
    const dump = process.env.FLAGLENS_DIFF_DUMP;
    if (dump) fs.writeFileSync(dump, JSON.stringify(Object.fromEntries(results), null, 2));
  });

  after(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has unique case names, at least 150 mutations per version, and no stale entry in differences.ts", function () {
    requireShared(this);
    const names = ALL_CASES.map((c) => c.mutation.name);
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
    assert.ok(MUTATIONS_V2_27.length >= 150, `${MUTATIONS_V2_27.length} mutations for 2.27`);
    assert.ok(MUTATIONS_V3_1.length >= 150, `${MUTATIONS_V3_1.length} mutations for 3.1`);
    const unused = [...EXTRA_CHECKS, ...KNOWN_GAPS].filter((d) => !names.some((n) => d.pattern.test(n))).map((d) => String(d.pattern));
    assert.deepEqual(unused, [], "differences.ts lists entries that match no case");
  });

  for (const c of CASES) {
    it(`${c.mutation.name}`, function () {
      requireShared(this);
      const r = results.get(c.mutation.name);
      assert.ok(r, `no result for "${c.mutation.name}" (the before hook failed?)`);
      check(c.mutation, r, EXTRAS);
    });
  }
});
