import * as assert from "node:assert/strict";
import * as path from "node:path";
import { skipBecause } from "../support/skip";
import { formatRemoveSummary, fuzzRemove, type FuzzLanguage } from "./removeFuzz";

// `flaglens remove --write` (the bundled CLI) on 1,000 mutated Python and Go inputs that parse:
// no written file may fail to parse (issue #12). A larger run: npm run fuzz -- --remove --count N.

const CLI = path.resolve(process.cwd(), "dist/cli.js");
const COUNT = Number(process.env.REMOVE_FUZZ_COUNT ?? 1000);

describe("fuzzing flaglens remove --write on Python and Go", function () {
  this.timeout(120000);
  const judges: Record<FuzzLanguage, string> = { python: "python3 is not installed", go: "gofmt is not installed (Go)" };
  for (const language of ["python", "go"] as const) {
    it(`${language}: ${COUNT} mutated inputs that parse give outputs that parse`, function () {
      const summary = fuzzRemove(language, COUNT, language === "python" ? 1201 : 1202, CLI);
      if (!summary) skipBecause(this, judges[language]);
      const report = formatRemoveSummary(summary);
      console.log(`      ${report}`);
      assert.equal(summary.inputs, COUNT, report);
      // The rewrite does run: most inputs change under one keep or the other.
      assert.ok(summary.written >= COUNT, report);
      const shown = summary.failures
        .slice(0, 3)
        .map((f) => `--- keep ${f.keep}: ${f.error}\n${f.input}\n--- became\n${f.output}`)
        .join("\n");
      assert.equal(summary.failures.length, 0, `${report}\n${shown}`);
    });
  }
});
