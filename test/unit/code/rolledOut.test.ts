import * as assert from "node:assert/strict";
import { doRolloutState, type RolloutState } from "../../../server/src/service/code/rolledOut";
import type { Project } from "../../../server/src/service/project/project";
import { loadFixture, ROOT } from "../../support/fixture";

const BASE = `//- /attributes/userId.yml
description: User
type: string
//- /segments/everyone.yml
description: Everyone
conditions: []
//- /segments/nl.yml
description: NL
conditions:
  - attribute: userId
    operator: equals
    value: nl
`;

/** A v1 feature file with the same rules in staging and production. */
function v1(key: string, body: string, rules: string, extra = ""): string {
  const env = (name: string) => `  ${name}:\n${extra}    rules:\n${rules.replace(/^/gm, "      ").trimEnd()}\n`;
  return `//- /features/${key}.yml\ndescription: ${key}\ntags: [all]\nbucketBy: userId\n${body}environments:\n${env("staging")}${env("production")}`;
}

async function project(text: string): Promise<Project> {
  const { workspace } = await loadFixture(BASE + text);
  return workspace.projects.get(ROOT)!;
}

const TWO_VARIATIONS = `variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
`;

function uniform(s: RolloutState): string {
  return s.uniform
    ? `uniform ${s.outcome.enabled ? "enabled" : "disabled"}${s.outcome.variation ? " " + s.outcome.variation : ""}`
    : `not: ${s.reason}`;
}

describe("fully rolled out", () => {
  it("is uniform when the first rule for everyone serves 100% of one variation (or none)", async () => {
    const p = await project(
      v1("plain", "", `- key: "1"\n  segments: "*"\n  percentage: 100`) +
        v1("fixed", TWO_VARIATIONS, `- key: "1"\n  segments: "*"\n  percentage: 100\n  variation: treatment`) +
        v1("bySegment", "", `- key: "1"\n  segments: everyone\n  percentage: 100`) +
        v1("off", TWO_VARIATIONS, `- key: "1"\n  segments: nl\n  percentage: 0\n- key: "2"\n  segments: "*"\n  percentage: 0`) +
        v1(
          "same",
          "",
          `- key: "1"\n  segments: nl\n  percentage: 100\n- key: "2"\n  segments: "*"\n  percentage: 100\n- key: "3"\n  segments: nl\n  percentage: 5`,
        ),
    );
    assert.equal(uniform(doRolloutState(p, "plain")), "uniform enabled");
    assert.equal(uniform(doRolloutState(p, "fixed")), "uniform enabled treatment");
    assert.equal(uniform(doRolloutState(p, "bySegment")), "uniform enabled");
    assert.equal(uniform(doRolloutState(p, "off")), "uniform disabled");
    // A rule before that serves the same, and an unreachable rule after, change nothing.
    assert.equal(uniform(doRolloutState(p, "same")), "uniform enabled");
  });

  it("is not uniform when users can differ", async () => {
    const p = await project(
      v1("partial", "", `- key: "1"\n  segments: "*"\n  percentage: 50`) +
        v1("unknownShare", "", `- key: "1"\n  segments: "*"\n  percentage: half`) +
        v1("split", TWO_VARIATIONS, `- key: "1"\n  segments: "*"\n  percentage: 100`) +
        v1("before", "", `- key: "1"\n  segments: nl\n  percentage: 0\n- key: "2"\n  segments: "*"\n  percentage: 100`) +
        v1("noEveryone", "", `- key: "1"\n  segments: nl\n  percentage: 100`) +
        v1(
          "forced",
          "",
          `- key: "1"\n  segments: "*"\n  percentage: 100`,
          `    force:\n      - conditions:\n          - attribute: userId\n            operator: equals\n            value: qa\n        enabled: false\n`,
        ) +
        v1(
          "overrides",
          `variations:\n  - value: on\n    weight: 100\n    variables:\n      - key: color\n        value: red\n        overrides:\n          - segments: nl\n            value: blue\nvariablesSchema:\n  - key: color\n    type: string\n    defaultValue: red\n`,
          `- key: "1"\n  segments: "*"\n  percentage: 100`,
        ),
    );
    assert.equal(uniform(doRolloutState(p, "partial")), "not: 50% of users in staging");
    assert.equal(uniform(doRolloutState(p, "unknownShare")), "not: an unknown share of users in staging");
    assert.equal(uniform(doRolloutState(p, "split")), "not: a split of variations in staging");
    assert.equal(uniform(doRolloutState(p, "before")), "not: a rule for some users serves disabled, everyone else enabled in staging");
    assert.equal(uniform(doRolloutState(p, "noEveryone")), "not: a rule for some users serves enabled, everyone else disabled in staging");
    assert.equal(uniform(doRolloutState(p, "forced")), "not: a force serves disabled in staging");
    assert.equal(uniform(doRolloutState(p, "overrides")), 'not: variation "on" with variables overridden for some users in staging');
  });

  it("is not uniform when the rule for everyone overrides variables for some users (variableOverrides in a rule, 2.27+)", async () => {
    const rule = (overrides: string) =>
      `  staging:\n    - key: "1"\n      segments: "*"\n      percentage: 100\n${overrides}  production:\n    - key: "1"\n      segments: "*"\n      percentage: 100\n`;
    const feature = (key: string, overrides: string) =>
      `//- /features/${key}.yml\ndescription: ${key}\ntags: [all]\nbucketBy: userId\nvariablesSchema:\n  color:\n    type: string\n    defaultValue: red\nrules:\n${rule(overrides)}`;
    const p = await project(
      feature("plain", "") +
        feature("overridden", `      variableOverrides:\n        color:\n          - segments: nl\n            value: blue\n`),
    );
    assert.equal(uniform(doRolloutState(p, "plain")), "uniform enabled");
    assert.equal(uniform(doRolloutState(p, "overridden")), "not: variables overridden for some users by the rule in staging");
  });

  it("needs the same outcome in every environment (v2 maps), and follows required features", async () => {
    const p = await project(`//- /features/envs.yml
description: Envs
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
  production:
    - key: "1"
      segments: "*"
      percentage: 0
//- /features/base.yml
description: Base
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 30
  production:
    - key: "1"
      segments: "*"
      percentage: 30
//- /features/child.yml
description: Child
tags: [all]
bucketBy: userId
required: [base]
rules:
  staging:
    - key: "1"
      segments: "*"
      percentage: 100
  production:
    - key: "1"
      segments: "*"
      percentage: 100
`);
    assert.equal(uniform(doRolloutState(p, "envs")), "not: environments differ: enabled vs disabled in production");
    assert.equal(uniform(doRolloutState(p, "child")), 'not: required feature "base" is not fully rolled out');
  });

  it("is not uniform for a grouped feature whose slot is below 100%", async () => {
    const p = await project(
      v1("grouped", "", `- key: "1"\n  segments: "*"\n  percentage: 100`) +
        `//- /groups/g.yml\ndescription: G\nslots:\n  - feature: grouped\n    percentage: 50\n  - feature: false\n    percentage: 50\n`,
    );
    assert.equal(uniform(doRolloutState(p, "grouped")), "not: its group slot holds 50% of users");
  });
});
