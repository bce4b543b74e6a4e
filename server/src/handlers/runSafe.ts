// Every handler runs through here: errors are logged and answered with a default, never thrown
// into the connection, so one bad input never stops the server. An error is logged once with its
// stack; the same error again (same request, message and place) is only counted, so a document
// that trips a bug does not flood the log on every keystroke.

import type { Connection } from "vscode-languageserver";

/** Counts of errors already logged, by request name, message and first stack frame. */
const seen = new Map<string, number>();
/** Beyond this many distinct errors, old keys are forgotten (a bound on memory, not on logging). */
const MAX_KEYS = 500;

/** Logs `error` from request `name` the first time it is seen, then at the 10th, 100th, ... repeat. */
export function logErrorOnce(connection: Connection, name: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? message) : message;
  const frame = stack.split("\n").find((l) => l.trimStart().startsWith("at ")) ?? "";
  const key = `${name}\u0000${message.slice(0, 200)}\u0000${frame.trim()}`;
  const count = (seen.get(key) ?? 0) + 1;
  if (seen.size >= MAX_KEYS && count === 1) seen.delete(seen.keys().next().value!);
  seen.set(key, count);
  if (count === 1) connection.console.error(`${name} failed: ${stack}`);
  else if (Number.isInteger(Math.log10(count)))
    connection.console.warn(`${name} failed again (${count} times so far): ${message.slice(0, 200)}`);
}

/** Runs a handler, logging failures (once each) and returning `fallback` instead. */
export async function runSafe<T>(connection: Connection, name: string, fallback: T, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    logErrorOnce(connection, name, error);
    return fallback;
  }
}
