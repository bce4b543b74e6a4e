// Assertion helpers over fixtures.

import * as assert from "node:assert/strict";
import { checkDiagnostics } from "./fixture";

/** Asserts that the diagnostics of every fixture file are exactly the expectation lines written in it. */
export async function expectDiagnostics(text: string): Promise<void> {
  const { actual, expected } = await checkDiagnostics(text);
  assert.deepEqual(actual, expected);
}
