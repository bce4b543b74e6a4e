// Targets (v3): the structure Featurevisor 3.1's linter accepts (targetSchema), and the references they make.

import { expectDiagnostics } from "../../support/expect";

const CONFIG = `//- /featurevisor.config.js
module.exports = {
^ information unsupported-format
  environments: ["staging", "production"],
  tags: ["all", "web", "ios"],
};
`;

describe("targets: schema", () => {
  it("accepts every shape the 3.1 linter accepts", () =>
    expectDiagnostics(`${CONFIG}${PROJECT}//- /targets/web.yml
description: Web
tag: web
promotable: false
includeFeatures: "*"
context:
  country: nl
//- /targets/both.yml
description: Both
tags:
  and: [web, ios]
includeFeatures: [check*, checkout]
excludeFeatures: [checkout]
//- /targets/either.yml
description: Either
tags: [web, ios]
//- /targets/plain.yml
description: Everything
`));

  it("reports unknown properties, wrong types, a missing description, a pattern that is not * and tag with tags", () =>
    expectDiagnostics(`${CONFIG}//- /targets/web.yml
tag: web
^^^^^^^^ error missing-property
includeFeatures: all
#                ^^^ error invalid-value
promotable: "yes"
#           ^^^^^ error invalid-type
tags:
^^^^ error invalid-value
  xor: [web]
# ^^^ error unknown-property
contxt: {}
^^^^^^ error unknown-property
`));
});

const PROJECT = `//- /attributes/country.yml
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
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
`;

describe("targets: references", () => {
  it("reports unknown tags, tag with tags, bad patterns, patterns matching no feature and unknown context attributes", () =>
    expectDiagnostics(`${CONFIG}${PROJECT}//- /targets/web.yml
description: Web
tag: wbe
#    ^^^ error unknown-tag
tags:
^^^^ error invalid-value
  or: [web, android]
#           ^^^^^^^ error unknown-tag
includeFeatures: [check*, " checkout", "check**", chekout]
#                         ^^^^^^^^^^^ error invalid-value
#                                      ^^^^^^^^^ error invalid-value
#                                                 ^^^^^^^ warning unmatched-feature-pattern
context:
  countri: nl
# ^^^^^^^ warning unknown-attribute
`));

  it("a near miss: declared tags, patterns that match, attributes that exist", () =>
    expectDiagnostics(`${CONFIG}${PROJECT}//- /targets/web.yml
description: Web
tags:
  and: [web, all]
includeFeatures: [check*, checkout]
excludeFeatures: ["*out"]
context:
  country: nl
`));
});

describe("test assertions: target", () => {
  it("reports a target that targets/ lacks, not an existing one nor a matrix placeholder", () =>
    expectDiagnostics(`${CONFIG}${PROJECT}//- /targets/web.yml
description: Web
tag: web
//- /tests/checkout.spec.yml
feature: checkout
assertions:
  - at: 10
    environment: production
    target: web
    expectedToBeEnabled: true
  - at: 10
    environment: production
    target: webb
#           ^^^^ error unknown-target
    expectedToBeEnabled: true
  - at: 10
    environment: production
    target: \${{ target }}
    expectedToBeEnabled: true
`));
});
