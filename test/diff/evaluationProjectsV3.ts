// A synthetic v3 project for the target differential test: the shapes a build-time context treats
// differently (or/not/and/lists of segments, a segment matched by an attribute the context lacks, force
// and variable overrides by one key, by a list and by conditions, catch-all rules in a row, expose lists),
// and targets with and without a context, by tag, tags, include and exclude patterns.

import type { ProjectFiles } from "./evaluationProjects";

const condition = (attribute: string, operator: string, value: string) =>
  `conditions:\n  - attribute: ${attribute}\n    operator: ${operator}\n    value: ${value}\n`;

const attribute = (key: string, type = "string") => `description: ${key}\ntype: ${type}\n`;

/** A feature with the same rules (and force) in both environments. */
function feature(tags: string, rules: string, extra: { force?: string; head?: string; expose?: string } = {}): string {
  const indent = (s: string) => s.replace(/^(?=.)/gm, "    ");
  return (
    `description: synthetic\ntags: ${tags}\nbucketBy: userId\n${extra.head ?? ""}` +
    `rules:\n  staging:\n${indent(rules)}  production:\n${indent(rules)}` +
    (extra.force ? `force:\n  staging:\n${indent(extra.force)}  production:\n${indent(extra.force)}` : "") +
    (extra.expose ?? "")
  );
}

const rule = (key: string, segments: string, percentage: number) => `- key: ${key}\n  segments: ${segments}\n  percentage: ${percentage}\n`;

const VARIABLES = `variablesSchema:
  color:
    type: string
    defaultValue: red
  size:
    type: integer
    defaultValue: 1
variations:
  - value: a
    weight: 50
    variables:
      color: blue
    variableOverrides:
      color:
        - value: green
          segments: web
        - value: purple
          segments: [chrome, ios]
      size:
        - value: 3
          conditions:
            - attribute: platform
              operator: equals
              value: web
        - value: 4
          segments: notChrome
  - value: b
    weight: 50
    variables:
      color: yellow
    variableOverrides:
      color:
        - value: black
          segments:
            or: [web, chrome]
`;

