// runSafe: a failing request answers with its fallback, and the same error is logged once with its
// stack, not once per request.

import * as assert from "node:assert/strict";
import type { Connection } from "vscode-languageserver";
import { runSafe } from "../../server/src/handlers/runSafe";

function fakeConnection(): { connection: Connection; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const connection = { console: { error: (m: string) => errors.push(m), warn: (m: string) => warnings.push(m) } } as unknown as Connection;
  return { connection, errors, warnings };
}

describe("runSafe", () => {
  it("answers the fallback and logs a repeated error once, with its stack", async () => {
    const { connection, errors, warnings } = fakeConnection();
    const boom = () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    for (let i = 0; i < 25; i++) assert.deepEqual(await runSafe(connection, "documentSymbol", [], boom), []);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^documentSymbol failed: RangeError: Maximum call stack size exceeded\n\s+at /);
    // The count is reported at the 10th repeat, not each time.
    assert.deepEqual(warnings, ["documentSymbol failed again (10 times so far): Maximum call stack size exceeded"]);
  });

  it("logs different errors and the same error from another request apart", async () => {
    const { connection, errors } = fakeConnection();
    const fail = (m: string) => () => Promise.reject(new Error(m));
    await runSafe(connection, "hover", null, fail("a"));
    await runSafe(connection, "hover", null, fail("b"));
    await runSafe(connection, "codeLens", null, fail("a"));
    await runSafe(connection, "hover", null, fail("a"));
    assert.equal(errors.length, 3);
    assert.equal(await runSafe(connection, "hover", null, () => 42), 42);
  });
});
