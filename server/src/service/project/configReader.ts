/**
 * Reads `featurevisor.config.js` statically: the file is parsed, never executed, because the workspace may be
 * untrusted and the config often requires plugins that are not installed.
 * Only literal values are read; every key that matters to Flaglens and cannot be read gets its default and a problem.
 */
import { Evaluator, JsObject, RootPath, isAbsolutePath, normalizePath, type JsValue, type ObjectEntry } from "./jsEvaluate";
import { parseModule, type JsNode, type ModuleScan } from "./jsLiteral";

/** The project settings Flaglens needs, with Featurevisor's defaults for whatever the config does not set. */
export interface StaticConfig {
  environments: string[] | false;
  tags: string[];
  /** Directory paths are relative to the project root, posix, without a leading "./"; absolute paths are kept. */
  attributesDirectoryPath: string;
  segmentsDirectoryPath: string;
  featuresDirectoryPath: string;
  groupsDirectoryPath: string;
  testsDirectoryPath: string;
  schemasDirectoryPath: string;
  environmentsDirectoryPath: string;
  stateDirectoryPath: string;
  splitByEnvironment: boolean;
  defaultBucketBy: string;
  /** "custom" when the config sets a parser object (or anything other than the two built-in names). */
  parser: "yml" | "json" | "custom";
}

/** A problem found while reading the config, with the 0-based UTF-16 span of the offending text. */
export interface ConfigProblem {
  message: string;
  severity: "error" | "warning" | "info";
  start: number;
  end: number;
}

/** The config as far as it can be read statically, and what could not be read. */
export interface ConfigReadResult {
  config: StaticConfig;
  problems: ConfigProblem[];
  /** Keys whose value could not be evaluated statically (e.g. `plugins` holding `require(...)`): informational. */
  dynamicKeys: string[];
  /** Every top-level key found in the exported object, with the span of its value. */
  keys: Record<string, { start: number; end: number }>;
}

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
    environmentsDirectoryPath: "environments",
    stateDirectoryPath: ".featurevisor",
    splitByEnvironment: false,
    defaultBucketBy: "userId",
    parser: "yml",
  };
}

type Checked = { ok: true; apply: (config: StaticConfig) => void; note?: string } | { ok: false; found: string; index?: number };

interface KeySpec {
  /** Completes the sentence `"key" ...`, e.g. "must be true or false". */
  expectation: string;
  check(value: JsValue): Checked;
}

const DIRECTORY_KEYS = [
  "attributesDirectoryPath", "segmentsDirectoryPath", "featuresDirectoryPath", "groupsDirectoryPath",
  "testsDirectoryPath", "schemasDirectoryPath", "environmentsDirectoryPath", "stateDirectoryPath",
] as const;

const KEY_SPECS: Record<string, KeySpec> = {
  environments: {
    expectation: "must be a list of environment names, or false",
    check: (value) => (value === false ? { ok: true, apply: (c) => (c.environments = false) } : checkNames(value, (c, names) => (c.environments = names))),
  },
  tags: { expectation: "must be a list of tag names", check: (value) => checkNames(value, (c, names) => (c.tags = names)) },
  splitByEnvironment: {
    expectation: "must be true or false",
    check: (value) => (typeof value === "boolean" ? { ok: true, apply: (c) => (c.splitByEnvironment = value) } : { ok: false, found: `it is ${describe(value)}` }),
  },
  defaultBucketBy: { expectation: "must be an attribute name", check: checkBucketBy },
  parser: {
    expectation: 'must be "yml", "json" or a custom parser object',
    check: (value) => {
      if (value === "yml" || value === "json") return { ok: true, apply: (c) => (c.parser = value) };
      if (value instanceof JsObject) return { ok: true, apply: (c) => (c.parser = "custom") };
      return { ok: false, found: `it is ${describe(value)}` };
    },
  },
  ...Object.fromEntries(DIRECTORY_KEYS.map((key) => [key, { expectation: "must be a directory path", check: (value: JsValue) => checkDirectory(key, value) }])),
};

/** Reads the config in `text` without executing it. Never throws, whatever the input. */
export function readConfigStatically(text: string): ConfigReadResult {
  try {
    return readConfig(text);
  } catch (error) {
    // A bug here must not take the language server down; the defaults keep the rest of Flaglens working.
    const result = emptyResult();
    result.problems.push({ message: `Flaglens could not read featurevisor.config.js (${String(error)}); using the defaults.`, severity: "error", start: 0, end: 0 });
    return result;
  }
}

function emptyResult(): ConfigReadResult {
  return { config: getDefaultStaticConfig(), problems: [], dynamicKeys: [], keys: {} };
}

