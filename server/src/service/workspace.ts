// The workspace index: projects, open documents, per-file diagnostics, and incremental
// revalidation through a reverse dependency map.

import { relativePath, type FileSystem } from "./fileSystem";
import type { FileEntry } from "./project/entries";
import { isObject } from "./project/featureView";
import { CONFIG_FILE, findProjectRoots, loadProjects, readEntry, type LoadOptions } from "./project/loader";
import type { Project } from "./project/project";
import { LineIndex, START_RANGE } from "./text";
import type { FlaglensDiagnostic } from "./types";
import { CODES, type SeverityOverrides } from "./validation/codes";
import { validateFile, type FileValidation } from "./validation/validateFile";

/** Settings that change diagnostics. */
export interface WorkspaceSettings {
  severity: SeverityOverrides;
  maxFileSize: number;
}

/** Options of a workspace. */
export interface WorkspaceOptions {
  log: (message: string) => void;
  settings?: Partial<WorkspaceSettings>;
  executeConfig?: LoadOptions["executeConfig"];
  /** Called while a project loads, with the open files already validated, before the rest is. */
  onPartialResults?: (changed: ChangedFiles) => void;
  /** Called with the entities an update re-read or dropped, whether or not any diagnostics changed. */
  onTouched?: (touched: TouchedEntities) => void;
}

/**
 * Entities a file update touched: what the code index rechecks beyond changed diagnostics (see
 * `featuresAffectedBy`). Loading or dropping a whole project is not reported: its config is then
 * among the changed files.
 */
export interface TouchedEntities {
  /** `kind:key` of the file's entity, before and after, and `feature:key` of each feature in a touched group's slots. */
  entities: string[];
  /** A feature file was created or deleted: the set of feature keys changed. */
  featureKeysChanged: boolean;
}

/** A change on disk. */
export interface FileEvent {
  path: string;
  type: "created" | "changed" | "deleted";
}

/** The files whose diagnostics should be (re)published after an update. */
export type ChangedFiles = Set<string>;

const DEFAULT_SETTINGS: WorkspaceSettings = { severity: {}, maxFileSize: 1048576 };

