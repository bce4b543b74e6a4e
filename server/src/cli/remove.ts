// `flaglens remove KEY --keep ...`: retires a flag from application code. Finds the files that
// mention the key, rewrites them with the service's engine, and prints a unified diff (or writes
// the files with --write), listing the usages it could not remove fully.

import * as fs from "node:fs";
import type { WorkerEntry } from "../node/codeScan";
import { nodeFileSystem, toServicePath } from "../node/nodeFileSystem";
import { isWithin, resolvedPath } from "../service/containment";
import { behaviourWithoutFeature, parseKeep, resolveBehaviour, type Keep } from "../service/fixes/behaviour";
import type { Behaviour, RewriteNote } from "../service/fixes/index";
import { loadRewriters } from "../service/fixes/index";
import { applyTextEdits, planFlagRemoval } from "../service/fixes/plan";
import { unifiedDiff } from "../service/fixes/unifiedDiff";
import { relativePath } from "../service/fileSystem";
import { loadProjects } from "../service/project/loader";
import type { Project } from "../service/project/project";
import type { TextEdit } from "../service/types";
import { isObject } from "../service/project/featureView";
import { option, UsageError } from "./args";
import { NoProjectError, resolveProjectRoot } from "./lint";
import { parseCodeCommand, scanCode } from "./refs";

/** The usage text of the command. */
export const REMOVE_USAGE = `  remove KEY --keep enabled|disabled|variation:VALUE [--root DIR] [--project DIR] [--write]
         [--delete-feature] [--format text|json] [code options]
        Retire a flag from the code below --root (default: the current folder): each usage that
        \`refs\` lists (with the same code options: --include, --exclude, --no-gitignore, --client,
        --function) becomes the kept value and the code around it is simplified; a constant that
        held the key goes when nothing uses it any more. Prints a unified diff and changes
        nothing, unless --write. Variable values come from the feature in --project (or the project
        found at or above the current folder). --delete-feature also deletes an archived feature's
        own file and its test files (refused for a feature that is not archived). Exit 0 when every usage was removed, 1 when some
        could only be replaced by its value or were left (each listed with the reason), 2 on usage
        errors.
`;

/** The behaviour from the project's feature file, or without variables when there is no project or feature. */
async function behaviourFor(
  key: string,
  keep: Keep,
  projectOption: string | undefined,
  log: (m: string) => void,
  deleteFeature: boolean,
): Promise<{ behaviour: Behaviour; withFiles?: Project }> {
  let root: string | undefined;
  let why = "no Featurevisor project found";
  try {
    root = await resolveProjectRoot(projectOption, process.cwd());
  } catch (error) {
    if (projectOption !== undefined || !(error instanceof NoProjectError)) throw error;
    why = error.message.split("\n")[0].replace(/[;:]$/, "");
  }
  if (!root) {
    if (deleteFeature) throw new UsageError(`--delete-feature needs the feature's project: ${why}`);
    log(`${why[0].toUpperCase()}${why.slice(1)}: variable values are unknown, and getVariable usages are left.`);
    return { behaviour: behaviourWithoutFeature(keep) };
  }
  // In a sets project the first set that defines the feature decides its behaviour.
  const projects = await loadProjects(nodeFileSystem, root, { log: () => undefined, maxFileSize: 1048576 });
  const project = projects.find((p) => p.feature(key)) ?? projects[0];
  const feature = project.feature(key);
  if (!feature) {
    if (deleteFeature) throw new UsageError(`--delete-feature: feature "${key}" is not in the project at ${root}`);
    log(`Feature "${key}" is not in the project at ${root}: variable values are unknown, and getVariable usages are left.`);
    return { behaviour: behaviourWithoutFeature(keep) };
  }
  const value = feature.entry.doc?.value;
  if (deleteFeature && !(isObject(value) && value.archived === true))
    throw new UsageError(`--delete-feature: feature "${key}" is not archived; archive it first (archived: true), so its files can go`);
  const r = resolveBehaviour(value, keep, project.format, project.environments);
  if (r.error) throw new UsageError(`--keep ${keep.kind === "variation" ? "variation:" + keep.value : keep.kind}: ${r.error}`);
  for (const w of r.warnings) log(w);
  return { behaviour: r.behaviour, withFiles: deleteFeature ? project : undefined };
}

interface FileResult {
  file: string;
  edits: TextEdit[];
  notes: RewriteNote[];
  diff: string;
}

