// The standalone server driven by a real Neovim (Debian's 0.7.2, headless): diagnostics, completion, a quick fix and hover
// through Neovim's own LSP client. See test/editors/nvim/ for the configuration and the checks. The second test
// loads, as init.lua, exactly the Neovim 0.7 snippet of README.md (between its neovim-0.7-snippet markers), with
// `flaglens-language-server` on PATH as `npm install -g` puts it, so README and test cannot drift apart.

import { skipBecause } from "../support/skip";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EDITORS_DIR, FIX, SERVER, TYPO, editorVersion, readResult, runEditor, scratchDir, tail, typoProject } from "./support";

interface NvimResult {
  ok: boolean;
  nvim: string;
  error?: string;
  steps: { name: string; line?: number; col?: number; message?: string }[];
  diagnostics?: { lnum: number; col: number; end_col: number; code: string; source: string; severity: number }[];
  completion?: string[];
  codeActions?: string[];
  fixedLine?: string;
  diagnosticsAfterFix?: { code: string }[];
  hover?: string;
}

/** The Lua block of README.md between `<!-- neovim-0.7-snippet -->` and `<!-- /neovim-0.7-snippet -->`. */
export function readmeNeovimSnippet(): string {
  const readme = fs.readFileSync(path.resolve(process.cwd(), "README.md"), "utf8");
  const m = /<!-- neovim-0\.7-snippet -->\s*```lua\n([\s\S]*?)```\s*<!-- \/neovim-0\.7-snippet -->/.exec(readme);
  assert.ok(m, "README.md has no ```lua block between <!-- neovim-0.7-snippet --> and <!-- /neovim-0.7-snippet -->");
  return m[1];
}

/** Opens the typo project's feature file in headless Neovim with `init` and runs check.lua; asserts what it found. */
async function runCheck(ctx: Mocha.Context, configure: (scratch: string, root: string) => { args: string[]; env: NodeJS.ProcessEnv }) {
  const version = editorVersion("nvim");
  if (!version) skipBecause(ctx, "nvim is not installed (scripts/install-editors.sh, or apt-get install -y neovim)");
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`node scripts/build.mjs\` first`);

  const project = typoProject("flaglens-nvim-");
  try {
    const scratch = scratchDir(project);
    const init = configure(scratch, project.root);
    const resultFile = path.join(scratch, "result.json");
    const lspLog = path.join(scratch, "cache", "nvim", "lsp.log");
    const run = await runEditor(
      "nvim",
      [
        "--headless",
        "-i",
        "NONE",
        "-n",
        "--noplugin",
        ...init.args,
        project.file,
        "-c",
        `luafile ${path.join(EDITORS_DIR, "nvim", "check.lua").replace(/ /g, "\\ ")}`,
      ],
      {
        cwd: project.root,
        timeoutMs: 45000,
        env: {
          ...process.env,
          XDG_CONFIG_HOME: path.join(scratch, "config"),
          XDG_DATA_HOME: path.join(scratch, "data"),
          XDG_STATE_HOME: path.join(scratch, "state"),
          XDG_CACHE_HOME: path.join(scratch, "cache"),
          FLAGLENS_EXPECT_LINE: String(project.line),
          FLAGLENS_EXPECT_TYPO: TYPO,
          FLAGLENS_EXPECT_FIX: FIX,
          FLAGLENS_RESULT: resultFile,
          ...init.env,
        },
      },
    );
    const result = readResult<NvimResult>(resultFile);
    const report = () =>
      [
        `${version}: exit code ${run.code}, signal ${run.signal}${run.timedOut ? " (killed after the timeout)" : ""}, ${run.ms} ms`,
        `typo at ${path.relative(project.root, project.file)}:${project.line}: ${project.text.trim()}`,
        `--- stdout\n${run.stdout}`,
        `--- stderr\n${run.stderr}`,
        `--- result\n${JSON.stringify(result, null, 2)}`,
        `--- lsp.log\n${tail(lspLog)}`,
      ].join("\n");
    assert.ok(!run.timedOut, "nvim did not finish in time\n" + report());
    assert.equal(run.code, 0, "nvim exited with a failure\n" + report());
    assert.ok(result, "nvim wrote no result file\n" + report());
    assert.equal(result.ok, true, report());
    assert.deepEqual(
      result.steps.map((s) => s.name),
      ["diagnostic", "completion", "codeAction", "applied", "hover"],
      report(),
    );
    const d = result.diagnostics?.find((x) => x.code === "unknown-segment");
    const col = project.text.indexOf(TYPO);
    assert.deepEqual(
      d && { lnum: d.lnum, col: d.col, end_col: d.end_col, source: d.source, severity: d.severity },
      { lnum: project.line - 1, col, end_col: col + TYPO.length, source: "flaglens", severity: 1 },
      report(),
    );
    assert.ok(result.completion?.includes(FIX), report());
    assert.ok(result.codeActions?.includes(`Change to "${FIX}"`), report());
    assert.equal(result.fixedLine, project.text.replace(TYPO, FIX), report());
    assert.ok(!result.diagnosticsAfterFix?.some((x) => x.code === "unknown-segment"), report());
    assert.match(result.hover ?? "", new RegExp(`Segment \`${FIX}\``), report());
  } finally {
    project.remove();
  }
}

describe("Neovim (real editor, headless)", function () {
  this.timeout(60000);

  it("shows the unknown-segment diagnostic, completes segments and applies the quick fix", async function () {
    await runCheck(this, (_scratch, root) => ({
      args: ["-u", path.join(EDITORS_DIR, "nvim", "init.lua")],
      env: { FLAGLENS_SERVER: SERVER, FLAGLENS_NODE: process.execPath, FLAGLENS_ROOT: root },
    }));
  });

  it("does the same with README's Neovim 0.7 snippet as init.lua, the server found on PATH", async function () {
    const snippet = readmeNeovimSnippet();
    await runCheck(this, (scratch) => {
      // flaglens-language-server on PATH, as `npm install -g` puts it there.
      const bin = path.join(scratch, "bin");
      fs.mkdirSync(bin, { recursive: true });
      fs.writeFileSync(path.join(bin, "flaglens-language-server"), `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`, {
        mode: 0o755,
      });
      const init = path.join(scratch, "init.lua");
      fs.writeFileSync(init, snippet);
      return {
        // `--cmd` runs before init.lua: what the test needs (no swap or shada file, filetype detection), not part of the snippet.
        args: ["--cmd", "set noswapfile shadafile=NONE | filetype on", "-u", init],
        env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` },
      };
    });
  });
});
