// Authoring features (completion, hover, definition, references, rename) in both formats, v1 and v2.
//
// Inventory of the contexts of issue #4 × format, and the test that covers each. `X › title` names a test
// of this file: the `it` starting with "title" in the describe "authoring in <format>: X" (the shared cases
// run once per format, on the same fixture written in each format) or in "authoring in v2 only". Older
// tests that cover v2 too are named by file. Every fixture asserts the format the project was read in.
//
// v1 puts rules and force under `environments.<env>`, declares variables as a list in `variablesSchema`,
// and writes a variation's variables as a list of { key, value, overrides }. v1 has no `variationWeights`,
// `disabledVariationValue`, `variableOverrides`, `schema:` references (schemas/), object attributes
// (`attr.prop`), attribute `enum`s, or the operators v2 added (exists, includes, matches, ...): "n/a" below.
//
// | context                                                  | v1                            | v2                                                   |
// |----------------------------------------------------------|-------------------------------|------------------------------------------------------|
// | complete segments: rule (with "*", and/or/not)           | completion › segment keys     | completion › segment keys; authoring.test            |
// | complete segments: force, variable overrides             | completion › segment keys     | completion › segment keys                            |
// | complete attributes: segment and force conditions        | completion › attribute keys   | completion › attribute keys; authoring.test          |
// | complete attributes: bucketBy                            | completion › attribute keys   | completion › attribute keys                          |
// | complete attributes: object properties `attr.prop`       | n/a                           | v2 only › object attributes                          |
// | complete operators filtered by the attribute's type      | completion › operators        | completion › operators; v2 only › object attributes  |
// | complete values: true/false of boolean attributes        | completion › values           | completion › values; authoring.test                  |
// | complete values: `enum` of an attribute or property      | n/a                           | v2 only › enum values                                |
// | complete variations: rule and force `variation`          | completion › variations       | completion › variations; authoring.test              |
// | complete variations: `required[].variation` (other's)    | completion › variations       | completion › variations; authoring.test              |
// | complete variations: `disabledVariationValue`            | n/a                           | v2 only › disabledVariationValue                     |
// | complete variations: `variationWeights` keys             | n/a                           | v2 only › variationWeights                           |
// | complete variables: rule and force `variables`           | completion › variable keys    | completion › variable keys; authoring.test           |
// | complete variables: variation `variables`                | completion › variable keys    | completion › variable keys                           |
// | complete variables: `variableOverrides` keys             | n/a                           | v2 only › variableOverrides                          |
// | complete environments: feature's environment keys, tests | completion › environment keys | completion › environment keys; authoring.test        |
// | complete tags                                            | completion › tags             | completion › tags                                    |
// | complete features: required, group slots, tests          | completion › feature keys     | completion › feature keys; authoring.test            |
// | complete property names from the format's schemas        | completion › property names   | completion › property names; authoring.test          |
// | snippets: new rule, force entry, variation, condition    | completion › snippets         | completion › snippets; authoring.test                |
// | hover segment                                            | hover › segment               | hover › segment; authoring.test                      |
// | hover attribute (v2 also `attr.prop`)                    | hover › attribute             | hover › attribute; v2 only › object attributes       |
// | hover feature key: required, group slots, tests          | hover › feature key           | hover › feature key; authoring.test                  |
// | hover variation: rule, required, disabledVariationValue  | hover › variation             | hover › variation; v2 only › disabledVariationValue  |
// | hover operator                                           | hover › operator              | hover › operator                                     |
// | definition: segment, attribute, feature references       | definition › segment          | definition › segment; navigation.test                |
// | definition: attribute of `attr.prop`                     | n/a                           | v2 only › object attributes                          |
// | definition: variation (rule, force, required, test)      | definition › variations       | definition › variations; navigation.test             |
// | definition: variation (disabledVariationValue, weights)  | n/a                           | v2 only › disabledVariationValue, › variationWeights |
// | definition: variable (rule, force, variation, test)      | definition › variables        | definition › variables                               |
// | definition: variable (`variableOverrides` key)           | n/a                           | v2 only › variableOverrides                          |
// | definition and references: schema                        | n/a                           | navigation.test "schema references (v2.27)"          |
// | references: segment (rules, force, overrides, tests)     | references › of a segment     | references › of a segment                            |
// | references: attribute (conditions, bucketBy)             | references › of an attribute  | references › of an attribute; navigation.test        |
// | references: feature (required, group slots, tests)       | references › of a feature     | references › of a feature                            |
// | rename segment                                           | rename › a segment            | rename › a segment; rename.test                      |
// | rename attribute                                         | rename › an attribute         | rename › an attribute; rename.test (from its file)   |
// | rename feature key                                       | rename › a feature key        | rename › a feature key                               |

