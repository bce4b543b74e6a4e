import { expectDiagnostics } from "../../support/expect";

const USER = `//- /attributes/userId.yml
description: User
type: string
`;

describe("schema rules (v1)", () => {
  it("unknown-property on a typo'd property, with its key underlined", () =>
    expectDiagnostics(`${USER}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
        variaton: on
#       ^^^^^^^^ error unknown-property
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
`));

  it("missing-property, invalid-type and out-of-range", () =>
    expectDiagnostics(`${USER}//- /features/f.yml
description: 42
#            ^^ error invalid-type
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: "1"
#       ^^^^^^^^ error missing-property
        segments: "*"
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 101
#                   ^^^ error out-of-range
`));

  it("invalid-value for an unknown operator and a bad tag", () =>
    expectDiagnostics(`${USER}//- /segments/s.yml
description: S
conditions:
  - attribute: userId
    operator: equalz
#             ^^^^^^ error invalid-value
    value: x
//- /features/f.yml
description: F
tags: [all, Web]
#           ^^^ error invalid-value
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`));

  it("does not fire on a complete, valid feature", () =>
    expectDiagnostics(`${USER}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
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
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 0 }]
`));

  it("reports an empty file once", () =>
    expectDiagnostics(`//- /attributes/empty.yml
# nothing but a comment
^ error invalid-type
`));
});

describe("schema rules (v2)", () => {
  it("unknown-property and invalid-value in a v2 feature", () =>
    expectDiagnostics(`${USER}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  color:
    type: strin
#         ^^^^^ error invalid-value
    defaultValue: red
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
      varation: x
#     ^^^^^^^^ error unknown-property
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`));
});

describe("parse problems", () => {
  it("yaml-syntax with the position of the error", () =>
    expectDiagnostics(`//- /attributes/a.yml
description: A
type: string: integer
#     ^^^^^^ error yaml-syntax
`));

  it("duplicate-key for a repeated mapping key", () =>
    expectDiagnostics(`//- /attributes/a.yml
description: A
type: string
type: integer
^^^^ error duplicate-key
`));

  it("does not fire on the same key in different mappings", () =>
    expectDiagnostics(`//- /segments/s.yml
description: S
conditions:
  - attribute: a
    operator: equals
    value: x
  - attribute: a
    operator: equals
    value: y
//- /attributes/a.yml
description: A
type: string
`));
});
