// `flaglens evaluate`: what the Featurevisor SDK returns for each context and feature, one JSON object
// per line, computed from the project's files and the builder's state in `.featurevisor/`.

import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem } from "../node/nodeFileSystem";
import {
  environmentProblem,
  evaluateAll,
  evaluateSegment,
  loadEvaluationState,
  targetSelection,
  type Evaluation,
  type TargetSelection,
} from "../service/evaluation";
import { jsonValue } from "../service/evaluation/json";
import { closest } from "../service/validation/suggest";
import type { Project } from "../service/project/project";
import { Workspace } from "../service/workspace";
import { InputError, option, parseArgs, UsageError, type ParsedArgs } from "./args";
import { NoProjectError, resolveProjectRoot } from "./lint";

/** What to evaluate, from the command line. */
interface EvaluateRequest {
  environment: string | undefined;
  features: string[];
  tag: string | undefined;
  target: TargetSelection | undefined;
  contexts: Record<string, unknown>[];
  /** A bucket value (0 to 100,000) for every feature, from --at PERCENT. */
  bucketValue: number | undefined;
  sticky: Record<string, Record<string, unknown>> | undefined;
}

/** --at PERCENT: a number from 0 to 100, as a test assertion's `at`; the bucket value is `at` times 1,000. */
function parseAt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(at) || at < 0 || at > 100) throw new UsageError(`--at must be a percentage from 0 to 100, not "${text}"`);
  return at * 1000;
}

/** --sticky JSON: an object of features, each with enabled, variation and variables. */
function parseSticky(text: string | undefined): Record<string, Record<string, unknown>> | undefined {
  if (text === undefined) return undefined;
  const value = parseContext(text, "--sticky");
  for (const [key, v] of Object.entries(value))
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new UsageError(`--sticky: feature "${key}" must be an object`);
  return value as Record<string, Record<string, unknown>>;
}

function parseContext(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new UsageError(`${where}: a context must be a JSON object`);
  if (depthOver(value, MAX_CONTEXT_DEPTH))
    throw new InputError(
      `${where}: the context is nested more than ${MAX_CONTEXT_DEPTH} levels deep; attributes are values, objects of values or lists`,
    );
  return value as Record<string, unknown>;
}

/** Contexts deeper than this are refused: Featurevisor attributes nest one or two levels. */
const MAX_CONTEXT_DEPTH = 64;

/** True when `value` nests objects or arrays deeper than `limit` (walked without recursion). */
function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Reads contexts from `--context JSON` or `--contexts FILE.jsonl` (`-` for standard input), exactly one of them. */
function readContexts(args: ParsedArgs, cwd: string): Record<string, unknown>[] {
  const one = option(args, "context");
  const file = option(args, "contexts");
  if (one !== undefined && file !== undefined) throw new UsageError("give either --context or --contexts, not both");
  if (one !== undefined) return [parseContext(one, "--context")];
  if (file === undefined) throw new UsageError("a context is needed: --context JSON or --contexts FILE.jsonl");
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const contexts: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== "") contexts.push(parseContext(line, `${file === "-" ? "stdin" : file}:${i + 1}`));
  });
  return contexts;
}

/** Checks the environment and features against the project; unknown ones are usage errors. */
function resolveRequest(project: Project, args: ParsedArgs, contexts: Record<string, unknown>[]): EvaluateRequest {
  const environment = option(args, "environment");
  const problem = environmentProblem(project, environment);
  if (problem) throw new UsageError(problem.replace(/^an environment is needed/, "--environment is needed"));
  const known = new Set(project.keys("feature"));
  const features = args.options.get("feature") ?? [...known].sort();
  for (const key of features) if (!known.has(key)) throw new UsageError(`unknown feature "${key}"`);
  const tag = option(args, "tag");
  const target = resolveTarget(project, option(args, "target"));
  if (tag !== undefined && target !== undefined) throw new UsageError("give either --tag or --target, not both");
  const sticky = parseSticky(option(args, "sticky"));
  if (sticky !== undefined && project.format === "v1")
    throw new UsageError("--sticky: the 1.x SDK of a v1 project takes no sticky features here");
  return { environment, features, tag, target, contexts, bucketValue: parseAt(option(args, "at")), sticky };
}

