import * as assert from "node:assert/strict";
import { SHARED_FIXTURES, hasSharedFixtures, requireShared } from "../support/skip";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  getDefaultStaticConfig,
  readConfigStatically,
  type ConfigProblem,
  type ConfigReadResult,
} from "../../server/src/service/project/configReader";

/** Reads `text`, failing the test if reading throws (it never should). */
function read(text: string): ConfigReadResult {
  return readConfigStatically(text);
}

/** The source text a problem points at. */
function spanText(text: string, problem: { start: number; end: number }): string {
  return text.slice(problem.start, problem.end);
}

function only(result: ConfigReadResult): ConfigProblem {
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
  return result.problems[0];
}

function assertNoProblems(result: ConfigReadResult): void {
  assert.deepEqual(result.problems, []);
}

describe("configReader: export forms", () => {
  it("reads module.exports = { ... } with require'd plugins", () => {
    const text = `module.exports = {
  environments: ["staging", "production"],
  tags: ["all", "checkout"],
  prettyState: true,
  plugins: [require("./plugins/example")],
};`;
    const result = read(text);
    assertNoProblems(result);
    assert.deepEqual(result.config.environments, ["staging", "production"]);
    assert.deepEqual(result.config.tags, ["all", "checkout"]);
    assert.deepEqual(result.dynamicKeys, ["plugins"]);
    assert.deepEqual(Object.keys(result.keys), ["environments", "tags", "prettyState", "plugins"]);
  });

  for (const keyword of ["const", "let", "var"]) {
    it(`reads module.exports = NAME after ${keyword} NAME = { ... }`, () => {
      const result = read(`${keyword} config = { tags: ["a"] };\nmodule.exports = config;`);
      assertNoProblems(result);
      assert.deepEqual(result.config.tags, ["a"]);
    });
  }

  it("reads export default { ... } and export default NAME", () => {
    assert.deepEqual(read(`export default { tags: ["esm"] };`).config.tags, ["esm"]);
    const named = read(`import path from "path";\nconst config = { tags: ["named"] }\nexport default config\n`);
    assertNoProblems(named);
    assert.deepEqual(named.config.tags, ["named"]);
  });

  it("reads exports.key = ... and module.exports.key = ... assignments", () => {
    const text = `exports.environments = ["dev"];\nmodule.exports.tags = ["t"];\nmodule.exports["splitByEnvironment"] = true;`;
    const result = read(text);
    assertNoProblems(result);
    assert.deepEqual(result.config.environments, ["dev"]);
    assert.deepEqual(result.config.tags, ["t"]);
    assert.equal(result.config.splitByEnvironment, true);
  });

  it("applies NAME.key = ... after the declaration, and ignores exports.key before module.exports = {...}", () => {
    const text = `exports.tags = ["lost"];\nconst config = { environments: ["a"] };\nconfig.tags = ["b"];\nmodule.exports = config;`;
    const result = read(text);
    assertNoProblems(result);
    assert.deepEqual(result.config.environments, ["a"]);
    assert.deepEqual(result.config.tags, ["b"]);
  });

  it("reads export const bindings and a multi-name declaration", () => {
    const result = read(`export const A = ["x"], B = ["y"];\nexport default { environments: A, tags: B };`);
    assertNoProblems(result);
    assert.deepEqual(result.config.environments, ["x"]);
    assert.deepEqual(result.config.tags, ["y"]);
  });

  it("keeps the value of a TypeScript-style `satisfies` or `as` expression", () => {
    assert.deepEqual(read(`export default { tags: ["ts"] } satisfies ProjectConfig;`).config.tags, ["ts"]);
    assert.deepEqual(read(`module.exports = { tags: ["ts"] as string[] };`).config.tags, ["ts"]);
  });

  it("ignores assignments inside functions and blocks", () => {
    const text = `function later() { module.exports = { tags: ["inner"] }; }\nmodule.exports = { tags: ["outer"] };`;
    assert.deepEqual(read(text).config.tags, ["outer"]);
  });
});

