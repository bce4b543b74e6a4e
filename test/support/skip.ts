// Tests that need a tool this machine may lack (Neovim, Emacs, Go, python3, ripgrep) or the
// shared fixtures beside the repository skip through here, so mocha counts them as skipped
// and the summary line says how many did not run. CI sets FLAGLENS_NO_SKIP=1, which turns
// every such skip into a failure: there, a green run proves that every test ran.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** True when skips are not allowed (CI). */
export const NO_SKIP = process.env.FLAGLENS_NO_SKIP === "1";

/** The shared folder beside the repository (fixtures, oracles), or FLAGLENS_SHARED. */
export const SHARED_DIR = process.env.FLAGLENS_SHARED ?? path.resolve(process.cwd(), "../shared");

/** The shared Featurevisor fixture projects. */
export const SHARED_FIXTURES = path.join(SHARED_DIR, "fixtures", "featurevisor");

/** True when the shared fixtures are present. */
export function hasSharedFixtures(): boolean {
  return fs.existsSync(SHARED_FIXTURES);
}

/** Skips the running test (or every test of a suite, from a `before` hook) with a reason; fails instead under FLAGLENS_NO_SKIP=1. */
export function skipBecause(ctx: Mocha.Context, reason: string): never {
  if (NO_SKIP) throw new Error(`${reason} (FLAGLENS_NO_SKIP=1 forbids skipping: install what is missing)`);
  skipped.add(reason);
  ctx.skip();
}

/** Skips unless `command` runs (`command --version`, or `args` when given). */
export function requireTool(ctx: Mocha.Context, command: string, install: string, args: string[] = ["--version"]): void {
  if (!hasTool(command, args)) skipBecause(ctx, `${command} is not installed (${install})`);
}

/** Skips unless the shared fixtures are present. */
export function requireShared(ctx: Mocha.Context): void {
  if (!hasSharedFixtures()) skipBecause(ctx, `../shared fixtures are not present (${SHARED_FIXTURES})`);
}

const toolCache = new Map<string, boolean>();

/** True when `command` can be run. */
export function hasTool(command: string, args: string[] = ["--version"]): boolean {
  const key = [command, ...args].join(" ");
  let ok = toolCache.get(key);
  if (ok === undefined) {
    const r = spawnSync(command, args, { encoding: "utf8", timeout: 10000 });
    ok = !r.error && r.status === 0;
    toolCache.set(key, ok);
  }
  return ok;
}

/** The distinct reasons tests were skipped for, printed by the reporter. */
export const skipped = new Set<string>();
