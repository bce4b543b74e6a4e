// Node entry of the language server: stdio, IPC or a socket, chosen by argv (--stdio, --node-ipc).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { URI } from "vscode-uri";
import { ignoresCode } from "./node/codeFiles";
import { scanCode } from "./node/folderScan";
import { nodeGitAccess } from "./node/gitAccess";
import { gitStaleness } from "./node/gitStaleness";
import { nodeFileSystem, toServicePath } from "./node/nodeFileSystem";
import type { RuntimeEnvironment } from "./runtime";
import { startServer } from "./server";

if (process.argv.includes("--version")) {
  process.stdout.write("0.1.0\n");
  process.exit(0);
}
if (!process.argv.some((a) => a === "--stdio" || a === "--node-ipc" || a.startsWith("--socket") || a.startsWith("--pipe"))) {
  // Without a transport, vscode-languageserver throws a stack trace; say what to do instead.
  process.stderr.write("Usage: flaglens-language-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)\n");
  process.exit(2);
}

// A long-lived server sees an extreme file now and then (a 50 MB document, 250,000 list items). V8's
// default growth factor then leaves the heap's limit, and RSS, far above what the server needs
// afterwards. A growth factor of 1.5 keeps it within tens of MB (the fuzz figures in README), at no
// measurable cost in speed; the CLI, which is short-lived, keeps V8's default.
v8.setFlagsFromString("--heap-growing-percent=50");

/** Runs a config in a separate Node process, with a time limit, and returns what it exports. */
function executeConfig(configPath: string): Promise<Record<string, unknown> | undefined> {
  const script = "const c=require(process.argv[1]);Promise.resolve(c&&c.default||c).then(v=>process.stdout.write(JSON.stringify(v)))";
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", script, configPath],
      { cwd: path.dirname(configPath), timeout: 10000, maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout) as Record<string, unknown>);
      },
    );
  });
}

/** Watches a tree with fs.watch (recursive), batching events for 100 ms. */
function watch(root: string, onChange: (paths: string[]) => void): () => void {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher = fs.watch(root, { recursive: true }, (_event, file) => {
    if (!file || !/\.(ya?ml|json|js)$/.test(String(file))) return;
    pending.add(toServicePath(path.join(root, String(file))));
    timer ??= setTimeout(() => {
      const paths = [...pending];
      pending = new Set();
      timer = undefined;
      onChange(paths);
    }, 100);
  });
  watcher.on("error", () => watcher.close());
  return () => watcher.close();
}

const runtime: RuntimeEnvironment = {
  fs: nodeFileSystem,
  uriToPath(uri) {
    const u = URI.parse(uri);
    return u.scheme === "file" ? toServicePath(u.fsPath) : undefined;
  },
  pathToUri: (p) => URI.file(p).toString(),
  executeConfig,
  watch,
  scanCode,
  ignoresCode,
  staleness: gitStaleness,
  git: nodeGitAccess(),
};

const connection = createConnection(ProposedFeatures.all);
startServer(connection, runtime);
process.on("uncaughtException", (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on("unhandledRejection", (error) => connection.console.error(`Unhandled rejection: ${String(error)}`));