export const V3_TARGETS_PROJECT: ProjectFiles = {
  "featurevisor.config.js": 'module.exports = { environments: ["staging", "production"], tags: ["all", "web", "ios"] };\n',
  "attributes/userId.yml": attribute("userId"),
  "attributes/platform.yml": attribute("platform"),
  "attributes/browser.yml": attribute("browser"),
  "attributes/country.yml": attribute("country"),
  "segments/web.yml": `description: web\n${condition("platform", "equals", "web")}`,
  "segments/ios.yml": `description: ios\n${condition("platform", "equals", "ios")}`,
  "segments/chrome.yml": `description: chrome\n${condition("browser", "equals", "chrome")}`,
  "segments/notChrome.yml": `description: not chrome\n${condition("browser", "notEquals", "chrome")}`,
  "segments/nl.yml": `description: nl\n${condition("country", "equals", "nl")}`,
  "segments/webChrome.yml": `description: web and chrome
conditions:
  and:
    - attribute: platform
      operator: equals
      value: web
    - attribute: browser
      operator: equals
      value: chrome
`,
  "features/orRule.yml": feature("[all, web]", rule("r", "\n    or: [web, ios]", 100) + rule("rest", '"*"', 30)),
  "features/notRule.yml": feature("[all, web]", rule("r", "\n    not: [web]", 100) + rule("n", "\n    not: [web, nl]", 60)),
  "features/andRule.yml": feature(
    "[all, web, ios]",
    rule("r", "\n    and: [web, { or: [chrome, nl] }]", 100) + rule("l", "[web, nl]", 70) + rule("rest", '"*"', 10),
  ),
  "features/absent.yml": feature("[all, web]", rule("r", "notChrome", 100) + rule("wc", "webChrome", 50)),
  "features/catchAll.yml": feature("[all, web, ios]", rule("first", "web", 20) + rule("second", '"*"', 80) + rule("third", '"*"', 100)),
  "features/forces.yml": feature("[all, web]", rule("r", '"*"', 0), {
    force: `- segments: web\n  enabled: true\n- segments: [chrome]\n  enabled: true\n- segments:\n    or: [ios, nl]\n  enabled: true\n- conditions:\n    - attribute: browser\n      operator: equals\n      value: firefox\n  enabled: true\n`,
  }),
  "features/variables.yml": feature("[all, web, ios]", rule("r", "web", 100) + rule("rest", '"*"', 50), { head: VARIABLES }),
  "features/ruleOverrides.yml": feature(
    "[all, web, ios]",
    `- key: r
  segments: "*"
  percentage: 100
  variables:
    color: white
  variableOverrides:
    color:
      - value: green
        segments: web
      - value: purple
        segments:
          or: [chrome, ios]
      - value: orange
        conditions:
          or:
            - attribute: platform
              operator: equals
              value: web
            - attribute: country
              operator: equals
              value: nl
    size:
      - value: 7
        conditions:
          - attribute: browser
            operator: notEquals
            value: chrome
      - value: 8
        segments:
          not: [web, nl]
`,
    { head: VARIABLES },
  ),
  "features/exposed.yml": feature("[all, web, ios]", rule("r", "web", 100), {
    expose: "expose:\n  staging: true\n  production: [ios]\n",
  }),
  "features/iosOnly.yml": feature("[ios]", rule("r", "ios", 100)),
  "features/needsIos.yml": feature("[all, web]", rule("r", "web", 100) + rule("rest", '"*"', 50), {
    head: "required: [iosOnly, orRule]\n",
  }),
  "targets/web.yml": "description: web\ntag: web\ncontext:\n  platform: web\n",
  "targets/chrome.yml": "description: chrome\ntag: all\ncontext:\n  browser: chrome\n",
  "targets/empty.yml": "description: empty context\ntag: all\ncontext: {}\n",
  "targets/nlWeb.yml": "description: nl web\ntags:\n  and: [web, all]\ncontext:\n  platform: web\n  country: nl\n",
  "targets/ios.yml": "description: ios\ntags:\n  or: [ios]\ncontext:\n  platform: ios\n",
  "targets/picked.yml":
    'description: picked\ntags: [web, ios]\nincludeFeatures: ["*Rule", "forces", "variables"]\nexcludeFeatures: ["not*"]\ncontext:\n  platform: web\n  browser: chrome\n',
  "targets/mixed.yml": "description: web or ios, on ios\ntags: [web, ios]\ncontext:\n  platform: ios\n",
  "targets/plain.yml": "description: no context\ntag: all\n",
};

/** Variables of every structured type (json as text and as a mapping), with overrides. */
const STRUCTURED = `variablesSchema:
  settings:
    type: object
    properties:
      theme:
        type: string
      width:
        type: integer
    defaultValue: { theme: light, width: 1 }
  payload:
    type: json
    defaultValue: '{"a":1}'
  raw:
    type: json
    defaultValue: { b: 2 }
  list:
    type: array
    defaultValue: [x, y]
variations:
  - value: a
    weight: 100
    variables:
      payload: '{"a":2}'
      list: [z]
    variableOverrides:
      settings:
        - segments: web
          value: { theme: dark }
        - conditions: []
          value: { width: 5 }
      raw:
        - segments: [ios]
          value: { b: 3 }
`;

/**
 * The targets project built with `stringify: false` (3.x then writes conditions and segments as they are),
 * plus structured and json variables, and overrides by an empty list of conditions.
 */
export const V3_UNSTRINGIFIED_PROJECT: ProjectFiles = {
  ...V3_TARGETS_PROJECT,
  "featurevisor.config.js":
    'module.exports = { environments: ["staging", "production"], tags: ["all", "web", "ios"], stringify: false };\n',
  "features/structured.yml": feature("[all, web, ios]", rule("r", "web", 100) + rule("rest", '"*"', 60), { head: STRUCTURED }),
};
