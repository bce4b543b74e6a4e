// Rollout changes in the editor: what the live workspace (open documents included) changes for users
// against a git revision, computed as `flaglens diff` computes it (service/diff/snapshot.ts). The
// revision's snapshot is read from git once per project and commit; the paths that differ on disk once
// per commit until the disk changes; the diff itself again only after the workspace changed, when asked
// (the client asks after its debounced change notifications). Answers flaglens/rolloutChanges and gives
// feature files their change lenses.

import type { Connection } from "vscode-languageserver";
import { RolloutChangesRequest, type RolloutChangeItem, type RolloutChangesParams, type RolloutChangesResult } from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { DiffSnapshot } from "../service/diff/rolloutDiff";
import { buildRolloutDiff, loadDiffSnapshot, loadStates, readSavedContexts, WORKTREE } from "../service/diff/snapshot";
import type { RolloutChange, RolloutRisk } from "../service/diff/types";
import { changeLenses, changeLocation, changeWords, withChanges, type ChangeLens } from "../service/rolloutChanges";
import { rolloutModel, type RolloutModel } from "../service/rolloutModel";
import type { Project } from "../service/project/project";
import type { Workspace } from "../service/workspace";
import { runSafe } from "./runSafe";

/** The base revision until a client asks for another. */
export const DEFAULT_BASE = "HEAD";

/** Loaded snapshots kept (a project's base commit, and one or two others a client compared with). */
const SNAPSHOTS_KEPT = 4;

interface Computed {
  /** The workspace generation and the commits it was computed for. */
  key: string;
  result: Promise<RolloutChangesResult>;
}

/** What the rollout changes need from the rest of the server. */
export interface RolloutChangesHost {
  /** The paths of the documents open in the editor (their text may differ from the disk). */
  openPaths(): string[];
  /** Whether application code uses a feature, once the code is scanned; undefined before. */
  codeUses(): ((feature: string) => boolean) | undefined;
  log(message: string): void;
  /** The lens base changed: the client should ask for code lenses again. */
  baseChanged(): void;
}

/** The rollout changes of the workspace against a base revision, kept until the workspace changes. */
export class RolloutChangesState {
  /** The base the code lenses compare with: the one last asked for. */
  private lensBase = DEFAULT_BASE;
  /** Bumped by every change to the workspace or the disk. */
  private generation = 0;
  private readonly snapshots = new Map<string, Promise<DiffSnapshot>>();
  private readonly onDisk = new Map<string, Promise<Set<string>>>();
  private readonly computed = new Map<string, Computed>();
  /** The snapshot each base was last compared with, by base and config root. */
  private readonly compared = new Map<string, Promise<DiffSnapshot>>();

  constructor(
    private readonly runtime: RuntimeEnvironment,
    private readonly workspace: Workspace,
    private readonly host: RolloutChangesHost,
  ) {}

  /** The workspace changed (an edit, a file on disk): the next request computes the diff again. */
  changed(onDisk: boolean): void {
    this.generation++;
    if (onDisk) this.onDisk.clear();
  }

  /** The base the lenses compare with. */
  get base(): string {
    return this.lensBase;
  }

  /** The changes against `base` (default HEAD), which the lenses then follow. */
  async request(params: RolloutChangesParams | null): Promise<RolloutChangesResult> {
    const asked = params && typeof params === "object" && typeof params.base === "string" ? params.base.trim() : "";
    const base = asked || DEFAULT_BASE;
    if (base !== this.lensBase) {
      this.lensBase = base;
      this.host.baseChanged();
    }
    return this.changesAgainst(base);
  }

