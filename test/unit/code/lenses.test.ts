// The lenses over flag calls in application code, per flaglens.code.lens mode.

import * as assert from "node:assert/strict";
import { CodeService } from "../../../server/src/service/code/codeService";
import type { CodeLensMode } from "../../../server/src/service/code/settings";
import { loadFixture, ROOT } from "../../support/fixture";

const PROJECT = `//- /attributes/userId.yml
description: User
type: string
//- /features/checkout.yml
description: Checkout
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 50 }]
//- /features/banner.yml
description: Banner
tags: [all]
bucketBy: userId
environments:
  production:
    rules: [{ key: "1", segments: "*", percentage: 100 }]
`;

const CODE = `import { createInstance } from "@featurevisor/sdk";
const f = createInstance({});
export function page() {
  if (f.getVariation("checkout") === "treatment") {
    const color = f.getVariableString("checkout", "color");
    const steps = f.getVariableInteger("checkout", "steps");
  }
  const banner = f.isEnabled("banner") && f.isEnabled("checkout");

  return f.isEnabled("checkout");
}
`;

/** The lines (0-based) with a lens, and the flags each lens names. */
async function lensesOf(mode: CodeLensMode): Promise<[number, string[]][]> {
  const { fixture, workspace } = await loadFixture(`${PROJECT}//- /src/app.ts\n${CODE}`);
  const path = `${ROOT}/src/app.ts`;
  const service = new CodeService(workspace);
  service.updateFile(path, fixture.files.get("src/app.ts")!);
  return service.lenses(path, mode).map((l) => [l.range.start.line, l.features]);
}

describe("code lenses over flag calls", () => {
  it("line: one lens per line, and a flag called again on the next line is not told again", async () => {
    assert.deepEqual(await lensesOf("line"), [
      [3, ["checkout"]],
      // Lines 4 and 5 call checkout again, right below: no lens. Line 7 names banner; checkout's run ended at line 5.
      [7, ["banner", "checkout"]],
      [9, ["checkout"]],
    ]);
  });

  it("call: one lens per call; off: none", async () => {
    assert.deepEqual(
      (await lensesOf("call")).map(([line]) => line),
      [3, 4, 5, 7, 7, 9],
    );
    assert.deepEqual(await lensesOf("off"), []);
  });
});
