// Mutations of the v1 example project for the differential test against `featurevisor lint`.
//
// Every mutation edits a fresh copy of the project. Text edits go through `replace`, which throws when the
// text it looks for is absent: a fixture change must break the test loudly, never turn a mutation into a
// silent no-op that "passes" because nothing was mutated.

import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** What featurevisor is expected to say about a mutation; pinned so a mutation cannot drift from its purpose. */
export type Verdict = "fail" | "pass";

/** A parsed YAML mapping. `any` because structural edits reach into arbitrary depths of fixture data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type YamlMap = Record<string, any>;

export interface Mutation {
  /** Unique; it is the `it` title and the key of EXTRA_CHECKS. */
  name: string;
  /** Edits the project copy. */
  apply(p: ProjectEditor): void;
  /** Files (relative, `/`-separated) one of which should carry a Flaglens error when featurevisor fails. */
  files?: string[];
  /** Featurevisor's expected verdict; absent for generated families where the verdict is whatever it is. */
  featurevisor?: Verdict;
  /**
   * A documented, deliberate difference from @featurevisor/cli 1.11.1: why, and whether Flaglens
   * then reports errors or nothing.
   */
  difference?: { reason: string; flaglens: "errors" | "clean"; knownGap?: boolean };
  /** The shared fixture folder the mutation edits, where a suite runs over several (the 2.27/3.1 test). */
  fixture?: string;
}

/** Flaglens reads projects as Featurevisor 1.35+ and v2 do; 1.11.1 did not read subfolders or `.yaml` files. */
const LAYOUT =
  "Flaglens reads nested folders (keys like countries/nl) and .yaml files, as Featurevisor 1.35+ and v2 do; @featurevisor/cli 1.11.1 ignores them";

/** Edits one project copy. */
export class ProjectEditor {
  constructor(readonly root: string) {}

  private abs(rel: string): string {
    return path.join(this.root, ...rel.split("/"));
  }

  read(rel: string): string {
    return fs.readFileSync(this.abs(rel), "utf8");
  }

  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(this.abs(rel)), { recursive: true });
    fs.writeFileSync(this.abs(rel), text);
  }

  remove(rel: string): void {
    fs.rmSync(this.abs(rel));
  }

  /** Replaces the `occurrence`-th (1-based) occurrence of `from`; throws when there are fewer. */
  replace(rel: string, from: string, to: string, occurrence = 1): void {
    const text = this.read(rel);
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = text.indexOf(from, at + 1);
      if (at < 0) throw new Error(`mutation setup: occurrence ${occurrence} of ${JSON.stringify(from)} not found in ${rel}`);
    }
    this.write(rel, text.slice(0, at) + to + text.slice(at + from.length));
  }

  /** Parses, edits and re-dumps a YAML file (comments and key order of the source are not kept; harmless here). */
  editYaml(rel: string, edit: (doc: YamlMap) => void): void {
    const doc = yaml.load(this.read(rel)) as YamlMap;
    edit(doc);
    this.write(rel, yaml.dump(doc, { lineWidth: -1 }));
  }
}

const F = (key: string): string => `features/${key}.yml`;
const S = (key: string): string => `segments/${key}.yml`;
const A = (key: string): string => `attributes/${key}.yml`;
const T = (key: string): string => `tests/${key}.spec.yml`;
const GROUP = "groups/myExclusionGroup.yml";

/** A text replacement in one file, expected to make featurevisor fail with an error in that file. */
function breaks(name: string, file: string, from: string, to: string, occurrence = 1): Mutation {
  return { name, files: [file], featurevisor: "fail", apply: (p) => p.replace(file, from, to, occurrence) };
}

/** A structural edit of one file, expected to make featurevisor fail with an error in that file. */
function breaksYaml(name: string, file: string, edit: (doc: YamlMap) => void): Mutation {
  return { name, files: [file], featurevisor: "fail", apply: (p) => p.editYaml(file, edit) };
}

/** A text replacement featurevisor accepts (a control, or an extra check when listed in EXTRA_CHECKS). */
function passes(name: string, file: string, from: string, to: string, occurrence = 1): Mutation {
  return { name, files: [file], featurevisor: "pass", apply: (p) => p.replace(file, from, to, occurrence) };
}

