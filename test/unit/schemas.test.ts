import * as assert from "node:assert/strict";
import { requireShared } from "../support/skip";
import * as fs from "node:fs";
import * as path from "node:path";

import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { load } from "js-yaml";

/**
 * Tests for the JSON Schemas in schemas/v1, schemas/v2 and schemas/v3: they must accept
 * every file of the real Featurevisor example projects and reject bad input
 * with the keyword and instance path that Flaglens turns into a diagnostic.
 */

type Format = "v1" | "v2" | "v3";
type Entity = "attribute" | "segment" | "feature" | "group" | "test" | "schema" | "environment" | "target";

type JsonObject = { [key: string]: unknown };

const SCHEMAS_DIR = path.join(process.cwd(), "schemas");
const SHARED_DIR = process.env.FLAGLENS_SHARED ?? path.resolve(process.cwd(), "../shared");
const FIXTURES_DIR = path.join(SHARED_DIR, "fixtures", "featurevisor");

const ENTITIES: Record<Format, Entity[]> = {
  v1: ["attribute", "segment", "feature", "group", "test"],
  v2: ["attribute", "segment", "feature", "group", "test", "schema", "environment"],
  v3: ["attribute", "segment", "feature", "group", "test", "schema", "target"],
};

const FIXTURE_PROJECTS: { name: string; format: Format }[] = [
  { name: "v1-example-1", format: "v1" },
  { name: "v1.35-example-1", format: "v1" },
  { name: "v2-example-1", format: "v2" },
  { name: "v2.27-example-1", format: "v2" },
  { name: "v2.27-split-environments", format: "v2" },
  { name: "v2.27-no-environments", format: "v2" },
  { name: "v3.1-example-1", format: "v3" },
  { name: "v3.1-example-targets", format: "v3" },
  { name: "v3.1-example-namespace-slash", format: "v3" },
  { name: "v3.1-example-no-environments", format: "v3" },
  { name: "v3.1-example-yml", format: "v3" },
];

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

function readSchemaFiles(format: Format): Map<string, JsonObject> {
  const dir = path.join(SCHEMAS_DIR, format);
  const schemas = new Map<string, JsonObject>();
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith(".schema.json")) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      schemas.set(file, JSON.parse(text) as JsonObject);
    }
  }
  return schemas;
}

function createValidators(format: Format): Map<Entity, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const schema of readSchemaFiles(format).values()) {
    ajv.addSchema(schema);
  }
  const validators = new Map<Entity, ValidateFunction>();
  for (const entity of ENTITIES[format]) {
    const validate = ajv.getSchema(`${entity}.schema.json`);
    assert.ok(validate, `schemas/${format}/${entity}.schema.json is missing`);
    validators.set(entity, validate);
  }
  return validators;
}

const validatorCache = new Map<Format, Map<Entity, ValidateFunction>>();

function validatorFor(format: Format, entity: Entity): ValidateFunction {
  let validators = validatorCache.get(format);
  if (!validators) {
    validators = createValidators(format);
    validatorCache.set(format, validators);
  }
  const validate = validators.get(entity);
  assert.ok(validate, `no ${entity} schema for ${format}`);
  return validate;
}