describe("configReader: values", () => {
  it("uses Featurevisor's defaults for an empty object", () => {
    const result = read("module.exports = {};");
    assertNoProblems(result);
    assert.deepEqual(result.config, getDefaultStaticConfig());
    assert.deepEqual(result.config, {
      sets: false,
      setsDirectoryPath: "sets",
      environments: ["staging", "production"],
      tags: ["all"],
      attributesDirectoryPath: "attributes",
      segmentsDirectoryPath: "segments",
      featuresDirectoryPath: "features",
      groupsDirectoryPath: "groups",
      testsDirectoryPath: "tests",
      schemasDirectoryPath: "schemas",
      targetsDirectoryPath: "targets",
      environmentsDirectoryPath: "environments",
      stateDirectoryPath: ".featurevisor",
      splitByEnvironment: false,
      stringify: true,
      defaultBucketBy: "userId",
      parser: "yml",
      parserExtension: "yml",
      yamlTags: false,
    });
    assert.deepEqual(result.dynamicKeys, []);
    assert.deepEqual(result.keys, {});
  });

  it("reads environments: false, splitByEnvironment, defaultBucketBy and the built-in parsers", () => {
    const result = read(`module.exports = { environments: false, splitByEnvironment: true, defaultBucketBy: "deviceId", parser: "json" };`);
    assertNoProblems(result);
    assert.equal(result.config.environments, false);
    assert.equal(result.config.splitByEnvironment, true);
    assert.equal(result.config.defaultBucketBy, "deviceId");
    assert.equal(result.config.parser, "json");
    assert.equal(read(`module.exports = { parser: "yml" };`).config.parser, "yml");
  });

  it("recognises a TOML parser object through a required name, and reads other parser objects as 'custom'", () => {
    const text = `const toml = require("toml");
module.exports = {
  parser: {
    extension: "toml",
    parse: (content) => toml.parse(content),
    stringify(content) { return String(content); },
  },
};`;
    const result = read(text);
    assertNoProblems(result);
    assert.equal(result.config.parser, "toml");
    assert.equal(result.config.parserExtension, "toml");
    assert.deepEqual(result.dynamicKeys, ["parser"]);
    const inline = read(`module.exports = { parser: { extension: "toml", parse: (c) => require("toml").parse(c) } };`);
    assert.equal(inline.config.parser, "toml");
    const ini = read(`module.exports = { parser: { extension: "ini" } };`);
    assert.equal(ini.config.parser, "custom");
    assert.equal(ini.config.parserExtension, "ini");
    // A TOML extension with a parse function Flaglens does not recognise is not guessed at.
    const own = read(`module.exports = { parser: { extension: "toml", parse: (c) => myToml(c) } };`);
    assert.equal(own.config.parser, "custom");
  });

  it("reads quotes, template literals without ${}, escapes, comments, trailing commas and annotations", () => {
    const text = `#!/usr/bin/env node
// A leading comment.
const path = require("path");
/* A block
   comment. */
/** @type {import('@featurevisor/core').ProjectConfig} */
module.exports = {
  'environments': ['dev', "prod", \`qa\`,], // trailing comma
  tags: ["a\\tb", "\\u0063", "\\x41", "it\\'s", "line\\
continued",],
  /* inline */ defaultBucketBy: \`user\` + "",
};`;
    const result = read(text);
    assert.deepEqual(result.config.environments, ["dev", "prod", "qa"]);
    assert.deepEqual(result.config.tags, ["a\tb", "c", "A", "it's", "linecontinued"]);
    assert.deepEqual(result.dynamicKeys, ["defaultBucketBy"]);
  });

  it("follows references to top-level literals, spreads of known arrays and objects, and member reads", () => {
    const text = `const ENVS = ["a", "b"];
const MORE = [...ENVS, "c"];
const base = { tags: ["base"], splitByEnvironment: true };
const shared = { settings: { bucket: "orgId" } };
module.exports = {
  ...base,
  environments: MORE,
  defaultBucketBy: shared.settings.bucket,
  stateDirectoryPath: base["missing"],
};`;
    const result = read(text);
    assertNoProblems(result);
    assert.deepEqual(result.config.environments, ["a", "b", "c"]);
    assert.deepEqual(result.config.tags, ["base"]);
    assert.equal(result.config.splitByEnvironment, true);
    assert.equal(result.config.defaultBucketBy, "orgId");
    assert.equal(result.config.stateDirectoryPath, ".featurevisor", "an undefined value leaves the default");
    assert.ok("tags" in result.keys, "keys from a known spread are listed");
    assert.equal(spanText(text, result.keys.tags), `["base"]`);
  });

  it("reads one property of a shared object even when its other properties are dynamic", () => {
    const text = `const shared = { tags: ["shared"], plugins: [require("p")] };\nmodule.exports = { tags: shared.tags, plugins: shared.plugins };`;
    const result = read(text);
    assertNoProblems(result);
    assert.deepEqual(result.config.tags, ["shared"]);
    assert.deepEqual(result.dynamicKeys, ["plugins"]);
  });

  it("reads a plain top-level assignment such as `config = { ... }` after `let config;`", () => {
    const result = read(`let config;\nconfig = { tags: ["late"] };\nmodule.exports = config;`);
    assertNoProblems(result);
    assert.deepEqual(result.config.tags, ["late"]);
  });

  it("lets a later key win over an earlier one", () => {
    assert.deepEqual(read(`module.exports = { tags: ["a"], tags: ["b"] };`).config.tags, ["b"]);
  });

  it("handles keys named like Object.prototype members", () => {
    const result = read(`module.exports = { __proto__: 1, constructor: 2, toString: 3, tags: ["x"], hasOwnProperty };`);
    assertNoProblems(result);
    assert.deepEqual(Object.keys(result.keys), ["__proto__", "constructor", "toString", "tags", "hasOwnProperty"]);
    assert.deepEqual(result.dynamicKeys, ["hasOwnProperty"]);
    assert.equal(only(read(`module.exports = { tags: toString };`)).severity, "warning");
    assert.deepEqual(result.config.tags, ["x"]);
  });
});

