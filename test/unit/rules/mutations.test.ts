// Variable mutations (Featurevisor 2.14 and later): keys such as `config.width` and `tags:append` in
// variables, and path maps in override values, checked as the 2.27 and 3.1 linters check them
// (test/diff/mutationsV3.ts holds the same cases against the real linters).

import { expectDiagnostics } from "../../support/expect";

const CONFIG = `//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all"], namespaceCharacter: "." };
^ information unsupported-format
//- /attributes/userId.yml
description: User
type: string
`;

const SCHEMA = `variablesSchema:
  title:
    type: string
    defaultValue: T
  config:
    type: object
    properties:
      width:
        type: integer
      link:
        schema: link
    required: [link]
    defaultValue: { width: 1, link: { url: / } }
  tags:
    type: array
    items:
      type: string
    defaultValue: [a]
variations:
  - value: on
    weight: 100
`;
const LINK = `//- /schemas/link.yml
description: Link
type: object
properties:
  url:
    type: string
`;

describe("rule: invalid-mutation", () => {
  it("accepts paths the schema declares, through schema references, with values of the type found there", () =>
    expectDiagnostics(`${CONFIG}${LINK}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
${SCHEMA}    variables:
      config.width: 2
      config.link.url: /x
      tags[0]: b
      tags:append: c
      config.width:remove: null
    variableOverrides:
      config:
        - conditions: []
          value:
            width: 3
            link.url: /y
rules:
  production:
    - key: all
      segments: "*"
      percentage: 100
`));

  it("reports a path the schema does not declare, an operation that does not fit, a value of the wrong type, a required property removed", () =>
    expectDiagnostics(`${CONFIG}${LINK}//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
${SCHEMA}    variables:
      config.nope: 2
#     ^^^^^^^^^^^ error invalid-mutation
      config.width: wide
#                   ^^^^ error variable-type
      title:append: x
#     ^^^^^^^^^^^^ error invalid-mutation
      tags:append: 5
#                  ^ error variable-type
      config.link:remove: null
#     ^^^^^^^^^^^^^^^^^^ error invalid-mutation
      "[0]": x
#     ^^^^^ error unknown-variable
    variableOverrides:
      config.width:
#     ^^^^^^^^^^^^ error invalid-mutation
        - conditions: []
          value: 3
      config:
        - conditions: []
          value:
            nope: 3
#           ^^^^ error invalid-mutation
            width:remove: 1
#                         ^ error invalid-mutation
rules:
  production:
    - key: all
      segments: "*"
      percentage: 100
`));

  it("leaves mutation keys alone in a v2 project pinned before 2.14", () =>
    expectDiagnostics(`//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all"] };
//- /package.json
{ "devDependencies": { "@featurevisor/cli": "~2.13.0" } }
//- /attributes/userId.yml
description: User
type: string
//- /features/f.yml
description: F
tags: [all]
bucketBy: userId
${SCHEMA}    variables:
      config.nope: 2
rules:
  production:
    - key: all
      segments: "*"
      percentage: 100
`));
});
