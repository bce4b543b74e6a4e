// Mutations for the differential test against the real 2.27 and 3.1 linters (../shared/oracles): generated
// families over each version's example project (mutationFamilies.ts), plus hand-written cases for what the
// families do not reach (operators, duplicate keys, YAML errors, test assertions, targets, sets, slash
// namespaces, TOML). Each mutation names the fixture it edits. Every difference from the oracle is in
// differences.ts, with its reason.

import { SHARED_FIXTURES } from "../support/skip";
import { generateFamilies } from "./mutationFamilies";
import type { Mutation, ProjectEditor, YamlMap } from "./mutations";

/** The cap per generated family: about 115 generated cases per version (150 and more with the hand-written ones) keeps each version near two minutes. */
const FAMILY_LIMIT = 9;

function breaks(fixture: string, name: string, file: string, from: string, to: string): Mutation {
  return { name, fixture, files: [file], featurevisor: "fail", apply: (p) => p.replace(file, from, to) };
}

function breaksYaml(fixture: string, name: string, file: string, edit: (d: YamlMap) => void): Mutation {
  return { name, fixture, files: [file], featurevisor: "fail", apply: (p) => p.editYaml(file, edit) };
}

function passes(fixture: string, name: string, apply: (p: ProjectEditor) => void): Mutation {
  return { name, fixture, featurevisor: "pass", apply };
}

/** A segment file's conditions replaced by one condition. */
function condition(fixture: string, name: string, c: YamlMap, verdict: "fail" | "pass"): Mutation {
  const file = "segments/desktop.yml";
  return { name, fixture, files: [file], featurevisor: verdict, apply: (p) => p.editYaml(file, (d) => (d.conditions = [c])) };
}

/** Cases both versions share, on their example-1 project (same data, `/` or `.` namespaces aside). */
function common(fixture: string, v: string): Mutation[] {
  const F = "features/foo.yml";
  const T = "tests/features/foo.spec.yml";
  return [
    passes(fixture, `${v}: unmutated project`, () => undefined),
    passes(fixture, `${v}: feature re-dumped by js-yaml`, (p) => p.editYaml(F, () => undefined)),
    breaksYaml(fixture, `${v}: misspelt environment in rules`, F, (d) => {
      d.rules.stagingZz = d.rules.staging;
      delete d.rules.staging;
    }),
    breaksYaml(fixture, `${v}: misspelt environment in force`, F, (d) => {
      d.force.stagingZz = d.force.staging;
      delete d.force.staging;
    }),
    breaksYaml(fixture, `${v}: tag not in the config`, F, (d) => (d.tags[0] = "notATag")),
    condition(fixture, `${v}: exists with a value`, { attribute: "device", operator: "exists", value: "x" }, "fail"),
    condition(fixture, `${v}: notExists with a value`, { attribute: "device", operator: "notExists", value: "x" }, "fail"),
    condition(fixture, `${v}: exists without a value`, { attribute: "device", operator: "exists" }, "pass"),
    condition(fixture, `${v}: unknown operator`, { attribute: "device", operator: "equalz", value: "x" }, "fail"),
    condition(fixture, `${v}: greaterThan with a string`, { attribute: "age", operator: "greaterThan", value: "x" }, "fail"),
    condition(fixture, `${v}: in with a string`, { attribute: "device", operator: "in", value: "x" }, "fail"),
    condition(fixture, `${v}: equals without a value`, { attribute: "device", operator: "equals" }, "fail"),
    condition(fixture, `${v}: before with a number`, { attribute: "date", operator: "before", value: 5 }, "fail"),
    breaks(fixture, `${v}: duplicate root key`, F, "bucketBy: userId\n", "bucketBy: userId\ndescription: again\n"),
    breaks(fixture, `${v}: unclosed flow sequence`, F, "bucketBy: userId\n", "bucketBy: [userId\n"),
    breaks(fixture, `${v}: tab indentation`, F, "\n  - all\n", "\n\t- all\n"),
    breaks(fixture, `${v}: duplicate key in a test`, T, "feature: foo\n", "feature: foo\nfeature: foo\n"),
    breaks(fixture, `${v}: yaml error in a segment`, "segments/desktop.yml", "conditions:", "conditions: [\n"),
    breaksYaml(fixture, `${v}: percentage 101`, F, (d) => (d.rules.staging[0].percentage = 101)),
    breaksYaml(fixture, `${v}: percentage as a string`, F, (d) => (d.rules.staging[0].percentage = "100")),
    breaksYaml(fixture, `${v}: weights as strings`, F, (d) => (d.variations[0].weight = "50")),
    breaksYaml(fixture, `${v}: duplicate rule keys`, F, (d) => (d.rules.production[1].key = d.rules.production[0].key)),
    breaksYaml(fixture, `${v}: missing rule key`, F, (d) => delete d.rules.production[0].key),
    breaksYaml(fixture, `${v}: unknown property in a rule`, F, (d) => (d.rules.production[0].weight = 5)),
    breaksYaml(fixture, `${v}: variable of the wrong type in a rule`, F, (d) => (d.rules.production[0].variables.qux = "yes")),
    breaksYaml(fixture, `${v}: undeclared variable in a rule`, F, (d) => (d.rules.production[0].variables.quux = true)),
    breaksYaml(fixture, `${v}: test at 101`, T, (d) => (d.assertions[0].at = 101)),
    breaksYaml(fixture, `${v}: test without at`, T, (d) => delete d.assertions[0].at),
    passes(fixture, `${v}: sticky without enabled, keys the runner ignores in sticky and children`, (p) =>
      p.editYaml(T, (d) => {
        d.assertions[0].sticky = { foo: { variation: "control", extra: 1 } };
        d.assertions[0].children = [{ context: { country: "nl" }, anything: 1 }];
      }),
    ),
    breaksYaml(fixture, `${v}: test expectedToBeEnabled as a string`, T, (d) => (d.assertions[0].expectedToBeEnabled = "yes")),
    breaksYaml(fixture, `${v}: unknown property in a test assertion`, T, (d) => (d.assertions[0].expectToBeEnabled = true)),
    breaksYaml(fixture, `${v}: test names an unknown environment`, T, (d) => (d.assertions[0].environment = "prod")),
    breaksYaml(fixture, `${v}: test expects an unknown variation`, T, (d) => (d.assertions[0].expectedVariation = "nope")),
    breaksYaml(fixture, `${v}: test expects an undeclared variable`, T, (d) => (d.assertions[0].expectedVariables = { nope: 1 })),
    ...variableMutations(fixture, v),
    ...attributeKeys(fixture, v),
  ];
}

