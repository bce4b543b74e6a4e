import * as assert from "node:assert/strict";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { loadFixture, ROOT } from "../support/fixture";

async function at(text: string) {
  const { fixture, workspace } = await loadFixture(text);
  assert.ok(fixture.cursor, "the fixture needs a $0 cursor");
  const path = `${ROOT}/${fixture.cursor.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor.file)!).positionAt(fixture.cursor.offset);
  return { service: new LanguageService(workspace), path, position, workspace };
}

async function labels(text: string): Promise<string[]> {
  const { service, path, position } = await at(text);
  return service.doComplete(path, position).map((c) => c.label);
}

const PROJECT = `//- /attributes/country.yml
description: Country code
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
//- /features/other.yml
description: Other feature
tags: [all]
bucketBy: userId
variations:
  - value: on
    weight: 100
rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`;

const feature = (body: string) => `${PROJECT}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  color:
    type: string
    defaultValue: red
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
${body}`;

describe("completion", () => {
  it("offers segment keys (and *) in a rule's segments, also inside and/or/not", async () => {
    assert.deepEqual((await labels(feature(`rules:\n  staging:\n    - key: "1"\n      segments: $0\n      percentage: 5\n`))).sort(), [
      "*",
      "germany",
      "netherlands",
    ]);
    assert.deepEqual(
      (
        await labels(
          feature(`rules:\n  staging:\n    - key: "1"\n      segments:\n        and:\n          - nether$0\n      percentage: 5\n`),
        )
      ).sort(),
      ["*", "germany", "netherlands"],
    );
  });

  it("replaces the typed prefix of a segment key", async () => {
    const { service, path, position } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: neth$0\n      percentage: 5\n`),
    );
    const item = service.doComplete(path, position).find((c) => c.label === "netherlands")!;
    assert.equal(item.insertText, "netherlands");
    assert.deepEqual(item.range, { start: { line: 15, character: 16 }, end: { line: 15, character: 20 } });
    assert.equal(item.documentation, undefined, "documentation is built on resolve");
    assert.match(service.resolveCompletion(path, item.describe!) ?? "", /Visitors from the Netherlands/);
  });

  it("offers variations of the feature in a rule, and of the other feature in required", async () => {
    assert.deepEqual(
      await labels(feature(`rules:\n  staging:\n    - key: "1"\n      segments: "*"\n      percentage: 5\n      variation: $0\n`)),
      ["control", "treatment"],
    );
    assert.deepEqual(await labels(feature(`required:\n  - key: other\n    variation: $0\n`)), ["on"]);
  });

  it("offers variable keys in rule variables", async () => {
    assert.deepEqual(
      await labels(
        feature(`rules:\n  staging:\n    - key: "1"\n      segments: "*"\n      percentage: 5\n      variables:\n        col$0: blue\n`),
      ),
      ["color"],
    );
  });

  it("offers attributes and operators filtered by the attribute's type in conditions", async () => {
    const seg = (body: string) => `${PROJECT}//- /segments/s.yml\ndescription: S\nconditions:\n${body}`;
    assert.deepEqual((await labels(seg(`  - attribute: $0\n`))).sort(), ["country", "loggedIn", "userId"]);
    const ops = await labels(seg(`  - attribute: loggedIn\n    operator: $0\n`));
    assert.ok(ops.includes("equals") && !ops.includes("contains") && !ops.includes("greaterThan"));
    assert.deepEqual(await labels(seg(`  - attribute: loggedIn\n    operator: equals\n    value: $0\n`)), ["true", "false"]);
  });

  it("offers features in required, group slots and tests, environments in tests", async () => {
    assert.deepEqual(await labels(feature(`required:\n  - $0\n`)), ["other"]);
    assert.deepEqual((await labels(`${PROJECT}//- /groups/g.yml\ndescription: G\nslots:\n  - feature: $0\n    percentage: 100\n`)).sort(), [
      "other",
    ]);
    assert.deepEqual(await labels(`${PROJECT}//- /tests/t.spec.yml\nfeature: other\nassertions:\n  - environment: $0\n`), [
      "staging",
      "production",
    ]);
  });

  it("offers nothing in a description", async () => {
    assert.deepEqual(
      await labels(
        feature(`rules:\n  staging:\n    - key: "1"\n      description: some $0 text\n      segments: "*"\n      percentage: 5\n`),
      ),
      [],
    );
  });
});

