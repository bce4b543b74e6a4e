// Bundles the language server, the CLI and the VS Code client with esbuild.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
};

// The schema validators are generated code that the bundles and the tests import.
await import("./generateValidators.mjs");

// The TypeScript rewrite of `flaglens remove` carries the TypeScript compiler (about 10 MB): it is a
// separate file, loaded only when a TS/JS file is rewritten, so other commands start fast.
const lazyTsRewrite = {
  name: "lazy-ts-rewrite",
  setup(b) {
    b.onResolve({ filter: /^\.\/tsRewrite$/ }, () => ({ path: "./tsRewrite.js", external: true }));
  },
};

// The schema validators of each format (v1, v2, v3: some 250 KB of generated code each) are files of
// their own too, loaded when a project of that format is first validated, so JavaScript that a
// project never needs is never parsed at startup.
const VALIDATOR_SETS = ["V1", "V2", "V3"];
const lazyValidators = {
  name: "lazy-validators",
  setup(b) {
    b.onResolve({ filter: /^\.\/generated\/validatorsV[123]$/ }, (args) => ({
      path: `./${args.path.slice("./generated/".length)}.js`,
      external: true,
    }));
  },
};
const lazy = [lazyTsRewrite, lazyValidators];

const builds = [
  { ...common, entryPoints: ["server/src/main.ts"], outfile: "dist/server.js", plugins: lazy },
  { ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", plugins: lazy },
  ...VALIDATOR_SETS.map((set) => ({
    ...common,
    entryPoints: [`server/src/service/validation/generated/validators${set}.ts`],
    outfile: `dist/validators${set}.js`,
  })),
  { ...common, entryPoints: ["server/src/service/fixes/tsRewrite.ts"], outfile: "dist/tsRewrite.js", plugins: [lazyValidators] },
  { ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
];

// Python and Go rewrites are checked by tree-sitter (@vscode/tree-sitter-wasm, bundled into the server
// and the CLI): its runtime and the two grammars are WebAssembly files, looked up next to the bundle.
const treeSitterDir = path.dirname(createRequire(import.meta.url).resolve("@vscode/tree-sitter-wasm"));
fs.mkdirSync("dist", { recursive: true });
for (const file of ["tree-sitter.wasm", "tree-sitter-python.wasm", "tree-sitter-go.wasm"]) {
  fs.copyFileSync(path.join(treeSitterDir, file), path.join("dist", file));
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
