import * as assert from "node:assert/strict";
import { RenameError } from "../../server/src/service/authoring/rename";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { loadFixture, ROOT } from "../support/fixture";

async function at(text: string) {
  const { fixture, workspace } = await loadFixture(text);
  const path = `${ROOT}/${fixture.cursor!.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor!.file)!).positionAt(fixture.cursor!.offset);
  return { service: new LanguageService(workspace), path, position, fixture };
}

/** Applies text edits to a text (edits of one file, no overlaps). */
function apply(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const lines = new LineIndex(text);
  return [...edits]
    .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s)
    .reduce((acc, e) => acc.slice(0, e.s) + e.t + acc.slice(e.e), text);
}

const PROJECT = `//- /attributes/country.yml
description: Country
type: string
//- /attributes/userId.yml
description: User
type: string
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /segments/de.yml
description: DE
conditions:
  - attribute: country
    operator: equals
    value: de
//- /tests/nl.spec.yml
segment: nl
assertions:
  - context: { country: nl }
    expectedToMatch: true
`;

describe("rename", () => {
  it("renames a segment: its file and every reference, keeping quotes", async () => {
    const { service, path, position, fixture } = await at(`${PROJECT}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: "1"
      segments: [n$0l, de]
      percentage: 100
  production:
    - key: "1"
      segments:
        or: ["nl", de]
      percentage: 100
`);
    assert.deepEqual(service.prepareRename(path, position)?.placeholder, "nl");
    const edit = service.doRename(path, position, "netherlands")!;
    // The spec named after the segment follows it.
    assert.deepEqual(edit.renames, [
      { from: `${ROOT}/segments/nl.yml`, to: `${ROOT}/segments/netherlands.yml` },
      { from: `${ROOT}/tests/nl.spec.yml`, to: `${ROOT}/tests/netherlands.spec.yml` },
    ]);
    const byFile = Object.fromEntries(edit.edits.map((e) => [e.path.slice(ROOT.length + 1), e.edits]));
    assert.deepEqual(Object.keys(byFile).sort(), ["features/f.yml", "tests/nl.spec.yml"]);
    const after = apply(fixture.files.get("features/f.yml")!, byFile["features/f.yml"]);
    assert.match(after, /segments: \[netherlands, de\]/);
    assert.match(after, /or: \["netherlands", de\]/);
    assert.equal(apply(fixture.files.get("tests/nl.spec.yml")!, byFile["tests/nl.spec.yml"]).split("\n")[0], "segment: netherlands");
  });

  it("renames a segment and an attribute inside a rule's variableOverrides (2.27+)", async () => {
    const feature = `//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  color:
    type: string
    defaultValue: red
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
      variableOverrides:
        color:
          - segments: [nl]
            value: blue
          - conditions:
              - attribute: country
                operator: equals
                value: de
            value: orange
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`;
    const segment = await at(PROJECT.replace("segment: nl\n", "segment: n$0l\n") + feature);
    const segmentEdit = segment.service.doRename(segment.path, segment.position, "netherlands")!;
    const segmentEdits = segmentEdit.edits.find((e) => e.path === `${ROOT}/features/f.yml`);
    assert.ok(segmentEdits, "the feature file is edited");
    assert.match(apply(segment.fixture.files.get("features/f.yml")!, segmentEdits.edits), /- segments: \[netherlands\]/);

    const attribute = await at(PROJECT.replace("description: Country\n", "descr$0iption: Country\n") + feature);
    const attributeEdit = attribute.service.doRename(attribute.path, attribute.position, "land")!;
    const attributeEdits = attributeEdit.edits.find((e) => e.path === `${ROOT}/features/f.yml`);
    assert.ok(attributeEdits, "the feature file is edited");
    assert.match(apply(attribute.fixture.files.get("features/f.yml")!, attributeEdits.edits), /- attribute: land\n/);
  });

  it("renames an attribute from its own file, into a subfolder key", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /attributes/plan.yml
desc$0ription: Plan
type: string
`);
    const edit = service.doRename(path, position, "billing/plan")!;
    assert.deepEqual(edit.renames, [{ from: `${ROOT}/attributes/plan.yml`, to: `${ROOT}/attributes/billing/plan.yml` }]);
    assert.deepEqual(edit.edits, []);
  });

  it("refuses a key that is taken or invalid, with a clear message", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /tests/x.spec.yml
segment: n$0l
assertions: []
`);
    assert.throws(
      () => service.doRename(path, position, "de"),
      (e: unknown) => e instanceof RenameError && /already exists/.test(e.message),
    );
    assert.throws(
      () => service.doRename(path, position, "bad name"),
      (e: unknown) => e instanceof RenameError && /not a valid segment key/.test(e.message),
    );
  });

  it("refuses every key whose file would land outside the entity folder, and keeps nested keys inside it", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /tests/x.spec.yml
segment: n$0l
assertions: []
`);
    for (const key of ["../../evil", "/abs", "a/../../b", "..", "./nl2", "a//b", "a/", "a\\b", "a\u0000b", "a/./b", ""]) {
      assert.throws(
        () => service.doRename(path, position, key),
        (e: unknown) => e instanceof RenameError && /not a valid segment key/.test(e.message) && !e.message.includes("\u0000"),
        `rename to ${JSON.stringify(key)}`,
      );
    }
    const edit = service.doRename(path, position, "countries/netherlands.v2")!;
    assert.deepEqual(edit.renames, [
      { from: `${ROOT}/segments/nl.yml`, to: `${ROOT}/segments/countries/netherlands.v2.yml` },
      { from: `${ROOT}/tests/nl.spec.yml`, to: `${ROOT}/tests/countries/netherlands.v2.spec.yml` },
    ]);
  });

  it("warns that a renamed feature buckets users afresh when it is partly rolled out or split, and not when it is all or nothing", async () => {
    const feature = (rules: string, variations = "") => `${PROJECT}//- /features/checkout.yml
descri$0ption: C
tags: [all]
bucketBy: userId
${variations}rules:
  production:
${rules}`;
    const rule = (p: number) => `    - key: everyone\n      segments: "*"\n      percentage: ${p}\n`;
    const rename = async (text: string) => {
      const { service, path, position } = await at(text);
      return service.doRename(path, position, "checkoutV2")!;
    };
    const partial = await rename(feature(rule(5)));
    assert.equal(partial.warnings?.length, 1);
    assert.match(
      partial.warnings![0],
      /as "checkoutV2" every user is bucketed afresh: who is in the partial rollout \(production: 5%\) will change/,
    );
    const split = await rename(feature(rule(100), "variations:\n  - value: a\n    weight: 50\n  - value: b\n    weight: 50\n"));
    assert.match(split.warnings![0], /which variation each user gets \(a \/ b\)/);
    assert.equal((await rename(feature(rule(100)))).warnings, undefined);
    assert.equal(
      (await rename(feature(rule(0), "variations:\n  - value: a\n    weight: 50\n  - value: b\n    weight: 50\n"))).warnings,
      undefined,
    );
  });
});
