// Synthetic projects for the evaluation differential test: every evaluation concept in one place per
// format, beyond what the example projects use (all operators, overrides by conditions, required
// variations, groups with empty slots, bucketBy and/or, percentage 0 under force, rule `enabled`, archived
// segments and features, expose per tag, variationWeights, disabled values, dotted attributes).

/** Files of a project by relative path. */
export type ProjectFiles = Record<string, string>;

const V1_SEGMENTS: ProjectFiles = {
  "segments/nl.yml": "description: x\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "segments/eu.yml": "description: x\nconditions:\n  - attribute: country\n    operator: in\n    value: [nl, de, fr]\n",
  "segments/notEu.yml": "description: x\nconditions:\n  - attribute: country\n    operator: notIn\n    value: [nl, de, fr]\n",
  "segments/adult.yml": "description: x\nconditions:\n  - attribute: age\n    operator: greaterThanOrEquals\n    value: 18\n",
  "segments/young.yml":
    "description: x\nconditions:\n  and:\n    - attribute: age\n      operator: lessThan\n      value: 30\n    - attribute: age\n      operator: greaterThan\n      value: 12\n",
  "segments/highScore.yml": "description: x\nconditions:\n  - attribute: score\n    operator: lessThanOrEquals\n    value: 7.5\n",
  "segments/beta.yml": "description: x\nconditions:\n  - attribute: beta\n    operator: equals\n    value: true\n",
  "segments/modern.yml":
    "description: x\nconditions:\n  or:\n    - attribute: version\n      operator: semverGreaterThanOrEquals\n      value: 2.0.0\n    - attribute: version\n      operator: semverEquals\n      value: 1.5.x\n",
  "segments/old.yml":
    "description: x\nconditions:\n  - attribute: version\n    operator: semverLessThan\n    value: 1.5.0\n  - attribute: version\n    operator: semverNotEquals\n    value: 1.2.0\n",
  "segments/semverRange.yml":
    "description: x\nconditions:\n  - attribute: version\n    operator: semverGreaterThan\n    value: 3.1.0\n  - attribute: version\n    operator: semverLessThanOrEquals\n    value: 6.0.0-beta.2\n",
  "segments/early.yml": "description: x\nconditions:\n  - attribute: joined\n    operator: before\n    value: 2023-11-25T00:00:00Z\n",
  "segments/late.yml": 'description: x\nconditions:\n  - attribute: joined\n    operator: after\n    value: "2023-11-28T12:00:00Z"\n',
  "segments/pro.yml":
    "description: x\nconditions:\n  or:\n    - attribute: plan\n      operator: startsWith\n      value: pro\n    - attribute: plan\n      operator: contains\n      value: team\n    - attribute: plan\n      operator: endsWith\n      value: '-1'\n",
  "segments/notFree.yml":
    "description: x\nconditions:\n  - attribute: plan\n    operator: notEquals\n    value: free\n  - attribute: plan\n    operator: notContains\n    value: trial\n",
  "segments/notNl.yml":
    "description: x\nconditions:\n  not:\n    - attribute: country\n      operator: equals\n      value: nl\n    - attribute: beta\n      operator: equals\n      value: true\n",
  "segments/gone.yml": "description: x\narchived: true\nconditions:\n  - attribute: country\n    operator: equals\n    value: de\n",
};

const V1_ATTRIBUTES: ProjectFiles = {
  "attributes/userId.yml": "description: x\ntype: string\n",
  "attributes/deviceId.yml": "description: x\ntype: string\n",
  "attributes/country.yml": "description: x\ntype: string\n",
  "attributes/age.yml": "description: x\ntype: integer\n",
  "attributes/score.yml": "description: x\ntype: double\n",
  "attributes/beta.yml": "description: x\ntype: boolean\n",
  "attributes/version.yml": "description: x\ntype: semver\n",
  "attributes/joined.yml": "description: x\ntype: date\n",
  "attributes/plan.yml": "description: x\ntype: string\n",
};

const v1Env = (staging: string, production: string) => `environments:\n  staging:\n${staging}  production:\n${production}`;

