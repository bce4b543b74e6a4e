import * as assert from "node:assert/strict";
import { CodeService } from "../../../server/src/service/code/codeService";
import { DEFAULT_STALENESS, type StalenessContext } from "../../../server/src/service/code/staleness";
import { loadFixture, ROOT } from "../../support/fixture";

// When the language server looks up git dates again after a flag file changed: only when a feature
// used in code could be stale for being fully rolled out and its date was never read.

const feature = (percentage: number, extra = "") =>
  `description: F\ntags: [all]\nbucketBy: userId\n${extra}environments:\n  staging:\n    rules: [{ key: "1", segments: "*", percentage: ${percentage} }]\n  production:\n    rules: [{ key: "1", segments: "*", percentage: ${percentage} }]\n`;

const PROJECT = `//- /attributes/userId.yml
description: User
type: string
//- /features/done.yml
${feature(100)}//- /features/partial.yml
${feature(50)}//- /features/kept.yml
${feature(100, "tags: [all, permanent]\n")}//- /features/unused.yml
${feature(100)}//- /src/app.ts
const f = createInstance({});
f.isEnabled("done");
f.isEnabled("partial");
f.isEnabled("kept");
`;

const context = (changedAt: (path: string) => number | undefined): StalenessContext => ({
  settings: DEFAULT_STALENESS,
  now: () => 0,
  changedAt,
});

describe("code: when dates must be read again", () => {
  it("asks only for a used, fully rolled-out, not permanent feature whose date is unknown", async () => {
    const { fixture, workspace } = await loadFixture(PROJECT);
    const service = new CodeService(workspace);
    service.updateFile(`${ROOT}/src/app.ts`, fixture.files.get("src/app.ts")!);
    assert.equal(service.lacksDates(), false, "before the first dates, the startup scan reads them");
    service.setStaleness(context(() => undefined));
    assert.equal(service.lacksDates(["partial"]), false, "not rolled out");
    assert.equal(service.lacksDates(["kept"]), false, "permanent");
    assert.equal(service.lacksDates(["unused"]), false, "not used in code");
    assert.equal(service.lacksDates(["done"]), true);
    assert.equal(service.lacksDates(), true, "every referenced feature");
    service.setStaleness(context(() => Date.UTC(2020, 0, 1)));
    assert.equal(service.lacksDates(), false, "its date is known");
  });
});
