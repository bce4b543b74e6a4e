// `flaglens test`: runs the project's Featurevisor test specs with the semantics of its own `featurevisor
// test`, and reports each assertion (text: the failing ones as `file:line: description`; json: all).

import { nodeFileSystem } from "../node/nodeFileSystem";
import { loadEvaluationState } from "../service/evaluation";
import type { Project } from "../service/project/project";
import { runTests, summarizeRun, type AssertionResult, type SpecResult } from "../service/testing";
import { closest } from "../service/validation/suggest";
import { loadProjects } from "../service/project/loader";
import { option, parseArgs, UsageError } from "./args";
import { NoProjectError, resolveProjectRoot } from "./lint";

export const TEST_USAGE = `  test [--project DIR] [--set SET] [--target TARGET] [--feature KEY]... [--format text|json]
        Run the Featurevisor test specs (tests/**/*.spec.yml) as the project's own
        \`featurevisor test\` does (1.11 for v1 projects, 2.27 for v2, 3.1 for v3): feature and
        segment specs, at, context, environment, matrix, sticky, expected values and evaluations,
        defaults, v2 scopes, v3 targets. Every set of a project of sets, or the one given with
        --set; --target keeps the assertions without a target or with that target (v3);
        --feature keeps the specs of those features. Text lists each failing assertion as
        file:line: description, with expected against actual; json prints
        {"summary":{...},"results":[...]}, one result per assertion. Exit 0 when all pass,
        1 when any fails, 2 on usage errors.`;

/** One result line of the JSON output: exactly these keys. */
interface JsonResult {
  file: string;
  line: number;
  spec: string;
  assertion: number;
  environment: string | null;
  passed: boolean;
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  message: string;
}

function show(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/** What went wrong with an assertion, in one line (or its description when it passed). */
function assertionMessage(a: AssertionResult): string {
  if (a.passed) return a.description;
  return (
    a.description +
    ": " +
    a.failures
      .map((f) => (f.message ? `${f.path}: ${f.message}` : `${f.path}: expected ${show(f.expected)}, received ${show(f.actual)}`))
      .join("; ")
  );
}

function jsonResults(specs: SpecResult[]): JsonResult[] {
  const out: JsonResult[] = [];
  for (const s of specs) {
    if (s.problem !== undefined) {
      // A spec that could not run: one result, assertion 0, on the spec's key.
      out.push({
        file: s.file,
        line: s.line,
        spec: s.spec,
        assertion: 0,
        environment: null,
        passed: false,
        expected: {},
        actual: {},
        message: s.problem,
      });
      continue;
    }
    for (const a of s.assertions) {
      out.push({
        file: s.file,
        line: a.line,
        spec: s.spec,
        assertion: a.assertion,
        environment: a.environment,
        passed: a.passed,
        expected: a.expected,
        actual: a.actual,
        message: assertionMessage(a),
      });
    }
  }
  return out;
}

function textReport(specs: SpecResult[], color: boolean): string {
  const red = (s: string) => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const green = (s: string) => (color ? `\x1b[32m${s}\x1b[0m` : s);
  let out = "";
  for (const s of specs) {
    if (s.problem !== undefined) {
      out += `${s.file}:${s.line}: ${red(s.problem)}\n`;
      continue;
    }
    for (const a of s.assertions) {
      if (a.passed) continue;
      out += `${s.file}:${a.line}: ${red(a.description)}\n`;
      for (const f of a.failures) {
        if (f.message) out += `    ${f.path}: ${f.message}\n`;
        else out += `    ${f.path}: expected ${show(f.expected)}, received ${show(f.actual)}\n`;
      }
    }
  }
  const sum = summarizeRun(specs);
  const paint = sum.failed > 0 ? red : green;
  if (out !== "") out += "\n";
  out += paint(`Specs: ${sum.passed} passed, ${sum.failed} failed`) + "\n";
  out += paint(`Assertions: ${sum.assertionsPassed} passed, ${sum.assertionsFailed} failed`) + "\n";
  return out;
}

/** The projects to test: every set of a project of sets (or the one chosen), or the project. */
async function loadTestProjects(root: string, set: string | undefined, log: (m: string) => void): Promise<Project[]> {
  // Files only, as `flaglens lint` loads them: no Workspace, whose validation of every file a test run does not need.
  const projects = await loadProjects(nodeFileSystem, root, { log, maxFileSize: 1048576 });
  if (projects.length === 0) throw new NoProjectError(`cannot load the project at ${root}`);
  const sets = projects.flatMap((p) => (p.set !== undefined ? [p.set] : [])).sort();
  if (set === undefined) return projects.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  if (sets.length === 0) throw new UsageError(`--set ${set}: the project at ${root} has no sets`);
  const chosen = projects.find((p) => p.set === set);
  if (!chosen) {
    const guess = closest(set, sets);
    throw new UsageError(`unknown set "${set}" (sets: ${sets.join(", ")})${guess !== undefined ? `; did you mean "${guess}"?` : ""}`);
  }
  return [chosen];
}

/** Runs `flaglens test`; resolves to the exit code. */
export async function testCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["project", "set", "target", "feature", "format"], ["verbose"]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const format = option(args, "format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not "${format}"`);
  const root = await resolveProjectRoot(option(args, "project"), process.cwd());
  const verbose = args.flags.has("verbose");
  const projects = await loadTestProjects(root, option(args, "set"), (m) => verbose && process.stderr.write(m + "\n"));
  const targets = args.options.get("target");
  const features = args.options.get("feature");
  if (targets) {
    for (const project of projects) {
      if (project.format !== "v3")
        throw new UsageError(`--target: targets are a Featurevisor 3 feature, and this is a ${project.format} project`);
      const known = [...new Set(project.keys("target"))].sort();
      for (const t of targets) {
        if (!known.includes(t)) {
          const guess = closest(t, known);
          throw new UsageError(
            `unknown target "${t}" (targets: ${known.join(", ") || "none"})${guess !== undefined ? `; did you mean "${guess}"?` : ""}`,
          );
        }
      }
    }
  }
  if (features) {
    const known = new Set(projects.flatMap((p) => p.keys("feature")));
    for (const f of features) if (!known.has(f)) throw new UsageError(`unknown feature "${f}"`);
  }
  const specs: SpecResult[] = [];
  for (const project of projects) {
    const state = await loadEvaluationState(nodeFileSystem, project);
    for (const problem of state.problems) process.stderr.write(`flaglens: warning: ${problem}\n`);
    specs.push(...runTests(project, { state, targets, features }).specs);
  }
  const summary = summarizeRun(specs);
  const out =
    format === "json"
      ? JSON.stringify({ summary, results: jsonResults(specs) }) + "\n"
      : textReport(specs, process.stdout.isTTY === true && !process.env.NO_COLOR);
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return summary.failed > 0 ? 1 : 0;
}
