// Shared fixtures are read-only: a test that changes one works on a copy in a temporary folder.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SHARED_FIXTURES } from "./skip";

/** Copies the shared fixture project `name` to a new temporary folder, writable, and returns its path. */
export function copySharedFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flaglens-${name}-`));
  fs.cpSync(path.join(SHARED_FIXTURES, name), dir, { recursive: true });
  for (const file of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    fs.chmodSync(path.join(file.parentPath, file.name), file.isDirectory() ? 0o755 : 0o644);
  }
  fs.chmodSync(dir, 0o755);
  return dir;
}
