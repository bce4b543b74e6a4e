// TypeScript, JavaScript, TSX and JSX, rewritten on the TypeScript compiler's syntax tree
// (tsRewrite.ts). The compiler is some 9 MB of JavaScript: it is loaded on the first rewrite of
// such a file, not when the CLI or the language server starts.

import type * as TsRewriteModule from "./tsRewrite";
import type { FlagRewriter } from "./types";

type TsRewrite = typeof TsRewriteModule;

let impl: TsRewrite | undefined;

/** TypeScript, JavaScript, TSX and JSX. */
export const typescriptRewriter: FlagRewriter = {
  extensions: [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"],
  rewrite(fileName, text, request) {
    // A lazy require, not an import: the bundler then evaluates the compiler only here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    impl ??= require("./tsRewrite") as TsRewrite;
    return impl.rewriteTypeScript(fileName, text, request);
  },
};
