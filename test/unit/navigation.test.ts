import * as assert from "node:assert/strict";
import { SHARED_FIXTURES, requireShared } from "../support/skip";
import * as path from "node:path";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { Workspace } from "../../server/src/service/workspace";
import { nodeFileSystem, toServicePath } from "../../server/src/node/nodeFileSystem";
import { loadFixture, ROOT } from "../support/fixture";
import { expectSnapshot } from "../support/snapshot";

async function at(text: string) {
  const { fixture, workspace } = await loadFixture(text);
  const path = `${ROOT}/${fixture.cursor!.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor!.file)!).positionAt(fixture.cursor!.offset);
  return { service: new LanguageService(workspace), path, position };
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
//- /features/base.yml
description: Base
tags: [all]
bucketBy: userId
variablesSchema:
  color: { type: string, defaultValue: red }
variations:
  - value: on
    weight: 100
rules:
  staging: [{ key: "1", segments: nl, percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`;

describe("navigation", () => {
  it("goes from a segment reference to the segment file", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  staging: [{ key: "1", segments: n$0l, percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`);
    assert.deepEqual(service.doDefinition(path, position), {
      path: `${ROOT}/segments/nl.yml`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  });

  it("goes from a required variation to its declaration in the other feature", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
required:
  - key: base
    variation: o$0n
rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`);
    const def = service.doDefinition(path, position)!;
    assert.equal(def.path, `${ROOT}/features/base.yml`);
    assert.equal(def.range.start.line, 6);
  });

  it("finds every reference to an attribute: conditions and bucketBy", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /attributes/plan.yml
description: Pl$0an
type: string
`);
    assert.deepEqual(service.doReferences(path, position, false), []);
    const refs = await at(`${PROJECT}//- /features/f.yml
description: F
tags: [all]
bucketBy: user$0Id
rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`);
    const found = refs.service.doReferences(refs.path, refs.position, true).map((l) => l.path.slice(ROOT.length + 1));
    assert.deepEqual(found.sort(), ["attributes/userId.yml", "features/base.yml", "features/f.yml"]);
  });

  it("shows 'used by' on a segment file", async () => {
    const { service } = await at(`${PROJECT}//- /tests/nl.spec.yml
segment: nl$0
assertions: []
`);
    assert.equal(service.doUsageLens(`${ROOT}/segments/nl.yml`)!.title, "used by 1 feature, 1 test");
    assert.equal(service.doUsageLens(`${ROOT}/attributes/country.yml`)!.title, "used by 0 features, 1 segment");
    assert.equal(service.doUsageLens(`${ROOT}/features/base.yml`), undefined, "a feature nothing references has no lens");
  });
});

/** Every feature's rollout hints, as lines of the file with the hints at their ends. */
async function renderRollout(root: string): Promise<string> {
  const workspace = new Workspace(nodeFileSystem, { log: () => undefined });
  await workspace.addProject(root);
  const service = new LanguageService(workspace);
  const project = workspace.projects.get(root)!;
  const out: string[] = [];
  for (const entry of project.entries("feature").sort((a, b) => a.key.localeCompare(b.key))) {
    const lines = entry.doc!.text.split("\n");
    const hints = service.doRolloutHints(entry.path);
    out.push(`== ${entry.rel}`);
    lines.forEach((line, i) => {
      const here = hints.filter((h) => h.position.line === i).map((h) => `  «${h.label}»`);
      if (here.length) out.push(`${String(i + 1).padStart(3)}| ${line}${here.join("")}`);
    });
  }
  return out.join("\n") + "\n";
}

describe("rollout previews", () => {
  it("explain each rule and summarise each environment of the example project (snapshot)", async () => {
    expectSnapshot("rollout.example.txt", await renderRollout(toServicePath(path.join(process.cwd(), "example"))));
  });

  for (const name of ["v1-example-1", "v2-example-1"]) {
    it(`on the shared ${name} project (snapshot)`, async function () {
      requireShared(this);
      const root = path.join(SHARED_FIXTURES, name);
      expectSnapshot(`rollout.${name}.txt`, await renderRollout(toServicePath(root)));
    });
  }
});

describe("symbols", () => {
  it("outline a feature file: environments, rules by key, variations by value", async () => {
    const { service, path } = await at(`${PROJECT}//- /features/f.yml
description: F$0
tags: [all]
bucketBy: userId
variations:
  - value: a
    weight: 100
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
`);
    const outline = service.doDocumentSymbols(path);
    assert.deepEqual(
      outline.map((s) => s.name),
      ["description", "tags", "bucketBy", "variations", "rules"],
    );
    const rules = outline.find((s) => s.name === "rules")!;
    assert.deepEqual(rules.children[0].name, "staging");
    assert.deepEqual(rules.children[0].children[0].name, "everyone");
    assert.deepEqual(outline.find((s) => s.name === "variations")!.children[0].name, "value a");
  });

  it("find entity keys across the workspace by a fuzzy query", async () => {
    const { service } = await at(`${PROJECT}//- /features/f.yml
description: F$0
`);
    assert.deepEqual(
      service.doWorkspaceSymbols("usrd").map((s) => `${s.kind}:${s.name}`),
      ["attribute:userId"],
    );
    assert.ok(service.doWorkspaceSymbols("").length >= 5);
  });
});

describe("schema references (v2.27)", () => {
  it("go from `schema: link` in a variable to schemas/link.yml, and find its references", async () => {
    const { service, path, position } = await at(`${PROJECT}//- /schemas/link.yml
description: Link
type: object
properties:
  url: { type: string }
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  primary:
    type: object
    schema: li$0nk
rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
`);
    assert.equal(service.doDefinition(path, position)?.path, `${ROOT}/schemas/link.yml`);
    assert.deepEqual(
      service
        .doReferences(`${ROOT}/schemas/link.yml`, { line: 0, character: 0 }, false)
        .map((l) => [l.path.slice(ROOT.length + 1), l.range.start.line]),
      [["features/f.yml", 6]],
    );
  });
});
