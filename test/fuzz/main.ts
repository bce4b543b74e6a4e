// `npm run fuzz -- --count N --seed S [--save DIR] [--shrink-seconds T] [--timeout-ms MS] [--moderate]`: a fuzz
// run against the bundled server, a summary, and exit code 1 when anything failed.
// `npm run fuzz -- --remove [--count N] [--seed S] [--language python|go]`: `flaglens remove --write` (the
// bundled CLI) on N mutated Python and Go inputs that parse; exit code 1 when a written file does not parse.

import * as path from "node:path";
import { formatSummary, runFuzz } from "./fuzzer";
import { formatRemoveSummary, fuzzRemove, type FuzzLanguage } from "./removeFuzz";

/** The memory bound of long runs: RSS at the end within this much of RSS after the first 500 mutations. */
export const RSS_GROWTH_BOUND = 50 * 1048576;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function removeMain(): void {
  const count = Number(option("count", "1000"));
  const seed = Number(option("seed", String(Date.now() % 1_000_000)));
  const languages = (process.argv.includes("--language") ? [option("language", "python")] : ["python", "go"]) as FuzzLanguage[];
  let failed = false;
  for (const language of languages) {
    const started = Date.now();
    const summary = fuzzRemove(language, count, seed, path.resolve("dist/cli.js"));
    if (!summary) {
      console.log(`${language}: skipped, ${language === "python" ? "python3" : "gofmt"} is not installed`);
      continue;
    }
    console.log(`${formatRemoveSummary(summary)} (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    for (const f of summary.failures.slice(0, 5)) console.log(`--- keep ${f.keep}: ${f.error}\n${f.input}\n--- became\n${f.output}`);
    failed ||= summary.failures.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}

async function main(): Promise<void> {
  if (process.argv.includes("--remove")) return removeMain();
  const count = Number(option("count", "1000"));
  const seed = Number(option("seed", String(Date.now() % 1_000_000)));
  const saveDir = path.resolve(option("save", "test/fuzz/pending"));
  const started = Date.now();
  const summary = await runFuzz({
    count,
    seed,
    saveDir,
    shrinkBudgetMs: Number(option("shrink-seconds", "60")) * 1000,
    timeoutMs: Number(option("timeout-ms", "2000")),
    extreme: !process.argv.includes("--moderate"),
    progress: (s) => process.stderr.write(`\r${s.mutations}/${count} mutations, ${s.distinct.length} distinct failures`),
  });
  process.stderr.write("\n");
  console.log(formatSummary(summary));
  console.log(`took ${((Date.now() - started) / 1000).toFixed(0)} s; new reproducers go to ${path.relative(process.cwd(), saveDir)}/`);
  let failed = summary.distinct.length > 0;
  if (summary.rssAfter500 !== undefined && summary.rssEnd !== undefined) {
    const growth = summary.rssEnd - summary.rssAfter500;
    const ok = growth <= RSS_GROWTH_BOUND;
    console.log(`RSS growth after mutation 500: ${(growth / 1048576).toFixed(1)} MB (bound 50 MB): ${ok ? "ok" : "EXCEEDED"}`);
    failed ||= !ok;
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
