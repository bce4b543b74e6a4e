// `flaglens refs`: every flag usage in application code, with its status; and what
// `flaglens stale` shares with it (projects, scan options, staleness from git history).

import * as path from "node:path";
import { nodeFileSystem, toServicePath } from "../node/nodeFileSystem";
import { scanCodeTree, type CodeTreeResult, type WorkerEntry } from "../node/codeScan";
import { gitStaleness } from "../node/gitStaleness";
import { FlagCatalog } from "../service/code/catalog";
import { DEFAULT_STALENESS, type StalenessSettings } from "../service/code/staleness";
import { parseFunctionSpec } from "../service/code/settings";
import type { ExtraFunction, Usage } from "../service/code/usages";
import { relativePath } from "../service/fileSystem";
import { CONFIG_FILE, findProjectRoots, loadProjects as loadRootProjects } from "../service/project/loader";
import type { Project } from "../service/project/project";
import { option, parseArgs, UsageError, type ParsedArgs } from "./args";
import { NoProjectError, resolveProjectRoot } from "./lint";
import * as fs from "node:fs";

/** Options every code command takes. */
export const CODE_OPTIONS = [
  "project",
  "root",
  "include",
  "exclude",
  "client",
  "function",
  "days",
  "permanent-tag",
  "jobs",
  "max-file-size",
];
export const CODE_FLAGS = ["no-gitignore", "verbose"];

/** The usage text of the shared options. */
export const CODE_OPTIONS_USAGE = `Code options (refs, stale and remove):
  --project DIR        A Featurevisor project (repeatable; default: the one at or above
                       the current folder, else every one below --root).
  --root DIR           The source tree to scan (default: the current folder).
  --include GLOB       Scan only matching files (repeatable; relative to --root).
  --exclude GLOB       Never scan matching files (repeatable).
  --no-gitignore       Scan files that .gitignore excludes.
  --client NAME        Another name of the SDK instance (repeatable; * accepts any).
  --function NAME[:flag|variation|variable]
                       A wrapper called like the SDK (repeatable), e.g. isFeatureOn:flag.
  --days N             Fully rolled-out flags are stale after N unchanged days (default 30).
  --permanent-tag TAG  Features with this tag are never stale (default: permanent).
  --jobs N             Worker threads for the scan (0: none; default: by CPU count).
`;

/** The parsed code options. */
export interface CodeCommand {
  args: ParsedArgs;
  root: string;
  projects: string[];
  functions: ExtraFunction[];
  clients: string[];
  staleness: StalenessSettings;
  jobs?: number;
  maxFileSize?: number;
  log: (m: string) => void;
}

function integer(args: ParsedArgs, name: string, min: number): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

/** Parses the options of a code command. */
export function parseCodeCommand(argv: string[], valued: string[], flags: string[], positionals = 0): CodeCommand {
  const args = parseArgs(argv, [...CODE_OPTIONS, ...valued], [...CODE_FLAGS, ...flags]);
  if (args.positionals.length > positionals) throw new UsageError(`unexpected argument "${args.positionals[positionals]}"`);
  const root = toServicePath(path.resolve(process.cwd(), option(args, "root") ?? "."));
  if (!fs.existsSync(root)) throw new UsageError(`--root ${option(args, "root")}: no such folder`);
  // The same rules as the flaglens.code.functions setting.
  const functions = (args.options.get("function") ?? []).map((spec): ExtraFunction => {
    const parsed = parseFunctionSpec(spec);
    if (typeof parsed === "string") throw new UsageError(`--function: ${parsed}`);
    return parsed;
  });
  const tags = args.options.get("permanent-tag");
  const verbose = args.flags.has("verbose");
  return {
    args,
    root,
    projects: args.options.get("project") ?? [],
    functions,
    clients: args.options.get("client") ?? [],
    staleness: {
      ...DEFAULT_STALENESS,
      days: integer(args, "days", 0) ?? DEFAULT_STALENESS.days,
      permanentTags: tags ?? DEFAULT_STALENESS.permanentTags,
    },
    jobs: integer(args, "jobs", 0),
    maxFileSize: integer(args, "max-file-size", 1),
    log: (m) => verbose && process.stderr.write(m + "\n"),
  };
}

