// Completion and go to definition for v3 targets: target keys in test assertions, and the tags, features
// and attributes a target names.

import * as assert from "node:assert/strict";
import { LanguageService } from "../../server/src/service/languageService";
import { LineIndex } from "../../server/src/service/text";
import { loadFixture, ROOT } from "../support/fixture";

async function at(text: string) {
  const { fixture, workspace } = await loadFixture(text);
  const path = `${ROOT}/${fixture.cursor!.file}`;
  const position = new LineIndex(fixture.files.get(fixture.cursor!.file)!).positionAt(fixture.cursor!.offset);
  return { service: new LanguageService(workspace), path, position };
}

const PROJECT = `//- /featurevisor.config.js
module.exports = { environments: ["staging", "production"], tags: ["all", "web"] };
//- /attributes/country.yml
description: Country
type: string
//- /attributes/userId.yml
description: User
type: string
//- /features/checkout.yml
description: Checkout
tags: [web]
bucketBy: userId
rules:
  staging: [{ key: "1", segments: "*", percentage: 100 }]
  production: [{ key: "1", segments: "*", percentage: 100 }]
//- /targets/web.yml
description: Web browsers
tag: web
//- /targets/nl.yml
description: Netherlands
tag: all
`;

const TEST = (target: string) => `//- /tests/checkout.spec.yml
feature: checkout
assertions:
  - at: 10
    environment: production
    target: ${target}
    expectedToBeEnabled: true
`;

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe("authoring of v3 targets", () => {
  it("completes target keys in a test assertion, with their descriptions", async () => {
    const { service, path, position } = await at(PROJECT + TEST("$0"));
    const items = service.doComplete(path, position);
    assert.deepEqual(items.map((c) => [c.label, c.detail]).sort(), [
      ["nl", "target: Netherlands"],
      ["web", "target: Web browsers"],
    ]);
  });

  it("completes property names from the v3 schemas: promotable on a segment, an attribute and a group", async () => {
    const names = async (text: string) => {
      const { service, path, position } = await at(text);
      return service.doComplete(path, position).map((c) => c.label);
    };
    const segment = await names(`${PROJECT}//- /segments/nl.yml\ndescription: NL\n$0\n`);
    assert.ok(segment.includes("promotable") && segment.includes("conditions"), segment.join());
    const attribute = await names(`${PROJECT}//- /attributes/plan.yml\ndescription: Plan\n$0\n`);
    assert.ok(attribute.includes("promotable") && attribute.includes("type"), attribute.join());
    const group = await names(`${PROJECT}//- /groups/g.yml\ndescription: G\n$0\n`);
    assert.ok(group.includes("promotable") && group.includes("slots"), group.join());
  });

  it("goes from a test assertion's target to the target file", async () => {
    const { service, path, position } = await at(PROJECT + TEST("w$0eb"));
    assert.deepEqual(service.doDefinition(path, position), { path: `${ROOT}/targets/web.yml`, range: ORIGIN });
  });

  it("completes declared tags in tag and tags, and features in includeFeatures", async () => {
    const tag = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\ntag: $0\n`);
    assert.deepEqual(
      tag.service.doComplete(tag.path, tag.position).map((c) => c.label),
      ["all", "web"],
    );
    const tags = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\ntags:\n  or: [web, $0]\n`);
    assert.deepEqual(
      tags.service.doComplete(tags.path, tags.position).map((c) => c.label),
      ["all", "web"],
    );
    const features = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\nincludeFeatures:\n  - $0\n`);
    assert.deepEqual(
      features.service.doComplete(features.path, features.position).map((c) => c.label),
      ["checkout"],
    );
  });

  it("goes from a target's feature key and context attribute to their files; a glob names no one file", async () => {
    const feature = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\nincludeFeatures: [check$0out]\n`);
    assert.deepEqual(feature.service.doDefinition(feature.path, feature.position), {
      path: `${ROOT}/features/checkout.yml`,
      range: ORIGIN,
    });
    const attribute = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\ncontext:\n  coun$0try: nl\n`);
    assert.deepEqual(attribute.service.doDefinition(attribute.path, attribute.position), {
      path: `${ROOT}/attributes/country.yml`,
      range: ORIGIN,
    });
    const glob = await at(`${PROJECT}//- /targets/new.yml\ndescription: New\nincludeFeatures: [check$0*]\n`);
    assert.equal(glob.service.doDefinition(glob.path, glob.position), undefined);
  });
});
