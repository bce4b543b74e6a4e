// A mocha reporter: the spec reporter's output, the reasons tests were skipped for, then one
// plain closing line that CI reads.
import Mocha from "mocha";
import { skipped } from "./skip";

const { EVENT_RUN_END } = Mocha.Runner.constants;

class FlaglensReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      if (skipped.size > 0) {
        process.stdout.write(`\nSkipped, because:\n${[...skipped].map((r) => `  - ${r}`).join("\n")}\n`);
      }
      // Printed after the spec summary so it is the last line of the run.
      process.stdout.write(`\ntests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}

export = FlaglensReporter;
