// A small v2-shaped project written by the test, for the 2.27 and 3.1 differential tests of `flaglens test`: the
// assertion features the upstream examples use little — `expectedEvaluations` of every reason (forced, sticky,
// required, rule, allocated, out of range, no match, disabled, variable defaults and overrides), `sticky`,
// `children`, `defaultVariationValue`, `defaultVariableValues`, `disabledVariationValue` and `disabledValue`.

import * as fs from "node:fs";
import * as path from "node:path";

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "attributes/country.yml": "description: Country\ntype: string\n",
  "attributes/plan.yml": "description: Plan\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "segments/de.yml": "description: DE\nconditions:\n  - attribute: country\n    operator: equals\n    value: de\n",
  "segments/pro.yml": "description: Pro\nconditions:\n  - attribute: plan\n    operator: equals\n    value: pro\n",
  "features/base.yml": `description: Base
tags: [all]
bucketBy: userId
rules:
  staging:
    - key: nl
      segments: nl
      percentage: 100
    - key: everyone
      segments: "*"
      percentage: 40
  production:
    - key: everyone
      segments: "*"
      percentage: 0
`,
  "features/styled.yml": `description: Styled
tags: [all]
bucketBy: userId
disabledVariationValue: off
variablesSchema:
  color:
    type: string
    defaultValue: red
  size:
    type: integer
    defaultValue: 1
    disabledValue: 0
  label:
    type: string
    defaultValue: plain
    useDefaultWhenDisabled: true
  meta:
    type: json
    defaultValue: '{"a":1}'
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      color: blue
      meta: '{"a":2}'
    variableOverrides:
      color:
        - segments: de
          value: black
force:
  staging:
    - conditions:
        - attribute: userId
          operator: equals
          value: qa
      variation: treatment
      variables:
        size: 9
    - segments: pro
      enabled: false
rules:
  staging:
    - key: nl
      segments: nl
      percentage: 100
      variables:
        size: 5
    - key: everyone
      segments: "*"
      percentage: 80
  production:
    - key: everyone
      segments: "*"
      percentage: 100
      variation: control
`,
  "features/needsBase.yml": `description: Needs base
tags: [all]
bucketBy: userId
required: [base]
rules:
  staging:
    - key: everyone
      segments: "*"
      percentage: 100
  production:
    - key: everyone
      segments: "*"
      percentage: 100
`,
  "tests/base.spec.yml": `feature: base
assertions:
  - at: 40
    environment: staging
    context: { country: be }
    expectedToBeEnabled: true
    expectedEvaluations:
      flag: { reason: rule, ruleKey: everyone, bucketValue: 40000, enabled: true }
  - at: 40.001
    environment: staging
    context: { country: be }
    expectedEvaluations:
      flag: { reason: no_match, bucketValue: 40001, enabled: false }
  - at: 10
    environment: production
    context: {}
    expectedEvaluations:
      flag: { reason: rule, ruleKey: everyone, enabled: false }
  - at: 10
    environment: production
    context: {}
    sticky: { base: { enabled: true } }
    expectedToBeEnabled: true
    expectedEvaluations:
      flag: { reason: sticky, enabled: true }
  - at: 90
    environment: staging
    context: {}
    expectedToBeEnabled: false
    children:
      - context: { country: nl }
        expectedToBeEnabled: true
  - at: 90
    environment: staging
    context: { country: de }
    children:
      - context: { country: nl }
        expectedToBeEnabled: true
  - at: 10
    environment: staging
    context: { userId: u1 }
    expectedEvaluations:
      flag: { bucketKey: u1.base, featureKey: base, type: flag }
  - at: 10
    environment: staging
    context: {}
    expectedEvaluations:
      flag: { traffic: everyone }
`,
  "tests/styled.spec.yml": `feature: styled
assertions:
  - at: 25
    environment: staging
    context: { country: fr }
    expectedVariation: control
    expectedVariables: { color: red, size: 1, meta: { a: 1 } }
    expectedEvaluations:
      variation: { reason: allocated, ruleKey: everyone, bucketValue: 25000 }
      variables:
        color: { reason: variable_default, variableValue: red }
        meta: { reason: variable_default }
  - at: 75
    environment: staging
    context: { country: fr }
    expectedVariation: treatment
    expectedVariables: { color: blue, meta: '{"a":2}' }
    expectedEvaluations:
      variation: { reason: allocated, variationValue: treatment }
      variables:
        color: { reason: allocated, variableValue: blue, ruleKey: everyone }
  - at: 75
    environment: staging
    context: { country: de }
    expectedVariables: { color: black }
    expectedEvaluations:
      variables:
        color: { reason: variable_override_variation, variableValue: black }
  - at: 75
    environment: staging
    context: { country: nl }
    expectedVariables: { size: 5 }
    expectedEvaluations:
      variables:
        size: { reason: rule, ruleKey: nl, variableValue: 5 }
  - at: 10
    environment: staging
    context: { userId: qa }
    expectedVariation: treatment
    expectedVariables: { size: 9, color: blue }
    expectedEvaluations:
      variation: { reason: forced, forceIndex: 0 }
      variables:
        size: { reason: forced, variableValue: 9 }
  - at: 10
    environment: staging
    context: { plan: pro }
    expectedToBeEnabled: false
    expectedVariation: off
    expectedVariables: { size: 0, label: plain, color: null }
    expectedEvaluations:
      flag: { reason: forced, forceIndex: 1, enabled: false }
      variation: { reason: variation_disabled, variationValue: off }
      variables:
        size: { reason: variable_disabled, variableValue: 0 }
        label: { reason: variable_default, variableValue: plain }
        color: { reason: disabled }
  - at: 85
    environment: staging
    context: { country: fr }
    expectedToBeEnabled: false
    expectedEvaluations:
      flag: { reason: no_match, enabled: false }
  - at: 85
    environment: staging
    context: { country: fr }
    defaultVariationValue: fallback
    expectedVariation: off
    defaultVariableValues: { color: green }
    expectedVariables: { color: green }
  - at: 25
    environment: staging
    context: { country: fr }
    defaultVariationValue: fallback
    expectedVariation: fallback
  - at: 25
    environment: staging
    context: { country: fr }
    defaultVariationValue: fallback
    expectedVariation: control
  - at: 75
    environment: production
    context: {}
    expectedVariation: control
    expectedEvaluations:
      variation: { reason: rule, ruleKey: everyone }
  - at: 75
    environment: staging
    context: { country: fr }
    sticky:
      styled: { variation: control, variables: { color: pink } }
    expectedVariation: control
    expectedVariables: { color: pink, size: 1 }
    expectedEvaluations:
      variation: { reason: sticky, variationValue: control }
      variables:
        color: { reason: sticky, variableValue: pink }
  - at: 75
    environment: staging
    context: { country: fr }
    expectedVariables: { missing: 1 }
    expectedEvaluations:
      variables:
        missing: { reason: variable_not_found }
`,
  "tests/needsBase.spec.yml": `feature: needsBase
assertions:
  - at: 30
    environment: staging
    context: {}
    expectedToBeEnabled: true
  - at: 50
    environment: staging
    context: {}
    expectedToBeEnabled: false
    expectedEvaluations:
      flag: { reason: required, enabled: false }
  - at: 50
    environment: staging
    context: {}
    sticky: { base: { enabled: true } }
    expectedToBeEnabled: true
  - at: 50
    environment: staging
    context: {}
    expectedEvaluations:
      flag: { reason: required }
    children:
      - context: { country: nl }
        expectedToBeEnabled: true
`,
  "tests/pro.spec.yml": `segment: pro
assertions:
  - context: { plan: pro }
    expectedToMatch: true
  - context: { plan: free }
    expectedToMatch: false
`,
};

/** What a v3 copy adds: a target (which also makes the project v3 for Flaglens) and assertions that name it. */
const V3_FILES: Record<string, string> = {
  "targets/all.yml": "description: Everything tagged all\ntag: all\n",
  "targets/pro.yml": "description: Pro users\ntag: all\ncontext:\n  plan: pro\n",
  "tests/targeted.spec.yml": `feature: styled
assertions:
  - at: 25
    environment: staging
    target: all
    context: { country: fr }
    expectedVariation: control
  - at: 25
    environment: staging
    target: pro
    context: { country: fr }
    expectedToBeEnabled: false
  - matrix:
      target: [all, pro]
    at: 25
    environment: staging
    target: \${{ target }}
    context: { plan: pro }
    expectedToBeEnabled: false
`,
};

/** Writes the project into `dir` (which must exist); `v3` adds targets and assertions naming them. */
export function writeV2TestProject(dir: string, v3 = false): void {
  for (const [rel, text] of Object.entries({ ...FILES, ...(v3 ? V3_FILES : {}) })) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** The v3 copy of the project. */
export function writeV3TestProject(dir: string): void {
  writeV2TestProject(dir, true);
}
