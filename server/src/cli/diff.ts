// `flaglens diff [BASE [HEAD]]`: what a change does to users. Both snapshots are read from git (no
// checkout): BASE defaults to the merge base with the default branch, HEAD to the working tree.
// The service compares them (service/diff); this file reads git, contexts and code, and prints.

import * as fs from "node:fs";
import * as path from "node:path";
import { scanCodeTree, type WorkerEntry } from "../node/codeScan";
import { codeUsesAt } from "../node/gitCodeUses";
import { changedPaths, defaultBase, gitTopLevel, gitTreeFileSystem, GitError, resolveCommit } from "../node/gitSnapshot";
import { nodeFileSystem, toServicePath } from "../node/nodeFileSystem";
import { formatDiffMarkdown, formatDiffText, type RevisionDiff } from "../service/diff/format";
import { buildRolloutDiff, loadDiffSnapshot, readSavedContexts, revisionDiffJson, WORKTREE } from "../service/diff/snapshot";
import { RISK_CODES, severityAtLeast, type RiskCode, type RiskSeverity } from "../service/diff/types";
import type { FileSystem } from "../service/fileSystem";
import { InputError, option, parseArgs, UsageError } from "./args";
import { resolveProjectRoot } from "./lint";

export const DIFF_USAGE = `  diff [BASE [HEAD]] [--project DIR] [--contexts FILE.jsonl] [--format text|markdown|json]
       [--fail-on error|warning|info] [--severity CODE=LEVEL]... [--exposure-jump N] [--blast-radius N]
       [--production ENV] [--staging ENV] [--no-code]
        What a change does to users: every feature's rollout per environment (and v3 set and
        target) in BASE and in HEAD, read from git without a checkout. BASE defaults to the merge
        base with the default branch (origin/HEAD, else main, else master), HEAD to the working
        tree. Each change names its cause (the feature, its force entries, a segment, a group, a
        required feature) and each changed rule the share of its users whose answer changes.
        --contexts (default: .flaglens/contexts.yml when saved) counts the contexts whose answer
        changes. Risk notes: ${RISK_CODES.join(", ")};
        --severity CODE=error|warning|info|off changes one. --format markdown is a pull-request
        comment. Exit 0, 1 when a risk is at least --fail-on, 2 on usage errors (not a git
        repository, an unknown revision).`;

const SEVERITIES = ["error", "warning", "info"];

