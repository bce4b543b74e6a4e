// A plain mocha reporter for the extension host. The host's stdout goes
// nowhere a person sees in code-server, so every line goes both to
// console.log (the browser console, the test-electron terminal) and to
// ${FLAGLENS_E2E_IPC}/mocha.log, which the runner prints as it grows.
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import { IPC_ENV, type RunResult } from "./protocol";

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class E2EReporter extends Mocha.reporters.Base {
  private depth = 0;
  private readonly failed: { title: string; err: Error }[] = [];
  private readonly ipc = process.env[IPC_ENV];

  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.root) return;
      this.line(`${this.indent()}${suite.title}`);
      this.depth++;
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      if (!suite.root) this.depth--;
    });
    runner.on(EVENT_TEST_PASS, (test) => {
      this.line(`${this.indent()}✓ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      this.line(`${this.indent()}- ${test.title} (skipped)`);
    });
    runner.on(EVENT_TEST_FAIL, (test, err: Error) => {
      this.failed.push({ title: test.fullTitle(), err });
      this.line(`${this.indent()}✗ ${this.failed.length}) ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      this.failed.forEach(({ title, err }, i) => {
        this.line("");
        this.line(`${i + 1}) ${title}`);
        this.line(`   ${err.stack ?? err.message}`.replace(/\n/g, "\n   "));
      });
      this.line("");
      this.line(`${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending`);
      const result: RunResult = { passes: stats.passes, failures: stats.failures, pending: stats.pending };
      if (this.ipc) fs.writeFileSync(path.join(this.ipc, "result.json"), JSON.stringify(result));
    });
  }

  private indent(): string {
    return "  ".repeat(this.depth);
  }

  private line(text: string): void {
    console.log(text);
    if (this.ipc) fs.appendFileSync(path.join(this.ipc, "mocha.log"), `${text}\n`);
  }
}

export = E2EReporter;