import * as assert from "node:assert/strict";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { v1, v2 } from "../support/evaluationFixture";
import { loadFixture, ROOT } from "../support/fixture";

type Format = "v1" | "v2";

/** The service at the fixture's `$0`, after checking that the project was read in the format the test is about. */
async function at(format: Format, text: string) {
  const { fixture, workspace } = await loadFixture(text);
  assert.ok(fixture.cursor, "the fixture needs a $0 cursor");
  assert.equal(workspace.projects.get(ROOT)?.format, format, "the fixture's project format");
  const path = `${ROOT}/${fixture.cursor.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor.file)!).positionAt(fixture.cursor.offset);
  return { service: new LanguageService(workspace), path, position, fixture };
}

async function labels(format: Format, text: string): Promise<string[]> {
  const { service, path, position } = await at(format, text);
  return service.doComplete(path, position).map((c) => c.label);
}

const sorted = (xs: string[]) => [...xs].sort();

/** Replaces `search` in the last fixture file of `text` (feature `f` of `withF`). */
function inLastFile(text: string, search: string, replacement: string): string {
  const start = text.lastIndexOf("//- /");
  assert.ok(text.indexOf(search, start) > 0, `${search} in the last file`);
  return text.slice(0, start) + text.slice(start).replace(search, replacement);
}
const rel = (p: string) => p.slice(ROOT.length + 1);

/** Applies the text edits of one file (no overlaps). */
function apply(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
) {
  const lines = new LineIndex(text);
  return [...edits]
    .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s)
    .reduce((acc, e) => acc.slice(0, e.s) + e.t + acc.slice(e.e), text);
}

const BASE = `//- /attributes/country.yml
description: Country
type: string
//- /attributes/loggedIn.yml
description: Logged in
type: boolean
//- /attributes/userId.yml
description: User
type: string
//- /segments/netherlands.yml
description: Visitors from the Netherlands
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /segments/germany.yml
description: DE
conditions:
  - attribute: country
    operator: equals
    value: de
`;

/** The rules of an environment in the helpers' format-neutral notation (force, then rules). */
const EVERYONE = `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 100\n`;

const WRITE = { v1, v2 };

/** The head (after bucketBy) of feature `f`: a variable `color` and variations control/treatment. */
const HEAD: Record<Format, string> = {
  v1: `variablesSchema:
  - key: color
    type: string
    defaultValue: red
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      - key: color
        value: blue
`,
  v2: `variablesSchema:
  color:
    type: string
    defaultValue: red
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      color: blue
`,
};

/** The attributes, segments and a feature `other` (variations big/small) in a format. */
function project(format: Format): string {
  return BASE + WRITE[format]("other", `variations:\n  - value: big\n    weight: 50\n  - value: small\n    weight: 50\n`, EVERYONE);
}

/** The project plus feature `f` with the given staging section (production: everyone), or another head. */
function withF(format: Format, staging: string, head = HEAD[format]): string {
  return project(format) + WRITE[format]("f", head, staging, EVERYONE);
}

/** The head of `f` with an override of `color` in variation treatment, for the given `segments`. */
const OVERRIDE: Record<Format, (segments: string) => string> = {
  v1: (segments) =>
    HEAD.v1.replace(
      "        value: blue\n",
      `        value: blue\n        overrides:\n          - segments: ${segments}\n            value: green\n`,
    ),
  v2: (segments) => HEAD.v2 + `    variableOverrides:\n      color:\n        - segments: ${segments}\n          value: green\n`,
};

for (const format of ["v1", "v2"] as const) {
  describe(`authoring in ${format}: completion`, () => {
    it("segment keys: rules (with *), nested and/or/not, force, variable overrides", async () => {
      const all = ["*", "germany", "netherlands"];
      assert.deepEqual(sorted(await labels(format, withF(format, `rules:\n  - key: "1"\n    segments: $0\n    percentage: 5\n`))), all);
      assert.deepEqual(
        sorted(
          await labels(
            format,
            withF(
              format,
              `rules:\n  - key: "1"\n    segments:\n      and:\n        - germany\n        - not:\n            - neth$0\n    percentage: 5\n`,
            ),
          ),
        ),
        all,
      );
      assert.deepEqual(sorted(await labels(format, withF(format, `force:\n  - segments: $0\n    enabled: true\n${EVERYONE}`))), all);
      assert.deepEqual(sorted(await labels(format, withF(format, EVERYONE, OVERRIDE[format]("$0")))), all);
    });

    it("attribute keys: segment conditions, force conditions, bucketBy", async () => {
      const all = ["country", "loggedIn", "userId"];
      assert.deepEqual(
        sorted(await labels(format, `${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: $0\n`)),
        all,
      );
      assert.deepEqual(
        sorted(await labels(format, withF(format, `force:\n  - conditions:\n      - attribute: logged$0\n    enabled: true\n${EVERYONE}`))),
        all,
      );
      assert.deepEqual(
        sorted(await labels(format, inLastFile(withF(format, EVERYONE), "bucketBy: userId", "bucketBy:\n  - userId\n  - coun$0"))),
        all,
      );
    });

    it("operators filtered by the attribute's type (and by the format)", async () => {
      const seg = (attribute: string) =>
        `${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: ${attribute}\n    operator: $0\n`;
      const boolean = await labels(format, seg("loggedIn"));
      assert.ok(boolean.includes("equals") && !boolean.includes("contains") && !boolean.includes("greaterThan"), boolean.join());
      const string = await labels(format, seg("country"));
      assert.ok(string.includes("contains") && string.includes("startsWith") && !string.includes("lessThan"), string.join());
      // Operators added in v2 are proposed only in v2 projects.
      assert.equal(string.includes("matches"), format === "v2");
      assert.equal(boolean.includes("exists"), format === "v2");
    });

    it("values true/false for a boolean attribute, in a segment and in a force condition", async () => {
      assert.deepEqual(
        await labels(
          format,
          `${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: loggedIn\n    operator: equals\n    value: $0\n`,
        ),
        ["true", "false"],
      );
      assert.deepEqual(
        await labels(
          format,
          withF(
            format,
            `force:\n  - conditions:\n      - attribute: loggedIn\n        operator: equals\n        value: t$0\n    enabled: true\n${EVERYONE}`,
          ),
        ),
        ["true", "false"],
      );
      assert.deepEqual(
        await labels(
          format,
          `${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: country\n    operator: equals\n    value: $0\n`,
        ),
        [],
        "no values for a string attribute without an enum",
      );
    });

    it("variations: rule and force `variation`, and the other feature's in `required`", async () => {
      const mine = ["control", "treatment"];
      assert.deepEqual(
        await labels(format, withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n    variation: $0\n`)),
        mine,
      );
      assert.deepEqual(await labels(format, withF(format, `force:\n  - segments: germany\n    variation: tr$0\n${EVERYONE}`)), mine);
      assert.deepEqual(await labels(format, withF(format, EVERYONE, `required:\n  - key: other\n    variation: $0\n${HEAD[format]}`)), [
        "big",
        "small",
      ]);
    });

    it("variable keys: rule and force `variables`, and a variation's variables", async () => {
      assert.deepEqual(
        await labels(
          format,
          withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n    variables:\n      col$0: blue\n`),
        ),
        ["color"],
      );
      assert.deepEqual(await labels(format, withF(format, `force:\n  - segments: germany\n    variables:\n      c$0: blue\n${EVERYONE}`)), [
        "color",
      ]);
      const variation =
        format === "v1"
          ? HEAD.v1.replace("      - key: color", "      - key: co$0")
          : HEAD.v2.replace("      color: blue", "      co$0: blue");
      assert.deepEqual(await labels(format, withF(format, EVERYONE, variation)), ["color"]);
    });

    it("environment keys: in the feature's environments map, and in tests", async () => {
      const envs = ["staging", "production"];
      assert.deepEqual(await labels(format, inLastFile(withF(format, EVERYONE), "\n  production:\n", "\n  produc$0tion:\n")), envs);
      assert.deepEqual(
        await labels(format, `${withF(format, EVERYONE)}//- /tests/f.spec.yml\nfeature: f\nassertions:\n  - environment: $0\n`),
        envs,
      );
    });

    it("tags from the configuration", async () => {
      assert.deepEqual(await labels(format, inLastFile(withF(format, EVERYONE), "tags: [all]", "tags:\n  - all\n  - $0")), ["all", "web"]);
    });

    it("feature keys: required (not itself), group slots, tests", async () => {
      assert.deepEqual(await labels(format, withF(format, EVERYONE, `required:\n  - $0\n${HEAD[format]}`)), ["other"]);
      const f = withF(format, EVERYONE);
      assert.deepEqual(
        sorted(await labels(format, `${f}//- /groups/g.yml\ndescription: G\nslots:\n  - feature: $0\n    percentage: 100\n`)),
        ["f", "other"],
      );
      assert.deepEqual(sorted(await labels(format, `${f}//- /tests/t.spec.yml\nfeature: $0\nassertions: []\n`)), ["f", "other"]);
    });

    it("property names from the format's schema: a feature's root, a rule", async () => {
      const root = await labels(format, `${project(format)}//- /features/g.yml\ndescription: G\n$0\n`);
      assert.ok(root.includes("variations") && root.includes("bucketBy") && !root.includes("description"), root.join());
      assert.equal(root.includes("environments"), format === "v1", root.join());
      assert.equal(root.includes("rules"), format === "v2", root.join());
      assert.equal(root.includes("disabledVariationValue"), format === "v2", root.join());
      const rule = await labels(format, withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    perc$0\n`));
      assert.ok(rule.includes("percentage") && rule.includes("variation") && !rule.includes("segments"), rule.join());
      assert.equal(rule.includes("variationWeights"), format === "v2", rule.join());
    });

    it("snippets: a new rule, force entry, variation and condition on an empty `- ` item", async () => {
      const snippet = async (text: string, label: string) => {
        const { service, path, position } = await at(format, text);
        return service.doComplete(path, position).find((c) => c.label === label);
      };
      const rule = await snippet(withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n  - $0\n`), "new rule");
      assert.ok(rule?.snippet);
      assert.equal(rule.insertText, 'key: "${1:everyone}"\n        segments: ${2:"*"}\n        percentage: ${3:100}');
      assert.ok(await snippet(withF(format, `force:\n  - $0\n${EVERYONE}`), "new force entry"));
      assert.ok(
        await snippet(
          withF(format, EVERYONE, HEAD[format].replace("  - value: treatment", "  - $0\n  - value: treatment")),
          "new variation",
        ),
      );
      assert.ok(await snippet(withF(format, `force:\n  - conditions:\n      - $0\n    enabled: true\n${EVERYONE}`), "new condition"));
      assert.ok(await snippet(`${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  or:\n    - $0\n`, "new condition"));
    });
  });

  describe(`authoring in ${format}: hover`, () => {
    const hover = async (text: string) => {
      const { service, path, position } = await at(format, text);
      return service.doHover(path, position)?.contents ?? "";
    };

    it("segment in rules, force and variable overrides", async () => {
      assert.match(
        await hover(withF(format, `rules:\n  - key: "1"\n    segments: nether$0lands\n    percentage: 5\n`)),
        /Segment `netherlands`[\s\S]*attribute: country/,
      );
      assert.match(
        await hover(withF(format, `force:\n  - segments: [germany, nether$0lands]\n    enabled: true\n${EVERYONE}`)),
        /Segment `netherlands`/,
      );
      assert.match(await hover(withF(format, EVERYONE, OVERRIDE[format]("germ$0any"))), /Segment `germany`/);
    });

    it("attribute in conditions and bucketBy", async () => {
      assert.match(
        await hover(
          withF(
            format,
            `force:\n  - conditions:\n      - attribute: logged$0In\n        operator: equals\n        value: true\n    enabled: true\n${EVERYONE}`,
          ),
        ),
        /Attribute `loggedIn`\*\*: boolean/,
      );
      assert.match(
        await hover(inLastFile(withF(format, EVERYONE), "bucketBy: userId", "bucketBy: user$0Id")),
        /Attribute `userId`\*\*: string/,
      );
    });

    it("feature key in required, group slots and tests, with its rollout", async () => {
      const f = withF(format, EVERYONE);
      assert.match(
        await hover(withF(format, EVERYONE, `required:\n  - oth$0er\n${HEAD[format]}`)),
        /Feature `other`[\s\S]*big[\s\S]*staging: everyone\n/,
      );
      assert.match(
        await hover(`${f}//- /groups/g.yml\ndescription: G\nslots:\n  - feature: ot$0her\n    percentage: 100\n`),
        /Feature `other`/,
      );
      assert.match(await hover(`${f}//- /tests/t.spec.yml\nfeature: o$0ther\nassertions: []\n`), /Feature `other`/);
    });

    it("variation in a rule (with its variables) and in required", async () => {
      assert.match(
        await hover(withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n    variation: treat$0ment\n`)),
        /Variation `treatment`\*\*: weight 50%[\s\S]*`color`: "blue"/,
      );
      assert.match(
        await hover(withF(format, EVERYONE, `required:\n  - key: other\n    variation: sm$0all\n${HEAD[format]}`)),
        /Variation `small`/,
      );
    });

    it("operator", async () => {
      assert.match(
        await hover(
          `${project(format)}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: country\n    operator: starts$0With\n    value: n\n`,
        ),
        /Operator `startsWith`\*\*: The attribute is a string starting/,
      );
    });
  });

  describe(`authoring in ${format}: definition`, () => {
    const definition = async (text: string) => {
      const { service, path, position } = await at(format, text);
      const d = service.doDefinition(path, position);
      return d && { file: rel(d.path), line: d.range.start.line, character: d.range.start.character };
    };
    /** The line of the first occurrence of `needle` in a fixture file. */
    const lineOf = (text: string, file: string, needle: string) => {
      const body = text.split(`//- /${file}\n`)[1].split("//- ")[0];
      return body.split("\n").findIndex((l) => l.includes(needle));
    };

    it("segment, attribute and feature references go to their files", async () => {
      const top = (file: string) => ({ file, line: 0, character: 0 });
      assert.deepEqual(
        await definition(withF(format, `rules:\n  - key: "1"\n    segments:\n      or: [germany, n$0etherlands]\n    percentage: 5\n`)),
        top("segments/netherlands.yml"),
      );
      assert.deepEqual(
        await definition(withF(format, `force:\n  - segments: g$0ermany\n    enabled: true\n${EVERYONE}`)),
        top("segments/germany.yml"),
      );
      assert.deepEqual(await definition(withF(format, EVERYONE, OVERRIDE[format]("germa$0ny"))), top("segments/germany.yml"));
      assert.deepEqual(
        await definition(
          withF(
            format,
            `force:\n  - conditions:\n      - attribute: c$0ountry\n        operator: equals\n        value: nl\n    enabled: true\n${EVERYONE}`,
          ),
        ),
        top("attributes/country.yml"),
      );
      assert.deepEqual(
        await definition(inLastFile(withF(format, EVERYONE), "bucketBy: userId", "bucketBy: u$0serId")),
        top("attributes/userId.yml"),
      );
      assert.deepEqual(await definition(withF(format, EVERYONE, `required:\n  - ot$0her\n${HEAD[format]}`)), top("features/other.yml"));
      const f = withF(format, EVERYONE);
      assert.deepEqual(
        await definition(`${f}//- /groups/g.yml\ndescription: G\nslots:\n  - feature: ot$0her\n    percentage: 100\n`),
        top("features/other.yml"),
      );
      assert.deepEqual(await definition(`${f}//- /tests/t.spec.yml\nfeature: o$0ther\nassertions: []\n`), top("features/other.yml"));
      assert.deepEqual(await definition(`${f}//- /tests/s.spec.yml\nsegment: g$0ermany\nassertions: []\n`), top("segments/germany.yml"));
    });

    it("variations go to their declaration: rule, force, required, test", async () => {
      const rule = withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n    variation: treat$0ment\n`);
      assert.deepEqual(await definition(rule), {
        file: "features/f.yml",
        line: lineOf(rule, "features/f.yml", "- value: treatment"),
        character: 11,
      });
      const force = withF(format, `force:\n  - segments: germany\n    variation: contr$0ol\n${EVERYONE}`);
      assert.deepEqual(await definition(force), {
        file: "features/f.yml",
        line: lineOf(force, "features/f.yml", "- value: control"),
        character: 11,
      });
      const required = withF(format, EVERYONE, `required:\n  - key: other\n    variation: sm$0all\n${HEAD[format]}`);
      assert.deepEqual(await definition(required), {
        file: "features/other.yml",
        line: lineOf(required, "features/other.yml", "- value: small"),
        character: 11,
      });
      const test = `${withF(format, EVERYONE)}//- /tests/f.spec.yml\nfeature: f\nassertions:\n  - at: 40\n    environment: staging\n    context: {}\n    expectedVariation: tre$0atment\n`;
      assert.deepEqual(await definition(test), {
        file: "features/f.yml",
        line: lineOf(test, "features/f.yml", "- value: treatment"),
        character: 11,
      });
    });

    it("variables go to their declaration: rule, force, variation, test", async () => {
      const decl = (text: string) => ({
        file: "features/f.yml",
        line: lineOf(text, "features/f.yml", format === "v1" ? "- key: color" : "  color:"),
        character: format === "v1" ? 9 : 2,
      });
      const rule = withF(format, `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 5\n    variables:\n      col$0or: green\n`);
      assert.deepEqual(await definition(rule), decl(rule));
      const force = withF(format, `force:\n  - segments: germany\n    variables:\n      co$0lor: green\n${EVERYONE}`);
      assert.deepEqual(await definition(force), decl(force));
      const variation = withF(
        format,
        EVERYONE,
        format === "v1"
          ? HEAD.v1.replace("      - key: color", "      - key: col$0or")
          : HEAD.v2.replace("      color: blue", "      col$0or: blue"),
      );
      assert.deepEqual(await definition(variation), decl(variation));
      const test = `${withF(format, EVERYONE)}//- /tests/f.spec.yml\nfeature: f\nassertions:\n  - at: 40\n    environment: staging\n    context: {}\n    expectedVariables:\n      colo$0r: blue\n`;
      assert.deepEqual(await definition(test), decl(test));
    });
  });

  describe(`authoring in ${format}: references`, () => {
    const references = async (text: string) => {
      const { service, path, position } = await at(format, text);
      return sorted(service.doReferences(path, position, false).map((l) => `${rel(l.path)}:${l.range.start.line}`));
    };
    /** The lines of the fixture files of `text` that match `needle`, as `file:line`. */
    const where = (text: string, needle: RegExp) =>
      text
        .split(/^\/\/- \//m)
        .slice(1)
        .flatMap((chunk) => {
          const [name, ...lines] = chunk.replace("$0", "").split("\n");
          return lines.flatMap((l, i) => (needle.test(l) ? [`${name}:${i}`] : []));
        });

    it("of a segment: rules, force, variable overrides and tests, from the segment's file", async () => {
      const text =
        project(format) +
        WRITE[format](
          "f",
          OVERRIDE[format]("germany"),
          `force:\n  - segments: [germany]\n    enabled: true\nrules:\n  - key: "1"\n    segments:\n      not: [germany]\n    percentage: 5\n`,
          EVERYONE,
        ) +
        `//- /tests/germany.spec.yml\nsegment: germany\nassertions: []\n`;
      const refs = await references(
        text.replace("//- /segments/germany.yml\ndescription: DE", "//- /segments/germany.yml\ndescription: D$0E"),
      );
      assert.deepEqual(refs, sorted(where(text, /segments: germany|\[germany\]|^segment: germany/)));
      assert.equal(refs.length, 4);
    });

    it("of an attribute: segment conditions, force conditions and bucketBy, from a reference", async () => {
      const f = withF(
        format,
        `force:\n  - conditions:\n      - attribute: country\n        operator: equals\n        value: nl\n    enabled: true\n${EVERYONE}`,
      );
      const text = inLastFile(f, "bucketBy: userId", "bucketBy:\n  - userId\n  - country");
      const refs = await references(inLastFile(text, "attribute: country", "attribute: coun$0try"));
      assert.deepEqual(refs, sorted(where(text, /attribute: country|- country$/)));
      assert.equal(refs.length, 4);
    });

    it("of a feature: required, group slots and tests", async () => {
      const text =
        withF(format, EVERYONE, `required:\n  - key: other\n    variation: big\n${HEAD[format]}`) +
        `//- /groups/g.yml\ndescription: G\nslots:\n  - feature: other\n    percentage: 100\n//- /tests/other.spec.yml\nfeature: other\nassertions: []\n`;
      const refs = await references(
        text.replace("//- /features/other.yml\ndescription: other", "//- /features/other.yml\ndescription: ot$0her"),
      );
      assert.deepEqual(refs, sorted(where(text, /key: other|feature: other/)));
      assert.equal(refs.length, 3);
    });
  });

  describe(`authoring in ${format}: rename`, () => {
    const rename = async (text: string, newKey: string) => {
      const { service, path, position, fixture } = await at(format, text);
      const edit = service.doRename(path, position, newKey)!;
      const after = Object.fromEntries(edit.edits.map((e) => [rel(e.path), apply(fixture.files.get(rel(e.path))!, e.edits)]));
      return { renames: edit.renames.map((r) => `${rel(r.from)} -> ${rel(r.to)}`), after };
    };

    it("a segment: rules, force, variable overrides and tests", async () => {
      const text =
        project(format) +
        WRITE[format](
          "f",
          OVERRIDE[format]('"germany"'),
          `force:\n  - segments: [germ$0any]\n    enabled: true\nrules:\n  - key: "1"\n    segments:\n      not: [germany]\n    percentage: 5\n`,
          EVERYONE,
        ) +
        `//- /tests/germany.spec.yml\nsegment: germany\nassertions: []\n`;
      const { renames, after } = await rename(text, "de");
      assert.deepEqual(renames, ["segments/germany.yml -> segments/de.yml", "tests/germany.spec.yml -> tests/de.spec.yml"]);
      assert.deepEqual(Object.keys(after).sort(), ["features/f.yml", "tests/germany.spec.yml"]);
      assert.equal(after["features/f.yml"].match(/germany/g), null, after["features/f.yml"]);
      assert.match(after["features/f.yml"], /segments: "de"/);
      assert.match(after["features/f.yml"], /segments: \[de\][\s\S]*not: \[de\]/);
      assert.equal(after["tests/germany.spec.yml"].split("\n")[0], "segment: de");
    });

    it("an attribute: segment conditions, force conditions and bucketBy", async () => {
      const f = withF(
        format,
        `force:\n  - conditions:\n      - attribute: coun$0try\n        operator: equals\n        value: nl\n    enabled: true\n${EVERYONE}`,
      );
      const text = inLastFile(f, "bucketBy: userId", "bucketBy:\n  - userId\n  - country");
      const { renames, after } = await rename(text, "region");
      assert.deepEqual(renames, ["attributes/country.yml -> attributes/region.yml"]);
      assert.deepEqual(Object.keys(after).sort(), ["features/f.yml", "segments/germany.yml", "segments/netherlands.yml"]);
      assert.match(after["features/f.yml"], /- userId\n {2}- region\n/);
      assert.match(after["features/f.yml"], /attribute: region\n/);
      assert.match(after["segments/germany.yml"], /attribute: region/);
    });

    it("a feature key: its file, required, group slots and tests", async () => {
      const text =
        withF(format, EVERYONE, `required:\n  - key: oth$0er\n    variation: big\n${HEAD[format]}`) +
        `//- /groups/g.yml\ndescription: G\nslots:\n  - feature: other\n    percentage: 100\n//- /tests/other.spec.yml\nfeature: other\nassertions: []\n`;
      const { renames, after } = await rename(text, "another");
      assert.deepEqual(renames, ["features/other.yml -> features/another.yml", "tests/other.spec.yml -> tests/another.spec.yml"]);
      assert.deepEqual(Object.keys(after).sort(), ["features/f.yml", "groups/g.yml", "tests/other.spec.yml"]);
      assert.match(after["features/f.yml"], /- key: another\n {4}variation: big/);
      assert.match(after["groups/g.yml"], /- feature: another\n/);
      assert.equal(after["tests/other.spec.yml"].split("\n")[0], "feature: another");
    });
  });
}

/** v2 attributes with a schema: an object attribute with an enum property, and a string attribute with an enum. */
const V2_SHAPES = `//- /attributes/account.yml
description: Account details
type: object
properties:
  plan:
    type: string
    enum: [free, pro]
  seats:
    type: integer
//- /attributes/browser.yml
description: Browser
type: string
enum: [chrome, firefox]
`;

describe("authoring in v2 only", () => {
  const seg = (body: string) => `${project("v2")}${V2_SHAPES}//- /segments/s.yml\ndescription: S\nconditions:\n${body}`;

  it("object attributes: attr.prop completion, operators by the property's type, hover and definition", async () => {
    assert.deepEqual(sorted(await labels("v2", seg(`  - attribute: acc$0\n`))), [
      "account",
      "account.plan",
      "account.seats",
      "browser",
      "country",
      "loggedIn",
      "userId",
    ]);
    const ops = await labels("v2", seg(`  - attribute: account.seats\n    operator: $0\n`));
    assert.ok(ops.includes("greaterThan") && !ops.includes("contains"), ops.join());
    const h = await at("v2", seg(`  - attribute: account.p$0lan\n    operator: equals\n    value: pro\n`));
    assert.match(h.service.doHover(h.path, h.position)?.contents ?? "", /Attribute `account`\*\*: object/);
    assert.equal(h.service.doDefinition(h.path, h.position)?.path, `${ROOT}/attributes/account.yml`);
  });

  it("enum values: an attribute's enum, an object property's enum, also in `in` lists", async () => {
    assert.deepEqual(await labels("v2", seg(`  - attribute: browser\n    operator: equals\n    value: $0\n`)), ["chrome", "firefox"]);
    assert.deepEqual(await labels("v2", seg(`  - attribute: account.plan\n    operator: notEquals\n    value: f$0\n`)), ["free", "pro"]);
    assert.deepEqual(await labels("v2", seg(`  - attribute: browser\n    operator: in\n    value:\n      - chrome\n      - $0\n`)), [
      "chrome",
      "firefox",
    ]);
    assert.deepEqual(await labels("v2", seg(`  - attribute: account.seats\n    operator: equals\n    value: $0\n`)), []);
  });

  it("disabledVariationValue: completion, hover and definition", async () => {
    assert.deepEqual(await labels("v2", withF("v2", EVERYONE, `disabledVariationValue: $0\n${HEAD.v2}`)), ["control", "treatment"]);
    const text = withF("v2", EVERYONE, `disabledVariationValue: contr$0ol\n${HEAD.v2}`);
    const { service, path, position } = await at("v2", text);
    assert.match(service.doHover(path, position)?.contents ?? "", /Variation `control`/);
    assert.deepEqual(service.doDefinition(path, position), {
      path: `${ROOT}/features/f.yml`,
      range: { start: { line: 9, character: 11 }, end: { line: 9, character: 18 } },
    });
  });

  it("variationWeights: keys are the feature's variations, and go to their declaration", async () => {
    const rule = (key: string) =>
      `rules:\n  - key: "1"\n    segments: "*"\n    percentage: 100\n    variationWeights:\n      ${key}: 80\n      treatment: 20\n`;
    assert.deepEqual(await labels("v2", withF("v2", rule("con$0"))), ["control", "treatment"]);
    const { service, path, position } = await at("v2", withF("v2", rule("contr$0ol")));
    assert.equal(service.doDefinition(path, position)?.range.start.line, 8);
  });

  it("variableOverrides: keys are the feature's variables, and go to their declaration", async () => {
    const head = (key: string) => HEAD.v2 + `    variableOverrides:\n      ${key}:\n        - segments: germany\n          value: green\n`;
    assert.deepEqual(await labels("v2", withF("v2", EVERYONE, head("c$0"))), ["color"]);
    const { service, path, position } = await at("v2", withF("v2", EVERYONE, head("col$0or")));
    assert.deepEqual(service.doDefinition(path, position)?.range.start, { line: 4, character: 2 });
  });
});