  /** The change lenses of a feature (or environment) file, against the lens base. */
  async lenses(path: string): Promise<ChangeLens[]> {
    const project = this.workspace.projectOf(path);
    const entry = project?.files.get(path);
    if (!this.runtime.git || !project || !entry || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
    const result = await this.changesAgainst(this.lensBase);
    if (result.changes.length === 0) return [];
    await this.workspace.whenIdle();
    const now = project.files.get(path);
    return now ? changeLenses(project, now, result.base, result) : [];
  }

  /**
   * The rollout panel's model with, on each environment that changed against the lens base, the change
   * and the environment as the base had it (the model unchanged outside git, or when nothing changed).
   */
  async panelModel(project: Project, model: RolloutModel): Promise<RolloutModel> {
    if (!this.runtime.git) return model;
    const result = await this.changesAgainst(this.lensBase);
    if (!result.changes.some((c) => c.feature === model.feature)) return model;
    const snapshot = await this.compared.get(`${result.base}\0${project.configRoot}`);
    const old = snapshot?.projects.find((p) => p.set === project.set);
    const before = old && rolloutModel(old, model.feature, { state: snapshot?.states?.get(old) });
    return withChanges(model, before, result.base, result);
  }

  /** The roots of the loaded configs: one diff each (a sets project's sets diff together). */
  private roots(): string[] {
    return this.workspace.configRoots().sort();
  }

  private async changesAgainst(base: string): Promise<RolloutChangesResult> {
    const git = this.runtime.git;
    if (!git) return { base, head: WORKTREE, changes: [], risks: [], error: "this server cannot read git" };
    await this.workspace.whenIdle();
    // The commits are looked up each time (one rev-parse each): a commit made since moves HEAD.
    const commits: string[] = [];
    for (const root of this.roots()) {
      try {
        commits.push(await git.resolve(root, base));
      } catch (error) {
        commits.push("error: " + (error instanceof Error ? error.message : String(error)));
      }
    }
    const key = `${this.generation}\0${this.roots().join("\0")}\0${commits.join("\0")}`;
    const known = this.computed.get(base);
    if (known?.key === key) return known.result;
    const result = this.compute(base, this.roots(), commits);
    this.computed.set(base, { key, result });
    return result;
  }

  private async compute(base: string, roots: string[], commits: string[]): Promise<RolloutChangesResult> {
    const changes: RolloutChangeItem[] = [];
    const risks: RolloutRisk[] = [];
    const errors: string[] = [];
    for (const [i, root] of roots.entries()) {
      const commit = commits[i];
      if (commit.startsWith("error: ")) {
        errors.push(commit.slice("error: ".length));
        continue;
      }
      try {
        const diff = await this.diffRoot(root, base, commit);
        const projects = this.projectsOf(root);
        for (const c of diff.changes) changes.push(this.item(projects, c));
        risks.push(...diff.risks);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    return { base, head: WORKTREE, changes, risks, ...(errors.length > 0 ? { error: errors.join("; ") } : {}) };
  }

  private projectsOf(root: string): Project[] {
    return [...this.workspace.projects.values()].filter((p) => p.configRoot === root);
  }

  /** One config's diff: its snapshot at the commit against its live projects. */
  private async diffRoot(root: string, base: string, commit: string) {
    const git = this.runtime.git!;
    const snapshotKey = `${root}\0${commit}`;
    let before = this.snapshots.get(snapshotKey);
    if (!before) {
      const started = Date.now();
      before = git.files(root, commit).then(async (files) => {
        const snapshot = await loadDiffSnapshot(files, root, base, new Set(), { log: this.host.log, warn: this.host.log });
        this.host.log(`Read ${root} at ${base} (${commit.slice(0, 12)}) from git in ${Date.now() - started} ms`);
        return snapshot;
      });
      this.snapshots.set(snapshotKey, before);
      before.catch(() => this.snapshots.delete(snapshotKey));
      while (this.snapshots.size > SNAPSHOTS_KEPT) this.snapshots.delete(this.snapshots.keys().next().value!);
    }
    this.compared.set(`${base}\0${root}`, before);
    let disk = this.onDisk.get(snapshotKey);
    if (!disk) {
      disk = git.changedOnDisk(root, commit);
      this.onDisk.set(snapshotKey, disk);
      disk.catch(() => this.onDisk.delete(snapshotKey));
    }
    const changedPaths = new Set(await disk);
    const inRoot = (p: string) => p.startsWith(root === "/" ? "/" : root + "/");
    // Open documents may differ from the disk: they are compared too (unchanged ones change nothing).
    for (const p of this.host.openPaths()) if (inRoot(p)) changedPaths.add(p);
    const contexts = await readSavedContexts(this.runtime.fs, [root]);
    const snapshot = await before;
    const afterStates = await loadStates(this.runtime.fs, this.projectsOf(root), WORKTREE, this.host.log);
    // The workspace as it is now: no update runs between here and the end of the comparison.
    await this.workspace.whenIdle();
    const after: DiffSnapshot = { projects: this.projectsOf(root), states: afterStates };
    const uses = this.host.codeUses();
    return buildRolloutDiff(snapshot, after, { changedPaths, contexts, codeUses: async () => uses });
  }

  /** A change with its place in the workspace and its short words. */
  private item(projects: Project[], c: RolloutChange): RolloutChangeItem {
    const project = projects.find((p) => (p.set ?? null) === c.set);
    const at = project && changeLocation(project, c);
    return { ...c, summary: changeWords(c), ...(at ? { uri: this.runtime.pathToUri(at.path), range: at.range } : {}) };
  }
}

/** Registers flaglens/rolloutChanges. */
export function registerRolloutChangesHandler(connection: Connection, state: RolloutChangesState): void {
  connection.onRequest(RolloutChangesRequest, (params: RolloutChangesParams | null) =>
    runSafe(
      connection,
      "rolloutChanges",
      {
        base: DEFAULT_BASE,
        head: WORKTREE,
        changes: [],
        risks: [],
        error: "Flaglens could not compute the rollout changes; see its output",
      },
      () => state.request(params),
    ),
  );
}
