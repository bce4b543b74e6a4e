// Attributes named with a dot (2.27 and 3.1 linters): bucketBy takes an attribute key or a path of properties the
// attribute declares inline; a condition reads everything after the first `.` as a property path, so with v3's
// default `.` namespace an attribute of a subfolder (`attributes/user/id.yml`, key `user.id`) is unknown there.
// test/diff/mutationsV3.ts holds the same cases against the real linters.

import { expectDiagnostics } from "../../support/expect";

const PROJECT = `//- /featurevisor.config.js
module.exports = { environments: ["production"], tags: ["all"], namespaceCharacter: "." };
^ information unsupported-format
//- /attributes/userId.yml
description: User
type: string
//- /attributes/user/id.yml
description: User id
type: string
//- /attributes/account.yml
description: Account
type: object
properties:
  plan:
    type: string
additionalProperties:
  type: string
`;

/** A feature bucketed by `bucketBy`; `expect` is the expectation line under it, if any. */
const feature = (key: string, bucketBy: string, expect = "") => `//- /features/${key}.yml
description: F
tags: [all]
bucketBy: ${bucketBy}
${expect ? `${expect}\n` : ""}rules:
  production:
    - key: all
      segments: "*"
      percentage: 100
`;

describe("rule: unknown-attribute, dotted names (v3, `.` namespace)", () => {
  it("bucketBy: an attribute key (also of a subfolder) or a declared property path", () =>
    expectDiagnostics(PROJECT + feature("a", "user.id") + feature("b", "account.plan") + feature("c", "[userId, account.plan]")));

  it("bucketBy: a property of a string attribute, a property only additionalProperties allows, no such attribute", () =>
    expectDiagnostics(
      PROJECT +
        feature("a", "userId.x", "#         ^^^^^^^^ error unknown-attribute") +
        feature("b", "account.other", "#         ^^^^^^^^^^^^^ error unknown-attribute") +
        feature("c", "nobody.id", "#         ^^^^^^^^^ error unknown-attribute"),
    ));

  it("a condition cannot name the attribute of a subfolder; a property path of an object attribute it can", () =>
    expectDiagnostics(`${PROJECT}//- /segments/s.yml
description: S
conditions:
  - attribute: user.id
#              ^^^^^^^ error unknown-attribute
    operator: equals
    value: x
  - attribute: account.plan
    operator: equals
    value: pro
`));
});
