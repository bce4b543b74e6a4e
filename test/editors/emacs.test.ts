// The standalone server driven by a real Emacs with Eglot (Debian's emacs-nox 28 + elpa-eglot, batch mode): diagnostics
// through Flymake, completion, and the quick fix. Passes with one logged line when emacs is not installed.

import { skipBecause } from "../support/skip";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EDITORS_DIR, FIX, SERVER, TYPO, editorVersion, readResult, runEditor, scratchDir, tail, typoProject } from "./support";

interface EmacsResult {
  ok: boolean;
  emacs: string;
  eglot: string;
  error?: string;
  diagnostics?: { line: number; col: number; code: string; message: string }[];
  completion?: string[];
  codeActions?: string[];
  fixedLine?: string;
}

describe("Emacs + Eglot (real editor, batch)", function () {
  this.timeout(60000);

  it("shows the unknown-segment diagnostic through Flymake, completes segments and applies the quick fix", async function () {
    const version = editorVersion("emacs");
    if (!version) skipBecause(this, "emacs is not installed (scripts/install-editors.sh, or apt-get install -y emacs-nox elpa-eglot)");
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`node scripts/build.mjs\` first`);

    const project = typoProject("flaglens-emacs-");
    try {
      const scratch = scratchDir(project);
      const resultFile = path.join(scratch, "result.json");
      const eventsFile = path.join(scratch, "eglot-events.log");
      fs.mkdirSync(path.join(scratch, "home"));
      const run = await runEditor("emacs", ["--batch", "-l", path.join(EDITORS_DIR, "emacs", "check.el")], {
        cwd: project.root,
        timeoutMs: 45000,
        env: {
          ...process.env,
          HOME: path.join(scratch, "home"),
          PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
          FLAGLENS_SERVER: SERVER,
          FLAGLENS_ROOT: project.root,
          FLAGLENS_FILE: project.file,
          FLAGLENS_EXPECT_LINE: String(project.line),
          FLAGLENS_EXPECT_TYPO: TYPO,
          FLAGLENS_EXPECT_FIX: FIX,
          FLAGLENS_RESULT: resultFile,
          FLAGLENS_EVENTS: eventsFile,
        },
      });
      const result = readResult<EmacsResult>(resultFile);
      const report = () =>
        [
          `${version}: exit code ${run.code}, signal ${run.signal}${run.timedOut ? " (killed after the timeout)" : ""}, ${run.ms} ms`,
          `typo at ${path.relative(project.root, project.file)}:${project.line}: ${project.text.trim()}`,
          `--- stdout\n${run.stdout}`,
          `--- stderr\n${run.stderr}`,
          `--- result\n${JSON.stringify(result, null, 2)}`,
          `--- eglot events\n${tail(eventsFile)}`,
        ].join("\n");

      assert.ok(!run.timedOut, "emacs did not finish in time\n" + report());
      assert.equal(run.code, 0, "emacs exited with a failure\n" + report());
      assert.ok(result, "emacs wrote no result file\n" + report());
      assert.equal(result.ok, true, report());
      const d = result.diagnostics?.find((x) => x.code === "unknown-segment");
      assert.deepEqual(d && { line: d.line, col: d.col }, { line: project.line, col: project.text.indexOf(TYPO) }, report());
      assert.ok(result.completion?.includes(FIX), report());
      assert.ok(result.codeActions?.includes(`Change to "${FIX}"`), report());
      assert.equal(result.fixedLine, project.text.replace(TYPO, FIX), report());
      assert.equal(fs.readFileSync(project.file, "utf8").split("\n")[project.line - 1], project.text.replace(TYPO, FIX), report());
    } finally {
      project.remove();
    }
  });
});