/** The projects to check code against: the given ones, the one at or above the current folder, or every one below the root. */
export async function loadProjects(cmd: CodeCommand): Promise<Project[]> {
  const cwd = process.cwd();
  let roots: string[];
  if (cmd.projects.length > 0) roots = await Promise.all(cmd.projects.map((p) => resolveProjectRoot(p, cwd)));
  else {
    roots = [];
    for (let dir = toServicePath(cwd); ; dir = path.posix.dirname(dir)) {
      if (fs.existsSync(path.join(dir, CONFIG_FILE))) {
        roots = [dir];
        break;
      }
      if (path.posix.dirname(dir) === dir) break;
    }
    if (roots.length === 0) roots = await findProjectRoots(nodeFileSystem, cmd.root, cmd.log);
    if (roots.length === 0)
      throw new NoProjectError(`no Featurevisor project (${CONFIG_FILE}) found at or above ${cwd} or below ${cmd.root}`);
  }
  // Loaded, not validated: flag files are parsed when a usage or staleness needs them.
  const out: Project[] = [];
  // A sets project gives one project per set; each set's features count.
  for (const root of [...new Set(roots)])
    out.push(...(await loadRootProjects(nodeFileSystem, root, { maxFileSize: 1048576, log: cmd.log })));
  return out;
}

/** Scans the code tree of a command. */
export function scanCode(cmd: CodeCommand, worker: WorkerEntry | undefined): Promise<CodeTreeResult> {
  return scanCodeTree({
    root: cmd.root,
    include: cmd.args.options.get("include") ?? [],
    exclude: cmd.args.options.get("exclude") ?? [],
    gitignore: !cmd.args.flags.has("no-gitignore"),
    settings: { functions: cmd.functions, clients: cmd.clients },
    jobs: cmd.jobs,
    maxFileSize: cmd.maxFileSize,
    worker,
    log: cmd.log,
  });
}

/**
 * Parses every feature file now, while ripgrep reads the code: a slice at a time, so that this
 * thread keeps taking ripgrep's output and scanning the files it names in between.
 */
export async function parseFeatures(projects: readonly Project[]): Promise<void> {
  let n = 0;
  for (const p of projects) {
    for (const key of p.keys("feature")) {
      p.feature(key);
      if (++n % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** One reference as `flaglens refs --format json` prints it. */
export interface RefJson {
  feature: string | null;
  file: string;
  line: number;
  column: number;
  language: string;
  kind: Usage["kind"];
  variable: string | null;
  defined: boolean;
  status: string;
}

/** `flaglens refs`. */
export async function refsCommand(argv: string[], worker: WorkerEntry | undefined): Promise<number> {
  const cmd = parseCodeCommand(argv, ["format"], []);
  const format = option(cmd.args, "format") ?? "text";
  if (!["text", "json"].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  const started = Date.now();
  const phase = (what: string) => cmd.log(`${what}: ${Date.now() - started} ms`);
  const projects = await loadProjects(cmd);
  phase("projects listed");
  const scanning = scanCode(cmd, worker);
  await parseFeatures(projects);
  phase("feature files parsed");
  const { index, files } = await scanning;
  phase("code scanned");
  const usages = index.allUsages();
  const referenced: [Project, string][] = [];
  const probe = new FlagCatalog(projects);
  for (const key of index.referencedKeys().keys()) {
    const ref = probe.lookup(key);
    if (ref) referenced.push([ref.project, key]);
  }
  const catalog = new FlagCatalog(projects, await gitStaleness(referenced, cmd.staleness));
  phase("history read");
  const refs: RefJson[] = usages.map((u) => ({
    feature: u.feature,
    file: relativePath(cmd.root, u.file) ?? u.file,
    line: u.range.start.line + 1,
    column: u.range.start.character + 1,
    language: u.language,
    kind: u.kind,
    variable: u.variable ?? null,
    defined: u.feature !== null && catalog.lookup(u.feature) !== undefined,
    status: catalog.status(u.feature),
  }));
  let out: string;
  if (format === "json") out = JSON.stringify({ references: refs }) + "\n";
  else {
    const lines = refs.map((r) => {
      const what = r.feature === null ? "(dynamic key)" : r.feature + (r.variable ? ` ${r.variable}` : "");
      return `${r.file}:${r.line}:${r.column} ${r.kind} ${what}${r.status === "active" ? "" : ` [${r.status}]`}`;
    });
    const keys = new Set(refs.filter((r) => r.feature !== null).map((r) => r.feature));
    const inFiles = new Set(refs.map((r) => r.file));
    lines.push(
      `${refs.length} reference${refs.length === 1 ? "" : "s"} to ${keys.size} feature${keys.size === 1 ? "" : "s"} in ${inFiles.size} of ${files.length} code files`,
    );
    out = lines.join("\n") + "\n";
  }
  phase("output built");
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return 0;
}

export { gitStaleness };
