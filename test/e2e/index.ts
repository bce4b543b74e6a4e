// The extension-tests entry point: VS Code loads this module inside the
// extension host (extensionTestsPath) and awaits run(), the same contract as
// @vscode/test-electron. A rejected promise makes VS Code exit with code 1.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import E2EReporter from "./reporter";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: E2EReporter });
  const suiteDir = path.join(__dirname, "suite");
  const files = fs
    .readdirSync(suiteDir)
    .filter((name) => name.endsWith(".test.js"))
    // FLAGLENS_E2E_ONLY=tests runs the suites whose file name contains "tests" (while working on one).
    .filter((name) => !process.env.FLAGLENS_E2E_ONLY || name.includes(process.env.FLAGLENS_E2E_ONLY))
    .sort();
  for (const name of files) mocha.addFile(path.join(suiteDir, name));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`No e2e tests in ${suiteDir}`));
      return;
    }
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
