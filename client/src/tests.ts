import * as vscode from "vscode";
import {
  ListTestsRequest,
  RunTestsRequest,
  TestResultsNotification,
  type ListTestsResult,
  type RunTestsParams,
  type RunTestsResult,
  type TestAssertionResult,
  type TestResultsParams,
  type TestSpecInfo,
  type TestSpecResult,
} from "../../server/src/protocol";
import type { ServerController } from "./server";

/** The last outcome reported for an item, by item id (read by the e2e tests; VS Code keeps its own). */
export interface Outcome {
  state: "passed" | "failed" | "errored";
  messages: { message: string; line?: number; expected?: string; actual?: string }[];
}

/** What a test item stands for: the server's spec file, and an assertion (and combination) in it. */
interface ItemData {
  uri: string;
  level: "file" | "spec" | "assertion" | "combination";
  assertion?: number;
  combination?: string;
}

const combinationId = (c: Record<string, unknown> | undefined) => JSON.stringify(c ?? {});

/**
 * The Test Explorer of Featurevisor test specs: spec file → spec → assertion (→ matrix combination),
 * listed and run by the language server (flaglens/listTests, flaglens/runTests); the server's own
 * reruns (as files change or are saved) come in as flaglens/testResults and are shown as runs too.
 */
export class SpecTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController("flaglens", "Featurevisor tests");
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly saves: vscode.Disposable;
  /** Fires when the items or outcomes change. */
  readonly onDidChange = this.changed.event;
  readonly outcomes = new Map<string, Outcome>();

  constructor(private readonly server: ServerController) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.refresh();
    };
    this.controller.refreshHandler = () => this.refresh();
    // Continuous runs ("watch") show the server's own reruns as they come, for the items they cover.
    this.controller.createRunProfile(
      "Run",
      vscode.TestRunProfileKind.Run,
      (request, token) => (request.continuous ? this.watch(request, token) : this.run(request, token)),
      true,
      undefined,
      true,
    );
    // With flaglens.tests.run off the server reruns nothing by itself: a saved spec file is listed again.
    this.saves = vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.spec\.(ya?ml|json|toml)$/.test(d.uri.path)) void this.refresh(d.uri.toString());
    });
    server.onNotification(TestResultsNotification, (params) => void this.pushed(params as TestResultsParams));
  }

  /** The items, as a tree of ids and labels (for the e2e tests). */
  get items(): vscode.TestItemCollection {
    return this.controller.items;
  }

  dispose(): void {
    this.changed.dispose();
    this.saves.dispose();
    this.controller.dispose();
  }

  /** Lists every spec again (or one spec file's). */
  async refresh(uri?: string): Promise<void> {
    const listed = await this.server.request<ListTestsResult>(ListTestsRequest, uri !== undefined ? { uri } : {});
    if (!listed) return;
    if (uri === undefined) {
      const keep = new Set(listed.specs.map((s) => s.uri));
      this.controller.items.forEach((item) => {
        if (!keep.has(item.id)) this.controller.items.delete(item.id);
      });
    } else if (listed.specs.length === 0) this.controller.items.delete(uri);
    for (const spec of listed.specs) this.put(spec);
    this.changed.fire();
  }

  private item(id: string, label: string, uri: vscode.Uri, data: ItemData, line?: number): vscode.TestItem {
    const item = this.controller.createTestItem(id, label, uri);
    if (line !== undefined) item.range = new vscode.Range(line - 1, 0, line - 1, 0);
    this.data.set(item, data);
    return item;
  }

  /** The items of one spec file, replacing what was there. */
  private put(spec: TestSpecInfo): void {
    const uri = vscode.Uri.parse(spec.uri);
    const slash = spec.file.lastIndexOf("/");
    const file = this.item(spec.uri, spec.file.slice(slash + 1), uri, { uri: spec.uri, level: "file" });
    file.description = (spec.set !== undefined ? `${spec.set}: ` : "") + spec.file.slice(0, Math.max(0, slash));
    file.sortText = spec.file;
    if (spec.kind === "invalid") {
      file.error = spec.problem;
      this.controller.items.add(file);
      return;
    }
    const specItem = this.item(`${spec.uri}#spec`, `${spec.kind}: ${spec.key}`, uri, { uri: spec.uri, level: "spec" }, spec.line);
    for (const a of spec.assertions) {
      const data: ItemData = { uri: spec.uri, level: "assertion", assertion: a.index };
      const combinations = a.combinations ?? [];
      const label = combinations.length > 0 ? `Assertion #${a.index + 1} (${combinations.length} combinations)` : a.description;
      const assertion = this.item(`${spec.uri}#${a.index}`, label, uri, data, a.line);
      assertion.sortText = String(a.index).padStart(6, "0");
      combinations.forEach((c, i) => {
        const child = this.item(
          `${spec.uri}#${a.index}/${combinationId(c.combination)}`,
          c.description,
          uri,
          { ...data, level: "combination", combination: combinationId(c.combination) },
          a.line,
        );
        child.sortText = String(i).padStart(6, "0");
        assertion.children.add(child);
      });
      specItem.children.add(assertion);
    }
    file.children.add(specItem);
    this.controller.items.add(file);
  }

  /** Continuous runs in progress. */
  private readonly watching = new Set<vscode.TestRunRequest>();

  private async watch(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    await this.run(new vscode.TestRunRequest(request.include, request.exclude, request.profile), token);
    if (token.isCancellationRequested) return;
    this.watching.add(request);
    await new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
    this.watching.delete(request);
  }

  /** What to ask the server for each item of a run request (whole files at most once). */
  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    try {
      const roots: vscode.TestItem[] = [];
      if (request.include) roots.push(...request.include);
      else this.controller.items.forEach((i) => void roots.push(i));
      const excluded = new Set(request.exclude ?? []);
      const asks = new Map<string, RunTestsParams>();
      for (const item of roots) {
        const d = this.data.get(item);
        if (!d || excluded.has(item)) continue;
        const whole = asks.get(d.uri);
        if (whole && whole.assertion === undefined) continue;
        asks.set(d.level === "assertion" || d.level === "combination" ? `${d.uri}#${d.assertion}` : d.uri, {
          uri: d.uri,
          ...(d.level === "assertion" || d.level === "combination" ? { assertion: d.assertion } : {}),
        });
        this.forEachItem(item, (i) => {
          // Only leaves have outcomes of their own: VS Code derives their parents' (one failure counts once).
          if (!excluded.has(i) && i.children.size === 0) run.started(i);
        });
      }
      const total = { specs: { passed: 0, failed: 0 }, assertions: { passed: 0, failed: 0 } };
      for (const [, params] of asks) {
        if (token.isCancellationRequested) break;
        const result = await this.server.request<RunTestsResult>(RunTestsRequest, params);
        if (!result) {
          run.appendOutput("The Flaglens language server is not running.\r\n");
          return;
        }
        for (const spec of result.specs) {
          this.report(run, spec, roots, excluded);
          this.output(run, spec);
        }
        const sum = result.summary;
        total.specs.passed += sum.passed;
        total.specs.failed += sum.failed;
        total.assertions.passed += sum.assertionsPassed;
        total.assertions.failed += sum.assertionsFailed;
      }
      const { specs, assertions } = total;
      run.appendOutput(
        `${specs.failed > 0 ? "\r\n" : ""}Specs: ${specs.passed} passed, ${specs.failed} failed\r\n` +
          `Assertions: ${assertions.passed} passed, ${assertions.failed} failed\r\n`,
      );
    } finally {
      run.end();
    }
  }

  private forEachItem(item: vscode.TestItem, visit: (i: vscode.TestItem) => void): void {
    visit(item);
    item.children.forEach((c) => this.forEachItem(c, visit));
  }

  /** The server reran specs by itself: the tree follows, and the results show as a run. */
  private async pushed(params: TestResultsParams): Promise<void> {
    for (const uri of params.removed) this.controller.items.delete(uri);
    if (params.specs.length === 0) return;
    if (this.controller.items.size === 0) await this.refresh();
    else for (const spec of params.specs) await this.refresh(spec.uri);
    const items = params.specs.map((s) => this.controller.items.get(s.uri)).filter((i): i is vscode.TestItem => i !== undefined);
    if (items.length === 0) return;
    if (this.watching.size === 0) {
      const run = this.controller.createTestRun(new vscode.TestRunRequest(items), "Flaglens (automatic)", false);
      for (const spec of params.specs) this.report(run, spec, items, new Set());
      run.end();
      return;
    }
    for (const request of this.watching) {
      const roots: vscode.TestItem[] = request.include ? [...request.include] : items;
      const run = this.controller.createTestRun(request, "Flaglens (continuous)", false);
      for (const spec of params.specs) this.report(run, spec, roots, new Set(request.exclude ?? []));
      run.end();
    }
  }

  /** Reports a spec's results on its items (those the run covers). */
  private report(run: vscode.TestRun, spec: TestSpecResult, roots: readonly vscode.TestItem[], excluded: Set<vscode.TestItem>): void {
    const file = this.controller.items.get(spec.uri);
    if (!file) return;
    const uri = vscode.Uri.parse(spec.uri);
    const covered = new Set<vscode.TestItem>();
    for (const r of roots) if (this.data.get(r)?.uri === spec.uri) this.forEachItem(r, (i) => !excluded.has(i) && covered.add(i));
    const record = (item: vscode.TestItem, state: Outcome["state"], messages: vscode.TestMessage[]) =>
      this.outcomes.set(item.id, {
        state,
        messages: messages.map((m) => ({
          message: typeof m.message === "string" ? m.message : m.message.value,
          line: m.location?.range.start.line,
          expected: m.expectedOutput,
          actual: m.actualOutput,
        })),
      });
    const mark = (item: vscode.TestItem | undefined, passed: boolean, messages: vscode.TestMessage[]) => {
      if (!item || !covered.has(item) || item.children.size > 0) return;
      if (passed) run.passed(item);
      else run.failed(item, messages);
      record(item, passed ? "passed" : "failed", passed ? [] : messages);
    };
    const specItem = file.children.get(`${spec.uri}#spec`);
    if (spec.problem !== undefined) {
      const message = new vscode.TestMessage(spec.problem);
      message.location = new vscode.Location(uri, new vscode.Position(Math.max(0, spec.line - 1), 0));
      for (const item of [file, specItem]) {
        if (!item || !covered.has(item) || item.children.size > 0) continue;
        run.errored(item, message);
        record(item, "errored", [message]);
      }
      this.changed.fire();
      return;
    }
    const byAssertion = new Map<number, TestAssertionResult[]>();
    for (const a of spec.assertions) byAssertion.set(a.index, [...(byAssertion.get(a.index) ?? []), a]);
    const all: vscode.TestMessage[] = [];
    for (const [index, results] of byAssertion) {
      const item = specItem?.children.get(`${spec.uri}#${index}`);
      const messages = results.flatMap((a) => this.messages(uri, a));
      all.push(...messages);
      mark(item, messages.length === 0, messages);
      for (const a of results) {
        if (!a.combination) continue;
        mark(item?.children.get(`${spec.uri}#${index}/${combinationId(a.combination)}`), a.passed, this.messages(uri, a));
      }
    }
    // A run of one assertion says nothing about the rest of the spec.
    const whole = specItem !== undefined && byAssertion.size === specItem.children.size;
    if (whole) {
      mark(specItem, spec.passed, all);
      mark(file, spec.passed, all);
    }
    this.changed.fire();
  }

  /** The failures of a spec as `flaglens test` prints them (`file:line: description`, then each check), in red. */
  private output(run: vscode.TestRun, spec: TestSpecResult): void {
    const uri = vscode.Uri.parse(spec.uri);
    const red = (text: string) => `\x1b[31m${text}\x1b[0m`;
    if (spec.problem !== undefined) {
      run.appendOutput(
        `${spec.file}:${spec.line}: ${red(spec.problem)}\r\n`,
        new vscode.Location(uri, new vscode.Position(spec.line - 1, 0)),
      );
      return;
    }
    for (const a of spec.assertions) {
      if (a.passed) continue;
      const at = new vscode.Location(uri, new vscode.Position(a.line - 1, 0));
      run.appendOutput(`${spec.file}:${a.line}: ${red(a.description)}\r\n`, at);
      for (const f of a.failures) run.appendOutput(`    ${f.message}\r\n`, at);
    }
  }

  /** One diff message per failed check, at the assertion's line. */
  private messages(uri: vscode.Uri, a: TestAssertionResult): vscode.TestMessage[] {
    const at = new vscode.Location(uri, new vscode.Range(a.line - 1, 0, a.line - 1, 0));
    const show = (v: unknown) => (v === undefined ? "undefined" : JSON.stringify(v, null, 2));
    return a.failures.map((f) => {
      const m = vscode.TestMessage.diff(`${a.description}: ${f.message}`, show(f.expected), show(f.actual));
      m.location = at;
      return m;
    });
  }
}