/** bucketBy and conditions naming attributes by a dotted path, and an attribute kept in a subfolder. */
function attributeKeys(fixture: string, v: string): Mutation[] {
  const F = "features/foo.yml";
  const S = "segments/desktop.yml";
  const sub = v === "3.1" ? "user.id" : "user/id";
  const withSub = (p: ProjectEditor) => p.write("attributes/user/id.yml", "description: User id\ntype: string\n");
  return [
    breaks(fixture, `${v}: bucketBy with a dot and no such attribute`, F, "bucketBy: userId", "bucketBy: user.id"),
    breaks(fixture, `${v}: bucketBy names a property of a string attribute`, F, "bucketBy: userId", "bucketBy: userId.x"),
    passes(fixture, `${v}: bucketBy names a declared property of an object attribute`, (p) =>
      p.replace(F, "bucketBy: userId", "bucketBy: account.plan"),
    ),
    passes(fixture, `${v}: bucketBy names an attribute of a subfolder`, (p) => {
      withSub(p);
      p.replace(F, "bucketBy: userId", `bucketBy: ${sub}`);
    }),
    {
      name: `${v}: a condition names an attribute of a subfolder`,
      fixture,
      files: [S],
      // With "/" (2.27) the key has no dot; with 3.1's "." a condition reads "user.id" as the property "id" of "user".
      featurevisor: v === "3.1" ? "fail" : "pass",
      apply: (p) => {
        withSub(p);
        p.replace(S, "attribute: device", `attribute: ${sub}`);
      },
    },
  ];
}

/** Variable mutations (2.14 and later): keys and override path maps of features/withMutations.yml. */
function variableMutations(fixture: string, v: string): Mutation[] {
  const M = "features/withMutations.yml";
  const edit = (name: string, from: string, to: string) => breaks(fixture, `${v}: mutation ${name}`, M, from, to);
  const accepted = (name: string, from: string, to: string) => passes(fixture, `${v}: mutation ${name}`, (p) => p.replace(M, from, to));
  return [
    edit("path not in the schema", '"config.width": 1500', '"config.nope": 1500'),
    edit("value of the wrong type at a path", '"config.width": 1500', '"config.width": "wide"'),
    edit(":append to a string", '"tags:append": "extra"', '"title:append": "extra"'),
    edit(":append of the wrong item type", '"tags:append": "extra"', '"tags:append": 5'),
    edit(":remove of a required property", '"items[2]:remove": null', '"page.mainLink:remove": null'),
    edit(":remove of an element without null in an override", '"[0].name": "Erste"', '"[0]:remove": 1'),
    edit(
      "deep path with a value of the wrong type",
      '"deep.level1.level2.level3.value": "mobile-eu"',
      '"deep.level1.level2.level3.value": 5',
    ),
    edit("override path not in the schema", '"display.fontSize": 20', '"display.nope": 20'),
    edit("override path with a value of the wrong type", '"display.fontSize": 20', '"display.fontSize": "big"'),
    edit("override keyed by a path", "      settings:\n        - segments", "      settings.display:\n        - segments"),
    edit("key that starts with an index", '"config.width": 1500', '"[0]": 1500'),
    accepted(":after on a property (a no-op the linters accept)", '"config.width": 1500', '"config.width:after": 1500'),
    accepted(":prepend to an array property", '"config.width": 1500', '"mixed.config.tags:prepend": "w"'),
    accepted(":remove of an optional property", '"config.width": 1500', '"config.width:remove": null'),
    accepted("selector with quotes", '"config.width": 1500', '"items[id=\'3\'].name": "Drei"'),
    accepted("override path into a schema reference", '"display.fontSize": 20', '"display.theme": "dark"'),
  ];
}

