/**
 * What each config key that matters to Flaglens must hold, and Featurevisor's default for it.
 * Adding a key Flaglens reads means one entry in `KEY_SPECS` here and one field in `StaticConfig`.
 */
import { JsObject, RootPath, isAbsolutePath, normalizePath, type JsValue } from "./jsEvaluate";
import type { StaticConfig } from "./configReader";

/** Returns Featurevisor's defaults, as a new object each time. */
export function getDefaultStaticConfig(): StaticConfig {
  return {
    environments: ["staging", "production"],
    tags: ["all"],
    attributesDirectoryPath: "attributes",
    segmentsDirectoryPath: "segments",
    featuresDirectoryPath: "features",
    groupsDirectoryPath: "groups",
    testsDirectoryPath: "tests",
    schemasDirectoryPath: "schemas",
    targetsDirectoryPath: "targets",
    environmentsDirectoryPath: "environments",
    stateDirectoryPath: ".featurevisor",
    setsDirectoryPath: "sets",
    sets: false,
    splitByEnvironment: false,
    stringify: true,
    defaultBucketBy: "userId",
    parser: "yml",
    parserExtension: "yml",
    yamlTags: false,
  };
}

/** The outcome of checking a value: how to apply it (with an optional note), or what is wrong with it. */
export type Checked = { ok: true; apply: (config: StaticConfig) => void; note?: string } | { ok: false; found: string; index?: number };

/** The rule for one key. */
export interface KeySpec {
  /** Completes the sentence `"key" ...`, e.g. "must be true or false". */
  expectation: string;
  check(value: JsValue): Checked;
}

const DIRECTORY_KEYS = [
  "attributesDirectoryPath",
  "segmentsDirectoryPath",
  "featuresDirectoryPath",
  "groupsDirectoryPath",
  "testsDirectoryPath",
  "schemasDirectoryPath",
  "targetsDirectoryPath",
  "environmentsDirectoryPath",
  "stateDirectoryPath",
  "setsDirectoryPath",
] as const;

const KEY_SPECS: Record<string, KeySpec> = {
  environments: {
    expectation: "must be a list of environment names, or false",
    check: (value) =>
      value === false ? { ok: true, apply: (c) => (c.environments = false) } : checkNames(value, (c, names) => (c.environments = names)),
  },
  tags: {
    expectation: "must be a list of tag names",
    check: (value) => checkNames(value, (c, names) => (c.tags = names)),
  },
  splitByEnvironment: {
    expectation: "must be true or false",
    check: (value) =>
      typeof value === "boolean"
        ? { ok: true, apply: (c) => (c.splitByEnvironment = value) }
        : { ok: false, found: `it is ${describe(value)}` },
  },
  stringify: {
    expectation: "must be true or false",
    check: (value) =>
      typeof value === "boolean" ? { ok: true, apply: (c) => (c.stringify = value) } : { ok: false, found: `it is ${describe(value)}` },
  },
  sets: {
    expectation: "must be true or false",
    check: (value) =>
      typeof value === "boolean" ? { ok: true, apply: (c) => (c.sets = value) } : { ok: false, found: `it is ${describe(value)}` },
  },
  namespaceCharacter: {
    expectation: "must be a non-empty string",
    check: (value) =>
      typeof value === "string" && value !== ""
        ? { ok: true, apply: (c) => (c.namespaceCharacter = value) }
        : { ok: false, found: `it is ${describe(value)}` },
  },
  promotionFlows: { expectation: 'must be a list of { from: "set", to: "set" } objects', check: checkPromotionFlows },
  defaultBucketBy: { expectation: "must be an attribute name", check: checkBucketBy },
  scopes: { expectation: "must be a list of scopes, each with a name", check: checkScopes },
  parser: {
    expectation: 'must be "yml", "json" or a custom parser object',
    check: (value) => {
      if (value === "yml" || value === "json") return { ok: true, apply: (c) => ((c.parser = value), (c.parserExtension = value)) };
      return { ok: false, found: `it is ${describe(value)}` };
    },
  },
  ...Object.fromEntries(
    DIRECTORY_KEYS.map((key) => [key, { expectation: "must be a directory path", check: (value: JsValue) => checkDirectory(key, value) }]),
  ),
};

/** The rule for `key`, or undefined for keys Flaglens does not read (such as `plugins`). */
export function getKeySpec(key: string): KeySpec | undefined {
  return Object.prototype.hasOwnProperty.call(KEY_SPECS, key) ? KEY_SPECS[key] : undefined;
}

