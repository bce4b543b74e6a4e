// TypeScript, JavaScript, TSX and JSX, rewritten on the TypeScript compiler's syntax tree
// (tsRewrite.ts). The compiler is some 9 MB of JavaScript: it is loaded on the first rewrite of
// such a file, not when the CLI or the language server starts.

import type * as TsRewriteModule from "./tsRewrite";
import type { FlagRewriter } from "./types";

type TsRewrite = typeof TsRewriteModule;

let impl: TsRewrite | undefined;

function load(): TsRewrite {
  // A lazy require, not an import: the bundler then evaluates the compiler only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  impl ??= require("./tsRewrite") as TsRewrite;
  return impl;
}

/** TypeScript, JavaScript, TSX and JSX. */
export const typescriptRewriter: FlagRewriter = {
  extensions: [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"],
  rewrite(fileName, text, request) {
    return load().rewriteTypeScript(fileName, text, request);
  },
  warmUp() {
    if (impl) return;
    // Loading the compiler takes 0.2 s on a quiet machine and seconds on a busy one; a first
    // rewrite of a tiny file also compiles the parser's hot paths.
    // The usage is the code index's: `isEnabled` at offset 6.
    const usages = [{ offset: 6, feature: "x", evaluates: "flag" as const, method: "isEnabled" }];
    load().rewriteTypeScript("warm-up.ts", 'if (f.isEnabled("x")) a();', {
      featureKey: "x",
      behaviour: { enabled: true, variables: {} },
      usages,
    });
  },
};
