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
    expectDiagnostics(`${CONFIG}//- /targets/web.yml
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
includeFeatures: [check*, banner]
excludeFeatures: [bannerOld]
//- /targets/either.yml
description: Either
tags: [web, ios]
//- /targets/plain.yml
description: Everything
`));

  it("reports unknown properties, wrong types, a missing description and a pattern that is not *", () =>
    expectDiagnostics(`${CONFIG}//- /targets/web.yml
tag: web
^^^^^^^^ error missing-property
includeFeatures: all
#                ^^^ error invalid-value
promotable: "yes"
#           ^^^^^ error invalid-type
tags:
  xor: [web]
# ^^^ error unknown-property
contxt: {}
^^^^^^ error unknown-property
`));
});
