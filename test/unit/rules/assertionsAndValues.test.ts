import { expectDiagnostics } from "../../support/expect";

const V2_CONFIG = `//- /featurevisor.config.js
module.exports = {
  environments: ["staging", "production"],
  tags: ["all", "web"],
  scopes: [{ name: "browsers", tag: "web", context: { platform: "web" } }],
};
`;

const V2_FEATURE = `//- /attributes/userId.yml
description: User
type: string
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
`;

describe("rule: test assertions with tag, scope and target", () => {
  it("v2: a declared tag and scope are accepted; unknown ones and a v3 target are errors", () =>
    expectDiagnostics(`${V2_CONFIG}${V2_FEATURE}//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    tag: web
    scope: browsers
    expectedToBeEnabled: true
  - at: 10
    environment: production
    tag: mobile
#        ^^^^^^ error unknown-tag
    scope: browser
#          ^^^^^^^ error unknown-scope
    expectedToBeEnabled: true
  - at: 10
    environment: production
    target: web
#   ^^^^^^ error unknown-property
    expectedToBeEnabled: true
`));

  it("v2: without scopes in the config, any scope is unknown", () =>
    expectDiagnostics(`${V2_FEATURE}//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    scope: browsers
#          ^^^^^^^^ error unknown-scope
    expectedToBeEnabled: true
`));

  it("v3: target is accepted, tag and scope are not", () =>
    expectDiagnostics(`//- /targets/web.yml
description: Web
//- /attributes/userId.yml
description: User
type: string
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    target: web
    expectedToBeEnabled: true
  - at: 10
    environment: production
    tag: all
#   ^^^ error unknown-property
    expectedToBeEnabled: true
`));
});

const SEGMENT_OF = (condition: string) => `//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /segments/s.yml
description: S
conditions:
${condition}
`;

describe("rule: unneeded-value", () => {
  it("fires on exists and notExists with a value (null too), at any depth, in segments and features", () =>
    expectDiagnostics(`${SEGMENT_OF(
      `  - attribute: country
    operator: exists
    value: nl
#   ^^^^^ error unneeded-value
  - or:
      - attribute: userId
        operator: notExists
        value: null
#       ^^^^^ error unneeded-value`,
    )}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
force:
  production:
    - conditions:
        - attribute: country
          operator: exists
          value: true
#         ^^^^^ error unneeded-value
      enabled: true
`));

  it("a near miss: exists without a value, and equals with one, are fine", () =>
    expectDiagnostics(
      SEGMENT_OF(
        `  - attribute: country
    operator: exists
  - attribute: country
    operator: equals
    value: nl`,
      ),
    ));

  // The schema of 1.11.1 (the v1 linter Flaglens follows) does not know the operator at all; the value is not reported.
  it("v1 projects do not get it", () =>
    expectDiagnostics(`//- /attributes/userId.yml
description: User
type: string
capture: true
//- /segments/s.yml
description: S
conditions:
  - attribute: userId
    operator: exists
#             ^^^^^^ error invalid-value
    value: x
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
  - value: on
    weight: 100
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));
});

describe("rule: what a v2 test assertion needs and what Featurevisor ignores in it", () => {
  it("v2: an assertion needs at and its environment; keys Featurevisor ignores in children and sticky features are warnings", () =>
    expectDiagnostics(`${V2_CONFIG}${V2_FEATURE}//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
    sticky:
      f:
        variation: on
        enabld: true
#       ^^^^^^ warning unknown-property
    expectedToBeEnabled: true
    children:
      - context: { userId: u2 }
        expectedToBeEnabled: true
        expectedVariaton: on
#       ^^^^^^^^^^^^^^^^ warning unknown-property
  - environment: production
#   ^^^^^^^^^^^^^^^^^^^^^^^ error missing-property
    expectedToBeEnabled: true
  - at: 10
#   ^^^^^^ error missing-property
    expectedToBeEnabled: true
`));

  it("v2 without environments: an assertion's environment is an error", () =>
    expectDiagnostics(`//- /featurevisor.config.js
module.exports = { environments: false, tags: ["all"] };
//- /attributes/userId.yml
description: User
type: string
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
  - key: everyone
    segments: "*"
    percentage: 100
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: production
#   ^^^^^^^^^^^ error unknown-property
    expectedToBeEnabled: true
`));
});
