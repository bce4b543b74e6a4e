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

  constructor(private readonly server: ServerController) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.refresh();
    };
    this.controller.refreshHandler = () => this.refresh();
    this.controller.createRunProfile("Run", vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    server.onNotification(TestResultsNotification, (params) => void this.pushed(params as TestResultsParams));
  }

  dispose(): void {
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
          if (!excluded.has(i)) run.started(i);
        });
      }
      for (const [, params] of asks) {
        if (token.isCancellationRequested) break;
        const result = await this.server.request<RunTestsResult>(RunTestsRequest, params);
        if (!result) {
          run.appendOutput("The Flaglens language server is not running.\r\n");
          break;
        }
        for (const spec of result.specs) this.report(run, spec, roots, excluded);
      }
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
    const run = this.controller.createTestRun(new vscode.TestRunRequest(items), "Flaglens (automatic)", false);
    for (const spec of params.specs) this.report(run, spec, items, new Set());
    run.end();
  }

  /** Reports a spec's results on its items (those the run covers). */
  private report(run: vscode.TestRun, spec: TestSpecResult, roots: readonly vscode.TestItem[], excluded: Set<vscode.TestItem>): void {
    const file = this.controller.items.get(spec.uri);
    if (!file) return;
    const uri = vscode.Uri.parse(spec.uri);
    const covered = new Set<vscode.TestItem>();
    for (const r of roots) if (this.data.get(r)?.uri === spec.uri) this.forEachItem(r, (i) => !excluded.has(i) && covered.add(i));
    const mark = (item: vscode.TestItem | undefined, passed: boolean, messages: vscode.TestMessage[]) => {
      if (!item || !covered.has(item)) return;
      if (passed) run.passed(item);
      else run.failed(item, messages);
    };
    const specItem = file.children.get(`${spec.uri}#spec`);
    if (spec.problem !== undefined) {
      const message = new vscode.TestMessage(spec.problem);
      message.location = new vscode.Location(uri, new vscode.Position(Math.max(0, spec.line - 1), 0));
      if (covered.has(file)) run.errored(file, message);
      if (specItem && covered.has(specItem)) run.errored(specItem, message);
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
    const whole = spec.assertions.length > 0 && specItem !== undefined && byAssertion.size === specItem.children.size;
    if (whole) {
      mark(specItem, spec.passed, all);
      mark(file, spec.passed, all);
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
