// Every handler runs through here: errors are logged and answered with a default, never thrown
// into the connection, so one bad input never stops the server.

import type { Connection } from "vscode-languageserver";

/** Runs a handler, logging failures and returning `fallback` instead. */
export async function runSafe<T>(connection: Connection, name: string, fallback: T, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