describe("configReader: directory paths", () => {
  const cases: [string, string][] = [
    [`path.join(__dirname, "features")`, "features"],
    [`path.resolve(__dirname, "src", "features")`, "src/features"],
    [`"./flags/features"`, "flags/features"],
    [`"flags/../features/"`, "features"],
    [`path.join(__dirname, "./a", "../b", "c")`, "b/c"],
    [`path.join(__dirname, "..", "shared", "features")`, "../shared/features"],
    [`path.join(__dirname)`, "."],
    [`path.join(process.cwd(), "features")`, "features"],
    [`path.resolve("features")`, "features"],
    [`path.resolve(__dirname, "/abs", "features")`, "/abs/features"],
    [`path.join("/abs", "features")`, "/abs/features"],
    [`"/srv/flags/features"`, "/srv/flags/features"],
    [`"C:\\\\flags\\\\features"`, "C:\\flags\\features"],
    [`join(__dirname, "src\\\\features")`, "src/features"],
    [`resolve(__dirname, "features")`, "features"],
    [`require("path").join(__dirname, "features")`, "features"],
    [`path.posix.join(__dirname, "features")`, "features"],
    [`import.meta.dirname + ""`, "features"],
    [`\`\${__dirname}/features\``, "features"],
  ];
  for (const [expression, expected] of cases) {
    it(`reads ${expression} as ${JSON.stringify(expected)}`, () => {
      const text = `const path = require("node:path");\nmodule.exports = { featuresDirectoryPath: ${expression} };`;
      const result = read(text);
      assert.equal(result.config.featuresDirectoryPath, expected);
      if (expression.includes("+") || expression.includes("${")) {
        assert.equal(only(result).severity, "warning", "computed paths are dynamic");
      } else assertNoProblems(result);
    });
  }

  it("reads every directory key and import.meta.dirname", () => {
    const keys = ["attributes", "segments", "features", "groups", "tests", "schemas", "environments", "state"];
    const body = keys.map((k) => `${k}DirectoryPath: path.join(import.meta.dirname, "x", "${k}")`).join(",\n");
    const result = read(`import path from "node:path";\nexport default {\n${body}\n};`);
    assertNoProblems(result);
    for (const k of keys) assert.equal(result.config[`${k}DirectoryPath` as "featuresDirectoryPath"], `x/${k}`);
  });

  it('reads join and resolve destructured from require("path")', () => {
    const text = `const { join, resolve } = require("path");\nmodule.exports = { featuresDirectoryPath: join(__dirname, "f"), testsDirectoryPath: resolve(__dirname, "t") };`;
    const result = read(text);
    assertNoProblems(result);
    assert.equal(result.config.featuresDirectoryPath, "f");
    assert.equal(result.config.testsDirectoryPath, "t");
  });

  it("treats a path built from an unknown value as dynamic", () => {
    const text = `const path = require("path");\nmodule.exports = { featuresDirectoryPath: path.join(__dirname, DIR) };`;
    const problem = only(read(text));
    assert.equal(problem.severity, "warning");
    assert.equal(spanText(text, problem), "path.join(__dirname, DIR)");
    assert.match(problem.message, /"featuresDirectoryPath".*DIR.*using the default "features"/);
  });

  it("does not treat a locally defined join function as path.join", () => {
    const result = read(
      `function join(a, b) { return b; }\nconst join = (a, b) => b;\nmodule.exports = { featuresDirectoryPath: join(__dirname, "x") };`,
    );
    assert.equal(result.config.featuresDirectoryPath, "features");
    assert.equal(only(result).severity, "warning");
  });
});