function number(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of at least 0, not "${text}"`);
  return n;
}

function parseSeverities(specs: string[]): Partial<Record<RiskCode, RiskSeverity | "off">> {
  const out: Partial<Record<RiskCode, RiskSeverity | "off">> = {};
  for (const spec of specs) {
    const [code, level] = spec.split("=");
    if (!(RISK_CODES as readonly string[]).includes(code))
      throw new UsageError(`--severity: unknown risk "${code}" (risks: ${RISK_CODES.join(", ")})`);
    if (![...SEVERITIES, "off"].includes(level))
      throw new UsageError(`--severity ${code}: the level must be error, warning, info or off, not "${level ?? ""}"`);
    out[code as RiskCode] = level as RiskSeverity | "off";
  }
  return out;
}

/** Contexts from a JSON Lines file (`-`: standard input), one object per line. */
function readContextsFile(file: string, cwd: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : path.resolve(cwd, file), "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${file}:${i + 1}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new InputError(`${file}:${i + 1}: a context must be a JSON object`);
    out.push(value as Record<string, unknown>);
  });
  return out;
}

/** `flaglens diff`; resolves to the exit code. */
export async function diffCommand(argv: string[], worker: WorkerEntry | undefined): Promise<number> {
  const args = parseArgs(
    argv,
    ["project", "contexts", "format", "fail-on", "severity", "exposure-jump", "blast-radius", "production", "staging"],
    ["no-code", "verbose"],
  );
  if (args.positionals.length > 2) throw new UsageError(`unexpected argument "${args.positionals[2]}"`);
  const format = option(args, "format") ?? "text";
  if (!["text", "markdown", "json"].includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
  const failOn = option(args, "fail-on");
  if (failOn !== undefined && !SEVERITIES.includes(failOn))
    throw new UsageError(`--fail-on must be error, warning or info, not "${failOn}"`);
  const settings = {
    severity: parseSeverities(args.options.get("severity") ?? []),
    exposureJump: number(option(args, "exposure-jump"), "exposure-jump"),
    blastRadius: number(option(args, "blast-radius"), "blast-radius"),
    production: option(args, "production"),
    staging: option(args, "staging"),
  };
  const verbose = args.flags.has("verbose");
  const log = (m: string) => verbose && process.stderr.write(m + "\n");
  const cwd = process.cwd();
  const root = toServicePath(fs.realpathSync(await resolveProjectRoot(option(args, "project"), cwd)));
  const [baseArg, headArg] = args.positionals;
  let top: string, base: { revision: string; commit: string }, head: { revision: string; commit: string } | undefined;
  try {
    top = gitTopLevel(root);
    base = baseArg !== undefined ? { revision: baseArg, commit: resolveCommit(top, baseArg) } : defaultBase(top);
    head = headArg !== undefined ? { revision: headArg, commit: resolveCommit(top, headArg) } : undefined;
  } catch (error) {
    if (error instanceof GitError) throw new InputError(error.message);
    throw error;
  }
  const contexts =
    option(args, "contexts") !== undefined
      ? readContextsFile(option(args, "contexts")!, cwd)
      : await readSavedContexts(nodeFileSystem, [root, top]);
  const changed = changedPaths(top, root, base.commit, head?.commit);
  log(`${changed.size} changed files below ${root}`);
  const blobs = new Map<string, Uint8Array>();
  const headFs = head ? gitTreeFileSystem(top, head.commit, root, nodeFileSystem, blobs) : nodeFileSystem;
  const warn = (m: string) => process.stderr.write(`flaglens: warning: ${m}\n`);
  const load = async (fileSystem: FileSystem, label: string) => {
    try {
      return await loadDiffSnapshot(fileSystem, root, label, changed, { log, warn });
    } catch (error) {
      throw new InputError(error instanceof Error ? error.message : String(error));
    }
  };
  const before = await load(gitTreeFileSystem(top, base.commit, root, nodeFileSystem, blobs), base.revision);
  const after = await load(headFs, head?.revision ?? "working tree");
  // The code is read only when a feature is archived or deleted (archived-in-use): HEAD's code as that
  // commit has it (git grep for the keys, then the scanner), the working tree's scanned when HEAD is it.
  const codeUses = args.flags.has("no-code")
    ? undefined
    : async (retired: string[]) => {
        if (head) {
          const used = codeUsesAt(top, head.commit, retired);
          return (feature: string) => used.has(feature);
        }
        const scan = await scanCodeTree({ root: top, include: [], exclude: [], gitignore: true, worker, log });
        const keys = scan.index.referencedKeys();
        return (feature: string) => keys.has(feature);
      };
  const sharedText = (file: string) => {
    try {
      return new TextDecoder().decode(headFs.readFileSync!(file));
    } catch {
      return undefined;
    }
  };
  const diff = await buildRolloutDiff(before, after, { ...settings, changedPaths: changed, contexts, codeUses, sharedText });
  const result: RevisionDiff = { base: base.revision, head: head?.revision ?? WORKTREE, ...diff };
  const out =
    format === "json"
      ? JSON.stringify(revisionDiffJson(result)) + "\n"
      : format === "markdown"
        ? formatDiffMarkdown(result)
        : formatDiffText(result);
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return failOn !== undefined && diff.risks.some((r) => severityAtLeast(r.severity, failOn as RiskSeverity)) ? 1 : 0;
}