/** 3.1 only: targets, sets, the `/` namespace and TOML. */
function v31Only(): Mutation[] {
  const TG = "v3.1-example-targets";
  const SETS = "v3.1-example-sets";
  const SLASH = "v3.1-example-namespace-slash";
  const TOML = "v3.1-example-toml";
  return [
    passes(TG, "3.1 targets: unmutated project", () => undefined),
    breaks(TG, "3.1 targets: unknown tag", "targets/android.yml", "tag: android", "tag: androidZz"),
    breaks(TG, "3.1 targets: unknown property", "targets/android.yml", "tag: android\n", "tag: android\nowner: web\n"),
    // 3.1 accepts a build-time context key that no attribute file declares; Flaglens must accept it too.
    passes(TG, "3.1 targets: context key that no attribute declares", (p) =>
      p.replace("targets/android.yml", "platform: android", "platformZz: android"),
    ),
    breaks(TG, "3.1 targets: tag in an and group unknown", "targets/web-and-mobile.yml", "    - ios\n", "    - iosZz\n"),
    breaks(TG, "3.1 targets: includeFeatures as a number", "targets/browsers.yml", 'includeFeatures: "*"', "includeFeatures: 5"),
    breaks(TG, "3.1 targets: missing description", "targets/android.yml", "description: Android target\n", ""),
    breaks(TG, "3.1 targets: tag and tags together", "targets/android.yml", "tag: android\n", "tag: android\ntags:\n  or: [ios]\n"),
    passes(SETS, "3.1 sets: unmutated project", () => undefined),
    breaks(SETS, "3.1 sets: segment of the other set", "sets/admin/features/promoBanner.yml", 'segments: "*"', "segments: netherlands"),
    ...generateFamilies(SHARED_FIXTURES, SETS, "3.1 sets admin", 3, "sets/admin/"),
    passes(SLASH, "3.1 slash: unmutated project", () => undefined),
    breaks(SLASH, "3.1 slash: dotted attribute key", "features/account/dashboard.yml", "bucketBy: user/id", "bucketBy: user.id"),
    ...generateFamilies(SHARED_FIXTURES, SLASH, "3.1 slash", 3),
    passes(TOML, "3.1 toml: unmutated project", () => undefined),
    breaks(TOML, "3.1 toml: misspelt segment", "features/showCookieBanner.toml", '[ "netherlands" ]', '[ "netherlandz" ]'),
    breaks(TOML, "3.1 toml: syntax error", "features/showCookieBanner.toml", 'bucketBy = "userId"', "bucketBy = userId"),
  ];
}

function v227Only(): Mutation[] {
  const TOML = "v2.27-toml";
  return [
    passes(TOML, "2.27 toml: unmutated project", () => undefined),
    breaks(TOML, "2.27 toml: misspelt segment", "features/showCookieBanner.toml", '[ "netherlands" ]', '[ "netherlandz" ]'),
    breaks(TOML, "2.27 toml: syntax error", "features/showCookieBanner.toml", 'bucketBy = "userId"', "bucketBy = userId"),
    breaksYaml(
      "v2.27-example-1",
      "2.27: test without environment",
      "tests/features/foo.spec.yml",
      (d) => delete d.assertions[0].environment,
    ),
    breaksYaml(
      "v2.27-no-environments",
      "2.27 no environments: a test names an environment",
      "tests/showCookieBanner.feature.yml",
      (d) => (d.assertions[0].environment = "production"),
    ),
  ];
}

export const MUTATIONS_V2_27: Mutation[] = [
  ...common("v2.27-example-1", "2.27"),
  ...v227Only(),
  ...generateFamilies(SHARED_FIXTURES, "v2.27-example-1", "2.27", FAMILY_LIMIT),
];

export const MUTATIONS_V3_1: Mutation[] = [
  ...common("v3.1-example-1", "3.1"),
  ...v31Only(),
  ...generateFamilies(SHARED_FIXTURES, "v3.1-example-1", "3.1", FAMILY_LIMIT),
];