function readConfig(text: string): ConfigReadResult {
  const result = emptyResult();
  if (text.trim() === "") {
    result.problems.push({ message: "featurevisor.config.js is empty; using the defaults.", severity: "error", start: 0, end: text.length });
    return result;
  }
  const parsed = parseModule(text);
  if (!parsed.ok) {
    const { message, start, end } = parsed.error;
    const where = lineAndColumn(text, start);
    const sentence = `featurevisor.config.js has ${message} at line ${where.line}, column ${where.column}; Flaglens cannot read it and uses the defaults.`;
    result.problems.push({ message: sentence, severity: "error", start, end });
    return result;
  }
  const evaluator = new Evaluator(parsed.module, text);
  const entries = findExportedEntries(parsed.module, evaluator, result.problems);
  if (!entries) {
    const start = Math.max(0, text.search(/\S/));
    const lineEnd = text.slice(start).search(/[\r\n]/);
    const message = 'featurevisor.config.js has no "module.exports = { ... }" that Flaglens can read; using the defaults.';
    result.problems.push({ message, severity: "error", start, end: lineEnd < 0 ? text.length : start + lineEnd });
    return result;
  }
  const byKey = new Map<string, ObjectEntry>();
  for (const entry of entries) byKey.set(entry.key, entry);
  for (const [key, entry] of byKey) {
    Object.defineProperty(result.keys, key, { value: { start: entry.value.start, end: entry.value.end }, enumerable: true, writable: true, configurable: true });
    readKey(key, entry.value, evaluator, result);
  }
  result.problems.sort((a, b) => a.start - b.start);
  return result;
}

/**
 * Finds the properties of the exported object: `module.exports = {...}` or `export default {...}` (directly or
 * through a top-level name), plus later `exports.key = ...` style assignments. Returns undefined when nothing is exported.
 */
function findExportedEntries(module: ModuleScan, evaluator: Evaluator, problems: ConfigProblem[]): ObjectEntry[] | undefined {
  const targets = new Set(["module.exports"]);
  const entries: ObjectEntry[] = [];
  let baseStart = -1;
  if (module.exported) {
    const { node, names } = evaluator.resolve(module.exported);
    names.forEach((name) => targets.add(name));
    baseStart = node.start;
    const found = evaluator.objectEntries(module.exported);
    if (found) {
      entries.push(...found.entries);
      for (const spread of found.unknownSpreads) {
        const message = `Flaglens could not read ...${evaluator.sourceOf(spread)} statically, so any settings it adds are not known; the other settings are read as written.`;
        problems.push({ message, severity: "info", start: spread.start, end: spread.end });
      }
    } else problems.push(describeNonObjectExport(module.exported, evaluator));
  }
  // Property assignments before the exported object is created do not end up in it, so only later ones count.
  const assigned = module.assignments.filter((a) => targets.has(a.target) && a.keyStart > baseStart);
  if (!module.exported && assigned.length === 0) return undefined;
  for (const a of assigned) entries.push({ key: a.key, keyStart: a.keyStart, keyEnd: a.keyEnd, value: a.value });
  return entries;
}

function describeNonObjectExport(exported: JsNode, evaluator: Evaluator): ConfigProblem {
  const value = evaluator.evaluate(exported);
  const span = { start: exported.start, end: exported.end };
  if (value.ok) {
    return { message: `featurevisor.config.js exports ${describe(value.value)} instead of an object; using the defaults.`, severity: "error", ...span };
  }
  const message = `Flaglens could not read the exported config statically (${value.notStatic.reason}); using the defaults.`;
  return { message, severity: "warning", ...span };
}

/** Evaluates one top-level key, applying it to the config when it matters to Flaglens and is valid. */
function readKey(key: string, node: JsNode, evaluator: Evaluator, result: ConfigReadResult): void {
  const spec = Object.prototype.hasOwnProperty.call(KEY_SPECS, key) ? KEY_SPECS[key] : undefined;
  const value = evaluator.evaluate(node);
  if (!value.ok) {
    result.dynamicKeys.push(key);
    if (!spec) return;
    const span = { start: node.start, end: node.end };
    if (key === "parser") {
      // A parser that is not one of the two names is a custom parser, usually an object with functions or a require.
      result.config.parser = "custom";
      if (evaluator.resolve(node).node.type === "object") return;
      const message = `Flaglens could not read "parser" statically (${value.notStatic.reason}); assuming a custom parser.`;
      result.problems.push({ message, severity: "warning", ...span });
      return;
    }
    const message = `Flaglens could not read "${key}" statically (${value.notStatic.reason}); using the default ${defaultText(key)}.`;
    result.problems.push({ message, severity: "warning", ...span });
    return;
  }
  // An explicit `undefined` leaves the setting unset, as it does for Featurevisor.
  if (!spec || value.value === undefined) return;
  const checked = spec.check(value.value);
  if (checked.ok) {
    checked.apply(result.config);
    if (checked.note) result.problems.push({ message: checked.note, severity: "info", start: node.start, end: node.end });
    return;
  }
  const span = elementSpan(node, checked.index) ?? node;
  const message = `"${key}" ${spec.expectation}, but ${checked.found}; using the default ${defaultText(key)}.`;
  result.problems.push({ message, severity: "error", start: span.start, end: span.end });
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

/** The span of item `index` when `node` is an array literal written out in place, so a problem can point at it. */
function elementSpan(node: JsNode, index: number | undefined): { start: number; end: number } | undefined {
  if (index === undefined || node.type !== "array" || node.elements.some((e) => e?.type === "spread")) return undefined;
  return node.elements[index];
}

function defaultText(key: string): string {
  const value = getDefaultStaticConfig()[key as keyof StaticConfig];
  return Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(", ")}]` : JSON.stringify(value);
}

/** Describes a value for a message, e.g. `a string ("production")`. */
function describe(value: JsValue): string {
  if (typeof value === "string") return value === "" ? "an empty string" : `a string (${JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value)})`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (value instanceof RootPath) return "a path";
  if (value instanceof JsObject) return "an object";
  return "a list";
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n|\u2028|\u2029/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