/** Runs `flaglens remove`. */
export async function removeCommand(argv: string[], worker?: WorkerEntry): Promise<number> {
  const cmd = parseCodeCommand(argv, ["keep", "format"], ["write", "delete-feature"], 2);
  const args = cmd.args;
  const [key, extra] = args.positionals;
  if (!key) throw new UsageError("remove needs the feature key");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const keepText = option(args, "keep");
  if (!keepText) throw new UsageError("remove needs --keep enabled, disabled or variation:VALUE");
  const keep = parseKeep(keepText);
  if (!keep) throw new UsageError(`--keep must be enabled, disabled or variation:VALUE, not "${keepText}"`);
  const format = option(args, "format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not "${format}"`);
  const root = cmd.root;
  if (!fs.statSync(root).isDirectory()) throw new UsageError(`--root ${option(args, "root")}: no such folder`);
  const write = args.flags.has("write");
  const warnings: string[] = [];
  const deleteFeature = args.flags.has("delete-feature");
  const { behaviour, withFiles } = await behaviourFor(key, keep, option(args, "project"), (m) => warnings.push(m), deleteFeature);

  // The same walk and code options as `flaglens refs`: the usages are the code index's.
  const { index, files } = await scanCode(cmd, worker);
  // Only files whose real path lies below the real root are rewritten: checked again here, so a
  // change to the walk cannot make --write write through a link to a file outside --root.
  const realRoot = toServicePath(fs.realpathSync(root));
  const scope: string[] = [];
  let outside = false;
  for (const file of index.filesUsing(key).sort()) {
    const real = (await resolvedPath(nodeFileSystem, file)) ?? "";
    if (isWithin(realRoot, real)) scope.push(file);
    else {
      outside = true;
      warnings.push(`${rel(root, file)} lies outside --root once symbolic links are resolved: it is left alone.`);
    }
  }
  const texts = new Map<string, string | undefined>();
  const read = (file: string): string | undefined => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
  // Python and Go rewrites are checked by tree-sitter, loaded (WebAssembly) only when such a file is in the scope.
  await loadRewriters(scope);
  const plan = planFlagRemoval({
    featureKey: key,
    behaviour,
    index,
    scope,
    read,
    codeFiles: files,
    withFiles,
    display: (f) => rel(root, f),
  });

  const results: FileResult[] = [];
  const byFile = new Map<string, FileResult>();
  const resultOf = (file: string): FileResult => {
    let r = byFile.get(file);
    if (!r) {
      r = { file: rel(root, file), edits: [], notes: [], diff: "" };
      byFile.set(file, r);
      results.push(r);
    }
    return r;
  };
  for (const e of plan.edits) {
    const text = read(e.path) ?? "";
    const next = applyTextEdits(text, e.edits);
    const r = resultOf(e.path);
    r.edits = e.edits;
    r.diff = unifiedDiff(text, next, `a/${r.file}`, `b/${r.file}`);
    if (write && next !== text) fs.writeFileSync(e.path, next);
  }
  for (const { path: file, ...n } of plan.notes) resultOf(file).notes.push(n);
  const deleted = plan.deletions.map((f) => rel(root, f)).sort();
  if (write) for (const f of plan.deletions) fs.rmSync(f, { force: true });
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const summary = {
    files: results.filter((f) => f.diff !== "").length + deleted.length,
    removed: plan.removed,
    replacedOnly: plan.replacedOnly,
    notSimplified: plan.left,
  };
  // Anything not fully removed is listed, and the exit code says so: never "0 left" while usages remain.
  const incomplete = outside || plan.notes.some((n) => n.kind !== "removed");
  let out: string;
  if (format === "json") {
    out =
      JSON.stringify({ feature: key, keep: keepText, written: write, behaviour, warnings, files: results, deleted, summary }, null, 2) +
      "\n";
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
    if (deleted.length > 0) out += (out ? "\n" : "") + deleted.map((f) => `${write ? "deleted" : "to delete"} ${f}\n`).join("");
    const verb = write ? "changed" : "to change";
    out += `${summary.files} file${summary.files === 1 ? "" : "s"} ${verb}: ${summary.removed} usage${summary.removed === 1 ? "" : "s"} removed, ${summary.replacedOnly} replaced by the value only, ${summary.notSimplified} left.\n`;
  }
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return incomplete ? 1 : 0;
}

function rel(root: string, file: string): string {
  return relativePath(root, file) ?? file;
}