function checkNames(value: JsValue, apply: (config: StaticConfig, names: string[]) => void): Checked {
  if (!Array.isArray(value)) return { ok: false, found: `it is ${describe(value)}` };
  const index = value.findIndex((item) => typeof item !== "string" || item === "");
  if (index >= 0) return { ok: false, found: `item ${index + 1} is ${describe(value[index])}`, index };
  const names = value as string[];
  return { ok: true, apply: (config) => apply(config, names) };
}

function checkDirectory(key: (typeof DIRECTORY_KEYS)[number], value: JsValue): Checked {
  let path: string | undefined;
  if (value instanceof RootPath) path = value.relative || ".";
  else if (typeof value === "string" && value !== "") path = isAbsolutePath(value) ? value : normalizePath(value) || ".";
  if (path === undefined) return { ok: false, found: `it is ${describe(value)}` };
  const resolved = path;
  return { ok: true, apply: (config) => (config[key] = resolved) };
}

/** Featurevisor 3.1 wants every entry to hold exactly the string fields `from` and `to`. */
function checkPromotionFlows(value: JsValue): Checked {
  if (!Array.isArray(value)) return { ok: false, found: `it is ${describe(value)}` };
  const flows: { from: string; to: string }[] = [];
  for (const [index, item] of value.entries()) {
    const keys = item instanceof JsObject ? [...item.props.keys()].sort() : [];
    const from = item instanceof JsObject ? item.props.get("from") : undefined;
    const to = item instanceof JsObject ? item.props.get("to") : undefined;
    if (keys.join(",") !== "from,to" || typeof from !== "string" || typeof to !== "string") {
      return { ok: false, found: `item ${index + 1} is ${describe(item)} without exactly the strings "from" and "to"`, index };
    }
    flows.push({ from, to });
  }
  return { ok: true, apply: (c) => (c.promotionFlows = flows) };
}

/** Scopes are objects with a `name` (and a tag selector and context, which only builds read). */
function checkScopes(value: JsValue): Checked {
  if (!Array.isArray(value)) return { ok: false, found: `it is ${describe(value)}` };
  const index = value.findIndex((item) => !(item instanceof JsObject) || typeof item.props.get("name") !== "string");
  if (index >= 0) return { ok: false, found: `item ${index + 1} is ${describe(value[index])} without a name`, index };
  const names = value.map((item) => (item as JsObject).props.get("name") as string);
  const contexts: Record<string, Record<string, unknown>> = {};
  for (const item of value as JsObject[]) {
    const context = plainValue(item.props.get("context"));
    const name = item.props.get("name") as string;
    if (!Object.prototype.hasOwnProperty.call(contexts, name))
      contexts[name] =
        typeof context === "object" && context !== null && !Array.isArray(context) ? (context as Record<string, unknown>) : {};
  }
  return {
    ok: true,
    apply: (c) => {
      c.scopes = names;
      c.scopeContexts = contexts;
    },
  };
}

/** A statically computed value as plain data (objects, lists, primitives; paths as text). */
function plainValue(value: JsValue): unknown {
  if (value instanceof JsObject) {
    const out: Record<string, unknown> = {};
    // Defined, not assigned, so that a key such as `__proto__` stays a key.
    for (const [key, v] of value.props)
      Object.defineProperty(out, key, { value: plainValue(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (value instanceof RootPath) return value.relative;
  return value;
}

/** Featurevisor accepts one attribute, a list (all combined) or `{ or: [...] }`; Flaglens previews with the first one. */
function checkBucketBy(value: JsValue): Checked {
  if (typeof value === "string" && value !== "") return { ok: true, apply: (c) => (c.defaultBucketBy = value) };
  const list = value instanceof JsObject ? value.props.get("or") : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string" && item !== "")) {
    return { ok: false, found: `it is ${describe(value)}` };
  }
  const first = list[0] as string;
  const note = `Flaglens reads "defaultBucketBy" as the single attribute "${first}"; bucketing by several attributes is not previewed exactly.`;
  return { ok: true, apply: (c) => (c.defaultBucketBy = first), note };
}

/** The default of `key` as written in a config, e.g. `["staging", "production"]`. */
export function defaultText(key: string): string {
  const value = getDefaultStaticConfig()[key as keyof StaticConfig];
  if (value === undefined) return "(none)";
  return Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(", ")}]` : JSON.stringify(value);
}

/** Describes a value for a message, e.g. `a string ("production")`. */
export function describe(value: JsValue): string {
  if (typeof value === "string")
    return value === "" ? "an empty string" : `a string (${JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value)})`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (value instanceof RootPath) return "a path";
  if (value instanceof JsObject) return "an object";
  return "a list";
}
