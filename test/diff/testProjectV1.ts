// A small v1 project written by the test itself, so that the 1.11.1 differential test of `flaglens test` runs
// without ../shared: the shapes the 1.x tester treats in its own way (a rule of percentage 0 still serving
// bucket 0, an assertion without `at`, a rule's `variation`, forces by conditions, required features and
// variations, variable overrides, json variables compared as text or parsed, `bucketBy` with `or`, an archived
// feature, a matrix, numeric and semver conditions in segment specs).

import * as fs from "node:fs";
import * as path from "node:path";

const FILES: Record<string, string> = {
  "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
  "attributes/deviceId.yml": "description: Device\ntype: string\n",
  "attributes/country.yml": "description: Country\ntype: string\n",
  "attributes/age.yml": "description: Age\ntype: integer\n",
  "attributes/version.yml": "description: Version\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "segments/de.yml": "description: DE\nconditions:\n  - attribute: country\n    operator: equals\n    value: de\n",
  "segments/adult.yml": "description: Adults\nconditions:\n  - attribute: age\n    operator: greaterThanOrEquals\n    value: 18\n",
  "segments/modern.yml":
    "description: Modern\nconditions:\n  or:\n    - attribute: version\n      operator: semverGreaterThanOrEquals\n      value: 2.0.0\n    - attribute: country\n      operator: in\n      value: [nl, be]\n",
  "features/rollout.yml": `description: Rollout
tags: [all]
bucketBy: userId
environments:
  staging:
    rules:
      - key: nl
        segments: nl
        percentage: 100
      - key: rest
        segments: "*"
        percentage: 30
  production:
    rules:
      - key: de
        segments: de
        percentage: 80
      - key: rest
        segments: "*"
        percentage: 0
`,
  "features/colors.yml": `description: Colors
tags: [all]
bucketBy: userId
variablesSchema:
  - key: color
    type: string
    defaultValue: red
  - key: config
    type: json
    defaultValue: '{"size":1,"tags":["a"]}'
  - key: list
    type: array
    defaultValue: [x, y]
variations:
  - value: control
    weight: 33.33
  - value: blue
    weight: 33.33
    variables:
      - key: color
        value: blue
        overrides:
          - segments: nl
            value: navy
      - key: config
        value: '{"size":2,"tags":["b"]}'
  - value: green
    weight: 33.34
    variables:
      - key: color
        value: green
      - key: list
        value: [g]
environments:
  staging:
    force:
      - conditions:
          - attribute: userId
            operator: equals
            value: qa-user
        variation: green
    rules:
      - key: all
        segments: "*"
        percentage: 100
  production:
    rules:
      - key: adults
        segments: adult
        percentage: 100
        variation: blue
      - key: all
        segments: "*"
        percentage: 50
`,
  "features/gated.yml": `description: Gated
tags: [all]
bucketBy: userId
required: [rollout]
environments:
  staging:
    rules:
      - key: all
        segments: "*"
        percentage: 100
  production:
    rules:
      - key: all
        segments: "*"
        percentage: 100
`,
  "features/gatedVariation.yml": `description: Gated by a variation
tags: [all]
bucketBy: userId
required:
  - key: colors
    variation: blue
environments:
  staging:
    rules:
      - key: all
        segments: "*"
        percentage: 100
  production:
    rules:
      - key: all
        segments: "*"
        percentage: 100
`,
  "features/forced.yml": `description: Forced off in NL
tags: [all]
bucketBy:
  or: [userId, deviceId]
environments:
  staging:
    force:
      - segments: nl
        enabled: false
    rules:
      - key: modern
        segments: [modern, adult]
        percentage: 75
      - key: all
        segments:
          not: [de]
        percentage: 25
  production:
    rules:
      - key: all
        segments: "*"
        percentage: 60
`,
  "features/retired.yml": `description: Retired
tags: [all]
archived: true
bucketBy: userId
environments:
  staging:
    rules:
      - key: all
        segments: "*"
        percentage: 100
  production:
    rules:
      - key: all
        segments: "*"
        percentage: 100
`,
  "tests/rollout.spec.yml": `feature: rollout
assertions:
  - matrix:
      at: [0, 29.999, 30, 30.001, 100]
    at: \${{ at }}
    environment: staging
    context: { country: be }
    expectedToBeEnabled: true
  - at: 50
    environment: staging
    context: { country: nl }
    expectedToBeEnabled: true
  - at: 0
    environment: production
    context: { country: be }
    expectedToBeEnabled: true
  - at: 0.001
    environment: production
    context: { country: be }
    expectedToBeEnabled: false
  - matrix:
      country: [de, nl]
      at: [80, 80.001]
    description: "\${{ country }} at \${{ at }}"
    at: \${{ at }}
    environment: production
    context: { country: "\${{ country }}" }
    expectedToBeEnabled: true
  - environment: production
    context: { country: de, userId: u1 }
    expectedToBeEnabled: true
`,
  "tests/colors.spec.yml": `feature: colors
assertions:
  - at: 10
    environment: staging
    context: {}
    expectedVariation: control
    expectedVariables:
      color: red
      config: '{"size":1,"tags":["a"]}'
      list: [x, y]
  - at: 40
    environment: staging
    context: { country: nl }
    expectedVariation: blue
    expectedVariables:
      color: navy
      config: { size: 2, tags: [b] }
  - at: 90
    environment: staging
    context: { userId: qa-user }
    expectedVariation: green
    expectedVariables:
      color: green
      list: [g]
  - at: 90
    environment: production
    context: { age: 30 }
    expectedVariation: blue
    expectedVariables:
      color: red
  - at: 50
    environment: production
    context: { age: 10 }
    expectedToBeEnabled: true
    expectedVariation: blue
  - at: 66.66
    environment: staging
    context: {}
    expectedVariation: blue
  - at: 66.661
    environment: staging
    context: {}
    expectedVariation: green
  - at: 10
    environment: staging
    context: {}
    expectedVariables:
      undeclared: 1
`,
  "tests/gated.spec.yml": `feature: gated
assertions:
  - at: 10
    environment: staging
    context: { country: nl }
    expectedToBeEnabled: true
  - at: 40
    environment: staging
    context: { country: be }
    expectedToBeEnabled: false
  - at: 40
    environment: production
    context: { country: de }
    expectedToBeEnabled: true
`,
  "tests/gatedVariation.spec.yml": `feature: gatedVariation
assertions:
  - at: 40
    environment: staging
    context: {}
    expectedToBeEnabled: true
  - at: 10
    environment: staging
    context: {}
    expectedToBeEnabled: false
  - at: 90
    environment: production
    context: { age: 40 }
    expectedToBeEnabled: true
`,
  "tests/forced.spec.yml": `feature: forced
assertions:
  - at: 10
    environment: staging
    context: { country: nl, age: 30, version: 3.0.0 }
    expectedToBeEnabled: false
  - at: 70
    environment: staging
    context: { country: be, age: 30 }
    expectedToBeEnabled: true
  - at: 75.001
    environment: staging
    context: { country: fr, age: 30, version: 2.1.0 }
    expectedToBeEnabled: false
  - at: 20
    environment: staging
    context: { country: de }
    expectedToBeEnabled: false
  - at: 20
    environment: staging
    context: { country: fr }
    expectedToBeEnabled: true
  - at: 60
    environment: production
    context: { deviceId: d-1 }
    expectedToBeEnabled: true
`,
  "tests/retired.spec.yml": `feature: retired
assertions:
  - at: 10
    environment: production
    context: {}
    expectedToBeEnabled: false
`,
  "tests/adult.spec.yml": `segment: adult
assertions:
  - context: { age: 18 }
    expectedToMatch: true
  - context: { age: 17 }
    expectedToMatch: false
  - context: { age: "30" }
    expectedToMatch: false
  - context: {}
    expectedToMatch: false
`,
  "tests/modern.spec.yml": `segment: modern
assertions:
  - matrix:
      version: [1.9.9, 2.0.0, 10.1.0]
    context: { version: "\${{ version }}" }
    expectedToMatch: true
  - context: { country: be }
    expectedToMatch: true
    description: Belgium is modern
`,
};

/** Writes the project into `dir` (which must exist). */
export function writeV1TestProject(dir: string): void {
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