const V1_FEATURES: ProjectFiles = {
  "features/alpha.yml": `description: x
tags: [all, checkout]
bucketBy: userId
variablesSchema:
  - key: color
    type: string
    defaultValue: red
  - key: limit
    type: integer
    defaultValue: 3
  - key: config
    type: json
    defaultValue: '{"a": 1}'
  - key: ratio
    type: double
    defaultValue: 0.5
variations:
  - value: a
    weight: 33.34
  - value: b
    weight: 33.33
    variables:
      - key: color
        value: blue
        overrides:
          - conditions:
              - attribute: country
                operator: equals
                value: de
            value: schwarz
          - segments: [eu, adult]
            value: eu-blue
      - key: config
        value: '{"a": 2}'
  - value: c
    weight: 33.33
    variables:
      - key: limit
        value: 10
        overrides:
          - segments:
              or: [beta, pro]
            value: 20
${v1Env(
  `    force:
      - conditions:
          - attribute: userId
            operator: equals
            value: force-b
        variation: b
        variables:
          ratio: 0.9
      - segments: old
        enabled: false
    rules:
      - key: eu
        segments: [eu, not: [young]]
        percentage: 62.5
      - key: rest
        segments: "*"
        percentage: 37.25
`,
  `    rules:
      - key: modern
        segments:
          and: [modern, or: [pro, beta]]
        percentage: 90
        variables:
          color: green
      - key: all
        segments: "*"
        percentage: 45
`,
)}`,
  "features/beta.yml": `description: x\ntags: [all]\nbucketBy: userId\nrequired: [alpha]\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 80\n',
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
  )}`,
  "features/gamma.yml": `description: x\ntags: [all, checkout]\nbucketBy: userId\nrequired:\n  - key: alpha\n    variation: b\n  - beta\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
  )}`,
  "features/delta.yml": `description: x\ntags: [all]\nbucketBy: [userId, country]\nvariations:\n  - value: on\n    weight: 50\n  - value: off\n    weight: 50\n${v1Env(
    '    force:\n      - segments: beta\n        variation: on\n    rules:\n      - key: zero\n        segments: nl\n        percentage: 0\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    rules:\n      - key: zero\n        segments: "*"\n        percentage: 0\n',
  )}`,
  "features/epsilon.yml": `description: x\ntags: [all]\nbucketBy:\n  or: [userId, deviceId]\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 50\n',
    "    force:\n      - conditions:\n          and:\n            - attribute: plan\n              operator: equals\n              value: free\n            - attribute: age\n              operator: greaterThan\n              value: 40\n        enabled: true\n    rules:\n      - key: all\n        segments: [notEu]\n        percentage: 70\n",
  )}`,
  "features/zeta.yml": `description: x\ntags: [all]\nbucketBy: userId\nvariations:\n  - value: x\n    weight: 40\n  - value: y\n    weight: 60\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 20\n',
  )}`,
  "features/eta.yml": `description: x\ntags: [all]\nbucketBy: userId\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    "    rules:\n      - key: nl\n        segments: nl\n        percentage: 100\n",
  )}`,
  "features/theta.yml": `description: x
tags: [all]
bucketBy: userId
variablesSchema:
  - key: title
    type: string
    defaultValue: plain
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 50
    variables:
      - key: title
        value: fancy
${v1Env(
  '    rules:\n      - key: off\n        segments: nl\n        percentage: 100\n        enabled: false\n      - key: de\n        segments: eu\n        percentage: 100\n        variation: treatment\n      - key: all\n        segments: "*"\n        percentage: 50\n',
  '    rules:\n      - key: all\n        segments: "*"\n        percentage: 75\n        variables:\n          title: production title\n',
)}`,
  "features/iota.yml": `description: x\ntags: [all, checkout]\nbucketBy: userId\n${v1Env(
    '    expose: [checkout]\n    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    expose: false\n    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
  )}`,
  "features/kappa.yml": `description: x\ntags: [all]\narchived: true\nbucketBy: userId\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
  )}`,
  "features/lambda.yml": `description: x\ntags: [all, checkout]\nbucketBy: userId\nrequired: [kappa]\n${v1Env(
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
    '    rules:\n      - key: all\n        segments: "*"\n        percentage: 100\n',
  )}`,
  "features/mu.yml": `description: x\ntags: [all]\nbucketBy: userId\n${v1Env(
    "    rules:\n      - key: gone\n        segments: gone\n        percentage: 100\n      - key: notGone\n        segments:\n          not: [gone, early]\n        percentage: 30\n",
    "    rules:\n      - key: mix\n        segments: [highScore, notFree, late]\n        percentage: 100\n      - key: semver\n        segments: semverRange\n        percentage: 100\n      - key: not\n        segments: notNl\n        percentage: 10\n",
  )}`,
};