describe("configReader: dynamic values", () => {
  it("uses the spec's sentence for a computed environments value, pointing at the expression", () => {
    const text = `module.exports = {\n  environments: isCi ? ["ci"] : ["staging"],\n};`;
    const result = read(text);
    const problem = only(result);
    assert.equal(
      problem.message,
      'Flaglens could not read "environments" statically (it is computed at run time); using the default ["staging", "production"].',
    );
    assert.equal(problem.severity, "warning");
    assert.equal(spanText(text, problem), `isCi ? ["ci"] : ["staging"]`);
    assert.deepEqual(result.config.environments, ["staging", "production"]);
    assert.deepEqual(result.dynamicKeys, ["environments"]);
  });

  it("explains calls, requires, unknown names, run-time reads and templates with ${}", () => {
    const text = `const ENVS = require("./envs");
module.exports = {
  environments: ENVS,
  tags: process.env.TAGS.split(","),
  defaultBucketBy: \`\${prefix}Id\`,
  splitByEnvironment: SPLIT,
  schemasDirectoryPath: process.env.SCHEMAS,
  plugins: [require("x")],
  hooks: { before: () => {} },
};`;
    const result = read(text);
    assert.deepEqual(result.dynamicKeys, [
      "environments",
      "tags",
      "defaultBucketBy",
      "splitByEnvironment",
      "schemasDirectoryPath",
      "plugins",
      "hooks",
    ]);
    const messages = result.problems.map((p) => [spanText(text, p), p.severity, p.message]);
    assert.deepEqual(
      messages.map((m) => m[0]),
      ["ENVS", `process.env.TAGS.split(",")`, "`${prefix}Id`", "SPLIT", "process.env.SCHEMAS"],
    );
    assert.ok(messages.every((m) => m[1] === "warning"));
    assert.match(result.problems[0].message, /uses ENVS, which is loaded with require\(\.\.\.\) at run time/);
    assert.match(result.problems[1].message, /calls process\.env\.TAGS\.split\(\.\.\.\) at run time\); using the default \["all"\]/);
    assert.match(result.problems[2].message, /template literal with \$\{\.\.\.\}\); using the default "userId"/);
    assert.match(result.problems[3].message, /uses SPLIT, which is not a literal defined in this file\); using the default false/);
    assert.match(result.problems[4].message, /reads process\.env\.SCHEMAS at run time\); using the default "schemas"/);
  });

  it("assumes a custom parser when the parser is computed", () => {
    const text = `module.exports = { parser: require("./tomlParser") };`;
    const result = read(text);
    assert.equal(result.config.parser, "custom");
    const problem = only(result);
    assert.equal(problem.severity, "warning");
    assert.equal(spanText(text, problem), `require("./tomlParser")`);
  });

  it("reports an unknown spread as information and still reads the other keys", () => {
    const text = `const base = require("./base");\nmodule.exports = { ...base, tags: ["t"] };`;
    const result = read(text);
    const problem = only(result);
    assert.equal(problem.severity, "info");
    assert.equal(spanText(text, problem), "base");
    assert.deepEqual(result.config.tags, ["t"]);
  });

  it("warns when the whole export is computed", () => {
    const text = `module.exports = require("./featurevisor.base.js");`;
    const problem = only(read(text));
    assert.equal(problem.severity, "warning");
    assert.equal(spanText(text, problem), `require("./featurevisor.base.js")`);
    assert.equal(only(read(`module.exports = createConfig({ tags: [] });`)).severity, "warning");
  });

  it("does not loop on self-referencing or mutually referencing names", () => {
    const result = read(`const a = b;\nconst b = [a];\nmodule.exports = { tags: a, environments: b };`);
    assert.deepEqual(result.config.tags, ["all"]);
    assert.equal(result.problems.length, 2);
  });
});

