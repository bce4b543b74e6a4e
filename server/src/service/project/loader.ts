// Reading projects from a file system: discovery, configuration, files, format detection.

import { isWithin } from "../containment";
import { dirname, joinPath, PROJECT_SKIPPED_FOLDERS, relativePath, type FileSystem, type FileType } from "../fileSystem";
import { readConfigStatically, type StaticConfig } from "./configReader";
import { parseFlagDocument, type FileParser, type FlagDocument } from "./document";
import { classify, entityDirectories, extensionsFor, textEntry, type EntityLayout, type FileEntry, type ReadProblem } from "./entries";
import { Project, type ProjectConfigInfo } from "./project";
import { realPathOf, walkTree, type WalkVisitor } from "./treeWalk";
import { detectVersion } from "./version";
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

/** Finds every project root (a folder holding featurevisor.config.js) at or below `folder`. */
export async function findProjectRoots(fs: FileSystem, folder: string, log: (m: string) => void): Promise<string[]> {
  const roots: string[] = [];
  // Links that leave the folder are not followed: a project is found where the user opened it.
  await walkTree(fs, folder, (await realPathOf(fs, folder)) ?? folder, {
    directory: (dir, entries) => {
      if (entries.some(([name, type]) => name === CONFIG_FILE && type !== "directory")) roots.push(dir);
    },
    descend: (name) => !PROJECT_SKIPPED_FOLDERS.has(name) && !name.startsWith("."),
    unlisted: (dir, error) => log(`Cannot list ${dir}: ${String(error)}`),
    outside: (path, _name, type) => type === "directory" && log(`Not following ${path}: it links outside ${folder}`),
    loop: (path) => log(`Not following ${path}: it links to a folder above it`),
  });
  return roots;
}

/** What listing a project found: flag files, and symbolic links that lead out of the project. */
interface Listing {
  files: string[];
  /** Flag files that are links to files outside the project. */
  outsideFiles: string[];
  /** Links to folders outside the project, relative to the root. */
  outsideFolders: string[];
}

/** Lists the flag files of a project. A missing entity directory is normal (many projects have no groups). */
async function listFlagFiles(fs: FileSystem, root: string, layout: EntityLayout, log: (m: string) => void): Promise<Listing> {
  const listing: Listing = { files: [], outsideFiles: [], outsideFolders: [] };
  const seen = new Set<string>();
  const exts = extensionsFor(layout);
  const isFlagFile = (name: string) => exts.some((e) => name.endsWith(e));
  const visitor: WalkVisitor = {
    file: (path, name) => isFlagFile(name) && void listing.files.push(path),
    outside: (path, name, type) => {
      if (type === "directory") listing.outsideFolders.push(relativePath(root, path) ?? path);
      else if (type === "file" && isFlagFile(name)) listing.outsideFiles.push(path);
    },
    loop: (path) => log(`Not following ${path}: it links to a folder at or above it`),
  };
  const boundary = (await realPathOf(fs, root)) ?? root;
  for (const [dir] of entityDirectories(layout)) {
    await walkTree(fs, dir.startsWith("/") ? dir : joinPath(root, dir), boundary, visitor, seen);
  }
  if (listing.files.length === 0) log(`No flag files found in ${root}`);
  listing.files = [...new Set(listing.files)].sort();
  listing.outsideFiles = [...new Set(listing.outsideFiles)].sort();
  listing.outsideFolders = [...new Set(listing.outsideFolders)].sort();
  return listing;
}

/** The problem of a flag file that links outside the project; it names the link only, never what it points to. */
function outsideProblem(rel: string): ReadProblem {
  return {
    code: "symlink-outside-project",
    message: `${rel} is a symbolic link to a file outside the project: Flaglens does not read it.`,
  };
}

/** An entry for a link that leads out of the project: classified by its own path, never read. */
function outsideEntry(project: Project, path: string): FileEntry | undefined {
  const rel = relativePath(project.root, path);
  const cls = rel === undefined ? undefined : classify(rel, project.config, project.keySeparator);
  if (rel === undefined || !cls) return undefined;
  return { path, rel, ...cls, doc: undefined, readProblem: outsideProblem(rel), mtime: 0 };
}

