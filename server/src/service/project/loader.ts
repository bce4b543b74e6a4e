// Reading projects from a file system: discovery, configuration, files, format detection.

import { dirname, joinPath, relativePath, type FileSystem, type FileType } from "../fileSystem";
import type { ProjectFormat } from "../types";
import { readConfigStatically, type StaticConfig } from "./configReader";
import { parseFlagDocument, type FileParser, type FlagDocument } from "./document";
import { classify, entityDirectories, extensionsFor, textEntry, type FileEntry, type ReadProblem } from "./entries";
import { isObject } from "./featureView";
import { Project, type ProjectConfigInfo } from "./project";
import { withoutIncludedFragments } from "./fragments";
import { findUnreadFiles } from "./unread";

/** The name of the file that marks a project root. */
export const CONFIG_FILE = "featurevisor.config.js";

/** Options for reading projects. */
export interface LoadOptions {
  /** Files larger than this are not parsed. */
  maxFileSize: number;
  log: (message: string) => void;
  /** Runs a trusted project's config and returns its exported object; absent in untrusted workspaces. */
  executeConfig?: (configPath: string) => Promise<Record<string, unknown> | undefined>;
  /** Text of open editors, which wins over the disk. */
  overlay?: (path: string) => string | undefined;
}

const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out", "build", "coverage"]);
const MAX_DEPTH = 24;

/** What a tree walk does with each directory's entries. */
interface WalkVisitor {
  /** Called with the entries of each directory reached. */
  directory?(dir: string, entries: [string, FileType][]): void;
  /** Whether to descend into a child directory. */
  descend?(name: string): boolean;
  file?(path: string, name: string): void;
  /** Called when a directory cannot be listed. */
  unlisted?(dir: string, error: unknown): void;
}

/** Walks a tree, following symbolic links but each real directory once, so loops end. */
export async function walkTree(fs: FileSystem, start: string, visitor: WalkVisitor, seen = new Set<string>()): Promise<void> {
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    let real: string;
    try {
      real = await fs.realPath(dir);
    } catch {
      return;
    }
    if (seen.has(real)) return; // A symbolic link loop, or a folder reached twice.
    seen.add(real);
    let entries: [string, FileType][];
    try {
      entries = await fs.readDirectory(dir);
    } catch (error) {
      visitor.unlisted?.(dir, error);
      return;
    }
    visitor.directory?.(dir, entries);
    for (const [name, type] of entries) {
      const child = joinPath(dir, name);
      const t = type === "symlink" ? ((await fs.stat(child))?.type ?? "other") : type;
      if (t === "directory" && (visitor.descend?.(name) ?? true)) await walk(child, depth + 1);
      else if (t === "file") visitor.file?.(child, name);
    }
  };
  await walk(start, 0);
}

/** Finds every project root (a folder holding featurevisor.config.js) at or below `folder`. */
export async function findProjectRoots(fs: FileSystem, folder: string, log: (m: string) => void): Promise<string[]> {
  const roots: string[] = [];
  await walkTree(fs, folder, {
    directory: (dir, entries) => {
      if (entries.some(([name, type]) => name === CONFIG_FILE && type !== "directory")) roots.push(dir);
    },
    descend: (name) => !SKIP_DIRS.has(name) && !name.startsWith("."),
    unlisted: (dir, error) => log(`Cannot list ${dir}: ${String(error)}`),
  });
  return roots;
}

/** Lists the flag files of a project. A missing entity directory is normal (many projects have no groups). */
async function listFlagFiles(fs: FileSystem, root: string, config: StaticConfig, log: (m: string) => void): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const exts = extensionsFor(config);
  const visitor: WalkVisitor = { file: (path, name) => exts.some((e) => name.endsWith(e)) && void files.push(path) };
  for (const [dir] of entityDirectories(config)) {
    await walkTree(fs, dir.startsWith("/") ? dir : joinPath(root, dir), visitor, seen);
  }
  if (files.length === 0) log(`No flag files found in ${root}`);
  return [...new Set(files)].sort();
}

function parserOf(project: Project): FileParser {
  const { parser, yamlTags } = project.config;
  if (parser === "json" || parser === "toml") return parser;
  return yamlTags ? "yml-tags" : "yml";
}