describe("configReader: type errors", () => {
  const cases: [string, string, string][] = [
    // [value of the key, key, the text the problem must point at]
    [`"production"`, "environments", `"production"`],
    [`true`, "environments", "true"],
    [`["a", 2]`, "environments", "2"],
    [`[1]`, "tags", "1"],
    [`["ok", ""]`, "tags", `""`],
    [`"all"`, "tags", `"all"`],
    [`"yes"`, "splitByEnvironment", `"yes"`],
    [`5`, "defaultBucketBy", "5"],
    [`"toml"`, "parser", `"toml"`],
    [`42`, "featuresDirectoryPath", "42"],
    [`""`, "segmentsDirectoryPath", `""`],
    [`["x"]`, "stateDirectoryPath", `["x"]`],
  ];
  for (const [value, key, pointed] of cases) {
    it(`rejects ${key}: ${value} and keeps the default`, () => {
      const text = `module.exports = {\n  ${key}: ${value},\n};`;
      const result = read(text);
      const problem = only(result);
      assert.equal(problem.severity, "error");
      assert.equal(spanText(text, problem), pointed);
      assert.ok(problem.message.startsWith(`"${key}" must be`), problem.message);
      assert.match(problem.message, /using the default/);
      assert.deepEqual(result.config, getDefaultStaticConfig());
      assert.deepEqual(result.dynamicKeys, []);
    });
  }

  it("points at the whole value when the offending item comes from a reference", () => {
    const text = `const TAGS = ["a", 1];\nmodule.exports = { tags: TAGS };`;
    assert.equal(spanText(text, only(read(text))), "TAGS");
  });

  it("reads a list or { or } defaultBucketBy as its first attribute, with information", () => {
    for (const value of [`["orgId", "userId"]`, `{ or: ["orgId", "deviceId"] }`]) {
      const result = read(`module.exports = { defaultBucketBy: ${value} };`);
      assert.equal(result.config.defaultBucketBy, "orgId");
      assert.equal(only(result).severity, "info");
    }
  });

  it("rejects an export that is not an object", () => {
    const text = `module.exports = "config";`;
    const problem = only(read(text));
    assert.equal(problem.severity, "error");
    assert.equal(spanText(text, problem), `"config"`);
  });
});