function passesYaml(name: string, file: string, edit: (doc: YamlMap) => void): Mutation {
  return { name, files: [file], featurevisor: "pass", apply: (p) => p.editYaml(file, edit) };
}

// ---------------------------------------------------------------------------------------------------------
// Mutations featurevisor rejects: Flaglens must report at least one error (in the mutated file).
// ---------------------------------------------------------------------------------------------------------

const brokenReferences: Mutation[] = [
  breaks("segment typo in a rule (plain string)", F("redesign"), "segments: netherlands", "segments: netherland"),
  breaks("segment typo in a rule (list)", F("showHeader"), "          - desktop\n", "          - desktopp\n"),
  breaks("segment typo in a force", F("showPopup"), "- segments: qa", "- segments: qaa"),
  breaks("segment typo in an and group", F("foo"), "            - mobile\n", "            - mobil\n"),
  // The second "- switzerland" at this depth is the production rule's `or` (the first is a variation override).
  breaks("segment typo in an or group", F("foo"), "                - switzerland\n", "                - swizerland\n", 2),
  breaks("segment typo in a not group", F("footer"), "- version_5.5", "- version_5.6"),
  breaks("segment typo in a variable override (list)", F("sidebar"), "              - germany\n", "              - germani\n"),
  breaks("segment typo in a variable override (or group)", F("bar"), "                - germany\n", "                - germnay\n"),
  breaks("attribute typo in a segment condition", S("desktop"), "attribute: device", "attribute: devices"),
  breaks("attribute typo in a segment and condition", S("germany"), "attribute: country", "attribute: county"),
  breaks("attribute typo in a force condition", F("foo"), "attribute: userId", "attribute: userid"),
  breaks("attribute typo in a force and condition", F("foo"), "attribute: device", "attribute: devise"),
  breaks("attribute typo in bucketBy", F("redesign"), "bucketBy: userId", "bucketBy: userID"),
  breaks("attribute typo in bucketBy or", F("baz"), "    - device\n", "    - devcie\n"),
  breaks("unknown feature in required", F("discount"), "  - sidebar\n", "  - sidebarr\n"),
  breaks("unknown feature in required (object form)", F("discount"), "  - sidebar\n", "  - key: sidebarr\n"),
  breaks("unknown feature in a group slot", GROUP, "feature: bar", "feature: barr"),
  breaksYaml("unknown environment key in a feature", F("redesign"), (d) => {
    d.environments.qa = d.environments.staging;
  }),
  breaks("environment key typo in a feature", F("redesign"), "  staging:\n", "  stagin:\n"),
  breaks("feature test names an unknown feature", T("redesign"), "feature: redesign", "feature: redesgn"),
  breaks("segment test names an unknown segment", T("germany"), "segment: germany", "segment: germanyy"),
  breaks("feature test names an unknown environment", T("redesign"), "environment: production", "environment: prod"),
];

const badTypes: Mutation[] = [
  breaks("percentage as string", F("redesign"), "percentage: 100", 'percentage: "100"'),
  breaks("description as number", F("redesign"), "description: Enable new design", "description: 42"),
  breaks("tags not a list", F("redesign"), "tags:\n  - all\n", "tags: all\n"),
  breaks("bucketBy as number", F("redesign"), "bucketBy: userId", "bucketBy: 42"),
  breaks("weight as string", F("foo"), "weight: 50", 'weight: "50"'),
  breaks("rule key as number", F("redesign"), 'key: "1"', "key: 1"),
  breaks("expose as string", F("hidden"), "expose: false", 'expose: "false"'),
  breaks("attribute capture as string", A("userId"), "capture: true", 'capture: "yes"'),
  breaks("group slot percentage as string", GROUP, "percentage: 50", 'percentage: "50"'),
  breaks("variable type unknown", F("checkout"), "type: array", "type: list"),
  breaks("invalid attribute type", A("age"), "type: integer", "type: number"),
  breaks("rule segments as number", F("redesign"), 'segments: "*"', "segments: 5"),
];