function parserOf(project: Project): FileParser {
  const { parser, yamlTags } = project.config;
  if (parser === "json" || parser === "toml") return parser;
  return yamlTags ? "yml-tags" : "yml";
}

/** One decoder for every file: decoding is stateless without `stream`, and a decoder per file costs time on large projects. */
const UTF8 = new TextDecoder("utf-8");

/** Why a file cannot be parsed (too large, binary), or its text. */
function decode(rel: string, bytes: Uint8Array, size: number, options: LoadOptions): { text: string } | { problem: ReadProblem } {
  if (size > options.maxFileSize) {
    const message = `${rel} is ${(size / 1048576).toFixed(1)} MB, over the ${(options.maxFileSize / 1048576).toFixed(1)} MB limit (setting flaglens.maxFileSize): it was not validated.`;
    options.log(message);
    return { problem: { code: "file-too-large", message } };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { problem: { code: "binary-file", message: `${rel} holds binary data, not YAML text.` } };
  let text = UTF8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function unreadable(rel: string, error: unknown, options: LoadOptions): ReadProblem {
  const message = `Cannot read ${rel}: ${error instanceof Error ? error.message : String(error)}`;
  options.log(message);
  return { code: "unreadable-file", message };
}

/**
 * An entry for an open editor's text. The size limit holds for open documents as for files on
 * disk: a huge text is reported and never parsed (its length in UTF-16 units stands for its size).
 */
function openEntry(base: Omit<FileEntry, "doc" | "mtime">, text: string, project: Project, options: LoadOptions): FileEntry {
  if (text.length > options.maxFileSize) {
    const d = decode(base.rel, new Uint8Array(), text.length, options);
    if ("problem" in d) return { ...base, doc: undefined, readProblem: d.problem, mtime: Date.now() };
  }
  return textEntry(base, text, parserOf(project), Date.now());
}

/** Reads and parses one file into an entry; undefined when the path is not a flag file of the project. */
export async function readEntry(fs: FileSystem, project: Project, path: string, options: LoadOptions): Promise<FileEntry | undefined> {
  const rel = relativePath(project.root, path);
  if (rel === undefined) return undefined;
  const cls = classify(rel, project.layout, project.keySeparator);
  if (!cls) return undefined;
  const base = { path, rel, ...cls };
  const open = options.overlay?.(path);
  if (open !== undefined) return openEntry(base, open, project, options);
  // A file that changed on disk may have become a link out of the project since it was listed.
  const real = await realPathOf(fs, path);
  if (real !== undefined && !isWithin(project.realRoot, real)) return outsideEntry(project, path);
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
  const cls = classify(rel, project.layout, project.keySeparator);
  if (!cls) return undefined;
  const open = options.overlay?.(path);
  const base = { path, rel, ...cls };
  if (open !== undefined) return openEntry(base, open, project, options);
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
      if (executed) {
        const config = mergeExecuted(read.config, executed, root);
        return { config, read, source: "executed", text, environmentsGiven: executed.environments !== undefined };
      }
    } catch (error) {
      options.log(`Executing ${configPath} failed, reading it statically instead: ${String(error)}`);
    }
  }
  const environmentsGiven = "environments" in read.keys || read.dynamicKeys.includes("environments");
  return { config: read.config, read, source: "static", text, environmentsGiven };
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
  if (typeof executed.sets === "boolean") out.sets = executed.sets;
  if (typeof executed.stringify === "boolean") out.stringify = executed.stringify;
  if (typeof executed.namespaceCharacter === "string" && executed.namespaceCharacter !== "")
    out.namespaceCharacter = executed.namespaceCharacter;
  if (typeof executed.defaultBucketBy === "string") out.defaultBucketBy = executed.defaultBucketBy;
  if (executed.parser === "json" || executed.parser === "yml") {
    out.parser = executed.parser;
    out.parserExtension = executed.parser;
  }
  return out;
}

/**
 * Why a project is v3, if it is: a targets/ folder, or settings only v3.1 has (sets, namespaceCharacter,
 * promotionFlows). Known before any file is read, since v3 keys are written differently.
 */
