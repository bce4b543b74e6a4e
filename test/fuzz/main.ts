// `npm run fuzz -- --count N --seed S [--save DIR] [--shrink-seconds T] [--timeout-ms MS] [--moderate]`: a fuzz
// run against the bundled server, a summary, and exit code 1 when anything failed.

import * as path from "node:path";
import { formatSummary, runFuzz } from "./fuzzer";

/** The memory bound of long runs: RSS at the end within this much of RSS after the first 500 mutations. */
export const RSS_GROWTH_BOUND = 50 * 1048576;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
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
