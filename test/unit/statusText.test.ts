import * as assert from "node:assert/strict";
import { countProblems, projectName, summaryText } from "../../client/src/statusText";
import type { ProjectStatus } from "../../server/src/protocol";

const project = (errors: number, warnings: number): ProjectStatus => ({
  root: "/w/flags",
  format: "v2",
  environments: ["staging", "production"],
  errors,
  warnings,
  files: 3,
});

describe("status bar text", () => {
  it("counts every diagnostic Flaglens publishes: the projects' and application code's", () => {
    const status = { state: "ready" as const, projects: [project(1, 2), project(0, 1)], code: { errors: 1, warnings: 2, files: 2 } };
    assert.deepEqual(countProblems(status), { errors: 2, warnings: 5 });
    assert.deepEqual(countProblems({ state: "ready", projects: [project(0, 2)] }), { errors: 0, warnings: 2 });
  });

  it("shows errors and warnings, or a check mark when there are none", () => {
    assert.equal(summaryText({ errors: 0, warnings: 0 }), "$(check) Flaglens");
    assert.equal(summaryText({ errors: 0, warnings: 4 }), "Flaglens $(error) 0 $(warning) 4");
    assert.equal(summaryText({ errors: 3, warnings: 1 }), "Flaglens $(error) 3 $(warning) 1");
  });

  it("names a project by its folder, never '.'", () => {
    assert.equal(projectName("shop", ""), "shop");
    assert.equal(projectName("shop", "."), "shop");
    assert.equal(projectName("shop", "flags/web"), "shop/flags/web");
  });
});