/** The v3 target named by --target; unknown ones and targets of earlier formats are usage errors. */
function resolveTarget(project: Project, key: string | undefined): TargetSelection | undefined {
  if (key === undefined) return undefined;
  if (project.format !== "v3")
    throw new UsageError(`--target ${key}: targets are a Featurevisor 3 feature, and this is a ${project.format} project`);
  const known = [...new Set(project.keys("target"))].sort();
  const entry = project.entry("target", key);
  if (!entry) {
    const guess = closest(key, known);
    const hint = guess !== undefined ? `; did you mean "${guess}"?` : "";
    throw new UsageError(`unknown target "${key}" (targets: ${known.join(", ") || "none"})${hint}`);
  }
  const value = jsonValue(entry);
  if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value))
    throw new UsageError(`--target ${key}: the target file cannot be read; run flaglens lint`);
  return targetSelection(key, value);
}

/** Loads the project at `root`; in a `sets: true` project, the set named by --set (each set is its own tree). */
async function loadProject(root: string, set: string | undefined, log: (m: string) => void): Promise<Project> {
  const workspace = new Workspace(nodeFileSystem, { log });
  await workspace.addProject(root);
  const projects = [...workspace.projects.values()];
  const sets = projects.flatMap((p) => (p.set !== undefined ? [p.set] : []));
  if (sets.length === 0 && set !== undefined) throw new UsageError(`--set ${set}: the project at ${root} has no sets`);
  if (sets.length > 0 && set === undefined)
    throw new UsageError(`the project at ${root} has sets (${sets.join(", ")}): choose one with --set`);
  const project = set === undefined ? projects[0] : projects.find((p) => p.set === set);
  if (!project && set !== undefined) throw new UsageError(`unknown set "${set}" (sets: ${sets.join(", ")})`);
  if (!project) throw new NoProjectError(`cannot load the project at ${root}`);
  return project;
}

function line(e: Evaluation, context: Record<string, unknown>): string {
  const { feature, environment, enabled, variation, variables, reason } = e;
  return JSON.stringify({ feature, environment, context, enabled, variation, variables, reason }) + "\n";
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** Runs `flaglens evaluate`; resolves to the exit code. */
export async function evaluateCommand(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    ["project", "set", "environment", "feature", "context", "contexts", "format", "tag", "target", "at", "sticky", "segment"],
    ["verbose"],
  );
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const format = option(args, "format") ?? "json";
  if (format !== "json") throw new UsageError(`--format must be json, not "${format}"`);
  const contexts = readContexts(args, process.cwd());
  const root = await resolveProjectRoot(option(args, "project"), process.cwd());
  const verbose = args.flags.has("verbose");
  const project = await loadProject(root, option(args, "set"), (m) => verbose && process.stderr.write(m + "\n"));
  const segments = args.options.get("segment");
  if (segments) return evaluateSegments(project, segments, contexts, args);
  const request = resolveRequest(project, args, contexts);
  const state = await loadEvaluationState(nodeFileSystem, project);
  for (const problem of state.problems) process.stderr.write(`flaglens: warning: ${problem}\n`);
  let out = "";
  for (const context of request.contexts) {
    const { tag, target, features, bucketValue, sticky } = request;
    const options = { state, tag, target, features, bucketValue, sticky };
    for (const evaluation of evaluateAll(project, request.environment, context, options)) out += line(evaluation, context);
    // Written in chunks, so that a large contexts file streams instead of building one huge string.
    if (out.length > 1 << 16) {
      await write(out);
      out = "";
    }
  }
  await write(out);
  return 0;
}

/** `evaluate --segment KEY...`: whether each segment matches each context, one JSON object per line. */
async function evaluateSegments(
  project: Project,
  segments: string[],
  contexts: Record<string, unknown>[],
  args: ParsedArgs,
): Promise<number> {
  for (const other of ["environment", "feature", "tag", "target", "at", "sticky"])
    if (args.options.has(other)) throw new UsageError(`--segment evaluates segments alone; --${other} does not apply`);
  const known = [...new Set(project.keys("segment"))].sort();
  for (const key of segments) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      throw new UsageError(`unknown segment "${key}"${guess !== undefined ? `; did you mean "${guess}"?` : ""}`);
    }
  }
  let out = "";
  for (const context of contexts) {
    for (const key of segments) {
      const { matched, reason } = evaluateSegment(project, key, context);
      out += JSON.stringify({ segment: key, context, matched, reason }) + "\n";
    }
    if (out.length > 1 << 16) {
      await write(out);
      out = "";
    }
  }
  await write(out);
  return 0;
}