/** All projects of a workspace and their diagnostics. */
export class Workspace {
  /** By project root: a config's folder, or a set's folder for each set of a `sets: true` project. */
  readonly projects = new Map<string, Project>();
  private readonly folders = new Set<string>();
  private readonly validations = new Map<string, FileValidation>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly overlays = new Map<string, string>();
  private readonly searchedAbove = new Set<string>();
  private settings: WorkspaceSettings;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fs: FileSystem,
    private readonly options: WorkspaceOptions,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
  }

  /** Runs updates one at a time, so a slow disk read never interleaves with another update. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private get loadOptions(): LoadOptions {
    return {
      maxFileSize: this.settings.maxFileSize,
      log: this.options.log,
      executeConfig: this.options.executeConfig,
      overlay: (p) => this.overlays.get(p),
    };
  }

  /** The severity overrides in force (code diagnostics use them too). */
  get severityOverrides(): SeverityOverrides {
    return this.settings.severity;
  }

  /** Resolves when every queued update has been applied, so a request sees the latest text. */
  async whenIdle(): Promise<void> {
    let q: Promise<unknown>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  /** Finds and loads every project below a folder. */
  addFolder(folder: string): Promise<ChangedFiles> {
    return this.serial(async () => {
      this.folders.add(folder);
      const changed: ChangedFiles = new Set();
      for (const root of await findProjectRoots(this.fs, folder, this.options.log)) {
        if (!this.hasConfigRoot(root)) await this.loadRoot(root, changed);
      }
      return changed;
    });
  }

  /** Forgets a workspace folder: the projects below it that no other folder holds are dropped. */
  removeFolder(folder: string): Promise<ChangedFiles> {
    return this.serial(async () => {
      this.folders.delete(folder);
      const changed: ChangedFiles = new Set();
      const within = (dir: string, path: string) => relativePath(dir, path) !== undefined;
      for (const root of this.configRoots()) {
        if (within(folder, root) && ![...this.folders].some((f) => within(f, root))) this.dropProject(root, changed);
      }
      return changed;
    });
  }

  /** Loads (or reloads) one project root directly. */
  addProject(root: string): Promise<ChangedFiles> {
    return this.serial(async () => {
      const changed: ChangedFiles = new Set();
      await this.loadRoot(root, changed);
      return changed;
    });
  }

  /** The folders holding a loaded featurevisor.config.js (a sets project has one config for several projects). */
  configRoots(): string[] {
    return [...new Set([...this.projects.values()].map((p) => p.configRoot))];
  }

  /** Whether the projects of a config folder are loaded. */
  hasConfigRoot(root: string): boolean {
    for (const p of this.projects.values()) if (p.configRoot === root) return true;
    return false;
  }

  private async loadRoot(root: string, changed: ChangedFiles): Promise<void> {
    this.dropProject(root, changed);
    const started = Date.now();
    for (const project of await loadProjects(this.fs, root, this.loadOptions)) {
      this.projects.set(project.root, project);
      // Open files first only where someone is listening for early results (the server, not lint).
      await this.validateProject(project, changed, this.options.onPartialResults !== undefined);
      const set = project.set !== undefined ? ` set ${project.set}` : "";
      this.options.log(`Loaded ${root}${set} (${project.format}, ${project.files.size} files) in ${Date.now() - started} ms`);
    }
  }

  /** Drops every project of a config folder (each set of a sets project). */
  private dropProject(root: string, changed: ChangedFiles): void {
    for (const old of [...this.projects.values()]) {
      if (old.configRoot !== root) continue;
      this.projects.delete(old.root);
      for (const path of [...old.files.keys(), old.configPath]) {
        this.setValidation(path, undefined);
        changed.add(path);
      }
    }
  }

  /** The project that owns a path (the innermost root). */
  projectOf(path: string): Project | undefined {
    let best: Project | undefined;
    for (const p of this.projects.values()) {
      if (relativePath(p.root, path) !== undefined && (!best || p.root.length > best.root.length)) best = p;
    }
    return best;
  }

  /** The current diagnostics of a file. */
  diagnostics(path: string): FlaglensDiagnostic[] {
    return this.validations.get(path)?.diagnostics ?? [];
  }

  /** Every file of a project that has diagnostics, including its config. */
  projectDiagnostics(project: Project): Map<string, FlaglensDiagnostic[]> {
    const out = new Map<string, FlaglensDiagnostic[]>();
    for (const path of [project.configPath, ...project.files.keys()]) {
      const d = this.diagnostics(path);
      if (d.length > 0) out.set(path, d);
    }
    return out;
  }

  /** Applies new settings; every file is revalidated. */
  updateSettings(settings: Partial<WorkspaceSettings>): Promise<ChangedFiles> {
    return this.serial(async () => {
      const sizeChanged = settings.maxFileSize !== undefined && settings.maxFileSize !== this.settings.maxFileSize;
      this.settings = { ...this.settings, ...settings };
      const changed: ChangedFiles = new Set();
      if (sizeChanged) for (const root of this.configRoots()) await this.loadRoot(root, changed);
      else for (const p of this.projects.values()) await this.validateProject(p, changed);
      return changed;
    });
  }

  /** An editor opened or changed a document: its text wins over the disk until it is closed. */
  setDocument(path: string, text: string): Promise<ChangedFiles> {
    // Set at once, not in the queue: a project that is loading now reads this text.
    this.overlays.set(path, text);
    return this.serial(async () => {
      if (this.overlays.get(path) !== text) return new Set<string>();
      const changed = this.projectOf(path) ? new Set<string>() : await this.discoverProjectAbove(path);
      for (const p of await this.refreshFile(path, "changed")) changed.add(p);
      return changed;
    });
  }

  /**
   * A document outside every known project: its project may lie above the workspace folder
   * (an editor rooted in a subfolder), so look upward for featurevisor.config.js.
   */
  private async discoverProjectAbove(path: string): Promise<ChangedFiles> {
    const changed: ChangedFiles = new Set();
    if (this.searchedAbove.has(path)) return changed; // Once per document: every keystroke comes here.
    this.searchedAbove.add(path);
    for (let dir = path.slice(0, path.lastIndexOf("/")); dir.length > 0; dir = dir.slice(0, dir.lastIndexOf("/"))) {
      if ((await this.fs.stat(dir + "/" + CONFIG_FILE))?.type === "file") {
        if (!this.hasConfigRoot(dir)) await this.loadRoot(dir, changed);
        break;
      }
    }
    return changed;
  }

  /** An editor closed a document: the disk is the truth again. */
  closeDocument(path: string): Promise<ChangedFiles> {
    return this.serial(async () => {
      if (!this.overlays.delete(path)) return new Set<string>();
      return this.refreshFile(path, "changed");
    });
  }

  /** Files changed on disk (created, changed, deleted). */
  fileEvents(events: FileEvent[]): Promise<ChangedFiles> {
    return this.serial(async () => {
      const changed: ChangedFiles = new Set();
      const reloads = new Set<string>();
      for (const e of events) {
        if (e.path.endsWith("/" + CONFIG_FILE)) {
          reloads.add(e.path.slice(0, -CONFIG_FILE.length - 1));
          continue;
        }
        if (this.overlays.has(e.path) && e.type !== "deleted") continue; // The editor's text wins.
        for (const p of await this.refreshFile(e.path, e.type)) changed.add(p);
      }
      for (const root of reloads) {
        const inFolder = [...this.folders].some((f) => relativePath(f, root) !== undefined);
        if (!this.hasConfigRoot(root) && !inFolder) continue;
        if (await this.fs.stat(root + "/" + CONFIG_FILE)) await this.loadRoot(root, changed);
        else this.dropProject(root, changed);
      }
      return changed;
    });
  }

  private async refreshFile(path: string, type: FileEvent["type"]): Promise<ChangedFiles> {
    const changed: ChangedFiles = new Set();
    const project = this.projectOf(path);
    if (!project) return changed;
    const old = project.files.get(path);
    const open = this.overlays.get(path);
    // An editor opening a file the index has already read and validated with this very text:
    // nothing to recompute, but the editor is told the file's diagnostics (it may show none yet).
    if (open !== undefined && old?.doc?.text === open && this.validations.has(path)) return new Set([path]);
    const entry = type === "deleted" ? undefined : await readEntry(this.fs, project, path, this.loadOptions);
    if (!entry && !old) return changed;
    if (entry) project.setFile(entry);
    else project.deleteFile(path);
    this.options.onTouched?.({
      entities: touchedEntities(old, entry),
      featureKeysChanged: (old ?? entry)!.kind === "feature" && (!old || !entry),
    });
    const touched = new Set<string>([path]);
    for (const e of [old, entry]) {
      if (!e) continue;
      for (const dep of this.dependents.get(e.kind + ":" + e.key) ?? []) touched.add(dep);
      // Files that depend on every entity of a kind (a target's feature patterns) see creations and deletions.
      if (!old || !entry) for (const dep of this.dependents.get(e.kind + ":*") ?? []) touched.add(dep);
    }
    for (const p of touched) this.revalidate(project, p, changed);
    return changed;
  }

  /**
   * The keys of the features whose outcome for users may depend on some entities (`kind:key`, as
   * `onTouched` reports them): the features themselves (and those of split environment files),
   * the features whose files use a touched segment or group, and, transitively, the features that
   * require any of these. Read from the reverse dependencies the validations recorded.
   */
  featuresAffectedBy(entities: Iterable<string>): Set<string> {
    const features = new Set<string>();
    const pending: string[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      pending.push(id);
    };
    for (const id of entities) visit(id.startsWith("environment:") ? "feature:" + id.slice("environment:".length) : id);
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (id.startsWith("feature:")) features.add(id.slice("feature:".length));
      for (const path of this.dependents.get(id) ?? []) {
        const entry = this.projectOf(path)?.files.get(path);
        if (entry?.kind === "feature" || entry?.kind === "environment") visit("feature:" + entry.key);
      }
    }
    return features;
  }

  private async validateProject(project: Project, changed: ChangedFiles, openFirst = false): Promise<void> {
    this.setValidation(project.configPath, { diagnostics: configDiagnostics(project, this.settings.severity), dependencies: new Set() });
    changed.add(project.configPath);
    // What the user looks at comes first, and the rest of the project follows. Documents opened
    // while the project loads count too: they are taken in at every pause of the loop below, with
    // their open text (an entry listed before its document was opened holds the disk's).
    const early = new Set<string>();
    const validateOpen = async () => {
      const fresh: ChangedFiles = new Set();
      for (const [path, text] of [...this.overlays]) {
        if (early.has(path) || !project.files.has(path)) continue;
        early.add(path);
        if (project.files.get(path)?.doc?.text !== text) {
          const entry = await readEntry(this.fs, project, path, this.loadOptions);
          if (entry) project.setFile(entry);
        }
        this.revalidate(project, path, fresh);
      }
      if (fresh.size === 0) return;
      if (this.options.onPartialResults) this.options.onPartialResults(fresh);
      else for (const p of fresh) changed.add(p);
    };
    if (openFirst) await validateOpen();
    let lastYield = Date.now();
    for (const path of project.files.keys()) {
      if (early.has(path)) continue;
      this.revalidate(project, path, changed);
      if (openFirst && Date.now() - lastYield > 30) {
        // Let the host flush what was sent (the early results) and answer other messages.
        await new Promise((resolve) => setTimeout(resolve, 0));
        await validateOpen();
        lastYield = Date.now();
      }
    }
  }

  private revalidate(project: Project, path: string, changed: ChangedFiles): void {
    const entry = project.files.get(path);
    const before = this.validations.get(path)?.diagnostics ?? [];
    const after = entry ? validateFile(project, entry, this.settings.severity, this.options.log) : undefined;
    this.setValidation(path, after);
    const now = after?.diagnostics ?? [];
    // Open documents are always republished, so an editor sees that a file was checked even when clean.
    const differs = before.length !== now.length || (now.length > 0 && JSON.stringify(before) !== JSON.stringify(now));
    if (differs || this.overlays.has(path)) changed.add(path);
  }

  private setValidation(path: string, v: FileValidation | undefined): void {
    const old = this.validations.get(path);
    for (const dep of old?.dependencies ?? []) this.dependents.get(dep)?.delete(path);
    if (!v) {
      this.validations.delete(path);
      return;
    }
    this.validations.set(path, v);
    for (const dep of v.dependencies) {
      let s = this.dependents.get(dep);
      if (!s) this.dependents.set(dep, (s = new Set()));
      s.add(path);
    }
  }
}