describe("configReader: broken input", () => {
  const cases: [string, string, string, RegExp][] = [
    // [name, text, the text the problem must point at, message]
    ["an empty file", "", "", /is empty/],
    ["a file of whitespace", "  \n\t\n", "  \n\t\n", /is empty/],
    ["a file of comments only", "// just a comment\n/* and another */", "// just a comment", /has no "module\.exports = \{ \.\.\. \}"/],
    [
      "no export",
      `const config = { tags: ["x"] };`,
      `const config = { tags: ["x"] };`,
      /has no "module\.exports = \{ \.\.\. \}" that Flaglens can read; using the defaults\./,
    ],
    ["an unclosed brace", `module.exports = {\n  tags: ["a"],\n`, "{", /a "\{" that is never closed at line 1, column 18/],
    ["an unclosed bracket", `module.exports = { tags: ["a", "b" };`, `["a", "b" }`, /a "\[" that is closed by "\}" at line 1, column 26/],
    ["an unexpected closer", `module.exports = { tags: [] }};`, "}", /an unexpected "\}" at line 1, column 30/],
    ["an unterminated string", `module.exports = {\n  tags: ["all],\n};`, `"all],`, /a string that is never closed at line 2, column 10/],
    ["an unterminated template", "module.exports = { tags: [`all] };", "`all] };", /a template literal .* never closed/],
    ["an unterminated template substitution", "module.exports = { tags: [`${x`] };", "`${x`] };", /a template literal .* never closed/],
    [
      "an unterminated comment",
      `module.exports = { /* tags: [] };`,
      `/* tags: [] };`,
      /a comment that is never closed at line 1, column 20/,
    ],
  ];
  for (const [name, text, pointed, message] of cases) {
    it(`returns the defaults and one error for ${name}`, () => {
      const result = read(text);
      const problem = only(result);
      assert.equal(problem.severity, "error");
      assert.match(problem.message, message);
      assert.equal(spanText(text, problem), pointed);
      assert.deepEqual(result.config, getDefaultStaticConfig());
      assert.deepEqual(result.keys, {});
    });
  }

  it("is not confused by brackets and quotes inside strings, regexes, templates and comments", () => {
    const text = `const re = /[}"'\`]+/g;
const s = "}]) // not a comment";
const t = \`\${ { a: "}" }.a } \${\`nested \${"}"}\`}\`;
// module.exports = { tags: ["commented"] };
module.exports = { tags: [s.length > 1 ? "x" : "y", "b"].length ? ["ok"] : [], environments: ["e"] / 2 };`;
    const result = read(text);
    assert.deepEqual(result.config.tags, ["all"]);
    assert.deepEqual(Object.keys(result.keys), ["tags", "environments"]);
    assert.deepEqual(result.dynamicKeys, ["tags", "environments"]);
    assert.ok(result.problems.every((p) => p.severity === "warning"));
  });

  it("reads getters, methods and computed keys without losing the keys after them", () => {
    const text = `module.exports = {
  get environments() { return ["g"]; },
  async hook() { await 1; },
  [computed]: 1,
  *gen() {},
  tags: ["after"],
};`;
    const result = read(text);
    assert.deepEqual(result.config.tags, ["after"]);
    assert.ok("environments" in result.keys && "hook" in result.keys);
    assert.equal(only(result).severity, "warning");
  });
});

describe("configReader: key spans", () => {
  it("gives the span of every top-level value", () => {
    const text = `module.exports = {\n  environments: false,\n  "tags": ["a"],\n  plugins: [require("p")],\n  shorthand,\n};`;
    const { keys } = read(text);
    assert.deepEqual(Object.fromEntries(Object.entries(keys).map(([key, span]) => [key, text.slice(span.start, span.end)])), {
      environments: "false",
      tags: `["a"]`,
      plugins: `[require("p")]`,
      shorthand: "shorthand",
    });
  });

  it("counts offsets in UTF-16 code units", () => {
    const text = `// 🚩 flags ✓\nmodule.exports = { tags: "😀" };`;
    const problem = only(read(text));
    assert.equal(spanText(text, problem), `"😀"`);
    assert.equal(problem.start, text.indexOf(`"😀"`));
  });
});

describe("configReader: shared Featurevisor fixtures", () => {
  const root = SHARED_FIXTURES;
  if (!hasSharedFixtures()) {
    it("needs the ../shared fixtures", function () {
      requireShared(this);
    });
    return;
  }
  const expected: Record<string, Partial<ReturnType<typeof getDefaultStaticConfig>>> = {
    "v1-example-1": { environments: ["staging", "production"], tags: ["all", "checkout"] },
    "v2.27-no-environments": { environments: false, tags: ["all"] },
    "v2.27-split-environments": { environments: ["staging", "production"], splitByEnvironment: true, tags: ["all"] },
    "v3-example-1": { tags: ["all", "checkout", "sign-in", "sign-up", "ecommerce"] },
  };
  const folders = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, "featurevisor.config.js")));
  it("finds fixture configs", () => assert.ok(folders.length > 0));
  for (const folder of folders) {
    it(`reads ${folder}/featurevisor.config.js without problems`, () => {
      const text = fs.readFileSync(path.join(root, folder, "featurevisor.config.js"), "utf8");
      const result = read(text);
      assertNoProblems(result);
      // A value that calls require() (plugins, a custom parser) cannot be read without executing it.
      const dynamic = Object.entries(result.keys)
        .filter(([, span]) => text.slice(span.start, span.end).includes("require("))
        .map(([key]) => key);
      assert.deepEqual([...result.dynamicKeys].sort(), dynamic.sort());
      // v3 projects may leave out `environments` (one unnamed environment) or use sets instead.
      assert.ok("tags" in result.keys);
      for (const [key, value] of Object.entries(expected[folder] ?? {})) {
        assert.deepEqual(result.config[key as keyof typeof result.config], value, key);
      }
    });
  }
});

