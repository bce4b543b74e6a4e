// Bundles the language server, the CLI and the VS Code client with esbuild.
import * as esbuild from "esbuild";

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

const builds = [
  { ...common, entryPoints: ["server/src/main.ts"], outfile: "dist/server.js", plugins: [lazyTsRewrite] },
  { ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli.js", plugins: [lazyTsRewrite] },
  { ...common, entryPoints: ["server/src/service/fixes/tsRewrite.ts"], outfile: "dist/tsRewrite.js" },
  { ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
