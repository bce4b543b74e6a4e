import { expectDiagnostics } from "../../support/expect";

const ATTRS = `//- /attributes/country.yml
description: Country
type: string
//- /attributes/userId.yml
description: User
type: string
//- /attributes/age.yml
description: Age
type: integer
`;

const SEGMENTS = `//- /segments/netherlands.yml
description: NL
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

describe("rule: unknown-segment", () => {
  it("fires on a typo in a v1 rule, inside and/or/not, and in a force", () =>
    expectDiagnostics(`${ATTRS}${SEGMENTS}//- /features/checkout.yml
description: Checkout
tags: [all]
bucketBy: userId
environments:
  staging:
    force:
      - segments: germny
#                 ^^^^^^ error unknown-segment
        enabled: true
    rules:
      - key: "1"
        segments:
          and:
            - netherlands
            - not:
                - germanyy
#                 ^^^^^^^^ error unknown-segment
        percentage: 50
  production:
    rules:
      - key: "1"
        segments: nethrlands
#                 ^^^^^^^^^^ error unknown-segment
        percentage: 100
`));

  it("does not fire on existing keys and on *", () =>
    expectDiagnostics(`${ATTRS}${SEGMENTS}//- /features/checkout.yml
description: Checkout
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: "1"
        segments: [netherlands, germany]
        percentage: 50
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
`));

  it("fires in a segment test", () =>
    expectDiagnostics(`${ATTRS}${SEGMENTS}//- /tests/nl.spec.yml
segment: netherland
#        ^^^^^^^^^^ error unknown-segment
assertions:
  - context: { country: nl }
    expectedToMatch: true
`));
});

describe("rule: unknown-attribute", () => {
  it("fires in a segment condition and in bucketBy", () =>
    expectDiagnostics(`${ATTRS}//- /segments/nl.yml
description: NL
conditions:
  - attribute: contry
#              ^^^^^^ error unknown-attribute
    operator: equals
    value: nl
//- /features/f.yml
description: F
tags: [all]
bucketBy: usrId
#         ^^^^^ error unknown-attribute
environments:
  staging:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
`));

  it("does not fire on known attributes, bucketBy lists and v2 object properties", () =>
    expectDiagnostics(`//- /attributes/account.yml
description: Account
type: object
properties:
  plan:
    type: string
//- /attributes/userId.yml
description: User
type: string
//- /segments/pro.yml
description: Pro
conditions:
  - attribute: account.plan
    operator: equals
    value: pro
//- /features/f.yml
description: F
tags: [all]
bucketBy: [userId]
rules:
  staging:
    - key: "1"
      segments: pro
      percentage: 100
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`));
});

describe("rule: unknown-feature", () => {
  it("fires in required, a group slot and a feature test", () =>
    expectDiagnostics(`${ATTRS}//- /features/a.yml
description: A
tags: [all]
bucketBy: userId
required:
  - sidebarr
#   ^^^^^^^^ error unknown-feature
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /groups/g.yml
description: G
slots:
  - feature: b
#            ^ error unknown-feature
    percentage: 50
  - feature: a
    percentage: 50
//- /tests/x.spec.yml
feature: aa
#        ^^ error unknown-feature
assertions:
  - at: 10
    environment: staging
    context: {}
    expectedToBeEnabled: true
`));

  it("does not fire on existing features and empty slots", () =>
    expectDiagnostics(`${ATTRS}//- /features/a.yml
description: A
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /groups/g.yml
description: G
slots:
  - feature: a
    percentage: 50
  - percentage: 50
`));
});

describe("rule variableOverrides (2.27+): segments and attributes", () => {
  const feature = (segment: string, attribute: string, variable = "color") => `//- /features/f.yml
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
        ${variable}:
          - segments: ${segment}
            value: blue
          - conditions:
              - attribute: ${attribute}
                operator: equals
                value: nl
            value: orange
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`;

  it("reports unknown segments, attributes and variables in a rule's overrides", () =>
    expectDiagnostics(
      `${ATTRS}${SEGMENTS}${feature("netherland", "countri", "colour")
        .replace(
          "          - segments: netherland\n",
          "          - segments: netherland\n#                     ^^^^^^^^^^ error unknown-segment\n",
        )
        .replace(
          "              - attribute: countri\n",
          "              - attribute: countri\n#                          ^^^^^^^ error unknown-attribute\n",
        )
        .replace("        colour:\n", "        colour:\n#       ^^^^^^ error unknown-variable\n")}`,
    ));

  it("does not fire on known ones", () => expectDiagnostics(`${ATTRS}${SEGMENTS}${feature("netherlands", "country")}`));
});

describe("rule: unknown-attribute on property paths of object attributes (v2 and later)", () => {
  const OBJECTS = `//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /attributes/account.yml
description: Account
type: object
properties:
  plan:
    type: string
  device:
    schema: deviceInfo
//- /schemas/deviceInfo.yml
description: Device
type: object
properties:
  os:
    type: string
//- /attributes/browser.yml
description: Browser, a flat object
type: object
//- /attributes/labels.yml
description: Labels by name
type: object
additionalProperties:
  type: string
//- /features/f.yml
description: F
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
`;
  const segment = (attributes: string[]) =>
    `//- /segments/s.yml\ndescription: S\nconditions:\n${attributes.map((a) => `  - attribute: ${a}\n    operator: exists\n`).join("")}`;

  it("accepts declared properties, schema references, additionalProperties and one level below a flat object", () =>
    expectDiagnostics(OBJECTS + segment(["account.plan", "account.device.os", "labels.anything", "browser.name"])));

  it("reports a property the schema lacks, a path through a non-object, and two levels below a flat object", () =>
    expectDiagnostics(`${OBJECTS}//- /segments/s.yml
description: S
conditions:
  - attribute: account.plann
#              ^^^^^^^^^^^^^ error unknown-attribute
    operator: exists
  - attribute: account.device.oss
#              ^^^^^^^^^^^^^^^^^^ error unknown-attribute
    operator: exists
  - attribute: country.code
#              ^^^^^^^^^^^^ error unknown-attribute
    operator: exists
  - attribute: browser.name.major
#              ^^^^^^^^^^^^^^^^^^ error unknown-attribute
    operator: exists
`));
});
