import { expectDiagnostics } from "../../support/expect";

const BASE = `//- /attributes/userId.yml
description: User
type: string
//- /attributes/age.yml
description: Age
type: integer
//- /attributes/loggedIn.yml
description: Logged in
type: boolean
`;

function feature(key: string, percentage = 50, extra = ""): string {
  return `//- /features/${key}.yml
description: ${key}
tags: [all]
bucketBy: userId
${extra}environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: ${percentage} }]
  production:
    rules: [{ key: "1", segments: "*", percentage: ${percentage} }]
`;
}

describe("rules: groups", () => {
  it("slots-sum, slot-exceeded and multiple-groups fire", () =>
    expectDiagnostics(`${BASE}${feature("a")}${feature("b")}//- /features/c.yml
description: c
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 60 }]
#                                                  ^^ error slot-exceeded
  production:
    rules: [{ key: "1", segments: "*", percentage: 10 }]
//- /groups/g1.yml
description: G1
slots:
^^^^^ error slots-sum
  - feature: a
#            ^ error multiple-groups
    percentage: 50
  - feature: c
    percentage: 40
#               ^^ error slot-exceeded
//- /groups/g2.yml
description: G2
slots:
  - feature: a
#            ^ error multiple-groups
    percentage: 50
  - feature: b
    percentage: 50
`));

  it("a valid group has no findings", () =>
    expectDiagnostics(`${BASE}${feature("a")}${feature("b")}//- /groups/g.yml
description: G
slots:
  - feature: a
    percentage: 50
  - feature: b
    percentage: 50
`));
});

describe("rule: circular-required", () => {
  it("fires on a cycle a -> b -> a, on both features", () =>
    expectDiagnostics(
      `${BASE}${feature("a", 50, "required:\n  - b\n#   ^ error circular-required\n")}${feature("b", 50, "required:\n  - a\n#   ^ error circular-required\n")}`,
    ));

  it("does not fire on a chain", () =>
    expectDiagnostics(`${BASE}${feature("a", 50, "required:\n  - b\n")}${feature("b", 50, "required:\n  - c\n")}${feature("c")}`));
});

describe("rule: variable-type", () => {
  it("fires on defaults, variation values and rule values of the wrong type", () =>
    expectDiagnostics(`${BASE}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  - key: enabled
    type: boolean
    defaultValue: "yes"
#                 ^^^^^ error variable-type
  - key: count
    type: integer
    defaultValue: 1.5
#                 ^^^ error variable-type
  - key: list
    type: array
    defaultValue: [a, b]
variations:
  - value: on
    weight: 100
    variables:
      - key: count
        value: "2"
#              ^^^ error variable-type
environments:
  staging:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
        variables:
          list: notalist
#               ^^^^^^^^ error variable-type
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));
});

describe("rule: operator-value", () => {
  it("fires when a value does not fit its operator or attribute", () =>
    expectDiagnostics(`${BASE}//- /segments/s.yml
description: S
conditions:
  - attribute: age
    operator: greaterThan
    value: "18"
#          ^^^^ error operator-value
  - attribute: userId
    operator: in
    value: abc
#          ^^^ error operator-value
  - attribute: loggedIn
    operator: contains
#             ^^^^^^^^ warning operator-value
    value: x
  - attribute: userId
    operator: semverGreaterThan
    value: banana
#          ^^^^^^ error operator-value
`));

  it("accepts matching values", () =>
    expectDiagnostics(`${BASE}//- /segments/s.yml
description: S
conditions:
  - attribute: age
    operator: greaterThan
    value: 18
  - attribute: userId
    operator: in
    value: [a, b]
  - attribute: loggedIn
    operator: equals
    value: true
  - attribute: userId
    operator: semverGreaterThan
    value: "5.0.0"
  - attribute: userId
    operator: before
    value: 2024-01-01T00:00:00Z
`));
});

describe("rule: operator-value, a value that is missing (v2 and later)", () => {
  const ARRAY = `//- /attributes/roles.yml
description: Roles
type: array
items:
  type: string
`;
  it("fires on equals, notEquals, includes and notIncludes without a value", () =>
    expectDiagnostics(`${BASE}${ARRAY}//- /segments/s.yml
description: S
conditions:
  - attribute: userId
#   ^^^^^^^^^^^^^^^^^ error operator-value
    operator: equals
  - attribute: userId
#   ^^^^^^^^^^^^^^^^^ error operator-value
    operator: notEquals
  - attribute: roles
#   ^^^^^^^^^^^^^^^^ error operator-value
    operator: includes
  - attribute: roles
#   ^^^^^^^^^^^^^^^^ error operator-value
    operator: notIncludes
`));

  it("a near miss: equals null, includes with a value, exists without one", () =>
    expectDiagnostics(`${BASE}${ARRAY}//- /segments/s.yml
description: S
conditions:
  - attribute: userId
    operator: equals
    value: null
  - attribute: roles
    operator: includes
    value: admin
  - attribute: userId
    operator: exists
`));
});

describe("rules: archived and deprecated references", () => {
  it("warn on archived segments and attributes, and on a deprecated required feature", () =>
    expectDiagnostics(`${BASE}//- /attributes/old.yml
archived: true
description: Old
type: string
//- /segments/gone.yml
archived: true
description: Gone
conditions:
  - attribute: old
#              ^^^ warning archived-reference
    operator: equals
    value: x
${feature("dep", 50, "deprecated: true\n")}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
required:
  - dep
#   ^^^ warning deprecated-reference
environments:
  staging:
    rules: [{ key: "1", segments: gone, percentage: 100 }]
#                                 ^^^^ warning archived-reference
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));
});

describe("rule: invalid-key", () => {
  it("fires on a file name Featurevisor rejects, not on nested folders", () =>
    expectDiagnostics(`//- /attributes/bad name.yml
description: Bad
^^^^^^^^^^^^^^^^ error invalid-key
type: string
//- /attributes/nested/good_name-1.0.yml
description: Good
type: string
`));
});

describe("rule: unknown-required-property", () => {
  const FEATURE_TAIL = `rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`;

  it("fires on required names that properties lack: inline, nested, through a referenced schema, and in attributes", () =>
    expectDiagnostics(`//- /attributes/userId.yml
description: User
type: string
//- /attributes/account.yml
description: Account
type: object
properties:
  plan:
    type: string
required: [plan, planz]
#                ^^^^^ error unknown-required-property
//- /schemas/link.yml
description: A link
type: object
properties:
  href:
    type: string
required: [hreff]
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  hero:
    type: object
    properties:
      title:
        type: string
      cta:
        type: object
        properties:
          label:
            type: string
        required: [lable]
#                  ^^^^^ error unknown-required-property
      link:
        schema: link
#               ^^^^ error unknown-required-property
    required: [titel]
#              ^^^^^ error unknown-required-property
    defaultValue:
      title: Hi
${FEATURE_TAIL}`));

  it("does not fire on declared properties, nor on schema files no feature references, nor without properties", () =>
    expectDiagnostics(`//- /attributes/userId.yml
description: User
type: string
//- /attributes/account.yml
description: Account
type: object
properties:
  plan:
    type: string
required: [plan]
//- /schemas/unused.yml
description: Unused
type: object
properties:
  a:
    type: string
required: [b]
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  hero:
    type: object
    properties:
      title:
        type: string
    required: [title]
    defaultValue:
      title: Hi
  free:
    type: object
    required: [anything]
    defaultValue: {}
${FEATURE_TAIL}`));
});