/** A v1 project, built with `featurevisor build` from @featurevisor/cli 1.11.1. */
export const V1_PROJECT: ProjectFiles = {
  "featurevisor.config.js": 'module.exports = { environments: ["staging", "production"], tags: ["all", "checkout"] };\n',
  ...V1_ATTRIBUTES,
  ...V1_SEGMENTS,
  ...V1_FEATURES,
  "groups/exclusive.yml":
    "description: x\nslots:\n  - feature: zeta\n    percentage: 30\n  - feature: false\n    percentage: 25\n  - feature: eta\n    percentage: 45\n",
  "groups/second.yml": "description: x\nslots:\n  - feature: eta\n    percentage: 10\n  - feature: false\n    percentage: 90\n",
};

const V2_ATTRIBUTES: ProjectFiles = {
  "attributes/userId.yml": "description: x\ntype: string\n",
  "attributes/deviceId.yml": "description: x\ntype: string\n",
  "attributes/country.yml": "description: x\ntype: string\n",
  "attributes/account.yml": "description: x\ntype: object\nproperties:\n  plan:\n    type: string\n  seats:\n    type: integer\n",
  "attributes/labels.yml": "description: x\ntype: array\n",
  "attributes/score.yml": "description: x\ntype: double\n",
  "attributes/version.yml": "description: x\ntype: semver\n",
  "attributes/joined.yml": "description: x\ntype: date\n",
  "attributes/beta.yml": "description: x\ntype: boolean\n",
  "attributes/email.yml": "description: x\ntype: string\n",
};

const cond = (attribute: string, operator: string, value?: string) =>
  `description: x\nconditions:\n  - attribute: ${attribute}\n    operator: ${operator}\n${value === undefined ? "" : `    value: ${value}\n`}`;

const V2_SEGMENTS: ProjectFiles = {
  "segments/pro.yml": cond("account.plan", "in", "[pro, enterprise]"),
  "segments/bigTeam.yml": cond("account.seats", "greaterThan", "10"),
  "segments/hasEmail.yml": cond("email", "exists"),
  "segments/noEmail.yml": cond("email", "notExists"),
  "segments/vip.yml": cond("labels", "includes", "vip"),
  "segments/notBanned.yml": cond("labels", "notIncludes", "banned"),
  "segments/gmail.yml": `description: x\nconditions:\n  - attribute: email\n    operator: matches\n    value: "@GMAIL\\\\.com$"\n    regexFlags: i\n`,
  "segments/notCorp.yml": cond("email", "notMatches", "corp"),
  "segments/nlOrNull.yml": cond("country", "in", "[nl, 31, null]"),
  "segments/notDe.yml": cond("country", "notIn", "[de]"),
  "segments/modern.yml": cond("version", "semverGreaterThanOrEquals", "2.0.0"),
  "segments/early.yml": cond("joined", "before", "2023-11-25T00:00:00Z"),
  "segments/everyone.yml": 'description: x\nconditions: "*"\n',
  "segments/beta.yml": cond("beta", "equals", "true"),
  "segments/highScore.yml": cond("score", "greaterThanOrEquals", "7.5"),
  "segments/gone.yml": "description: x\narchived: true\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
};

const rules = (staging: string, production: string) => `rules:\n  staging:\n${staging}  production:\n${production}`;
const all = (percentage: number) => `    - key: all\n      segments: "*"\n      percentage: ${percentage}\n`;

