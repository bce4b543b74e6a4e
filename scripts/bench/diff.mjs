// `flaglens diff` between two revisions of the 3,000-feature project that differ in one segment used by
// about 300 features: a git repository made once in .bench/diff (a copy of the project, a commit, the
// segment's conditions changed, a second commit), then the bundled CLI timed on `HEAD~1 HEAD`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { timedRun } from "./lint.mjs";
import { summarize } from "./stats.mjs";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Bumped when the repository is made differently. */
const RECIPE = 2;

const git = (cwd, ...args) => execFileSync("git", args, { cwd, env: GIT_ENV, maxBuffer: 1 << 28 }).toString();

/**
 * The segment the most feature files name, then named by more of them (another segment's first
 * mention replaced) until `wanted` files name it: the project both revisions share.
 */
function pickSegment(dir, wanted) {
  const features = path.join(dir, "features");
  const files = fs.readdirSync(features).sort();
  const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(features, f), "utf8")]));
  const names = (text, key) => new RegExp(`\\b${key}\\b`).test(text);
  const segments = fs.readdirSync(path.join(dir, "segments")).map((f) => f.replace(/\.yml$/, ""));
  const counts = segments.map((key) => [key, [...texts.values()].filter((t) => names(t, key)).length]);
  const [segment, named] = counts.sort((a, b) => b[1] - a[1])[0];
  let count = named;
  for (const f of files) {
    if (count >= wanted) break;
    const text = texts.get(f);
    if (names(text, segment)) continue;
    const edited = text.replace(/\bseg\d+\b/, segment);
    if (edited === text) continue;
    fs.writeFileSync(path.join(features, f), edited);
    count++;
  }
  return [segment, count];
}

/** Makes (once) the repository: the project at HEAD~1, one segment's conditions changed at HEAD. */
function ensureRepo(projectDir, benchDir, log) {
  const dir = path.join(benchDir, "diff");
  const manifest = path.join(benchDir, "diff.json");
  try {
    const m = JSON.parse(fs.readFileSync(manifest, "utf8"));
    if (m.source === projectDir && m.recipe === RECIPE && fs.existsSync(path.join(dir, ".git"))) {
      log(`reusing ${dir} (segment ${m.segment}, named by ${m.features} feature files)`);
      return { dir, ...m };
    }
  } catch {
    /* made below */
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(projectDir, dir, { recursive: true });
  const [segment, features] = pickSegment(dir, 300);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "before");
  const file = path.join(dir, "segments", `${segment}.yml`);
  // One more condition at the end of the segment's list: every feature naming the segment changes whom it serves.
  const text = fs.readFileSync(file, "utf8");
  if (!/^conditions:\n {2}- /m.test(text)) throw new Error(`${file}: the conditions are not a list; cannot add one`);
  fs.writeFileSync(file, text.replace(/\n?$/, "\n") + "  - attribute: attr0\n    operator: exists\n");
  git(dir, "commit", "-qam", "after");
  const m = { source: projectDir, recipe: RECIPE, segment, features };
  fs.writeFileSync(manifest, JSON.stringify(m, null, 2) + "\n");
  log(`made ${dir}: segment ${segment} changed, named by ${features} feature files`);
  return { dir, ...m };
}

/**
 * Times `flaglens diff HEAD~1 HEAD --format json`.
 * @returns {Promise<{segment:string, namedBy:number, changes:number, features:number, wallMs:object, cpuMs:object|null, runs:number}>}
 */
export async function benchDiff({ cliJs, projectDir, benchDir, runs, gnuTime, log }) {
  const repo = ensureRepo(projectDir, benchDir, log);
  const wall = [];
  const cpu = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const r = await timedRun(process.execPath, [cliJs, "diff", "HEAD~1", "HEAD", "--format", "json", "--no-code"], {
      cwd: repo.dir,
      timeoutMs: 120_000,
      gnuTime,
    });
    if (r.code !== 0) throw new Error(`flaglens diff exited ${r.code}: ${r.stderr.slice(-500)}`);
    wall.push(r.wallMs);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    last = JSON.parse(r.stdout);
    log(`run ${i + 1}: ${Math.round(r.wallMs)} ms wall${r.cpuMs !== null ? `, ${Math.round(r.cpuMs)} ms CPU` : ""}`);
  }
  return {
    segment: repo.segment,
    namedBy: repo.features,
    changes: last.changes.length,
    features: new Set(last.changes.map((c) => c.feature)).size,
    runs,
    wallMs: summarize(wall),
    cpuMs: cpu.length > 0 ? summarize(cpu) : null,
  };
}
