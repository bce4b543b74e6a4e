// The language server's test state (handlers/tests.ts) over an in-memory workspace and a stand-in
// connection: when specs rerun (on change, held until a save, off), and what it publishes.

import * as assert from "node:assert/strict";
import type { Connection } from "vscode-languageserver";
import { RUN_SPEC_COMMAND, TestState } from "../../server/src/handlers/tests";
import { CodeService } from "../../server/src/service/code/codeService";
import { doFlagsTree } from "../../server/src/service/flags";
import type { TestResultsParams } from "../../server/src/protocol";
import type { RuntimeEnvironment } from "../../server/src/runtime";
import { BASE, v2 } from "../support/evaluationFixture";
import { loadFixture } from "../support/fixture";

const PROJECT = `//- /attributes/country.yml
description: Country
type: string
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /tests/nl.spec.yml
segment: nl
assertions:
  - context: { country: nl }
    expectedToMatch: true
  - context: { country: de }
    expectedToMatch: true
`;

const SPEC = "/project/tests/nl.spec.yml";

async function setUp(text = PROJECT) {
  const { workspace, fs } = await loadFixture(text);
  const notifications: TestResultsParams[] = [];
  const waiting: ((p: TestResultsParams) => void)[] = [];
  const published: string[][] = [];
  const connection = {
    onRequest: () => undefined,
    sendNotification: (_method: string, params: TestResultsParams) => {
      notifications.push(params);
      waiting.shift()?.(params);
      return Promise.resolve();
    },
    console: { error: (m: string) => assert.fail(m), warn: (m: string) => assert.fail(m) },
  } as unknown as Connection;
  const runtime = { fs, pathToUri: (p: string) => "file://" + p, uriToPath: (u: string) => u.slice(7) } as unknown as RuntimeEnvironment;
  const state = new TestState(
    connection,
    runtime,
    workspace,
    (paths) => published.push([...paths]),
    () => undefined,
  );
  const next = () => new Promise<TestResultsParams>((resolve) => waiting.push(resolve));
  return { state, workspace, notifications, published, next };
}

describe("language server: when specs run", () => {
  it("on change: a touched entity schedules a rerun of its specs, with test-failed diagnostics", async () => {
    const { state, next } = await setUp();
    const results = next();
    state.touched(["segment:nl"], false, true);
    assert.equal(state.scheduled, true);
    const params = await results;
    assert.deepEqual(
      params.specs.map((s) => [s.uri, s.passed, s.assertions.map((a) => a.passed)]),
      [["file://" + SPEC, false, [true, false]]],
    );
    assert.deepEqual(
      state.diagnostics(SPEC).map((d) => [d.range.start.line, d.code]),
      [[4, "test-failed"]],
    );
    assert.deepEqual(state.lens(SPEC, "file://" + SPEC), {
      line: 0,
      title: "1 of 2 failed",
      command: RUN_SPEC_COMMAND,
      arguments: ["file://" + SPEC],
    });
  });

  it("on save: edits wait for a save, changes on disk do not", async () => {
    const { state, next } = await setUp();
    state.setMode("onSave");
    // setMode from onChange to onSave runs every spec once.
    await next();
    state.touched(["test:nl.spec"], false, true);
    assert.equal(state.scheduled, false);
    const results = next();
    state.saved();
    assert.equal(state.scheduled, true);
    assert.equal((await results).specs.length, 1);
    state.touched(["segment:nl"], false, false);
    assert.equal(state.scheduled, true);
  });

  it("an update's specs rerun at once, inside the update (touchedNow), and are not scheduled again", async () => {
    const { state, workspace, next, notifications, published } = await setUp();
    const first = next();
    state.touched([], true, false);
    await first;
    assert.equal(state.lens(SPEC, "file://" + SPEC)?.title, "1 of 2 failed");
    // The segment now matches Germans too: both assertions pass.
    await workspace.setDocument(
      "/project/segments/nl.yml",
      "description: NL\nconditions:\n  - attribute: country\n    operator: in\n    value: [nl, de]\n",
    );
    const before = notifications.length;
    state.touchedNow(["segment:nl"]);
    // Synchronously: results stored, published and told, without the rerun delay.
    assert.equal(notifications.length, before + 1);
    assert.deepEqual(
      notifications[before].specs.map((s) => [s.uri, s.passed]),
      [["file://" + SPEC, true]],
    );
    assert.deepEqual(published[published.length - 1], [SPEC]);
    assert.equal(state.lens(SPEC, "file://" + SPEC)?.title, "2 passed");
    // The same entities reported after the update are not rerun again.
    state.touched(["segment:nl"], false, true);
    assert.equal(state.scheduled, false);
    // Another entity is.
    state.touched(["attribute:country"], false, true);
    assert.equal(state.scheduled, true);
    state.setMode("off");
  });

  it("off: nothing runs, and what was shown is withdrawn", async () => {
    const { state, next, published, notifications } = await setUp();
    const results = next();
    state.touched([], true, false);
    await results;
    assert.equal(state.diagnostics(SPEC).length, 1);
    state.setMode("off");
    assert.deepEqual(state.diagnostics(SPEC), []);
    // Runs are off: the lens offers to run the spec.
    assert.equal(state.lens(SPEC, "file://" + SPEC)?.title, "Run");
    assert.deepEqual(published[published.length - 1], [SPEC]);
    assert.deepEqual(notifications[notifications.length - 1], { specs: [], removed: ["file://" + SPEC] });
    state.touched(["segment:nl"], true, false);
    assert.equal(state.scheduled, false);
  });
});

