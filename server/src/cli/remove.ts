// `flaglens remove KEY --keep ...`: retires a flag from application code. Finds the files that
// mention the key, rewrites them with the service's engine, and prints a unified diff (or writes
// the files with --write), listing the usages it could not remove fully.

import * as fs from "node:fs";
import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../node/nodeFileSystem";
import { isWithin, resolvedPath } from "../service/containment";
import { behaviourWithoutFeature, parseKeep, resolveBehaviour, type Keep } from "../service/fixes/behaviour";
import { doRemoveFlag, rewritableExtensions, type Behaviour, type RewriteNote } from "../service/fixes/index";
import { unifiedDiff } from "../service/fixes/unifiedDiff";
import { loadProjects } from "../service/project/loader";
import { LineIndex } from "../service/text";
import type { TextEdit } from "../service/types";
import { option, parseArgs, UsageError } from "./args";
import { NoProjectError, resolveProjectRoot } from "./lint";

/** The usage text of the command. */
export const REMOVE_USAGE = `  remove KEY --keep enabled|disabled|variation:VALUE [--root DIR] [--project DIR] [--write]
         [--format text|json]
        Retire a flag from the code below --root (default: the current folder): each usage becomes
        the kept value and the code around it is simplified. Prints a unified diff and changes
        nothing, unless --write. Variable values come from the feature in --project (or the project
        found at or above the current folder). Exit 0 when every usage was removed, 1 when some
        could only be replaced by its value or were left (listed), 2 on usage errors.
`;

const SKIP = new Set(["node_modules", ".git", ".hg", ".svn", "dist"]);
const MAX_FILE = 4 * 1024 * 1024;

/**
 * Files under `root` with a rewritable extension whose text mentions the key. Symbolic links are
 * not followed (a Dirent of a link is neither a file nor a directory), so a link can neither pull
 * in a file from elsewhere nor be written through.
 */
function candidateFiles(root: string, key: string): string[] {
  const exts = new Set(rewritableExtensions());
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) walk(p);
      } else if (e.isFile() && exts.has(path.extname(e.name).toLowerCase())) {
        try {
          if (fs.statSync(p).size <= MAX_FILE && fs.readFileSync(p, "utf8").includes(key)) out.push(p);
        } catch {
          // Unreadable files are not candidates.
        }
      }
    }
  };
  walk(root);
  return out;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, index.offsetAt(e.range.start)) + e.newText;
    at = index.offsetAt(e.range.end);
  }
  return out + text.slice(at);
}

/** The behaviour from the project's feature file, or without variables when there is no project or feature. */
async function behaviourFor(key: string, keep: Keep, projectOption: string | undefined, log: (m: string) => void): Promise<Behaviour> {
  let root: string | undefined;
  let why = "no Featurevisor project found";
  try {
    root = await resolveProjectRoot(projectOption, process.cwd());
  } catch (error) {
    if (projectOption !== undefined || !(error instanceof NoProjectError)) throw error;
    why = error.message.split("\n")[0].replace(/[;:]$/, "");
  }
  if (!root) {
    log(`${why[0].toUpperCase()}${why.slice(1)}: variable values are unknown, and getVariable usages are left.`);
    return behaviourWithoutFeature(keep);
  }
  // In a sets project the first set that defines the feature decides its behaviour.
  const projects = await loadProjects(nodeFileSystem, root, { log: () => undefined, maxFileSize: 1048576 });
  const project = projects.find((p) => p.feature(key)) ?? projects[0];
  const feature = project.feature(key);
  if (!feature) {
    log(`Feature "${key}" is not in the project at ${root}: variable values are unknown, and getVariable usages are left.`);
    return behaviourWithoutFeature(keep);
  }
  const r = resolveBehaviour(feature.entry.doc?.value, keep, project.format, project.environments);
  if (r.error) throw new UsageError(`--keep ${keep.kind === "variation" ? "variation:" + keep.value : keep.kind}: ${r.error}`);
  for (const w of r.warnings) log(w);
  return r.behaviour;
}

interface FileResult {
  file: string;
  edits: TextEdit[];
  notes: RewriteNote[];
  diff: string;
}

/** Runs `flaglens remove`. */
export async function removeCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["keep", "root", "project", "format"], ["write"]);
  const [key, extra] = args.positionals;
  if (!key) throw new UsageError("remove needs the feature key");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const keepText = option(args, "keep");
  if (!keepText) throw new UsageError("remove needs --keep enabled, disabled or variation:VALUE");
  const keep = parseKeep(keepText);
  if (!keep) throw new UsageError(`--keep must be enabled, disabled or variation:VALUE, not "${keepText}"`);
  const format = option(args, "format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not "${format}"`);
  const root = toServicePath(path.resolve(process.cwd(), option(args, "root") ?? "."));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`--root ${option(args, "root")}: no such folder`);
  const write = args.flags.has("write");
  const warnings: string[] = [];
  const behaviour = await behaviourFor(key, keep, option(args, "project"), (m) => warnings.push(m));

  const results: FileResult[] = [];
  // Only files whose real path lies below the real root are rewritten: checked again here, so a
  // change to the walk cannot make --write write through a link to a file outside --root.
  const realRoot = toServicePath(fs.realpathSync(root));
  for (const file of candidateFiles(root, key)) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    const real = (await resolvedPath(nodeFileSystem, toServicePath(file))) ?? "";
    if (!isWithin(realRoot, real)) {
      warnings.push(`${rel} lies outside --root once symbolic links are resolved: it is left alone.`);
      continue;
    }
    const text = fs.readFileSync(file, "utf8");
    const r = doRemoveFlag(file, text, { featureKey: key, behaviour });
    if (r.edits.length === 0 && r.notes.length === 0) continue;
    const next = applyEdits(text, r.edits);
    results.push({ file: rel, edits: r.edits, notes: r.notes, diff: unifiedDiff(text, next, `a/${rel}`, `b/${rel}`) });
    if (write && next !== text) fs.writeFileSync(file, next);
  }

  const count = (kind: RewriteNote["kind"]): number =>
    results.reduce((n, f) => n + f.notes.filter((x) => x.kind === kind && x.call !== undefined).length, 0);
  const summary = {
    files: results.filter((f) => f.diff !== "").length,
    removed: count("removed"),
    replacedOnly: count("replaced-only"),
    notSimplified: count("not-simplified"),
  };
  const incomplete = results.some((f) => f.notes.some((n) => n.kind !== "removed"));
  let out: string;
  if (format === "json") {
    out = JSON.stringify({ feature: key, keep: keepText, written: write, behaviour, warnings, files: results, summary }, null, 2) + "\n";
  } else {
    out = "";
    for (const w of warnings) process.stderr.write(`flaglens: ${w}\n`);
    for (const f of results) if (!write) out += f.diff;
    const listed = results.flatMap((f) =>
      f.notes
        .filter((n) => n.kind !== "removed")
        .map((n) => `${f.file}:${n.line + 1}:${n.range.start.character + 1} ${n.kind} ${n.message}\n`),
    );
    if (listed.length > 0) out += (out ? "\n" : "") + listed.join("");
    const verb = write ? "changed" : "to change";
    out += `${summary.files} file${summary.files === 1 ? "" : "s"} ${verb}: ${summary.removed} usage${summary.removed === 1 ? "" : "s"} removed, ${summary.replacedOnly} replaced by the value only, ${summary.notSimplified} left.\n`;
  }
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return incomplete ? 1 : 0;
}
