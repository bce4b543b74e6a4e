// The `flaglens` command line: the same engine as the language server, for CI and scripts.

import { option, parseArgs, UsageError } from "./args";
import { evaluateCommand } from "./evaluate";
import { formatJson, formatSarif, formatText, summarize } from "./formats";
import { lintProject, resolveProjectRoot } from "./lint";
import { runCodeScanWorker } from "../node/codeScanWorker";
import { CODE_OPTIONS_USAGE, refsCommand } from "./refs";
import { staleCommand } from "./stale";
import { REMOVE_USAGE, removeCommand } from "./remove";
import { TEST_USAGE, testCommand } from "./test";
import { DIFF_USAGE, diffCommand } from "./diff";

const VERSION = "0.1.0";

/** How the code scan starts its worker threads: this script, with a hidden command. */
const CODE_SCAN_WORKER = "__code-scan-worker";
const WORKER = { script: __filename, argv: [CODE_SCAN_WORKER] };

const USAGE = `Usage: flaglens <command> [options]

Commands:
  lint [--project DIR] [--format text|json|sarif]
        Validate a Featurevisor project. Exit 0 without errors, 1 with errors,
        2 on usage errors or when no project is found.
  evaluate [--project DIR] [--set SET] --environment ENV [--feature KEY]... (--context JSON | --contexts FILE.jsonl)
           [--tag TAG | --target TARGET] [--at PERCENT] [--sticky JSON] [--format json]
        Print what the Featurevisor SDK returns for each context and feature, as one JSON object
        per line: feature, environment, context, enabled, variation, variables, reason. Without
        --feature, every feature; --contexts - reads standard input; --tag evaluates against that
        tag's datafile, --target against that Featurevisor 3 target's (its features, its build-time
        context applied); --at sets every feature's bucket to that percentage (0 to 100, as a test
        assertion's \`at\`); --sticky gives sticky features (v2 and v3 SDKs). Exit 0, or 2 on usage
        errors (unknown environment, feature or target, --target outside a v3 project, invalid JSON).
  evaluate [--project DIR] [--set SET] --segment KEY... (--context JSON | --contexts FILE.jsonl)
        Print whether each segment matches each context (as a segment test spec checks it), one
        JSON object per line: segment, context, matched, reason.
${TEST_USAGE}
  refs [--project DIR] [--root DIR] [--format text|json] [code options]
        List the feature flag usages in the code below --root (default: the current folder):
        file, line, column, language, kind, feature, variable, whether it is defined, status.
  stale [--project DIR] [--root DIR] [--days N] [--format text|json] [--fail-on-stale] [--no-code]
        List flags that can go, with reasons: archived or deprecated but still used, fully rolled
        out and unchanged for N days (from git history), unused in code, used but undefined.
        Exit 1 with --fail-on-stale when any is found.
${DIFF_USAGE}
${REMOVE_USAGE}
${CODE_OPTIONS_USAGE}
Options:
  --help       Show this help.
  --version    Show the version.

The language server runs with: flaglens-language-server --stdio
`;

async function lint(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["project", "format"], ["verbose"]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const format = option(args, "format") ?? "text";
  if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const root = await resolveProjectRoot(option(args, "project"), process.cwd());
  const verbose = args.flags.has("verbose");
  const result = await lintProject(root, (m) => verbose && process.stderr.write(m + "\n"));
  const out =
    format === "json"
      ? formatJson(result)
      : format === "sarif"
        ? formatSarif(result, VERSION)
        : formatText(result, process.stdout.isTTY === true && !process.env.NO_COLOR);
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return summarize(result).errors > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  if (command === "lint") return lint(rest);
  if (command === "evaluate") return evaluateCommand(rest);
  if (command === "test") return testCommand(rest);
  if (command === "refs") return refsCommand(rest, WORKER);
  if (command === "stale") return staleCommand(rest, WORKER);
  if (command === "remove") return removeCommand(rest, WORKER);
  if (command === "diff") return diffCommand(rest, WORKER);
  if (command === CODE_SCAN_WORKER) return runCodeScanWorker();
  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`flaglens: ${error.message}\n${error.constructor === UsageError ? "Run 'flaglens --help' for usage.\n" : ""}`);
      process.exitCode = 2;
    } else {
      // Exit codes stay 0/1/2 whatever happens; the stack is for bug reports, shown with --verbose.
      const verbose = process.argv.includes("--verbose");
      const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
      process.stderr.write(
        `flaglens: internal error: ${detail.split("\n")[0] === detail || verbose ? detail : detail.split("\n")[0]}\n` +
          (verbose ? "" : "Run again with --verbose for details, and please report it.\n"),
      );
      process.exitCode = 2;
    }
  },
);