function validate(format: Format, entity: Entity, document: unknown): ErrorObject[] {
  const fn = validatorFor(format, entity);
  return fn(document) ? [] : [...(fn.errors ?? [])];
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || "/"} ${error.keyword}: ${error.message ?? ""} ${JSON.stringify(error.params)}`;
}

/** Removes the common indentation of a template literal, so YAML can be indented in the code. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length);
  const indent = Math.min(...indents);
  return lines.map((line) => line.slice(indent)).join("\n") + "\n";
}

function parseYaml(text: string): unknown {
  return load(dedent(text));
}

function listYamlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...listYamlFiles(full));
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files.sort();
}

/** Which entity a project file is, from its folder; undefined for files no schema covers. */
function entityOfFile(format: Format, relativePath: string): Entity | undefined {
  const parts = relativePath.split(/[\\/]/);
  switch (parts[0]) {
    case "attributes":
      return "attribute";
    case "segments":
      return "segment";
    case "features":
      return "feature";
    case "groups":
      return "group";
    case "tests":
      return "test";
    case "schemas":
      return format === "v1" ? undefined : "schema";
    case "targets":
      return format === "v3" ? "target" : undefined;
    case "environments":
      // environments/<environment>/<feature key>.yml
      return format === "v2" && parts.length >= 3 ? "environment" : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// schema files themselves
// ---------------------------------------------------------------------------

const SCHEMA_KEYWORDS_WITH_SUBSCHEMA = ["items", "additionalProperties", "not", "if", "then", "else"];
const SCHEMA_KEYWORDS_WITH_SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];
const SCHEMA_KEYWORDS_WITH_SUBSCHEMA_MAPS = ["definitions", "dependencies"];

function resolveRef(schemas: Map<string, JsonObject>, currentFile: string, ref: string): JsonObject | undefined {
  const [file, pointer = ""] = ref.split("#");
  let node: unknown = schemas.get(file === "" ? currentFile : file);
  for (const token of pointer.split("/").filter(Boolean)) {
    node = (node as JsonObject | undefined)?.[token];
  }
  return node as JsonObject | undefined;
}

/** Every property schema reachable in a schema file, with a readable location. */
function collectProperties(schema: unknown, location: string, found: { location: string; schema: unknown }[]): void {
  if (typeof schema !== "object" || schema === null) {
    return;
  }
  const node = schema as JsonObject;
  const properties = node.properties;
  if (typeof properties === "object" && properties !== null) {
    for (const [name, sub] of Object.entries(properties)) {
      found.push({ location: `${location}/properties/${name}`, schema: sub });
      collectProperties(sub, `${location}/properties/${name}`, found);
    }
  }
  for (const keyword of SCHEMA_KEYWORDS_WITH_SUBSCHEMA) {
    collectProperties(node[keyword], `${location}/${keyword}`, found);
  }
  for (const keyword of SCHEMA_KEYWORDS_WITH_SUBSCHEMA_LISTS) {
    const list = node[keyword];
    if (Array.isArray(list)) {
      list.forEach((sub, i) => collectProperties(sub, `${location}/${keyword}/${i}`, found));
    }
  }
  for (const keyword of SCHEMA_KEYWORDS_WITH_SUBSCHEMA_MAPS) {
    const map = node[keyword];
    if (typeof map === "object" && map !== null) {
      for (const [name, sub] of Object.entries(map)) {
        collectProperties(sub, `${location}/${keyword}/${name}`, found);
      }
    }
  }
}

for (const format of ["v1", "v2", "v3"] as Format[]) {
  describe(`schemas/${format}: schema files`, function () {
    let schemas = new Map<string, JsonObject>();

    before(function () {
      schemas = readSchemaFiles(format);
    });

    it("has one draft-07 schema per entity, each with $id equal to its file name", function () {
      for (const entity of ENTITIES[format]) {
        assert.ok(schemas.has(`${entity}.schema.json`), `missing ${entity}.schema.json`);
      }
      for (const [file, schema] of schemas) {
        assert.equal(schema.$id, file, `${file}: $id`);
        assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#", `${file}: $schema`);
      }
    });

    it("compiles in ajv with every relative $ref resolved", function () {
      const validators = createValidators(format);
      assert.equal(validators.size, ENTITIES[format].length);
    });

    it("gives every entity root a title and a description", function () {
      for (const entity of ENTITIES[format]) {
        const schema = schemas.get(`${entity}.schema.json`)!;
        assert.equal(typeof schema.title, "string", `${entity}: title`);
        assert.equal(typeof schema.description, "string", `${entity}: description`);
      }
    });

    it("documents every property with a one-sentence description", function () {
      const undocumented: string[] = [];
      for (const [file, schema] of schemas) {
        const found: { location: string; schema: unknown }[] = [];
        collectProperties(schema, file, found);
        for (const { location, schema: property } of found) {
          if (typeof property === "boolean") {
            continue; // bare `true`: only used to list an allowed name next to its documented twin
          }
          const node = property as JsonObject;
          const target =
            typeof node.description === "string" ? node : typeof node.$ref === "string" ? resolveRef(schemas, file, node.$ref) : undefined;
          const description = target?.description;
          if (typeof description !== "string" || !/^\S.*[.)]$/.test(description)) {
            undocumented.push(location);
          }
        }
      }
      assert.deepEqual(undocumented, []);
    });
  });
}

// ---------------------------------------------------------------------------
// the real example projects
// ---------------------------------------------------------------------------

describe("schemas: Featurevisor example projects", function () {
  if (!fs.existsSync(FIXTURES_DIR)) {
    it("need the ../shared fixtures", function () {
      requireShared(this);
    });
    return;
  }

  for (const project of FIXTURE_PROJECTS) {
    describe(`${project.name} (${project.format})`, function () {
      const root = path.join(FIXTURES_DIR, project.name);

      if (!fs.existsSync(root)) {
        it("is present", function () {
          assert.fail(`fixture project ${root} is missing`);
        });
        return;
      }

      const filesByEntity = new Map<Entity, string[]>();
      for (const file of listYamlFiles(root)) {
        const entity = entityOfFile(project.format, path.relative(root, file));
        if (entity) {
          filesByEntity.set(entity, [...(filesByEntity.get(entity) ?? []), file]);
        }
      }

      it("has files for the main entities", function () {
        for (const entity of ["attribute", "segment", "feature", "test"] as Entity[]) {
          assert.ok(filesByEntity.has(entity), `no ${entity} files found`);
        }
      });

      for (const [entity, files] of filesByEntity) {
        it(`accepts all ${files.length} ${entity} file(s)`, function () {
          const failures: string[] = [];
          for (const file of files) {
            const document = load(fs.readFileSync(file, "utf8"));
            for (const error of validate(project.format, entity, document)) {
              failures.push(`${path.relative(root, file)}: ${describeError(error)}`);
            }
          }
          assert.deepEqual(failures, []);
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------
// small documents written here
// ---------------------------------------------------------------------------

interface ValidCase {
  title: string;
  format: Format;
  entity: Entity;
  yaml: string;
}

const VALID_CASES: ValidCase[] = [
  {
    title: "v1 attribute",
    format: "v1",
    entity: "attribute",
    yaml: `
      description: Country
      type: string
      capture: true
    `,
  },
  {
    title: "v1 segment with nested and/or/not conditions",
    format: "v1",
    entity: "segment",
    yaml: `
      description: Dutch or Belgian adults
      conditions:
        and:
          - attribute: age
            operator: greaterThanOrEquals
            value: 18
          - or:
              - attribute: country
                operator: in
                value: [nl, be]
              - not:
                  - attribute: signedUpAt
                    operator: before
                    value: 2023-11-24T00:00:00Z
    `,
  },
  {
    title: "v1 feature",
    format: "v1",
    entity: "feature",
    yaml: `
      description: Checkout redesign
      tags: [all, checkout-v2]
      bucketBy:
        or: [userId, deviceId]
      required:
        - sidebar
        - key: payments
          variation: treatment
      variablesSchema:
        - key: color
          type: string
          defaultValue: red
          deprecated: true
      variations:
        - value: control
          weight: 50
        - value: treatment
          weight: 50
          variables:
            - key: color
              value: blue
              overrides:
                - segments:
                    or: [germany, switzerland]
                  value: yellow
                - conditions:
                    - attribute: country
                      operator: equals
                      value: nl
                  value: orange
      environments:
        staging:
          expose: [checkout-v2]
          force:
            - segments: qa
              enabled: true
            - conditions:
                - attribute: userId
                  operator: equals
                  value: "123"
              variation: treatment
              variables:
                color: green
          rules:
            - key: "1"
              segments: "*"
              percentage: 100
        production:
          expose: false
          rules:
            - key: mobile
              segments:
                and: [mobile, { not: [germany] }]
              percentage: 12.5
              variables:
                color: purple
            - key: everyone
              segments: "*"
              percentage: 0
    `,
  },
  {
    title: "v1 group",
    format: "v1",
    entity: "group",
    yaml: `
      description: Exclusive experiments
      slots:
        - feature: bar
          percentage: 50
        - percentage: 50
    `,
  },
  {
    title: "v1 feature test with a matrix",
    format: "v1",
    entity: "test",
    yaml: `
      feature: checkout
      assertions:
        - matrix:
            at: [10, 20]
            country: [nl, de]
          at: \${{ at }}
          environment: production
          context:
            country: \${{ country }}
          expectedToBeEnabled: true
          expectedVariation: control
          expectedVariables:
            color: red
    `,
  },
  {
    title: "v1 segment test",
    format: "v1",
    entity: "test",
    yaml: `
      segment: netherlands
      assertions:
        - description: Dutch users
          context:
            country: nl
          expectedToMatch: true
    `,
  },
  {
    title: "v2 attribute with nested properties",
    format: "v2",
    entity: "attribute",
    yaml: `
      description: Browser
      type: object
      properties:
        name:
          type: string
          enum: [chrome, firefox]
        version:
          type: semver
      required: [name]
    `,
  },
  {
    title: "v2 attribute with oneOf instead of type",
    format: "v2",
    entity: "attribute",
    yaml: `
      description: Version
      oneOf:
        - type: string
        - type: double
    `,
  },
  {
    title: "v2 segment for everyone",
    format: "v2",
    entity: "segment",
    yaml: `
      description: Everyone
      conditions: "*"
    `,
  },
  {
    title: "v2 segment with exists and matches",
    format: "v2",
    entity: "segment",
    yaml: `
      description: Chrome users with a user id
      conditions:
        - attribute: userId
          operator: exists
        - attribute: browser.name
          operator: matches
          value: "chrome|chromium"
          regexFlags: i
    `,
  },
  {
    title: "v2 feature keyed by environment",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Pricing page
      tags: [all]
      bucketBy: userId
      disabledVariationValue: control
      variablesSchema:
        hero:
          type: object
          properties:
            title:
              type: string
              minLength: 1
            links:
              type: array
              items:
                schema: link
          required: [title]
          defaultValue:
            title: Welcome
            links: []
        price:
          schema: money
          defaultValue: { amount: 10, currency: EUR }
          disabledValue: null
        idOrCount:
          oneOf:
            - type: string
            - type: integer
          defaultValue: 1
          useDefaultWhenDisabled: true
      variations:
        - value: control
          weight: 50
        - value: treatment
          weight: 50
          variables:
            hero.title: Hello
          variableOverrides:
            hero:
              - segments: netherlands
                value:
                  links:append: { title: Home, url: / }
      expose:
        staging: [all]
        production: true
      force:
        staging:
          - conditions: "*"
            enabled: true
      rules:
        staging:
          - key: everyone
            segments: "*"
            percentage: 100
            variationWeights:
              control: 10
              treatment: 90
            variableOverrides:
              hero:
                - conditions:
                    - attribute: country
                      operator: equals
                      value: de
                  value:
                    title: Hallo
        production:
          - key: everyone
            segments: "*"
            percentage: 0
    `,
  },
  {
    title: "v2 feature of a project without environments",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Cookie banner
      tags: [all]
      bucketBy: [userId, deviceId]
      expose: false
      force:
        - segments: qa
          enabled: true
      rules:
        - key: everyone
          segments: "*"
          percentage: 50
    `,
  },
  {
    title: "v2 feature without rules (splitByEnvironment)",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Cookie banner
      tags: [all]
      bucketBy: userId
    `,
  },
  {
    title: "v2 environment file",
    format: "v2",
    entity: "environment",
    yaml: `
      expose: true
      force:
        - segments: qa
          enabled: true
      rules:
        - key: everyone
          segments: "*"
          percentage: 100
    `,
  },
  {
    title: "v2 reusable schema",
    format: "v2",
    entity: "schema",
    yaml: `
      description: Link
      type: object
      properties:
        title:
          type: string
        url:
          type: string
          pattern: "^/"
      additionalProperties:
        type: string
      required: [title, url]
    `,
  },
  {
    title: "v2 feature test with children and evaluations",
    format: "v2",
    entity: "test",
    yaml: `
      feature: cache
      assertions:
        - at: 10
          environment: production
          sticky:
            other:
              enabled: true
              variation: b
          context: {}
          defaultVariationValue: control
          defaultVariableValues:
            foo: bar
          expectedToBeEnabled: true
          expectedVariation: null
          expectedEvaluations:
            flag:
              reason: rule
              ruleKey: everyone
            variables:
              foo:
                reason: variable_default
          children:
            - context:
                country: nl
              expectedToBeEnabled: false
    `,
  },
  {
    title: "v2 segment test",
    format: "v2",
    entity: "test",
    yaml: `
      segment: netherlands
      assertions:
        - context:
            country: nl
          expectedToMatch: true
    `,
  },
];

