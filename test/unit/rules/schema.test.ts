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

describe("schema rules that follow the pinned version (v1 format)", () => {
  // 0.64 made a rule's percentage and an assertion's at, environment and context required; 1.6 a variable's defaultValue.
  const project = (pin: string) => {
    const since064 = !pin.startsWith("^0");
    const since16 = since064 && !pin.startsWith("~1.5");
    const expect = (on: boolean, line: string, times = 1) => (on ? `${line}\n`.repeat(times) : "");
    return `//- /package.json
{ "devDependencies": { "@featurevisor/cli": "${pin}" } }
${USER}//- /segments/s.yml
description: S
conditions: []
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
variablesSchema:
  - key: color
${expect(since16, "#   ^^^^^^^^^^ error missing-property")}    type: string
environments:
  staging:
    rules:
      - key: "1"
${expect(since064, "#       ^^^^^^^^ error missing-property")}        segments: "*"
  production:
    rules:
      - key: "1"
        segments: "*"
        percentage: 100
//- /tests/f.spec.yml
feature: f
assertions:
  - expectedToBeEnabled: true
${expect(since064, "#   ^^^^^^^^^^^^^^^^^^^^^^^^^ error missing-property", 3)}//- /tests/s.spec.yml
segment: s
assertions:
  - description: no context, no expectation
${expect(since064, "#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error missing-property", 2)}`;
  };

  it("a project pinned to 0.57 gets none of the later requirements", () => expectDiagnostics(project("^0.57.2")));
  it("a project pinned to 1.5 needs the 0.64 ones, not defaultValue", () => expectDiagnostics(project("~1.5.0")));
  it("a project pinned to 1.11 needs all of them", () => expectDiagnostics(project("^1.11.1")));
});