/** The `kind:key` of some entries, with `feature:key` for each feature in a group's slots. */
function touchedEntities(...entries: (FileEntry | undefined)[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (!e) continue;
    out.push(e.kind + ":" + e.key);
    const v = e.kind === "group" ? e.doc?.value : undefined;
    if (isObject(v) && Array.isArray(v.slots))
      for (const slot of v.slots) if (isObject(slot) && typeof slot.feature === "string") out.push("feature:" + slot.feature);
  }
  return out;
}

/** The `parser` key of the config when a custom parser is why files are unread; otherwise the file's start. */
function configProblemRange(project: Project): FlaglensDiagnostic["range"] {
  const span = project.unread?.reason === "custom parser" ? project.configInfo.read.keys.parser : undefined;
  return span ? new LineIndex(project.configInfo.text).rangeOf(span.start, span.end) : START_RANGE;
}

/** Findings about the configuration itself, shown on featurevisor.config.js. */
export function configDiagnostics(project: Project, overrides: SeverityOverrides): FlaglensDiagnostic[] {
  const out: FlaglensDiagnostic[] = [];
  const lines = new LineIndex(project.configInfo.text);
  const push = (code: keyof typeof CODES, message: string, severity?: FlaglensDiagnostic["severity"], range = START_RANGE) => {
    const o = overrides[code];
    if (o === "off") return;
    out.push({ range, severity: o ?? severity ?? CODES[code].severity, code, message, source: "flaglens" });
  };
  if (project.configInfo.source === "static") {
    for (const p of project.configInfo.read.problems) {
      push("config-problem", p.message, p.severity === "info" ? "information" : p.severity, lines.rangeOf(p.start, p.end));
    }
  }
  // A link to a folder is no file to put a diagnostic on; the project's config stands for the project.
  for (const rel of project.outsideLinks) {
    push("symlink-outside-project", `${rel} is a symbolic link to a folder outside the project: Flaglens does not follow it.`);
  }
  if (project.unread) push("config-problem", project.unread.message, "warning", configProblemRange(project));
  if (project.format === "v3") {
    push(
      "unsupported-format",
      "This project uses Featurevisor v3: Flaglens checks its structure with the 3.1 schemas and its references with the rules v3 shares with v2; some v3-only checks may be missing.",
    );
  }
  return out;
}