const outOfRange: Mutation[] = [
  breaks("percentage 101", F("redesign"), "percentage: 100", "percentage: 101"),
  breaks("percentage -1", F("redesign"), "percentage: 100", "percentage: -1"),
  breaks("weight 150", F("sidebar"), "weight: 90", "weight: 150"),
  // The other slot shrinks too, so only the range (not the sum) is wrong.
  {
    name: "group slot 120",
    files: [GROUP],
    featurevisor: "fail",
    apply: (p) => {
      p.replace(GROUP, "percentage: 50", "percentage: 120");
      p.replace(GROUP, "percentage: 50", "percentage: -20");
    },
  },
  breaks("test at 101", T("redesign"), "at: 40", "at: 101"),
];

const unknownKeys: Mutation[] = [
  breaks("typo'd property in a feature root", F("redesign"), "bucketBy: userId", "bucketby: userId"),
  breaks("extra property in a feature root", F("redesign"), "bucketBy: userId\n", "bucketBy: userId\nowner: team-web\n"),
  breaks("typo'd property in a rule", F("redesign"), "percentage: 100", "percentag: 100"),
  breaks("extra property in a rule", F("redesign"), "percentage: 100\n", "percentage: 100\n        weight: 10\n"),
  breaks("typo'd property in an environment", F("redesign"), "    rules:\n", "    rule:\n"),
  breaks("typo'd property in a force", F("foo"), "variation: treatment", "variaton: treatment"),
  breaks("typo'd property in a variation", F("sidebar"), "weight: 90", "weigth: 90"),
  breaks("typo'd property in a segment", S("mobile"), "conditions:", "condition:"),
  breaks("typo'd property in an attribute", A("device"), "type: string", "typ: string"),
  breaks("extra property in an attribute", A("device"), "type: string\n", "type: string\nrequired: true\n"),
  breaks("typo'd property in a group", GROUP, "slots:", "slot:"),
  breaks("extra property in a group slot", GROUP, "feature: qux\n", "feature: qux\n    weight: 1\n"),
  breaks("typo'd property in a condition", S("desktop"), "operator: equals", "operater: equals"),
  breaks("extra property in an and group", S("mobile"), "  and:\n", "  label: x\n  and:\n"),
  breaks("typo'd property in a test assertion", T("redesign"), "expectedToBeEnabled: true", "expectToBeEnabled: true"),
];

const yamlErrors: Mutation[] = [
  breaks("duplicate key in a feature root", F("redesign"), "bucketBy: userId\n", "bucketBy: userId\ndescription: again\n"),
  breaks("duplicate key in a rule", F("redesign"), "percentage: 100\n", "percentage: 100\n        percentage: 50\n"),
  breaks("duplicate key in a segment", S("desktop"), "conditions:\n", "description: again\nconditions:\n"),
  breaks("duplicate environment key", F("redesign"), "  production:\n", "  staging:\n    rules: []\n  production:\n"),
  breaks("bad indentation", F("redesign"), '    rules:\n      - key: "1"\n', '    rules:\n      - key: "1"\n     segments: x\n'),
  breaks("unclosed quote", F("redesign"), 'key: "1"', 'key: "1'),
  breaks("tab indentation", F("redesign"), "\n  staging:\n", "\n\tstaging:\n"),
  breaks("yaml syntax error in a test", T("redesign"), "context:\n      country: nl", "context: {\n      country: nl"),
];

