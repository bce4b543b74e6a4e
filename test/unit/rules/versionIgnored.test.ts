// A rule's own variableOverrides reach datafiles from Featurevisor 2.19 on; a project pinned before that
// is told they have no effect.

import { expectDiagnostics } from "../../support/expect";

const project = (pin: string) => `//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all"] };
//- /package.json
{ "devDependencies": { "@featurevisor/cli": "${pin}" } }
//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
`;

const FEATURE = (marker: string) => `//- /features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
variablesSchema:
  title:
    type: string
    defaultValue: Hello
rules:
  production:
    - key: everyone
      segments: "*"
      percentage: 100
      variableOverrides:
${marker}        title:
          - segments: nl
            value: Hallo
`;

describe("rule: ignored-by-version", () => {
  it("warns on a rule's variableOverrides in a project pinned before 2.19", () =>
    expectDiagnostics(project("2.18.0") + FEATURE("#     ^^^^^^^^^^^^^^^^^ warning ignored-by-version\n")));

  it("says nothing from 2.19 on, nor without a pin (the newest rules apply)", async () => {
    await expectDiagnostics(project("^2.19.0") + FEATURE(""));
    await expectDiagnostics(project("2.27.0") + FEATURE(""));
  });
});
