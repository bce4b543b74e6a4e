import { expectDiagnostics } from "../../support/expect";

const BASE = `//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /segments/everyone.yml
description: Everyone (v1 cannot write "*" here; an empty list matches everyone)
conditions: []
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
`;

const ENVS_V1 = `environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`;

describe("rule: unknown-variation", () => {
  it("fires on rule, force and required variations (v1)", () =>
    expectDiagnostics(`${BASE}//- /features/other.yml
description: Other
tags: [all]
bucketBy: userId
variations:
  - value: on
    weight: 100
${ENVS_V1}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
required:
  - key: other
    variation: of
#              ^^ error unknown-variation
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
environments:
  staging:
    force:
      - segments: nl
        variation: treatmnt
#                  ^^^^^^^^ error unknown-variation
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
        variation: contrl
#                  ^^^^^^ error unknown-variation
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
        variation: control
`));

  it("fires on variationWeights keys and a test's expectedVariation (v2)", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
      variationWeights:
        control: 50
        treatmen: 50
#       ^^^^^^^^ error unknown-variation
  production:
    - key: "1"
      segments: "*"
      percentage: 100
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: staging
    context: {}
    expectedToBeEnabled: true
    expectedVariation: b
#                      ^ error unknown-variation
  - at: 10
    environment: staging
    context: {}
    expectedToBeEnabled: true
    expectedVariation: control
`));
});

describe("rule: unknown-variable", () => {
  it("fires in rules, variations and tests (v1), not on declared ones", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  - key: color
    type: string
    defaultValue: red
variations:
  - value: control
    weight: 100
    variables:
      - key: colour
#            ^^^^^^ error unknown-variable
        value: blue
environments:
  staging:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
        variables:
          color: green
          size: 2
#         ^^^^ error unknown-variable
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: staging
    context: {}
    expectedToBeEnabled: true
    expectedVariables:
      color: green
      colr: red
#     ^^^^ error unknown-variable
`));

  // A path into an object needs its `properties` (the 2.27 and 3.1 linters: "path does not exist in schema").
  it("accepts v2 mutation notation on declared variables", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  config:
    type: object
    properties:
      theme:
        type: string
    defaultValue: { theme: light }
  loose:
    type: object
    defaultValue: { theme: light }
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
      variables:
        config.theme: dark
        confg.theme: dark
#       ^^^^^^^^^^^ error unknown-variable
        loose.theme: dark
#       ^^^^^^^^^^^ error invalid-mutation
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`));
});

describe("rules: environments", () => {
  it("unknown-environment and missing-environment (v1)", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
^^^^^^^^^^^^ error missing-environment
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  prod:
# ^^^^ error unknown-environment
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /tests/f.spec.yml
feature: f
assertions:
  - at: 10
    environment: stagin
#                ^^^^^^ error unknown-environment
    context: {}
    expectedToBeEnabled: true
`));

  it("missing-environment in v2 rules; none when all are present", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
rules:
^^^^^ error missing-environment
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
//- /features/g.yml
description: G
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`));
});

describe("rule: unknown-tag", () => {
  it("errors on an undeclared expose tag; warns when no tag of a feature is declared", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [mobile]
#      ^^^^^^ warning unknown-tag
bucketBy: userId
environments:
  staging:
    expose: [webb]
#            ^^^^ error unknown-tag
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
//- /features/g.yml
description: G
tags: [all, mobile]
bucketBy: userId
${ENVS_V1}`));
});

describe("rule: duplicate-key", () => {
  it("fires on duplicate rule keys and variation values", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
  - value: a
    weight: 50
  - value: a
#          ^ error duplicate-key
    weight: 50
environments:
  staging:
    rules:
      - key: "1"
        segments: nl
        percentage: 100
      - key: "1"
#            ^^^ error duplicate-key
        segments: "*"
        percentage: 100
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));

  it("allows the same rule key in two environments", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
${ENVS_V1}`));
});

describe("rule: weights-sum", () => {
  it("fires when weights add up to 140", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
^^^^^^^^^^ error weights-sum
  - value: a
    weight: 70
  - value: b
    weight: 70
${ENVS_V1}`));

  it("accepts 33.3 + 33.3 + 33.4", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variations:
  - value: a
    weight: 33.3
  - value: b
    weight: 33.3
  - value: c
    weight: 33.4
${ENVS_V1}`));
});

describe("rule: unreachable-rule", () => {
  it("warns on rules after a catch-all (`*` or an everyone segment)", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: "1"
        segments: "*"
        percentage: 10
      - key: "2"
#            ^^^ warning unreachable-rule
        segments: nl
        percentage: 100
  production:
    rules:
      - key: "1"
        segments: everyone
        percentage: 100
      - key: "2"
#            ^^^ warning unreachable-rule
        segments: "*"
        percentage: 100
`));

  it("does not warn when the catch-all is last", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: "1"
        segments: nl
        percentage: 100
      - key: "2"
        segments: "*"
        percentage: 0
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));
});
