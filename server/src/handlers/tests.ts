// Featurevisor test specs in the editor: specs rerun when they or what they depend on change (as files
// change or when saved, flaglens.tests.run), failing assertions published as `test-failed` diagnostics,
// a code lens per spec, and the requests flaglens/listTests and flaglens/runTests (protocol.ts).

import type { Connection, ExecuteCommandParams } from "vscode-languageserver";
import {
  ListTestsRequest,
  RunTestsRequest,
  TestResultsNotification,
  type ListTestsParams,
  type ListTestsResult,
  type RunTestsParams,
  type RunTestsResult,
  type TestResultsParams,
  type TestSpecInfo,
  type TestSpecResult,
} from "../protocol";
import type { RuntimeEnvironment } from "../runtime";
import type { TestRunMode } from "../settings";
import { loadEvaluationState, type EvaluationState } from "../service/evaluation";
import type { FeatureTestStatus } from "../service/flags";
import type { Project } from "../service/project/project";
import {
  assertionMessage,
  failureMessage,
  listSpec,
  listSpecs,
  readSpec,
  runSelection,
  specDependencyMap,
  specsAffectedBy,
  specSummary,
  summarizeRun,
  testDiagnostics,
  type ListedSpec,
  type SpecResult,
} from "../service/testing";
import type { FlaglensDiagnostic } from "../service/types";
import type { Workspace } from "../service/workspace";
import { runSafe } from "./runSafe";

/**
 * The command of a spec's code lens: runs the spec file given as its one argument (a URI), as a Test
 * Explorer run does, and publishes the results (diagnostics, lens, flaglens/testResults). Executed on the
 * server (workspace/executeCommand), so that every LSP client can click it; the VS Code language client
 * registers it as a command of its own.
 */
export const RUN_SPEC_COMMAND = "flaglens.tests.runSpec";

/** Edits that come in a burst (typing) rerun their specs once, this long after the last. */
const RERUN_DELAY_MS = 200;

/** An update that affects at most this many specs reruns them at once (touchedNow); more wait for the delay. */
const RERUN_NOW_MAX_SPECS = 50;