/** Why a file cannot be parsed (too large, binary), or its text. */
function decode(rel: string, bytes: Uint8Array, size: number, options: LoadOptions): { text: string } | { problem: ReadProblem } {
  if (size > options.maxFileSize) {
    const message = `${rel} is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileSize / 1048576).toFixed(1)} MB limit (setting flaglens.maxFileSize): it was not validated.`;
    options.log(message);
    return { problem: { code: "file-too-large", message } };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { problem: { code: "binary-file", message: `${rel} holds binary data, not YAML text.` } };
  let text = new TextDecoder("utf-8").decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function unreadable(rel: string, error: unknown, options: LoadOptions): ReadProblem {
  const message = `Cannot read ${rel}: ${error instanceof Error ? error.message : String(error)}`;
  options.log(message);
  return { code: "unreadable-file", message };
}

/** Reads and parses one file into an entry; undefined when the path is not a flag file of the project. */
export async function readEntry(fs: FileSystem, project: Project, path: string, options: LoadOptions): Promise<FileEntry | undefined> {
  const rel = relativePath(project.root, path);
  if (rel === undefined) return undefined;
  const cls = classify(rel, project.config, project.keySeparator);
  if (!cls) return undefined;
  const base = { path, rel, ...cls };
  const open = options.overlay?.(path);
  if (open !== undefined) return textEntry(base, open, parserOf(project), Date.now());
  const stat = await fs.stat(path);
  if (!stat) return undefined;
  let bytes: Uint8Array = new Uint8Array();
  if (stat.size <= options.maxFileSize) {
    try {
      bytes = await fs.readFile(path);
    } catch (error) {
      return { ...base, doc: undefined, readProblem: unreadable(rel, error, options), mtime: stat.mtime };
    }
  }
  const d = decode(rel, bytes, stat.size, options);
  if ("problem" in d) return { ...base, doc: undefined, readProblem: d.problem, mtime: stat.mtime };
  return textEntry(base, d.text, parserOf(project), stat.mtime);
}

/**
 * An entry read from disk on first use of `doc` or `readProblem`, with the file system's synchronous
 * calls: loading a project then only lists files, and what a request needs is read when needed.
 */
function lazyEntry(fs: FileSystem, project: Project, path: string, options: LoadOptions): FileEntry | undefined {
  const rel = relativePath(project.root, path);
  if (rel === undefined) return undefined;
  const cls = classify(rel, project.config, project.keySeparator);
  if (!cls) return undefined;
  const open = options.overlay?.(path);
  const base = { path, rel, ...cls };
  if (open !== undefined) return textEntry(base, open, parserOf(project), Date.now());
  let loaded: { doc?: FlagDocument; problem?: ReadProblem } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const stat = fs.statSync!(path);
    if (!stat) return (loaded = {}); // Deleted since it was listed; the watcher will say so.
    try {
      const bytes = stat.size <= options.maxFileSize ? fs.readFileSync!(path) : new Uint8Array();
      const d = decode(rel, bytes, stat.size, options);
      loaded = "problem" in d ? { problem: d.problem } : { doc: parseFlagDocument(d.text, parserOf(project)) };
    } catch (error) {
      loaded = { problem: unreadable(rel, error, options) };
    }
    return loaded;
  };
  const entry = { ...base, mtime: 0 } as FileEntry;
  Object.defineProperty(entry, "doc", { enumerable: true, get: () => load().doc });
  Object.defineProperty(entry, "readProblem", { enumerable: true, get: () => load().problem });
  return entry;
}

/** Reads the configuration: statically, or by executing it when the host allows. */
export async function readProjectConfig(fs: FileSystem, root: string, options: LoadOptions): Promise<ProjectConfigInfo> {
  const configPath = joinPath(root, CONFIG_FILE);
  let text = "";
  try {
    text = new TextDecoder().decode(await fs.readFile(configPath));
  } catch (error) {
    options.log(`Cannot read ${configPath}: ${String(error)}`);
  }
  const read = readConfigStatically(text);
  if (options.executeConfig) {
    try {
      const executed = await options.executeConfig(configPath);
      if (executed) return { config: mergeExecuted(read.config, executed, root), read, source: "executed", text };
    } catch (error) {
      options.log(`Executing ${configPath} failed, reading it statically instead: ${String(error)}`);
    }
  }
  return { config: read.config, read, source: "static", text };
}

/** Overlays the values of an executed config on the static one (directories made relative). */
function mergeExecuted(base: StaticConfig, executed: Record<string, unknown>, root: string): StaticConfig {
  const out: StaticConfig = { ...base };
  if (
    executed.environments === false ||
    (Array.isArray(executed.environments) && executed.environments.every((e) => typeof e === "string"))
  ) {
    out.environments = executed.environments as string[] | false;
  }
  if (Array.isArray(executed.tags) && executed.tags.every((t) => typeof t === "string")) out.tags = executed.tags as string[];
  for (const key of Object.keys(base) as (keyof StaticConfig)[]) {
    const v = executed[key];
    if (key.endsWith("DirectoryPath") && typeof v === "string") {
      (out as unknown as Record<string, unknown>)[key] = relativePath(root, v) ?? v;
    }
  }
  if (typeof executed.splitByEnvironment === "boolean") out.splitByEnvironment = executed.splitByEnvironment;
  if (typeof executed.defaultBucketBy === "string") out.defaultBucketBy = executed.defaultBucketBy;
  if (executed.parser === "json" || executed.parser === "yml") {
    out.parser = executed.parser;
    out.parserExtension = executed.parser;
  }
  return out;
}

/** v3 projects have a targets/ folder; known before any file is read, since v3 keys are written differently. */
async function isV3(fs: FileSystem, root: string): Promise<boolean> {
  return (await fs.stat(joinPath(root, "targets")))?.type === "directory";
}

/** Decides the format from the features' shapes; a project's package.json breaks ties. */
export async function detectFormat(fs: FileSystem, project: Project): Promise<ProjectFormat> {
  if (project.format === "v3") return "v3";
  let v1 = 0;
  let v2 = 0;
  // A sample decides: every feature of a project has the same format, and parsing is lazy.
  for (const e of project.entries("feature").slice(0, 25)) {
    const v = e.doc?.value;
    if (!isObject(v)) continue;
    if (Array.isArray(v.variablesSchema)) v1++;
    else if (isObject(v.variablesSchema)) v2++;
    if (isObject(v.environments)) v1++;
    if ("rules" in v || "force" in v) v2++;
    if (Array.isArray(v.variations) && v.variations.some((x) => isObject(x) && Array.isArray(x.variables))) v1++;
  }
  if (v1 !== v2) return v1 > v2 ? "v1" : "v2";
  try {
    const pkg = JSON.parse(new TextDecoder().decode(await fs.readFile(joinPath(project.root, "package.json")))) as Record<
      string,
      Record<string, string>
    >;
    const version = pkg.devDependencies?.["@featurevisor/cli"] ?? pkg.dependencies?.["@featurevisor/cli"];
    const major = version ? /(\d+)/.exec(version)?.[1] : undefined;
    if (major === "1") return "v1";
    if (major === "3") return "v3";
  } catch {
    // No package.json: use the current format.
  }
  return "v2";
}

/** Loads a whole project. Never throws: problems become diagnostics or log lines. */
export async function loadProject(fs: FileSystem, root: string, options: LoadOptions): Promise<Project> {
  const configInfo = await readProjectConfig(fs, root, options);
  const project = new Project(root, joinPath(root, CONFIG_FILE), configInfo, (await isV3(fs, root)) ? "v3" : "v2");
  let paths = await listFlagFiles(fs, root, configInfo.config, options.log);
  // Only a custom YAML parser can include files; reading every file first is the price of such projects only.
  if (configInfo.config.yamlTags) paths = await withoutIncludedFragments(fs, paths);
  project.unread = await findUnreadFiles(fs, root, configInfo.config, paths.length);
  if (fs.readFileSync && fs.statSync) {
    for (const p of paths) {
      const e = lazyEntry(fs, project, p, options);
      if (e) project.setFile(e);
    }
    project.format = await detectFormat(fs, project);
    return project;
  }
  // Reads run in small batches: parallel enough to hide latency, bounded to keep memory flat.
  const BATCH = 64;
  for (let i = 0; i < paths.length; i += BATCH) {
    const entries = await Promise.all(
      paths.slice(i, i + BATCH).map((p) =>
        readEntry(fs, project, p, options).catch((error) => {
          options.log(`Cannot load ${p}: ${String(error)}`);
          return undefined;
        }),
      ),
    );
    for (const e of entries) if (e) project.setFile(e);
  }
  project.format = await detectFormat(fs, project);
  return project;
}

export { dirname };