async function v3Evidence(fs: FileSystem, root: string, config: StaticConfig): Promise<string | undefined> {
  const keys = (["sets", "namespaceCharacter", "promotionFlows"] as const).filter((k) => config[k] !== undefined && config[k] !== false);
  if (keys.length > 0) return `its config sets ${keys.join(" and ")}, which only v3.1 has`;
  if ((await fs.stat(joinPath(root, "targets")))?.type === "directory") return "it has a targets/ folder, which only v3 has";
  return undefined;
}

/** The sets of a `sets: true` project: the folders in its sets directory, sorted by name as Featurevisor lists them. */
async function listSets(fs: FileSystem, root: string, config: StaticConfig, log: (m: string) => void): Promise<string[]> {
  const dir = config.setsDirectoryPath.startsWith("/") ? config.setsDirectoryPath : joinPath(root, config.setsDirectoryPath);
  let entries: [string, FileType][];
  try {
    entries = await fs.readDirectory(dir);
  } catch {
    log(`${root} sets "sets: true", but ${dir} cannot be listed: no sets loaded`);
    return [];
  }
  const sets: string[] = [];
  for (const [name, type] of entries) {
    const t = type === "symlink" ? (await fs.stat(joinPath(dir, name)))?.type : type;
    if (t === "directory") sets.push(name);
  }
  return sets.sort().map((name) => joinPath(dir, name));
}

/**
 * Loads the projects of a config root: one, or one per set when the config says `sets: true` (each set
 * is its own tree, sharing the config). Never throws: problems become diagnostics or log lines.
 */
export async function loadProjects(fs: FileSystem, root: string, options: LoadOptions): Promise<Project[]> {
  const configInfo = await readProjectConfig(fs, root, options);
  const configPath = joinPath(root, CONFIG_FILE);
  const v3 = await v3Evidence(fs, root, configInfo.config);
  const format = v3 ? "v3" : "v2";
  // Featurevisor 3 dropped the default environments: a v3 config without `environments` has none
  // (its features write `rules` as one list), where v1 and v2 assumed staging and production.
  if (v3 && configInfo.environmentsGiven === false) configInfo.config.environments = false;
  const sets = configInfo.config.sets ? await listSets(fs, root, configInfo.config, options.log) : [];
  // A sets project without any set still gets a project, so its config is checked and shown.
  if (sets.length === 0) return [await loadFiles(fs, new Project(root, configPath, configInfo, format), options, v3)];
  const projects: Project[] = [];
  for (const dir of sets) {
    const set = dir.slice(dir.lastIndexOf("/") + 1);
    projects.push(await loadFiles(fs, new Project(dir, configPath, configInfo, format, set), options, v3));
  }
  return projects;
}

/** Loads the project of a root that has no sets, or its first set; for commands that work on one tree. */
export async function loadProject(fs: FileSystem, root: string, options: LoadOptions): Promise<Project> {
  return (await loadProjects(fs, root, options))[0];
}

/** Lists and reads the files of a project. */
async function loadFiles(fs: FileSystem, project: Project, options: LoadOptions, v3: string | undefined): Promise<Project> {
  project.realRoot = (await realPathOf(fs, project.root)) ?? project.root;
  const listing = await listFlagFiles(fs, project.root, project.layout, options.log);
  const { outsideFiles, outsideFolders } = listing;
  let paths = listing.files;
  // Only a custom YAML parser can include files; reading every file first is the price of such projects only.
  if (project.config.yamlTags) paths = await withoutIncludedFragments(fs, paths);
  project.unread = await findUnreadFiles(fs, project.root, project.layout, paths.length);
  project.outsideLinks = outsideFolders;
  for (const p of outsideFiles) {
    const e = outsideEntry(project, p);
    if (e) project.setFile(e);
  }
  if (fs.readFileSync && fs.statSync) {
    for (const p of paths) {
      const e = lazyEntry(fs, project, p, options);
      if (e) project.setFile(e);
    }
    return withVersion(fs, project, v3);
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
  return withVersion(fs, project, v3);
}

/** Sets the detected format and version (from the files, and a pinned @featurevisor/cli). */
async function withVersion(fs: FileSystem, project: Project, v3: string | undefined): Promise<Project> {
  project.version = await detectVersion(fs, project, v3);
  project.format = project.version.format;
  return project;
}

export { dirname };
