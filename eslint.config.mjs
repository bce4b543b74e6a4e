// One linter for the whole repository: typescript-eslint's recommended rules, plus the
// architecture's purity rule: the language service imports no host APIs.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "out/",
      "dist/",
      ".e2e/",
      ".bench/",
      "example/",
      "test/fixtures/",
      "**/*.mjs",
      "bin/",
      "server/src/service/validation/generated/",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/src/service/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-languageserver*", "node:*", "fs", "path", "child_process", "os"],
              message: "The language service is pure: inject host capabilities instead.",
            },
          ],
        },
      ],
    },
  },
);
