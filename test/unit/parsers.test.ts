import * as assert from "node:assert/strict";
import { formatJson, formatText } from "../../server/src/cli/formats";
import { parseFlagDocument } from "../../server/src/service/project/document";
import { expectDiagnostics } from "../support/expect";
import { loadFixture, ROOT } from "../support/fixture";

const TOML_CONFIG = `//- /featurevisor.config.js
module.exports = {
  environments: ["staging", "production"],
  tags: ["all"],
  parser: { extension: "toml", parse: (content) => require("toml").parse(content) },
};
`;

const TOML_ENTITIES = `//- /attributes/userId.toml
description = "User"
type = "string"
//- /attributes/country.toml
description = "Country"
type = "string"
//- /segments/netherlands.toml
description = "NL"
conditions = [ { attribute = "country", operator = "equals", value = "nl" } ]
`;

describe("TOML flag files", () => {
  it("reports findings at the exact key or value, through tables and arrays of tables", () =>
    expectDiagnostics(`${TOML_CONFIG}${TOML_ENTITIES}//- /features/banner.toml
description = "Banner"
tags = [ "all" ]
bucketBy = "userId"

[[rules.staging]]
key = "everyone"
segments = "*"
percentage = "100"
#            ^^^^^ error invalid-type

[[rules.production]]
key = "nl"
segments = [ "netherland" ]
#            ^^^^^^^^^^^^ error unknown-segment
percentage = 100
`));

  it("a near miss: the same file with the right names and types has no findings", () =>
    expectDiagnostics(`${TOML_CONFIG}${TOML_ENTITIES}//- /features/banner.toml
description = "Banner"
tags = [ "all" ]
bucketBy = "userId"

[[rules.staging]]
key = "everyone"
segments = "*"
percentage = 100

[[rules.production]]
key = "nl"
segments = [ "netherlands" ]
percentage = 100
`));

  it("reports a syntax error where it is, and no rule findings for that file", () =>
    expectDiagnostics(`${TOML_CONFIG}${TOML_ENTITIES}//- /features/banner.toml
description = "Banner"
tags = [ "all"
bucketBy = "userId"
^^^^^^^^ error yaml-syntax
`));

  it("a duplicate key is a TOML syntax error", () => {
    const doc = parseFlagDocument("a = 1\na = 2\n", "toml");
    assert.equal(doc.problems.length, 1);
    assert.match(doc.problems[0].message, /^TOML syntax error/);
    assert.equal(doc.hasSyntaxErrors, true);
  });

  it("locates inline tables, dotted keys and the nearest written parent of a missing path", () => {
    const text = 'a.b = 1\n[t]\nlist = [ 1, { z = "x" } ]\n';
    const doc = parseFlagDocument(text, "toml");
    assert.deepEqual(doc.value, { a: { b: 1 }, t: { list: [1, { z: "x" }] } });
    const at = (path: (string | number)[], target: "key" | "value" = "value") => {
      const [s, e] = doc.locateOffsets(path, target);
      return text.slice(s, e);
    };
    assert.equal(at(["a", "b"]), "1");
    assert.equal(at(["a", "b"], "key"), "b");
    assert.equal(at(["t", "list", 1, "z"]), '"x"');
    assert.equal(at(["t", "list", 1, "z"], "key"), "z");
    assert.equal(at(["t", "missing"]), "[t]");
    assert.equal(at(["t"], "key"), "t");
  });
});

