// The language server's test state (handlers/tests.ts) over an in-memory workspace and a stand-in
// connection: when specs rerun (on change, held until a save, off), and what it publishes.

import * as assert from "node:assert/strict";
import type { Connection } from "vscode-languageserver";
import { TestState } from "../../server/src/handlers/tests";
import type { TestResultsParams } from "../../server/src/protocol";
import type { RuntimeEnvironment } from "../../server/src/runtime";
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

async function setUp() {
  const { workspace, fs } = await loadFixture(PROJECT);
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
    assert.deepEqual(state.lens(SPEC), { line: 0, title: "1 of 2 failed" });
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

  it("off: nothing runs, and what was shown is withdrawn", async () => {
    const { state, next, published, notifications } = await setUp();
    const results = next();
    state.touched([], true, false);
    await results;
    assert.equal(state.diagnostics(SPEC).length, 1);
    state.setMode("off");
    assert.deepEqual(state.diagnostics(SPEC), []);
    assert.equal(state.lens(SPEC), undefined);
    assert.deepEqual(published[published.length - 1], [SPEC]);
    assert.deepEqual(notifications[notifications.length - 1], { specs: [], removed: ["file://" + SPEC] });
    state.touched(["segment:nl"], true, false);
    assert.equal(state.scheduled, false);
  });
});