/** The last result of each spec file, its diagnostics, and what is waiting to rerun. */
export class TestState {
  /** By spec path: the last result and the text it ran on (where its assertions' lines are). */
  private readonly results = new Map<string, { result: SpecResult; text: string }>();
  private readonly states = new Map<string, Promise<EvaluationState>>();
  /** The states loaded so far, for the reruns made in the middle of a workspace update (touchedNow). */
  private readonly loadedStates = new Map<string, EvaluationState>();
  /** Entities whose specs touchedNow already reran: the update's `touched` leaves them out. */
  private readonly ranNow = new Set<string>();
  /** Entities touched since the last rerun (`kind:key`). */
  private readonly pending = new Set<string>();
  private pendingAll = false;
  /** Touched by edits of open documents, held until a save when runs are on save. */
  private heldForSave = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private mode: TestRunMode = "onChange";
  /** By project root, by feature key: the assertions of the feature's specs that passed and failed (built on demand). */
  private byFeature: Map<string, Map<string, FeatureTestStatus>> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly runtime: RuntimeEnvironment,
    private readonly workspace: Workspace,
    /** Publishes the diagnostics of these files again (test diagnostics are part of them). */
    private readonly publish: (paths: Set<string>) => void,
    /** Asks the client for code lenses again. */
    private readonly refreshLenses: () => void,
  ) {
    connection.onRequest(ListTestsRequest, (params: ListTestsParams | undefined) =>
      runSafe(connection, "listTests", { specs: [] } as ListTestsResult, () => this.list(params ?? {})),
    );
    connection.onRequest(RunTestsRequest, (params: RunTestsParams | undefined) =>
      runSafe(connection, "runTests", { specs: [], summary: summarizeRun([]) } as RunTestsResult, () => this.run(params ?? {})),
    );
  }

  /** workspace/executeCommand: the spec lens's command; undefined for a command that is not the tests'. */
  executeCommand(params: ExecuteCommandParams): Promise<RunTestsResult> | undefined {
    if (params.command !== RUN_SPEC_COMMAND) return undefined;
    const uri = params.arguments?.[0];
    if (typeof uri !== "string") return Promise.resolve({ specs: [], summary: summarizeRun([]) });
    return this.run({ uri }, true);
  }

  /** The `test-failed` diagnostics of a spec file, from its last run. */
  diagnostics(path: string): FlaglensDiagnostic[] {
    const r = this.results.get(path);
    return r ? testDiagnostics(r.text, r.result, this.workspace.severityOverrides) : [];
  }

  /** Publishes every spec's diagnostics again (the severity overrides changed). */
  republish(): void {
    if (this.results.size > 0) this.publish(new Set(this.results.keys()));
  }

  /**
   * The code lens of a spec file: on its `feature:`/`segment:` line (0-based), `12 passed` or `1 of 12
   * failed` once it ran, `Run` before; clicking it runs the spec ({@link RUN_SPEC_COMMAND}).
   */
  lens(path: string, uri: string): { line: number; title: string; command: string; arguments: unknown[] } | undefined {
    const r = this.results.get(path)?.result;
    if (r) return { line: Math.max(0, r.line - 1), title: specSummary(r), command: RUN_SPEC_COMMAND, arguments: [uri] };
    const project = this.specProject(path);
    const entry = project?.files.get(path);
    if (!project || !entry) return undefined;
    const spec = readSpec(project, entry);
    return { line: Math.max(0, spec.line - 1), title: "Run", command: RUN_SPEC_COMMAND, arguments: [uri] };
  }

  /**
   * The test status of a feature for the Flags view: the assertions of its specs that passed and failed
   * (a spec that cannot run counts as one failure); 0 and 0 when it has no spec. Undefined while no spec
   * of the project has run.
   */
  featureStatus(project: Project, key: string): FeatureTestStatus | undefined {
    if (!this.byFeature) {
      this.byFeature = new Map();
      for (const { result } of this.results.values()) {
        const root = this.workspace.projectOf(result.path)?.root;
        if (root === undefined) continue;
        let features = this.byFeature.get(root);
        if (!features) this.byFeature.set(root, (features = new Map()));
        if (result.kind !== "feature") continue;
        const s = features.get(result.spec) ?? { passed: 0, failed: 0 };
        if (result.problem !== undefined) s.failed++;
        for (const a of result.assertions) {
          if (a.passed) s.passed++;
          else s.failed++;
        }
        features.set(result.spec, s);
      }
    }
    const features = this.byFeature.get(project.root);
    if (!features) return undefined;
    return features.get(key) ?? { passed: 0, failed: 0 };
  }

  /** flaglens.tests.run changed: off drops every result, on runs every spec. */
  setMode(mode: TestRunMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    if (mode === "off") {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.pending.clear();
      this.pendingAll = false;
      const paths = new Set(this.results.keys());
      const removed = [...paths];
      this.results.clear();
      this.byFeature = undefined;
      this.publish(paths);
      this.notify([], removed);
      this.refreshLenses();
    } else this.touched([], true, false);
  }

  /**
   * Flag files were updated: the entities they touched (`all` when every spec may be affected: a
   * project loaded or its config changed). `edit`: from an open document's change, which waits for
   * its save when specs run on save.
   */
  touched(entities: Iterable<string>, all: boolean, edit: boolean): void {
    if (this.mode === "off") return;
    for (const e of entities) if (!this.ranNow.has(e)) this.pending.add(e);
    this.ranNow.clear();
    this.pendingAll ||= all;
    if (this.pending.size === 0 && !this.pendingAll) return;
    if (edit && this.mode === "onSave") {
      this.heldForSave = true;
      return;
    }
    this.schedule();
  }

  /**
   * A file update's entities, as the workspace reports them before it revalidates the files that depend
   * on the edit (Workspace's `onTouched`). When specs run on change, their builder state is loaded and
   * the update affects few specs, these rerun now and their results are published at once: an edit's
   * results do not wait for the revalidation, nor for the rerun delay. The spec results depend on the
   * files only, and the files are up to date here.
   */
  touchedNow(entities: readonly string[]): void {
    if (this.mode !== "onChange" || entities.length === 0 || this.pendingAll) return;
    const runs: { project: Project; path: string; state: EvaluationState }[] = [];
    for (const project of this.workspace.projects.values()) {
      const affected = specsAffectedBy(project, entities);
      if (affected.length === 0) continue;
      const state = this.loadedStates.get(project.root);
      if (!state) return;
      for (const path of affected) runs.push({ project, path, state });
      if (runs.length > RERUN_NOW_MAX_SPECS) return;
    }
    const rerun: SpecResult[] = [];
    for (const { project, path, state } of runs) {
      const result = runSelection(project, { path }, { state }).specs[0];
      if (!result) continue;
      this.store(project, result);
      rerun.push(result);
    }
    for (const e of entities) this.ranNow.add(e);
    if (rerun.length === 0) return;
    this.publish(new Set(rerun.map((r) => r.path)));
    this.notify(rerun, []);
    this.refreshLenses();
  }

  /** A document was saved: what its edits touched runs now (on save) or is already running. */
  saved(): void {
    if (this.mode === "off" || !this.heldForSave) return;
    this.heldForSave = false;
    this.schedule();
  }

  /** The builder state in `.featurevisor/` changed: every spec reruns with the new one. */
  stateChanged(): void {
    this.states.clear();
    this.loadedStates.clear();
    this.touched([], true, false);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void runSafe(this.connection, "rerun tests", undefined, () => this.rerun());
    }, RERUN_DELAY_MS);
  }

  /** Whether a rerun is waiting for its delay (edits held for a save are not). */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  private state(project: Project): Promise<EvaluationState> {
    let s = this.states.get(project.root);
    if (!s) {
      const loading = loadEvaluationState(this.runtime.fs, project);
      this.states.set(project.root, (s = loading));
      void loading.then(
        (state) => this.states.get(project.root) === loading && this.loadedStates.set(project.root, state),
        () => undefined,
      );
    }
    return s;
  }

  /** The spec's project, when the path is a spec file of a loaded project. */
  private specProject(path: string): Project | undefined {
    const project = this.workspace.projectOf(path);
    return project?.files.get(path)?.kind === "test" ? project : undefined;
  }

  private async rerun(): Promise<void> {
    await this.workspace.whenIdle();
    const entities = [...this.pending];
    const all = this.pendingAll;
    this.pending.clear();
    this.pendingAll = false;
    this.heldForSave = false;
    const paths = new Set<string>();
    for (const project of this.workspace.projects.values()) {
      const affected = all ? project.entries("test").map((e) => e.path) : specsAffectedBy(project, entities);
      for (const p of affected) paths.add(p);
    }
    // Specs that are gone (deleted, or their project dropped).
    const removed: string[] = [];
    for (const path of this.results.keys()) {
      if (!this.specProject(path)) {
        removed.push(path);
        paths.add(path);
      }
    }
    const projects = new Map<string, Project>();
    for (const p of paths) {
      const project = this.specProject(p);
      if (project) projects.set(project.root, project);
    }
    // Every await before any run: the runs below see one state of the workspace.
    const states = new Map<string, EvaluationState>();
    for (const project of projects.values()) states.set(project.root, await this.state(project));
    await this.workspace.whenIdle();
    const rerun: SpecResult[] = [];
    for (const path of paths) {
      const project = this.specProject(path);
      const result = project ? runSelection(project, { path }, { state: states.get(project.root) }).specs[0] : undefined;
      if (result && project) {
        this.store(project, result);
        rerun.push(result);
      } else {
        this.results.delete(path);
        this.byFeature = undefined;
      }
    }
    // Every spec's dependencies computed once now, so that the first edit's touchedNow finds them.
    if (all) for (const project of projects.values()) specDependencyMap(project);
    if (paths.size === 0) return;
    this.publish(paths);
    this.notify(rerun, removed);
    this.refreshLenses();
  }

  private store(project: Project, result: SpecResult): void {
    this.byFeature = undefined;
    this.results.set(result.path, { result, text: project.files.get(result.path)?.doc?.text ?? "" });
  }

  private notify(specs: SpecResult[], removed: string[]): void {
    const params: TestResultsParams = {
      specs: specs.map((s) => this.toWire(s)),
      removed: removed.map((p) => this.runtime.pathToUri(p)),
    };
    void this.connection.sendNotification(TestResultsNotification, params);
  }

  private toWire(s: SpecResult): TestSpecResult {
    return {
      uri: this.runtime.pathToUri(s.path),
      file: s.file,
      kind: s.kind,
      key: s.spec,
      line: s.line,
      passed: s.passed,
      ...(s.problem !== undefined ? { problem: s.problem } : {}),
      assertions: s.assertions.map((a) => ({
        index: a.assertion - 1,
        ...(a.combination ? { combination: a.combination } : {}),
        line: a.line,
        description: a.description,
        environment: a.environment,
        passed: a.passed,
        expected: a.expected,
        actual: a.actual,
        failures: a.failures.map((f) => ({ path: f.path, expected: f.expected, actual: f.actual, message: failureMessage(f) })),
        message: assertionMessage(a),
      })),
    };
  }

  private listed(project: Project, s: ListedSpec): TestSpecInfo {
    const { path, ...rest } = s;
    return { uri: this.runtime.pathToUri(path), project: project.root, ...rest };
  }

  async list(params: ListTestsParams): Promise<ListTestsResult> {
    await this.workspace.whenIdle();
    if (params.uri !== undefined) {
      const path = this.runtime.uriToPath(params.uri);
      const project = path !== undefined ? this.specProject(path) : undefined;
      const spec = project && path !== undefined ? listSpec(project, path) : undefined;
      return { specs: spec && project ? [this.listed(project, spec)] : [] };
    }
    const specs: TestSpecInfo[] = [];
    const projects = [...this.workspace.projects.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
    for (const project of projects) for (const s of listSpecs(project)) specs.push(this.listed(project, s));
    return { specs };
  }

  /** Runs specs (flaglens/runTests); `notify`: the lens's command, whose results are also sent as flaglens/testResults. */
  async run(params: RunTestsParams, notify = false): Promise<RunTestsResult> {
    await this.workspace.whenIdle();
    const path = params.uri !== undefined ? this.runtime.uriToPath(params.uri) : undefined;
    if (params.uri !== undefined && path === undefined) return { specs: [], summary: summarizeRun([]) };
    const projects =
      path !== undefined ? [this.specProject(path)].filter((p): p is Project => p !== undefined) : [...this.workspace.projects.values()];
    const states = new Map<string, EvaluationState>();
    for (const project of projects) states.set(project.root, await this.state(project));
    await this.workspace.whenIdle();
    const results: SpecResult[] = [];
    for (const project of projects) {
      const run = runSelection(
        project,
        { path, assertion: path !== undefined ? params.assertion : undefined },
        { state: states.get(project.root) },
      );
      results.push(...run.specs);
      // A whole spec's result is the editor's too (its diagnostics and lens); a click on the lens keeps it even when runs are off.
      if (params.assertion === undefined && (this.mode !== "off" || notify)) for (const r of run.specs) this.store(project, r);
    }
    if (params.assertion === undefined && (this.mode !== "off" || notify) && results.length > 0) {
      this.publish(new Set(results.map((r) => r.path)));
      if (notify) this.notify(results, []);
      this.refreshLenses();
    }
    return { specs: results.map((s) => this.toWire(s)), summary: summarizeRun(results) };
  }
}
