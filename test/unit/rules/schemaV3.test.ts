// v3 projects: structure checked against schemas/v3, written from Featurevisor 3.1's zod schemas, which are
// strict ("Unrecognized key") at every level: roots, rules, variations, overrides, test assertions.

import { expectDiagnostics } from "../../support/expect";

const CONFIG = `//- /featurevisor.config.js
module.exports = {
^ information unsupported-format
  environments: ["staging", "production"],
  tags: ["all", "web"],
};
//- /targets/web.yml
description: Web
tag: web
//- /attributes/userId.yml
description: User
type: string
`;

const RULES = `rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
`;

describe("schema rules (v3)", () => {
  it("reports unknown properties as errors at the root of every entity kind", () =>
    expectDiagnostics(`${CONFIG}//- /attributes/country.yml
description: Country
type: string
owner: web
^^^^^ error unknown-property
//- /segments/nl.yml
description: NL
owner: web
^^^^^ error unknown-property
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /features/f.yml
description: F
owner: web
^^^^^ error unknown-property
tags: [all]
bucketBy: userId
${RULES}//- /groups/g.yml
description: G
owner: web
^^^^^ error unknown-property
slots:
  - feature: f
    percentage: 100
//- /schemas/color.yml
description: A color
type: string
owner: web
^^^^^ error unknown-property
//- /tests/f.spec.yml
feature: f
owner: web
^^^^^ error unknown-property
assertions:
  - at: 10
    environment: production
    expectedToBeEnabled: true
`));

  it("reports unknown properties in rules, variations, overrides and test assertions", () =>
    expectDiagnostics(`${CONFIG}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  color:
    type: string
    defaultValue: red
variations:
  - value: control
    weight: 100
    label: Control
#   ^^^^^ error unknown-property
    variableOverrides:
      color:
        - segments: "*"
          value: blue
          note: x
#         ^^^^ error unknown-property
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
      weight: 5
#     ^^^^^^ error unknown-property
  production:
    - key: everyone
      segments: "*"
      percentage: 100
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    expectToBeEnabled: true
#   ^^^^^^^^^^^^^^^^^ error unknown-property
  - at: 10
    environment: production
    tag: all
#   ^^^ error unknown-property
    expectedToBeEnabled: true
  - environment: production
#   ^^^^^^^^^^^^^^^^^^^^^^^ error missing-property
    expectedToBeEnabled: true
`));

  // Loose children and sticky values lint clean in 3.1 (no error); keys its runner ignores are warnings.
  it("accepts what 3.1 accepts: promotable, a feature without tags, targets, loose children and sticky values", () =>
    expectDiagnostics(`${CONFIG}//- /attributes/country.yml
description: Country
type: string
promotable: false
//- /segments/nl.yml
description: NL
promotable: false
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /features/f.yml
description: F
promotable: false
bucketBy: userId
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
      promotable: false
  production:
    - key: everyone
      segments: "*"
      percentage: 100
//- /groups/g.yml
description: G
promotable: false
slots:
  - feature: f
    percentage: 100
//- /schemas/color.yml
description: A color
type: string
promotable: false
//- /tests/f.spec.yml
feature: f
promotable: false
assertions:
  - at: 10
    environment: production
    target: web
    sticky:
      f: { enabled: true, anything: 1 }
#                         ^^^^^^^^ warning unknown-property
    expectedToBeEnabled: true
    expectedEvaluations:
      flag: { reason: allocated }
      extra: {}
    children:
      - context: { country: nl }
        expectedToBeEnabled: true
        anything: 1
#       ^^^^^^^^ warning unknown-property
//- /tests/nl.spec.yml
segment: nl
promotable: false
assertions:
  - context: { country: nl }
    expectedToMatch: true
`));
});

describe("rule: unknown-tag in a v3 feature", () => {
  it("is an error for every tag the config does not declare, even next to a declared one (3.1: Unknown tag)", () =>
    expectDiagnostics(`${CONFIG}//- /features/f.yml
description: F
tags: [all, notATag]
#           ^^^^^^^ error unknown-tag
bucketBy: userId
${RULES}//- /features/g.yml
description: G
tags: [web]
bucketBy: userId
${RULES}`));
});