interface InvalidCase {
  title: string;
  format: Format;
  entity: Entity;
  yaml: string;
  keyword: string;
  instancePath: string;
  params?: Record<string, unknown>;
}

/** Every invalid case must be reported by the expected error and by at most this many errors in all. */
const MAX_ERRORS = 3;

/** A valid v1 feature head (description, tags, bucketBy) followed by the given YAML. */
function v1Feature(rest: string): string {
  return "description: Sidebar\ntags: [all]\nbucketBy: userId\n" + dedent(rest);
}

const INVALID_CASES: InvalidCase[] = [
  {
    title: "v1: unknown property in a rule",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      environments:
        production:
          rules:
            - key: "1"
              segments: "*"
              percentage: 50
              percent: 50
    `),
    keyword: "additionalProperties",
    instancePath: "/environments/production/rules/0",
    params: { additionalProperty: "percent" },
  },
  {
    title: "v1: rule percentage of 120",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      environments:
        production:
          rules:
            - key: "1"
              segments: "*"
              percentage: 120
    `),
    keyword: "maximum",
    instancePath: "/environments/production/rules/0/percentage",
  },
  {
    title: "v1: feature without description",
    format: "v1",
    entity: "feature",
    yaml: `
      tags: [all]
      bucketBy: userId
      environments: {}
    `,
    keyword: "required",
    instancePath: "",
    params: { missingProperty: "description" },
  },
  {
    title: "v1: tag with upper case and underscore",
    format: "v1",
    entity: "feature",
    yaml: `
      description: Sidebar
      tags: [all, Sign_Up]
      bucketBy: userId
      environments: {}
    `,
    keyword: "pattern",
    instancePath: "/tags/1",
  },
  {
    title: "v1: condition with an unknown operator",
    format: "v1",
    entity: "segment",
    yaml: `
      description: Germany
      conditions:
        - attribute: country
          operator: equalz
          value: de
    `,
    keyword: "enum",
    instancePath: "/conditions/0/operator",
  },
  {
    title: "v1: condition with a v2-only operator",
    format: "v1",
    entity: "segment",
    yaml: `
      description: Known users
      conditions:
        - attribute: userId
          operator: exists
          value: true
    `,
    keyword: "enum",
    instancePath: "/conditions/0/operator",
  },
  {
    title: "v1: condition inside `and` without operator",
    format: "v1",
    entity: "segment",
    yaml: `
      description: German mobile users
      conditions:
        and:
          - attribute: device
            operator: equals
            value: mobile
          - attribute: country
            value: de
    `,
    keyword: "required",
    instancePath: "/conditions/and/1",
    params: { missingProperty: "operator" },
  },
  {
    title: "v1: plain condition without value",
    format: "v1",
    entity: "segment",
    yaml: `
      description: Unknown device
      conditions:
        - attribute: device
          operator: equals
    `,
    keyword: "required",
    instancePath: "/conditions/0",
    params: { missingProperty: "value" },
  },
  {
    title: "v1: attribute with an unknown type",
    format: "v1",
    entity: "attribute",
    yaml: `
      description: Age
      type: number
    `,
    keyword: "enum",
    instancePath: "/type",
  },
  {
    title: "v1: group slot with a negative percentage",
    format: "v1",
    entity: "group",
    yaml: `
      description: Exclusive
      slots:
        - feature: bar
          percentage: -5
    `,
    keyword: "minimum",
    instancePath: "/slots/0/percentage",
  },
  {
    title: "v1: feature assertion without expectedToBeEnabled",
    format: "v1",
    entity: "test",
    yaml: `
      feature: sidebar
      assertions:
        - at: 10
          environment: production
          context: {}
    `,
    keyword: "required",
    instancePath: "/assertions/0",
    params: { missingProperty: "expectedToBeEnabled" },
  },
  {
    title: "v1: variable with a misspelled type",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      variablesSchema:
        - key: color
          type: strng
          defaultValue: red
      environments: {}
    `),
    keyword: "enum",
    instancePath: "/variablesSchema/0/type",
  },
  {
    title: "v1: variation weight of 101",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      variations:
        - value: control
          weight: 101
      environments: {}
    `),
    keyword: "maximum",
    instancePath: "/variations/0/weight",
  },
  {
    title: "v1: force entry with neither segments nor conditions",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      environments:
        staging:
          force:
            - enabled: true
          rules: []
    `),
    keyword: "required",
    instancePath: "/environments/staging/force/0",
    params: { missingProperty: "segments" },
  },
  {
    title: "v1: environment with `rule` instead of `rules`",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      environments:
        staging:
          rule:
            - key: "1"
              segments: "*"
              percentage: 100
    `),
    keyword: "additionalProperties",
    instancePath: "/environments/staging",
    params: { additionalProperty: "rule" },
  },
  {
    title: "v1: segment group with both `and` and `or`",
    format: "v1",
    entity: "feature",
    yaml: v1Feature(`
      environments:
        staging:
          rules:
            - key: "1"
              segments:
                and: [mobile]
                or: [germany]
              percentage: 100
    `),
    keyword: "maxProperties",
    instancePath: "/environments/staging/rules/0/segments",
  },
  {
    title: "v2: variable with type `strin`",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      variablesSchema:
        color:
          type: strin
          defaultValue: red
    `,
    keyword: "enum",
    instancePath: "/variablesSchema/color/type",
  },
  {
    title: "v2: rule percentage of 120",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      rules:
        production:
          - key: everyone
            segments: "*"
            percentage: 120
    `,
    keyword: "maximum",
    instancePath: "/rules/production/0/percentage",
  },
  {
    title: "v2: unknown property in a variation",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      variations:
        - value: control
          weight: 100
          overrides: []
    `,
    keyword: "additionalProperties",
    instancePath: "/variations/0",
    params: { additionalProperty: "overrides" },
  },
  {
    title: "v2: condition with an unknown operator",
    format: "v2",
    entity: "segment",
    yaml: `
      description: Germany
      conditions:
        - attribute: country
          operator: equalz
          value: de
    `,
    keyword: "enum",
    instancePath: "/conditions/0/operator",
  },
  {
    title: "v2: string conditions other than `*`",
    format: "v2",
    entity: "segment",
    yaml: `
      description: Everyone
      conditions: everyone
    `,
    keyword: "pattern",
    instancePath: "/conditions",
  },
  {
    title: "v2: condition inside `or` without operator",
    format: "v2",
    entity: "segment",
    yaml: `
      description: Dutch or German
      conditions:
        - or:
            - attribute: country
              operator: equals
              value: nl
            - attribute: country
              value: de
    `,
    keyword: "required",
    instancePath: "/conditions/0/or/1",
    params: { missingProperty: "operator" },
  },
  {
    title: "v2: variation weight override above 100",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      rules:
        staging:
          - key: everyone
            segments: "*"
            percentage: 100
            variationWeights:
              control: 10
              treatment: 150
    `,
    keyword: "maximum",
    instancePath: "/rules/staging/0/variationWeights/treatment",
  },
  {
    title: "v2: attribute with neither type nor oneOf",
    format: "v2",
    entity: "attribute",
    yaml: `
      description: Country
    `,
    keyword: "required",
    instancePath: "",
    params: { missingProperty: "type" },
  },
  {
    title: "v2: reusable schema with a misspelled keyword",
    format: "v2",
    entity: "schema",
    yaml: `
      description: Percent
      type: integer
      minimun: 0
    `,
    keyword: "additionalProperties",
    instancePath: "",
    params: { additionalProperty: "minimun" },
  },
  {
    title: "v2: nested variable property with a misspelled type",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Hero
      tags: [all]
      bucketBy: userId
      variablesSchema:
        hero:
          type: object
          properties:
            title:
              type: strng
          defaultValue: {}
    `,
    keyword: "enum",
    instancePath: "/variablesSchema/hero/properties/title/type",
  },
  {
    title: "v2: variable override without value",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      variations:
        - value: control
          weight: 100
          variableOverrides:
            color:
              - segments: germany
    `,
    keyword: "required",
    instancePath: "/variations/0/variableOverrides/color/0",
    params: { missingProperty: "value" },
  },
  {
    title: "v2: environment file rule without segments",
    format: "v2",
    entity: "environment",
    yaml: `
      rules:
        - key: everyone
          percentage: 100
    `,
    keyword: "required",
    instancePath: "/rules/0",
    params: { missingProperty: "segments" },
  },
  {
    title: "v2: rules without environments, percentage of 120",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Cookie banner
      tags: [all]
      bucketBy: userId
      rules:
        - key: everyone
          segments: "*"
          percentage: 120
    `,
    keyword: "maximum",
    instancePath: "/rules/0/percentage",
  },
  {
    title: "v2: empty rules list",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Cookie banner
      tags: [all]
      bucketBy: userId
      rules:
        staging: []
    `,
    keyword: "minItems",
    instancePath: "/rules/staging",
  },
  {
    title: "v2: segment group with an unknown operator key",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      rules:
        staging:
          - key: everyone
            segments:
              xor: [germany, mobile]
            percentage: 100
    `,
    keyword: "additionalProperties",
    instancePath: "/rules/staging/0/segments",
    params: { additionalProperty: "xor" },
  },
  {
    title: "v2: segment assertion with a feature assertion property",
    format: "v2",
    entity: "test",
    yaml: `
      segment: netherlands
      assertions:
        - context:
            country: nl
          expectedToMatch: true
          expectedToBeEnabled: true
    `,
    keyword: "additionalProperties",
    instancePath: "/assertions/0",
    params: { additionalProperty: "expectedToBeEnabled" },
  },
  {
    title: "v2: test with neither feature nor segment",
    format: "v2",
    entity: "test",
    yaml: `
      assertions: []
    `,
    keyword: "required",
    instancePath: "",
    params: { missingProperty: "feature" },
  },
  {
    title: "v2: test with both feature and segment",
    format: "v2",
    entity: "test",
    yaml: `
      feature: banner
      segment: netherlands
      assertions: []
    `,
    keyword: "additionalProperties",
    instancePath: "",
    params: { additionalProperty: "feature" },
  },
  {
    title: "v1: unknown top-level property in a feature test",
    format: "v1",
    entity: "test",
    yaml: `
      feature: banner
      description: Banner tests
      assertions: []
    `,
    keyword: "additionalProperties",
    instancePath: "",
    params: { additionalProperty: "description" },
  },
  {
    title: "v2: feature assertion `at` of 101",
    format: "v2",
    entity: "test",
    yaml: `
      feature: banner
      assertions:
        - at: 101
          environment: production
          expectedToBeEnabled: true
    `,
    keyword: "maximum",
    instancePath: "/assertions/0/at",
  },
  {
    title: "v2: tag with upper case",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [Checkout]
      bucketBy: userId
    `,
    keyword: "pattern",
    instancePath: "/tags/0",
  },
  {
    title: "v2: v1 style environments block",
    format: "v2",
    entity: "feature",
    yaml: `
      description: Banner
      tags: [all]
      bucketBy: userId
      environments:
        production:
          rules: []
    `,
    keyword: "additionalProperties",
    instancePath: "",
    params: { additionalProperty: "environments" },
  },
];

describe("schemas: documents written in the test", function () {
  describe("accepted", function () {
    for (const testCase of VALID_CASES) {
      it(testCase.title, function () {
        const errors = validate(testCase.format, testCase.entity, parseYaml(testCase.yaml));
        assert.deepEqual(errors.map(describeError), []);
      });
    }
  });

  describe("rejected with a precise error", function () {
    for (const testCase of INVALID_CASES) {
      it(testCase.title, function () {
        const errors = validate(testCase.format, testCase.entity, parseYaml(testCase.yaml));
        const listed = errors.map(describeError).join("\n  ");
        const match = errors.find(
          (error) =>
            error.keyword === testCase.keyword &&
            error.instancePath === testCase.instancePath &&
            Object.entries(testCase.params ?? {}).every(([key, value]) => (error.params as Record<string, unknown>)[key] === value),
        );
        assert.ok(match, `expected ${testCase.keyword} at "${testCase.instancePath}", got:\n  ${listed}`);
        assert.ok(errors.length <= MAX_ERRORS, `expected at most ${MAX_ERRORS} errors, got ${errors.length}:\n  ${listed}`);
      });
    }
  });
});