/** dark: served to the Dutch; light: no spec. dark's spec expects it for Germans too. */
const FEATURES =
  BASE +
  v2("dark", "", "rules:\n  - key: r\n    segments: nl\n    percentage: 100\n") +
  v2("light", "", "rules:\n  - key: r\n    segments: '*'\n    percentage: 100\n") +
  `//- /tests/dark.spec.yml
feature: dark
assertions:
  - at: 10
    environment: production
    context: { country: nl }
    expectedToBeEnabled: true
  - at: 10
    environment: production
    context: { country: de }
    expectedToBeEnabled: true
`;
const DARK_SPEC = "/project/tests/dark.spec.yml";

describe("language server: a spec's lens and the Flags view's test status", () => {
  it("the lens says Run before a run; its command runs the spec, publishes and tells the client", async () => {
    const { state, published, notifications } = await setUp(FEATURES);
    state.setMode("off");
    const uri = "file://" + DARK_SPEC;
    assert.deepEqual(state.lens(DARK_SPEC, uri), { line: 0, title: "Run", command: RUN_SPEC_COMMAND, arguments: [uri] });
    assert.equal(state.lens("/project/features/dark.yml", "file:///project/features/dark.yml"), undefined);
    assert.equal(state.executeCommand({ command: "flaglens.other", arguments: [uri] }), undefined);
    const result = await state.executeCommand({ command: RUN_SPEC_COMMAND, arguments: [uri] });
    assert.deepEqual(result?.summary, { specs: 1, passed: 0, failed: 1, assertions: 2, assertionsPassed: 1, assertionsFailed: 1 });
    assert.equal(state.lens(DARK_SPEC, uri)?.title, "1 of 2 failed");
    assert.deepEqual(
      state.diagnostics(DARK_SPEC).map((d) => [d.range.start.line, d.code]),
      [[6, "test-failed"]],
    );
    assert.deepEqual(published[published.length - 1], [DARK_SPEC]);
    const last = notifications[notifications.length - 1];
    assert.deepEqual(
      last.specs.map((s) => [s.uri, s.passed]),
      [[uri, false]],
    );
  });

  it("the Flags view shows each feature's status once specs ran: failed assertions, passed, or no tests", async () => {
    const { state, workspace } = await setUp(FEATURES);
    const project = [...workspace.projects.values()][0];
    state.setMode("off");
    const tree = () =>
      doFlagsTree(workspace.projects.values(), {
        catalog: new CodeService(workspace).catalog(),
        tests: (p, key) => state.featureStatus(p, key),
      }).projects[0].features.map((f) => [f.key, f.tests]);
    // Before any run: no status at all.
    assert.equal(state.featureStatus(project, "dark"), undefined);
    await state.executeCommand({ command: RUN_SPEC_COMMAND, arguments: ["file://" + DARK_SPEC] });
    assert.deepEqual(tree(), [
      ["dark", { passed: 1, failed: 1 }],
      ["light", { passed: 0, failed: 0 }],
    ]);
    // The spec fixed: its feature's status follows the next run.
    await workspace.setDocument(
      DARK_SPEC,
      project.files.get(DARK_SPEC)!.doc!.text.replace(/(de \}\n\s+expectedToBeEnabled:) true/, "$1 false"),
    );
    await state.executeCommand({ command: RUN_SPEC_COMMAND, arguments: ["file://" + DARK_SPEC] });
    assert.deepEqual(state.featureStatus(project, "dark"), { passed: 2, failed: 0 });
  });
});
