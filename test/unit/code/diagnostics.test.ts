import * as assert from "node:assert/strict";
import { FlagCatalog } from "../../../server/src/service/code/catalog";
import { doCodeDiagnostics } from "../../../server/src/service/code/diagnostics";
import { Scanner } from "../../../server/src/service/code/scan";
import { DEFAULT_STALENESS } from "../../../server/src/service/code/staleness";
import { CodeIndex } from "../../../server/src/service/code/codeIndex";
import type { SeverityOverrides } from "../../../server/src/service/validation/codes";
import { annotate, loadFixture, ROOT } from "../../support/fixture";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 0, 31);

const PROJECT = `//- /attributes/userId.yml
description: User
type: string
//- /features/checkout.yml
description: Checkout
tags: [all]
bucketBy: userId
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
variablesSchema:
  - key: color
    type: string
    defaultValue: red
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /features/legacy.yml
description: Legacy
archived: true
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 0 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 0 }]
//- /features/oldApi.yml
description: Old API
deprecated: true
tags: [all]
bucketBy: userId
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 20 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 20 }]
//- /features/banner.yml
description: Banner, on for everyone
tags: [all]
bucketBy: userId
variations:
  - value: big
    weight: 100
environments:
  staging:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`;

/** Checks the code files of a fixture: each diagnostic as an expectation line under its range. */
async function expectCodeDiagnostics(code: string, overrides: SeverityOverrides = {}): Promise<void> {
  const { fixture, workspace } = await loadFixture(PROJECT + code);
  const catalog = new FlagCatalog([workspace.projects.get(ROOT)!], {
    settings: DEFAULT_STALENESS,
    now: () => NOW,
    changedAt: () => NOW - 60 * DAY,
  });
  const scanner = new Scanner();
  const index = new CodeIndex();
  const codeFiles = [...fixture.files.keys()].filter((f) => f.startsWith("src/"));
  index.update(codeFiles.map((f) => [`${ROOT}/${f}`, scanner.scan(`${ROOT}/${f}`, fixture.files.get(f)!, true)]));
  for (const f of codeFiles) {
    const diagnostics = doCodeDiagnostics(index.usages(`${ROOT}/${f}`), catalog, overrides);
    assert.equal(annotate(fixture.files.get(f)!, diagnostics), fixture.annotated.get(f), f);
  }
}

describe("code diagnostics", () => {
  it("reports unknown, archived, deprecated and stale flags, and unknown variations and variables", () =>
    expectCodeDiagnostics(`//- /src/app.ts
f.isEnabled("checkout");
f.isEnabled("chekout");
#            ^^^^^^^ warning unknown-flag
f.isEnabled("legacy");
#            ^^^^^^ warning archived-flag
f.isEnabled("oldApi");
#            ^^^^^^ warning deprecated-flag
f.isEnabled("banner");
#            ^^^^^^ information stale-flag
if (f.getVariation("checkout") === "treatmnt") {}
#                                   ^^^^^^^^ error unknown-variation
f.getVariable("checkout", "colr");
#                          ^^^^ error unknown-variable
f.getVariable("checkout", "color");
f.isEnabled(dynamicKey);
`));

  it("reports an unknown key behind a constant once, at the constant; calls through it get the feature's state", () =>
    expectCodeDiagnostics(`//- /src/keys.ts
export const TYPO = "checkot";
#                    ^^^^^^^ warning unknown-flag
export const OLD = "legacy";
//- /src/app.ts
import { TYPO, OLD } from "./keys";
f.isEnabled(TYPO);
f.isEnabled(OLD);
#           ^^^ warning archived-flag
`));

  it("applies severity overrides, and carries what a quick fix needs", async () => {
    await expectCodeDiagnostics(
      `//- /src/app.ts
f.isEnabled("chekout");
#            ^^^^^^^ error unknown-flag
f.isEnabled("banner");
`,
      { "unknown-flag": "error", "stale-flag": "off" },
    );
    const { workspace } = await loadFixture(PROJECT);
    const catalog = new FlagCatalog([workspace.projects.get(ROOT)!], {
      settings: DEFAULT_STALENESS,
      now: () => NOW,
      changedAt: () => NOW - 60 * DAY,
    });
    const index = new CodeIndex();
    index.update([
      [
        "/src/a.ts",
        new Scanner().scan("/src/a.ts", `f.isEnabled("chekout"); f.isEnabled("banner");\nf.getVariation("checkout") == "contrl";`),
      ],
    ]);
    const d = doCodeDiagnostics(index.usages("/src/a.ts"), catalog);
    assert.deepEqual(
      d.map((x) => [x.code, x.message, x.data]),
      [
        [
          "unknown-flag",
          'Unknown feature "chekout". Did you mean "checkout"?',
          {
            feature: "chekout",
            suggestion: "checkout",
            replaceRange: { start: { line: 0, character: 13 }, end: { line: 0, character: 20 } },
          },
        ],
        [
          "stale-flag",
          'Feature "banner": Fully rolled out (enabled with variation "big" in every environment) and unchanged for 60 days (since 2024-12-02). The flag can be removed.',
          {
            feature: "banner",
            kind: "isEnabled",
            callRange: { start: { line: 0, character: 26 }, end: { line: 0, character: 35 } },
            outcome: { enabled: true, variation: "big" },
            since: NOW - 60 * DAY,
          },
        ],
        [
          "unknown-variation",
          'Feature "checkout" has no variation "contrl". Did you mean "control"?',
          {
            feature: "checkout",
            value: "contrl",
            suggestion: "control",
            replaceRange: { start: { line: 1, character: 31 }, end: { line: 1, character: 37 } },
          },
        ],
      ],
    );
  });
});