describe("configReader: robustness", () => {
  const realConfig = `const path = require("path");
const ENVS = ["staging", "production"];
/** @type {import('@featurevisor/core').ProjectConfig} */
module.exports = {
  environments: ENVS,
  tags: ["all", 'checkout', \`web\`],
  featuresDirectoryPath: path.join(__dirname, "features"),
  parser: { extension: "toml", parse: (s) => require("toml").parse(s) },
  plugins: [require("./plugins/example")], // comment
  ...require("./base"),
  /* done */
};
export default { tags: [\`\${x}\`, /re[/]g, 1e3, 0x1f, -2, .5] };
`;

  /** A small deterministic generator (mulberry32), so that failures can be reproduced. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Checks the invariants every result must keep, whatever the input. */
  function assertWellFormed(text: string): void {
    // Speed is the benchmark's business; here the reader must finish (mocha's timeout catches a hang).
    const result = read(text);
    assert.ok(Array.isArray(result.config.tags) && typeof result.config.defaultBucketBy === "string");
    for (const problem of [...result.problems, ...Object.values(result.keys)]) {
      assert.ok(problem.start >= 0 && problem.start <= problem.end && problem.end <= text.length, JSON.stringify({ text, problem }));
    }
  }

  it("reads every prefix of a real config", () => {
    for (let i = 0; i <= realConfig.length; i++) assertWellFormed(realConfig.slice(0, i));
  });

  it("survives random byte strings, random JavaScript-like text and random edits", () => {
    const next = random(20240601);
    const alphabet = `{}[]()"'\`\${}/\\*,:;.=+-!?<>#@ \n\tmodule.exports require path join __dirname const export default 0123456789abcxyz`;
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(next() * 200);
      let bytes = "";
      let jsLike = "";
      for (let i = 0; i < length; i++) {
        bytes += String.fromCharCode(Math.floor(next() * 256));
        jsLike += alphabet[Math.floor(next() * alphabet.length)];
      }
      assertWellFormed(bytes);
      assertWellFormed(jsLike);
      assertWellFormed(`module.exports = { tags: [${jsLike}] };`);
      const at = Math.floor(next() * realConfig.length);
      const cut = Math.floor(next() * 10);
      assertWellFormed(realConfig.slice(0, at) + jsLike.slice(0, 5) + realConfig.slice(at + cut));
    }
  });

  it("survives deeply nested and very long input", () => {
    const depth = 20000;
    assertWellFormed(`module.exports = { tags: ${"[".repeat(depth)}${"]".repeat(depth)} };`);
    assertWellFormed(`module.exports = { tags: ${"(".repeat(depth)}1${")".repeat(depth)} };`);
    assertWellFormed(`module.exports = { tags: ${"f(".repeat(depth)}${")".repeat(depth)} };`);
    assertWellFormed(`module.exports = { tags: a${".b".repeat(depth)} };`);
    assertWellFormed(`module.exports = { tags: ${"`${".repeat(depth)}${"}`".repeat(depth)} };`);
    assertWellFormed(`${"const a = [b, b];\nconst b = [a, a];\n".repeat(200)}module.exports = { tags: a };`);
    const chain = Array.from({ length: 40 }, (_, i) => `const v${i + 1} = [v${i}, v${i}];`).join("\n");
    assertWellFormed(`const v0 = ["x"];\n${chain}\nmodule.exports = { tags: v40 };`);
    assertWellFormed("module.exports = {" + " tags: ['a'],".repeat(20000) + "};");
    const spreads = Array.from({ length: 40 }, (_, i) => `const o${i + 1} = { ...o${i}, ...o${i}, k${i}: o${i}.k };`).join("\n");
    assertWellFormed(`const o0 = { k: 1 };\n${spreads}\nmodule.exports = { ...o40, tags: o40.k0 };`);
  });
});
