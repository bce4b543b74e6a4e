import * as assert from "node:assert/strict";
import { skipBecause } from "../../support/skip";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanCodeTree, type CodeTreeOptions } from "../../../server/src/node/codeScan";
import { ripgrepPath } from "../../../server/src/node/ripgrep";
import { describeUsage, git, tree } from "./fixture";

const WORKER = { script: path.resolve(__dirname, "../../../server/src/node/codeScanWorkerMain.js") };

const FILES: Record<string, string> = {
  ".gitignore": "generated/\n*.min.js\n",
  "src/vendor.min.js": `f.isEnabled("minified");\n`,
  "src/flags.ts": `export const FLAGS = { CHECKOUT: "new_checkout" } as const;\n`,
  "src/app.tsx": `import { FLAGS } from "./flags";\nimport { useFlag } from "@featurevisor/react";\nf.isEnabled(FLAGS.CHECKOUT);\nconst on = useFlag("hero");\n`,
  "src/util.ts": `export const add = (a: number, b: number) => a + b; // nothing to see\n`,
  "src/disabled.ts": `const disabled = true; // "nabled" is a needle, not a name\n`,
  "api/handler.py": `if f.is_enabled("py_flag"):\n    pass\n`,
  "api/Handler.java": `class Handler { void run() { featurevisor.isEnabled("java_flag"); } }\n`,
  "generated/client.ts": `f.isEnabled("ignored");\n`,
  "node_modules/lib/index.js": `f.isEnabled("in_node_modules");\n`,
  "README.md": `f.isEnabled("in_markdown")\n`,
};

async function usages(root: string, options: Partial<CodeTreeOptions>): Promise<string[]> {
  const { index } = await scanCodeTree({ root, ...options });
  return index.allUsages().map((u) => `${path.relative(root, u.file)}:${u.range.start.line + 1} ${describeUsage(u)}`);
}

const EXPECTED = [
  "api/Handler.java:1 isEnabled java_flag",
  "api/handler.py:1 isEnabled py_flag",
  "src/app.tsx:3 isEnabled new_checkout via=CHECKOUT",
  "src/app.tsx:4 hook hero",
  "src/flags.ts:1 constant new_checkout",
];

describe("scanning a tree", function () {
  this.timeout(20000);
  let root: string;
  before(() => {
    root = tree(FILES);
    git(root, ["init", "-q"]);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("finds usages in this thread, reading constants from files without calls", async () => {
    assert.deepEqual(await usages(root, { ripgrep: false }), EXPECTED);
  });

  it("gives the same result with worker threads", async () => {
    assert.deepEqual(await usages(root, { ripgrep: false, worker: WORKER, jobs: 2 }), EXPECTED);
  });

  it("gives the same result with ripgrep as the pre-filter, when it is installed", async function () {
    if (!ripgrepPath()) skipBecause(this, "ripgrep is not installed (apt-get install ripgrep)");
    assert.deepEqual(await usages(root, {}), EXPECTED);
    assert.deepEqual(await usages(root, { worker: WORKER, jobs: 1 }), EXPECTED);
    assert.deepEqual(await usages(root, { include: ["src/**"], exclude: ["flags.ts"] }), [
      "src/app.tsx:3 isEnabled (dynamic)",
      "src/app.tsx:4 hook hero",
    ]);
    const { files, timings } = await scanCodeTree({ root });
    assert.equal(timings.ripgrep, true);
    assert.deepEqual(
      files.map((f) => path.relative(root, f)),
      ["api/Handler.java", "api/handler.py", "src/app.tsx", "src/disabled.ts", "src/flags.ts", "src/util.ts"],
    );
  });
});