describe("files Flaglens does not read", () => {
  it("a custom parser it cannot run: one warning on the parser that names the files, and no file is checked", async () => {
    const { workspace } = await loadFixture(`//- /featurevisor.config.js
module.exports = { parser: { extension: "ini", parse: (content) => require("ini").parse(content) } };
//- /features/a.ini
anything = goes
//- /segments/b.ini
x
//- /features/readme.md
notes
`);
    const project = [...workspace.projects.values()][0];
    assert.equal(project.files.size, 0);
    assert.deepEqual(project.unread?.files, ["features/a.ini", "segments/b.ini"]);
    const diagnostics = workspace.diagnostics(`${ROOT}/featurevisor.config.js`).filter((d) => d.code === "config-problem");
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, "warning");
    assert.match(diagnostics[0].message, /2 files are not validated: features\/a\.ini, segments\/b\.ini/);
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.ok(diagnostics[0].range.start.character > 20, "on the parser object, not at the start of the file");
  });

  it("files of another extension than the parser's are named, not silently skipped", async () => {
    const { workspace } = await loadFixture(`//- /features/a.json
{}
`);
    const [d] = workspace.diagnostics(`${ROOT}/featurevisor.config.js`).filter((x) => x.code === "config-problem");
    assert.match(d.message, /No \.yml entity files were found, but 1 other file is in .*features\/a\.json/);
    assert.equal([...workspace.projects.values()][0].unread?.reason, "other extension");
  });

  it("a project with no entity files at all says so", async () => {
    const { workspace } = await loadFixture(`//- /sets/dev/features/a.yml
description: A
`);
    const [d] = workspace.diagnostics(`${ROOT}/featurevisor.config.js`).filter((x) => x.code === "config-problem");
    assert.match(d.message, /No entity files were found in attributes\/, segments\/, features\//);
  });

  it("a near miss: a project whose files are all read has no such warning", async () => {
    const { workspace } = await loadFixture(`//- /attributes/a.yml
description: A
type: string
`);
    assert.equal([...workspace.projects.values()][0].unread, undefined);
    assert.deepEqual(workspace.diagnostics(`${ROOT}/featurevisor.config.js`), []);
  });
});

const INCLUDE_CONFIG = `//- /featurevisor.config.js
const yaml = require("js-yaml");
const { includeSchema } = require("./yamlInclude");
module.exports = {
  environments: ["staging", "production"],
  tags: ["all"],
  parser: { extension: "yml", parse: (content, filePath) => yaml.load(content, { schema: includeSchema(filePath) }) },
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information config-problem
};
`;

describe("custom YAML tags such as !include", () => {
  // Included files are parts of an entity, not entities; a file nobody includes is still an entity (the orphan).
  it("a value behind an unknown tag is unknown, not an error; the rest of the file is still checked", () =>
    expectDiagnostics(`${INCLUDE_CONFIG}//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /segments/nl.yml
description: NL
conditions: !include ./fragments/nl-conditions.yml
//- /features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
variablesSchema: !include ./fragments/variables.yml
rules:
  staging:
    - key: everyone
      segments: nl
      percentage: 100
  production: !include "./fragments/production-rules.yml"
force:
  staging:
    - segments: nope
#               ^^^^ error unknown-segment
      enabled: true
//- /features/fragments/production-rules.yml
- key: everyone
  segments: "*"
  percentage: 100
//- /features/fragments/variables.yml
color:
  type: string
  defaultValue: red
//- /features/fragments/orphan.yml
tags: [all]
^^^^^^^^^^^ error missing-property
^^^^^^^^^^^ error missing-property
`));

  it("a near miss: without a custom parser, an unknown tag is a YAML error as it is for Featurevisor", () =>
    expectDiagnostics(`//- /attributes/country.yml
description: !include ./description.txt
#                                      ^ error yaml-syntax
type: string
`));
});

describe("lint's summary of files not validated", () => {
  const base = { root: "/p", format: "v2", environments: false as const, items: [] };

  it("counts them in the text and JSON summaries", () => {
    const result = { ...base, files: 7, notValidated: { reason: "custom parser", files: ["features/a.ini", "features/b.ini"] } };
    assert.match(
      formatText(result, false),
      /^0 errors, 0 warnings in 7 files \(2 files not validated: custom parser\) \(v2 project at \/p\)$/m,
    );
    assert.deepEqual(JSON.parse(formatJson(result)).summary, {
      errors: 0,
      warnings: 0,
      files: 7,
      notValidated: { files: 2, reason: "custom parser" },
    });
  });

  it("a near miss: a project whose files were all validated has the plain summary", () => {
    const result = { ...base, files: 3 };
    assert.match(formatText(result, false), /^0 errors, 0 warnings in 3 files \(v2 project at \/p\)$/m);
    assert.deepEqual(JSON.parse(formatJson(result)).summary, { errors: 0, warnings: 0, files: 3 });
  });
});
