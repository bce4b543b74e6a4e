// The language server's scan of a folder's code (RuntimeEnvironment.scanCode), apart from main.ts
// so that in-process tests can run it without starting a server.

import type { CodeTreeSettings } from "../service/code/settings";
import type { FileScan } from "../service/code/usages";
import { scanCodeTree } from "./codeScan";

/** The index of flag usages in a folder's code, scanned in this thread (ripgrep pre-filters). */
export async function scanCode(root: string, log: (m: string) => void, options: CodeTreeSettings): Promise<[string, FileScan][]> {
  const { include, exclude, gitignore, settings } = options;
  const result = await scanCodeTree({ root, include, exclude, gitignore, settings, log, jobs: 0 });
  return [...result.index.files()].flatMap((p) => {
    const scan = result.index.scanOf(p);
    return scan ? [[p, scan] as [string, FileScan]] : [];
  });
}