describe("hover", () => {
  it("shows a segment's description and conditions", async () => {
    const { service, path, position } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: nether$0lands\n      percentage: 5\n`),
    );
    const h = service.doHover(path, position)!;
    assert.match(h.contents, /Segment `netherlands`/);
    assert.match(h.contents, /attribute: country/);
  });

  it("shows a required feature's rollout, an operator's meaning, an attribute's type", async () => {
    const f = await at(feature(`required:\n  - oth$0er\n`));
    assert.match(f.service.doHover(f.path, f.position)!.contents, /Feature `other`[\s\S]*staging: everyone\n/);
    const o = await at(
      `${PROJECT}//- /segments/s.yml\ndescription: S\nconditions:\n  - attribute: coun$0try\n    operator: equals\n    value: x\n`,
    );
    assert.match(o.service.doHover(o.path, o.position)!.contents, /Attribute `country`\*\*: string/);
  });

  it("returns nothing on plain text", async () => {
    const { service, path, position } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      description: hel$0lo\n      segments: "*"\n      percentage: 5\n`),
    );
    assert.equal(service.doHover(path, position), undefined);
  });
});

describe("code actions", () => {
  it("offer the close match for an unknown segment, keeping quotes", async () => {
    const { service, path, workspace } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: "nethrlands"$0\n      percentage: 5\n`),
    );
    const diagnostics = workspace.diagnostics(path).filter((d) => d.code === "unknown-segment");
    assert.equal(diagnostics.length, 1);
    const [action] = service.doCodeActions(path, diagnostics);
    assert.equal(action.title, 'Change to "netherlands"');
    assert.equal(action.edits[0].edits[0].newText, '"netherlands"');
  });

  it("offer nothing for a diagnostic without a suggestion", async () => {
    const { service, path, workspace } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: zzzzzzzzzz$0\n      percentage: 5\n`),
    );
    assert.deepEqual(service.doCodeActions(path, workspace.diagnostics(path)), []);
  });
});

describe("completion of property names", () => {
  it("proposes the properties a rule may have, minus those present", async () => {
    const items = await labels(feature(`rules:\n  staging:\n    - key: "1"\n      segments: "*"\n      perc$0\n  production: []\n`));
    assert.ok(items.includes("percentage"), items.join(","));
    assert.ok(!items.includes("segments") && !items.includes("key"));
  });

  it("proposes root properties of a feature with documentation, on an empty line", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /features/g.yml\ndescription: G\n$0\n`);
    const items = service.doComplete(path, position);
    const tags = items.find((i) => i.label === "tags");
    assert.ok(tags, items.map((i) => i.label).join(","));
    assert.ok(tags.documentation && tags.documentation.length > 10);
    assert.ok(!items.some((i) => i.label === "description"));
  });

  it("proposes nothing on a value", async () => {
    assert.deepEqual(await labels(`${PROJECT}//- /features/g.yml\ndescription: some t$0ext\n`), []);
  });
});

describe("code actions with ranges from other clients", () => {
  it("use the server's own range when a client returns byte columns", async () => {
    const { service, path, workspace } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: [qä, nethrlands$0]\n      percentage: 5\n`),
    );
    const d = workspace.diagnostics(path).find((x) => x.code === "unknown-segment" && x.data?.key === "nethrlands")!;
    const shifted = {
      ...d,
      range: {
        start: { ...d.range.start, character: d.range.start.character + 1 },
        end: { ...d.range.end, character: d.range.end.character + 1 },
      },
    };
    const [action] = service.doCodeActions(path, [shifted]);
    assert.deepEqual(action.edits[0].edits[0].range, d.range);
  });
});

describe("snippets for new list items", () => {
  it("offer a whole rule on an empty `- ` item in rules, indented to the item", async () => {
    const { service, path, position } = await at(
      feature(`rules:\n  staging:\n    - key: "1"\n      segments: "*"\n      percentage: 5\n    - $0\n  production: []\n`),
    );
    const rule = service.doComplete(path, position).find((c) => c.label === "new rule");
    assert.ok(rule?.snippet);
    assert.equal(rule.insertText, 'key: "${1:everyone}"\n      segments: ${2:"*"}\n      percentage: ${3:100}');
  });

  it("offer a condition inside and/or lists of a segment, and a variation in variations", async () => {
    const seg = await at(`${PROJECT}//- /segments/s.yml\ndescription: S\nconditions:\n  and:\n    - $0\n`);
    assert.ok(seg.service.doComplete(seg.path, seg.position).some((c) => c.label === "new condition"));
    assert.ok(
      (
        await labels(feature(`rules:\n  staging: []\n  production: []\n`).replace("  - value: treatment", "  - $0\n  - value: treatment"))
      ).includes("new variation"),
    );
  });

  it("are not offered in an item that already has properties", async () => {
    assert.ok(!(await labels(feature(`rules:\n  staging:\n    - key: "1"\n      $0\n  production: []\n`))).includes("new rule"));
  });
});