const structural: Mutation[] = [
  {
    name: "circular required a -> b -> a",
    files: [F("discount"), F("sidebar")],
    featurevisor: "fail",
    apply: (p) => p.replace(F("sidebar"), "bucketBy: userId\n", "bucketBy: userId\n\nrequired:\n  - discount\n"),
  },
  breaks("required on itself", F("redesign"), "bucketBy: userId\n", "bucketBy: userId\nrequired:\n  - redesign\n"),
  {
    name: "circular required a -> b -> c -> a",
    files: [F("discount"), F("sidebar"), F("redesign")],
    featurevisor: "fail",
    apply: (p) => {
      p.replace(F("sidebar"), "bucketBy: userId\n", "bucketBy: userId\nrequired:\n  - redesign\n");
      p.replace(F("redesign"), "bucketBy: userId\n", "bucketBy: userId\nrequired:\n  - discount\n");
    },
  },
  breaks("missing description in a feature", F("redesign"), "description: Enable new design\n", ""),
  breaks("missing bucketBy", F("redesign"), "bucketBy: userId\n", ""),
  breaksYaml("missing environments", F("redesign"), (d) => {
    delete d.environments;
  }),
  breaks("missing rule key", F("redesign"), '      - key: "1"\n        segments: netherlands', "      - segments: netherlands"),
  breaksYaml("missing rule segments", F("redesign"), (d) => {
    delete d.environments.production.rules[0].segments;
  }),
  breaksYaml("missing rule percentage", F("redesign"), (d) => {
    delete d.environments.production.rules[0].percentage;
  }),
  breaksYaml("missing rules in an environment", F("redesign"), (d) => {
    delete d.environments.production.rules;
  }),
  breaks("missing segment conditions", S("desktop"), "conditions:\n  - attribute: device\n    operator: equals\n    value: desktop\n", ""),
  breaks("missing segment description", S("desktop"), "description: desktop users\n", ""),
  breaks("missing attribute type", A("device"), "type: string\n", ""),
  breaks("missing group description", GROUP, "description: Exclusion group for some features\n", ""),
  breaks("missing variation weight", F("sidebar"), "    weight: 10\n", ""),
  breaks("bad operator equalz in a segment", S("desktop"), "operator: equals", "operator: equalz"),
  breaks("bad operator equalz in a force condition", F("foo"), "operator: equals", "operator: equalz"),
  breaks("greaterThan with a string", S("adult"), "value: 18", 'value: "eighteen"'),
  breaks("in with a string", S("qa"), 'value:\n      - "user-1"\n      - "user-2"', "value: user-1"),
  breaks("in with numbers", S("qa"), 'value:\n      - "user-1"\n      - "user-2"', "value: [1, 2]"),
  breaks("contains with a number", S("desktop"), "operator: equals\n    value: desktop", "operator: contains\n    value: 3"),
  breaks("after with a quoted date", S("blackFridayWeekend"), "value: 2023-11-24T00:00:00Z", 'value: "2023-11-24T00:00:00Z"'),
  breaks("semverGreaterThan with a number", S("version_gt5"), "value: 5.0.0", "value: 5"),
  breaks("duplicate rule keys", F("showHeader"), 'key: "mobile"', 'key: "desktop"'),
  breaks("duplicate variation values", F("foo"), "  - value: treatment\n", "  - value: control\n"),
  breaks("duplicate variable keys", F("checkout"), "key: showShipping", "key: showPayments"),
  breaks("duplicate tags", F("discount"), "  - checkout\n", "  - all\n"),
  breaks("tag with upper case", F("redesign"), "  - all\n", "  - All\n"),
  breaks("empty variation value", F("sidebar"), "value: control", 'value: ""'),
  breaks("variable named variation", F("checkout"), "key: showShipping", "key: variation"),
  breaks(
    "nested object variable value",
    F("bar"),
    "      alignment: center\n\nvariations:",
    "      alignment:\n        x: center\n\nvariations:",
  ),
  breaksYaml("missing environment production", F("redesign"), (d) => {
    delete d.environments.production;
  }),
  breaks("slots not summing to 100", GROUP, "percentage: 50", "percentage: 40"),
  breaks("rule percentage exceeding its group slot", F("bar"), "percentage: 50", "percentage: 60", 2),
  {
    name: "group slot shrunk below a rule percentage",
    files: [GROUP, F("bar")],
    featurevisor: "fail",
    apply: (p) => {
      p.replace(GROUP, "feature: bar\n    percentage: 50", "feature: bar\n    percentage: 40");
      p.replace(GROUP, "feature: qux\n    percentage: 50", "feature: qux\n    percentage: 60");
    },
  },
  {
    name: "invalid feature file name",
    files: ["features/bad name.yml"],
    featurevisor: "fail",
    apply: (p) => p.write("features/bad name.yml", p.read(F("redesign"))),
  },
  {
    name: "invalid segment file name",
    files: ["segments/bad name.yml"],
    featurevisor: "fail",
    apply: (p) => p.write("segments/bad name.yml", p.read(S("desktop"))),
  },
  {
    name: "invalid attribute file name",
    files: ["attributes/bad@name.yml"],
    featurevisor: "fail",
    apply: (p) => p.write("attributes/bad@name.yml", p.read(A("device"))),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Mutations featurevisor accepts and Flaglens deliberately rejects (see EXTRA_CHECKS for the code).
// ---------------------------------------------------------------------------------------------------------

const extraChecks: Mutation[] = [
  passes("variation weights summing to 140", F("foo"), "weight: 50", "weight: 90", 2),
  passes("variation weights summing to 90", F("sidebar"), "weight: 90", "weight: 80"),
  passes("rule variation that does not exist", F("qux"), "variation: b", "variation: treatmnt"),
  passes("force variation that does not exist", F("foo"), "variation: treatment", "variation: treatmnt"),
  passes("required variation that does not exist", F("discount"), "  - sidebar\n", "  - key: sidebar\n    variation: treatmnt\n"),
  passes("boolean variable with a string default", F("checkout"), "defaultValue: false", 'defaultValue: "no"'),
  passes("rule sets a boolean variable to a string", F("foo"), "qux: true", 'qux: "yes"'),
  passes("variation sets an array variable to a string", F("sidebar"), 'value: ["home", "about", "contact"]', "value: home"),
  passes(
    "integer variable with a decimal",
    F("checkout"),
    "  - key: showShipping\n    type: boolean\n    defaultValue: false",
    "  - key: showShipping\n    type: integer\n    defaultValue: 1.5",
  ),
  passes(
    "double variable with a string",
    F("checkout"),
    "  - key: showShipping\n    type: boolean\n    defaultValue: false",
    '  - key: showShipping\n    type: double\n    defaultValue: "1.5"',
  ),
  passes(
    "object variable with a string",
    F("bar"),
    "    type: object\n    defaultValue:\n      title: Hero Title\n      subtitle: Hero Subtitle\n      alignment: center\n",
    "    type: object\n    defaultValue: hero\n",
  ),
  passes("json variable with an invalid JSON string", F("qux"), 'defaultValue: \'{"foo": "bar"}\'', "defaultValue: '{foo'"),
  // The SDK would hand an object through unchanged, but featurevisor documents json values as JSON strings.
  passes("json variable with an object default", F("qux"), 'defaultValue: \'{"foo": "bar"}\'', "defaultValue:\n      foo: bar"),
  passes("rule sets an undeclared variable", F("checkout"), "showShipping: true", "showShiping: true"),
  passes("variation sets an undeclared variable", F("sidebar"), "      - key: position\n", "      - key: positon\n"),
  passes("semver operator with a non-version string", S("version_gt5"), "value: 5.0.0", "value: five"),
  passes("test expects a variation that does not exist", T("bar"), "expectedVariation: b", "expectedVariation: d"),
  passes("test expects an undeclared variable", T("bar"), "      color: red\n", "      colour: red\n"),
  {
    name: "feature in two group slots",
    files: [GROUP],
    featurevisor: "pass",
    apply: (p) =>
      p.write(
        GROUP,
        "description: two slots for one feature\nslots:\n  - feature: bar\n    percentage: 50\n  - feature: bar\n    percentage: 50\n",
      ),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Controls featurevisor accepts and Flaglens must accept too (warnings allowed, errors not).
// ---------------------------------------------------------------------------------------------------------

const controls: Mutation[] = [
  { name: "unmutated project", featurevisor: "pass", apply: () => undefined },
  passesYaml("feature re-dumped by js-yaml", F("foo"), () => undefined),
  passesYaml("segment re-dumped by js-yaml (dates stay timestamps)", S("blackFridayWeekend"), () => undefined),
  passes(
    "extra property in a plain condition (featurevisor conditions are not strict)",
    S("desktop"),
    "value: desktop\n",
    "value: desktop\n    note: hi\n",
  ),
  passes(
    "single condition object instead of a list",
    S("desktop"),
    "conditions:\n  - attribute: device\n    operator: equals\n    value: desktop\n",
    "conditions:\n  attribute: device\n  operator: equals\n  value: desktop\n",
  ),
  passes(
    "rule with a description and enabled false",
    F("redesign"),
    "percentage: 100\n\n",
    "percentage: 100\n        description: off for now\n        enabled: false\n\n",
  ),
  passes("deprecated required feature", F("sidebar"), "bucketBy: userId\n", "bucketBy: userId\ndeprecated: true\n"),
  passes("archived segment still referenced", S("germany"), "archived: false", "archived: true"),
  passes("feature tags none of which is declared", F("redesign"), "  - all\n", "  - marketing\n"),
  passes(
    "rule after an everyone rule",
    F("redesign"),
    "segments: netherlands\n        percentage: 100\n",
    'segments: "*"\n        percentage: 100\n      - key: "2"\n        segments: netherlands\n        percentage: 100\n',
  ),
  passes("attribute type semver", A("version"), "type: string", "type: semver"),
  passes("bucketBy as a list of two", F("redesign"), "bucketBy: userId", "bucketBy:\n  - userId\n  - device"),
  passes(
    "group slot without a feature",
    GROUP,
    "feature: qux\n    percentage: 50\n",
    "feature: qux\n    percentage: 50\n  - percentage: 0\n",
  ),
  {
    name: "weights with decimals summing to 100",
    files: [F("sidebar")],
    featurevisor: "pass",
    apply: (p) => {
      p.replace(F("sidebar"), "weight: 10", "weight: 10.5");
      p.replace(F("sidebar"), "weight: 90", "weight: 89.5\n    description: most");
    },
  },
  {
    name: "YAML anchor and alias for an environment",
    featurevisor: "pass",
    apply: (p) =>
      p.write(
        F("redesign"),
        'description: d\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging: &env\n    rules:\n      - key: "1"\n        segments: "*"\n        percentage: 100\n  production: *env\n',
      ),
  },
  {
    name: "YAML merge key in a rule",
    featurevisor: "pass",
    apply: (p) =>
      p.write(
        F("redesign"),
        'description: d\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules:\n      - &base\n        key: "1"\n        segments: "*"\n        percentage: 100\n  production:\n    rules:\n      - <<: *base\n        percentage: 50\n',
      ),
  },
  passes("date-only timestamp in after", S("blackFridayWeekend"), "value: 2023-11-24T00:00:00Z", "value: 2023-11-24"),
  passes("space-separated timestamp in before", S("blackFridayWeekend"), "value: 2023-11-27T00:00:00Z", "value: 2023-11-27 00:00:00Z"),
  passes("equals with a date value", S("desktop"), "value: desktop", "value: 2023-01-01T00:00:00Z"),
  passes("in with an empty list", S("qa"), 'value:\n      - "user-1"\n      - "user-2"', "value: []"),
  // Warnings only: Flaglens flags these operator/attribute combinations as suspicious, never as errors.
  passes(
    "startsWith on an integer attribute",
    S("adult"),
    "operator: greaterThanOrEquals\n    value: 18",
    'operator: startsWith\n    value: "1"',
  ),
  passes(
    "boolean attribute compared to a string",
    S("desktop"),
    "attribute: device\n    operator: equals\n    value: desktop",
    'attribute: loggedIn\n    operator: equals\n    value: "true"',
  ),
  passes("bucketBy star", F("redesign"), "bucketBy: userId", 'bucketBy: "*"'),
  passes("empty and group", F("redesign"), "segments: netherlands", "segments:\n          and: []"),
  passesYaml("empty rules list", F("redesign"), (d) => {
    d.environments.production.rules = [];
  }),
  passes("empty tags list", F("redesign"), "tags:\n  - all\n", "tags: []\n"),
  passes(
    "override with conditions",
    F("foo"),
    "- segments: netherlands\n",
    "- conditions:\n              - attribute: country\n                operator: equals\n                value: nl\n",
  ),
  passes("test at as text (matrix placeholder)", T("redesign"), "at: 40", "at: forty"),
  passes("test environment from a matrix", T("redesign"), "environment: production", 'environment: "${{ env }}"'),
  {
    name: "test file removed",
    featurevisor: "pass",
    apply: (p) => p.remove(T("foo")),
  },
  {
    name: "new attribute file",
    featurevisor: "pass",
    apply: (p) => p.write(A("plan"), "description: billing plan\ntype: string\n"),
  },
  {
    name: "new feature with expose tag list",
    featurevisor: "pass",
    apply: (p) =>
      p.write(F("newThing"), p.read(F("showBanner")).replace("description: for testing expose property with tags", "description: copy")),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Edge cases of YAML loading and value shapes that featurevisor rejects.
// ---------------------------------------------------------------------------------------------------------

const edgeFailures: Mutation[] = [
  { name: "empty feature file", files: [F("hidden")], featurevisor: "fail", apply: (p) => p.write(F("hidden"), "") },
  {
    name: "two YAML documents in a feature file",
    files: [F("hidden")],
    featurevisor: "fail",
    apply: (p) => p.write(F("hidden"), p.read(F("hidden")) + "---\ndescription: second\n"),
  },
  // js-yaml 4 (YAML 1.2 core schema) reads `yes` as a string, not a boolean.
  breaks("yes where a boolean is expected", F("redesign"), "percentage: 100\n\n", "percentage: 100\n        enabled: yes\n\n"),
  breaks("bucketBy with and", F("baz"), "  or:\n", "  and:\n"),
  breaks("condition attribute star", S("desktop"), "attribute: device", 'attribute: "*"'),
  breaks(
    "not with a string instead of a list",
    F("footer"),
    "          - not:\n              - version_5.5\n",
    "          - not: version_5.5\n",
  ),
  breaks(
    "and and or in one segment group",
    F("foo"),
    "          and:\n            - mobile\n",
    "          or:\n            - mobile\n          and:\n            - mobile\n",
  ),
  breaksYaml("environment with expose but no rules", F("hidden"), (d) => {
    delete d.environments.production.rules;
  }),
  breaks("missing tags", F("redesign"), "tags:\n  - all\n", ""),
  breaks(
    "force with both segments and conditions",
    F("showPopup"),
    "- segments: qa\n",
    "- segments: qa\n        conditions:\n          - attribute: userId\n            operator: equals\n            value: x\n",
  ),
  breaks("force with neither segments nor conditions", F("showPopup"), "- segments: qa\n        enabled: true", "- enabled: true"),
  breaks(
    "override with both segments and conditions",
    F("foo"),
    "- segments: netherlands\n",
    "- segments: netherlands\n            conditions:\n              - attribute: country\n                operator: equals\n                value: nl\n",
  ),
  // featurevisor's variable values allow arrays of strings only.
  breaks(
    "array variable with numbers",
    F("checkout"),
    "      - visa\n      - mastercard\n\nenvironments",
    "      - 1\n      - 2\n\nenvironments",
  ),
  breaks("variable default null", F("checkout"), "defaultValue: false", "defaultValue: null"),
  breaksYaml("rule variables as a list", F("sidebar"), (d) => {
    d.environments.production.rules[0].variables = [{ key: "title", value: "x" }];
  }),
  breaks("equals with an object value", S("desktop"), "value: desktop", "value: { a: 1 }"),
  breaks("unknown tag in expose", F("showBanner"), "      - checkout\n", "      - checkoutt\n"),
  breaks("variation without a weight", F("bar"), "  - value: c\n    weight: 34\n", "  - value: c\n"),
  breaks("test assertion without context", T("redesign"), "    context:\n      country: nl\n", ""),
  breaks("segment test with expectedToBeEnabled", T("germany"), "expectedToMatch: true", "expectedToBeEnabled: true"),
  {
    name: "invalid test file name",
    files: ["tests/bad name.spec.yml"],
    featurevisor: "fail",
    apply: (p) => p.write("tests/bad name.spec.yml", p.read(T("redesign"))),
  },
  {
    name: "non-ASCII feature file name",
    files: ["features/größe.yml"],
    featurevisor: "fail",
    apply: (p) => p.write("features/größe.yml", p.read(F("hidden"))),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Project layout. featurevisor 1.11.1 lists entities with a non-recursive readdir filtered on ".yml": files in
// subfolders and ".yaml" files are not part of the project, and `countries/nl` is no segment key.
// ---------------------------------------------------------------------------------------------------------

const layout: Mutation[] = [
  {
    name: "broken feature in a .yaml file (not read by featurevisor)",
    featurevisor: "pass",
    difference: { reason: LAYOUT, flaglens: "errors" },
    apply: (p) => p.write("features/broken.yaml", "description: 5\n"),
  },
  {
    name: "broken feature in a subfolder (not read by featurevisor)",
    featurevisor: "pass",
    difference: { reason: LAYOUT, flaglens: "errors" },
    apply: (p) => p.write("features/old/broken.yml", "description: 5\n"),
  },
  {
    name: "rule referencing a segment in a subfolder",
    files: [F("redesign")],
    featurevisor: "fail",
    difference: { reason: LAYOUT, flaglens: "clean" },
    apply: (p) => {
      p.write("segments/countries/nl.yml", p.read(S("netherlands")));
      p.replace(F("redesign"), "segments: netherlands", "segments: countries/nl");
    },
  },
  {
    name: "non-YAML file among features",
    featurevisor: "pass",
    apply: (p) => p.write("features/README.md", "# features\n\nnot: [valid\n"),
  },
  { name: "dotted feature file name", featurevisor: "pass", apply: (p) => p.write("features/my.feature.yml", p.read(F("hidden"))) },
];

// ---------------------------------------------------------------------------------------------------------
// A generated family: delete each entity in turn. Whether featurevisor fails depends on who references the
// entity (tests, required, group slots, segments, bucketBy), which is exactly what Flaglens must agree on.
// The verdict is not pinned: the two linters just have to agree.
// ---------------------------------------------------------------------------------------------------------

const DELETED = {
  // Unreferenced (loggedIn, adult, hidden) and referenced from segments, features, tests, groups, `required`.
  attributes: ["age", "loggedIn", "userId"],
  segments: ["adult", "germany", "qa", "unknownDevice"],
  features: ["bar", "hidden", "redesign", "sidebar"],
};

const deletions: Mutation[] = [
  ...DELETED.attributes.map((k): Mutation => ({ name: `delete attribute ${k}`, apply: (p) => p.remove(A(k)) })),
  ...DELETED.segments.map((k): Mutation => ({ name: `delete segment ${k}`, apply: (p) => p.remove(S(k)) })),
  ...DELETED.features.map((k): Mutation => ({ name: `delete feature ${k}`, apply: (p) => p.remove(F(k)) })),
  { name: "delete group myExclusionGroup", apply: (p) => p.remove(GROUP) },
];

export const MUTATIONS: readonly Mutation[] = [
  ...controls,
  ...brokenReferences,
  ...badTypes,
  ...outOfRange,
  ...unknownKeys,
  ...yamlErrors,
  ...structural,
  ...edgeFailures,
  ...layout,
  ...extraChecks,
  ...deletions,
];

/**
 * Mutations featurevisor 1.11.1 accepts but Flaglens rejects on purpose, with the code that must appear.
 * Flaglens checks what featurevisor only discovers at build or evaluation time (or never).
 */
export const EXTRA_CHECKS: Readonly<Record<string, string>> = {
  "variation weights summing to 140": "weights-sum",
  "variation weights summing to 90": "weights-sum",
  "rule variation that does not exist": "unknown-variation",
  "force variation that does not exist": "unknown-variation",
  "required variation that does not exist": "unknown-variation",
  "boolean variable with a string default": "variable-type",
  "rule sets a boolean variable to a string": "variable-type",
  "variation sets an array variable to a string": "variable-type",
  "integer variable with a decimal": "variable-type",
  "double variable with a string": "variable-type",
  "object variable with a string": "variable-type",
  "json variable with an invalid JSON string": "variable-type",
  "json variable with an object default": "variable-type",
  "rule sets an undeclared variable": "unknown-variable",
  "variation sets an undeclared variable": "unknown-variable",
  "semver operator with a non-version string": "operator-value",
  "test expects a variation that does not exist": "unknown-variation",
  "test expects an undeclared variable": "unknown-variable",
  "feature in two group slots": "multiple-groups",
};