const V2_FEATURES: ProjectFiles = {
  "features/checkout.yml": `description: x
tags: [web, app]
bucketBy: userId
disabledVariationValue: control
variablesSchema:
  color:
    type: string
    defaultValue: blue
    disabledValue: grey
  steps:
    type: integer
    defaultValue: 3
    useDefaultWhenDisabled: true
  config:
    type: json
    defaultValue: '{"v": 1}'
  note:
    type: string
    defaultValue: none
variations:
  - value: control
    weight: 50
  - value: treatment
    weight: 30
    variables:
      color: green
      config: '{"v": 2}'
    variableOverrides:
      color:
        - segments:
            or: [pro, bigTeam]
          value: gold
        - conditions:
            - attribute: account.plan
              operator: startsWith
              value: ent
          value: platinum
  - value: extra
    weight: 20
    variables:
      steps: 5
force:
  staging:
    - conditions:
        - attribute: account.plan
          operator: equals
          value: forced
      variation: extra
      variables:
        note: forced note
    - segments: [beta, noEmail]
      enabled: false
${rules(
  "    - key: vip\n      segments: vip\n      percentage: 100\n      variation: treatment\n      variables:\n        note: vip note\n    - key: weights\n      segments: [notDe, not: [early]]\n      percentage: 80\n      variationWeights:\n        control: 0\n        treatment: 70\n        extra: 30\n" +
    all(55),
  "    - key: gmail\n      segments:\n        and: [gmail, notCorp]\n      percentage: 100\n      variationWeights:\n        control: 10\n        treatment: 80\n        extra: 10\n" +
    all(35),
)}`,
  "features/badge.yml": `description: x\ntags: [web]\nbucketBy: userId\nrequired:\n  - key: checkout\n    variation: treatment\n${rules(all(100), all(90))}`,
  "features/banner.yml": `description: x\ntags: [web, app]\nbucketBy: deviceId\nrequired: [checkout]\n${rules(
    '    - key: zero\n      segments: nlOrNull\n      percentage: 0\n    - key: all\n      segments: "*"\n      percentage: 100\n',
    all(0),
  )}`,
  "features/teamA.yml": `description: x\ntags: [web]\nbucketBy: userId\nvariations:\n  - value: a\n    weight: 25\n  - value: b\n    weight: 75\n${rules(all(100), all(40))}`,
  "features/teamB.yml": `description: x\ntags: [web]\nbucketBy: userId\n${rules(all(100), "    - key: high\n      segments: highScore\n      percentage: 100\n")}`,
  "features/byAccount.yml": `description: x\ntags: [app]\nbucketBy: [account.plan, userId]\nvariations:\n  - value: one\n    weight: 60\n  - value: two\n    weight: 40\n${rules(all(70), "    - key: modern\n      segments: modern\n      percentage: 100\n" + all(30))}`,
  "features/byOr.yml": `description: x\ntags: [app, web]\nbucketBy:\n  or: [userId, deviceId]\n${rules(all(50), "    - key: everyone\n      segments: everyone\n      percentage: 65\n")}`,
  "features/hidden.yml": `description: x\ntags: [web, app]\nbucketBy: userId\nexpose:\n  staging: [app]\n  production: false\n${rules(all(100), all(100))}`,
  "features/retired.yml": `description: x\ntags: [web]\narchived: true\nbucketBy: userId\n${rules(all(100), all(100))}`,
  "features/needsRetired.yml": `description: x\ntags: [web]\nbucketBy: userId\nrequired: [retired]\n${rules(all(100), all(100))}`,
  "features/promo.yml": `description: x
tags: [web]
bucketBy: userId
required: [checkout]
variablesSchema:
  color:
    type: string
    defaultValue: promo blue
  discount:
    type: double
    defaultValue: 0.1
    disabledValue: 0
force:
  production:
    - segments: vip
      variables:
        discount: 0.5
${rules(all(100), all(60))}`,
  "features/forcedZero.yml": `description: x
tags: [web, app]
bucketBy: userId
variablesSchema:
  label:
    type: string
    defaultValue: default label
variations:
  - value: on
    weight: 100
    variables:
      label: on label
force:
  staging:
    - segments: hasEmail
      enabled: true
  production:
    - segments: hasEmail
      enabled: true
      variation: on
${rules("    - key: gone\n      segments: gone\n      percentage: 100\n" + all(0), all(0))}`,
};

/** A v2 project, built with the test datafile builder (evaluationDatafileV2.ts). */
export const V2_PROJECT: ProjectFiles = {
  "featurevisor.config.js": 'module.exports = { environments: ["staging", "production"], tags: ["web", "app"] };\n',
  ...V2_ATTRIBUTES,
  ...V2_SEGMENTS,
  ...V2_FEATURES,
  "groups/teams.yml": "description: x\nslots:\n  - feature: teamA\n    percentage: 50\n  - feature: teamB\n    percentage: 50\n",
};
