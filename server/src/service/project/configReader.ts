/**
 * Reads `featurevisor.config.js` statically: the file is parsed, never executed, because the workspace may be
 * untrusted and the config often requires plugins that are not installed.
 * Only literal values are read; every key that matters to Flaglens and cannot be read gets its default and a problem.
 */
import { defaultText, describe, getDefaultStaticConfig, getKeySpec } from "./configKeys";
import { readCustomParser, type ParserKind } from "./configParser";
import { Evaluator, type ObjectEntry } from "./jsEvaluate";
import type { JsNode } from "./jsLiteral";
import { parseModule, type ModuleScan } from "./jsModule";

/** The project settings Flaglens needs, with Featurevisor's defaults for whatever the config does not set. */
export interface StaticConfig {
  /** The environment names, default ["staging", "production"]; false for a project without environments. */
  environments: string[] | false;
  /** The tags datafiles are built for, default ["all"]. */
  tags: string[];
  /** Directory paths are relative to the project root, posix, without a leading "./" (absolute paths are kept); default "attributes". */
  attributesDirectoryPath: string;
  /** Default "segments". */
  segmentsDirectoryPath: string;
  /** Default "features". */
  featuresDirectoryPath: string;
  /** Default "groups". */
  groupsDirectoryPath: string;
  /** Default "tests". */
  testsDirectoryPath: string;
  /** Default "schemas". */
  schemasDirectoryPath: string;
  /** Where the targets of a v3 project live; default "targets". */
  targetsDirectoryPath: string;
  /** Where per-environment feature files live when `splitByEnvironment` is on; default "environments". */
  environmentsDirectoryPath: string;
  /** Default ".featurevisor". */
  stateDirectoryPath: string;
  /** Where the sets of a `sets: true` project live (v3.1), default "sets". */
  setsDirectoryPath: string;
  /** True when the project is split into sets, `sets/<set>/{attributes,segments,features,...}` (v3.1); default false. */
  sets: boolean;
  /** How nested folders join into keys (v3.1); absent means the format's own (`.` in v3, `/` before). */
  namespaceCharacter?: string;
  /** The sets a feature is promoted through, in order (v3.1); accepted and checked, not otherwise used. */
  promotionFlows?: { from: string; to: string }[];
  /** True when each environment's rules are kept in their own files; default false. */
  splitByEnvironment: boolean;
  /** Whether builds write segments and conditions as JSON text (`stringify`, default true since 1.12); 3.x rewrites only objects under a target's context. */
  stringify: boolean;
  /** The names of the config's `scopes` (Featurevisor 2.x), which test assertions may name; undefined when absent. */
  scopes?: string[];
  /** Each scope's `context` by name (the first scope of a name wins, as Featurevisor's `find`); what `featurevisor test` merges under an assertion's context. */
  scopeContexts?: Record<string, Record<string, unknown>>;
  /** The attribute used for bucketing when a feature does not say, default "userId". */
  defaultBucketBy: string;
  /**
   * Default "yml"; a parser object is read as "toml", "yml" or "json" when Flaglens recognises it, otherwise "custom"
   * (as is a value that cannot be read statically): then the entity files are not validated.
   */
  parser: ParserKind;
  /** The entity files' extension without its dot: "yml" by default, a custom parser's `extension`, "" when unknown. */
  parserExtension: string;
  /** True when a custom YAML parser handles tags Flaglens does not know (e.g. `!include`): their values are unknown. */
  yamlTags: boolean;
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

/** Featurevisor's defaults; re-exported here so that callers need only this module. */
export { getDefaultStaticConfig };

/** Reads the config in `text` without executing it. Never throws, whatever the input. */
export function readConfigStatically(text: string): ConfigReadResult {
  try {
    return readConfig(text);
  } catch (error) {
    // A bug here must not take the language server down; the defaults keep the rest of Flaglens working.
    const result = emptyResult();
    result.problems.push({
      message: `Flaglens could not read featurevisor.config.js (${String(error)}); using the defaults.`,
      severity: "error",
      start: 0,
      end: 0,
    });
    return result;
  }
}

function emptyResult(): ConfigReadResult {
  return { config: getDefaultStaticConfig(), problems: [], dynamicKeys: [], keys: {} };
}

function readConfig(text: string): ConfigReadResult {
  const result = emptyResult();
  if (text.trim() === "") {
    result.problems.push({
      message: "featurevisor.config.js is empty; using the defaults.",
      severity: "error",
      start: 0,
      end: text.length,
    });
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
    Object.defineProperty(result.keys, key, {
      value: { start: entry.value.start, end: entry.value.end },
      enumerable: true,
      writable: true,
      configurable: true,
    });
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
      // The same spread can be reached through several others, but it is reported once.
      const spreads = new Map(found.unknownSpreads.map((spread) => [spread.start, spread]));
      for (const spread of spreads.values()) {
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
    return {
      message: `featurevisor.config.js exports ${describe(value.value)} instead of an object; using the defaults.`,
      severity: "error",
      ...span,
    };
  }
  const message = `Flaglens could not read the exported config statically (${value.notStatic.reason}); using the defaults.`;
  return { message, severity: "warning", ...span };
}

/** Evaluates one top-level key, applying it to the config when it matters to Flaglens and is valid. */
function readKey(key: string, node: JsNode, evaluator: Evaluator, result: ConfigReadResult): void {
  if (key === "parser" && evaluator.resolve(node).node.type === "object") {
    readParserObject(node, evaluator, result);
    return;
  }
  const spec = getKeySpec(key);
  const value = evaluator.evaluate(node);
  if (!value.ok) {
    result.dynamicKeys.push(key);
    if (!spec) return;
    const span = { start: node.start, end: node.end };
    if (key === "parser") {
      // A parser that is not one of the two names is a custom parser, usually an object with functions or a require.
      result.config.parser = "custom";
      result.config.parserExtension = "";
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

/** Applies a `parser: { extension, parse }` object as far as Flaglens recognises it. */
function readParserObject(node: JsNode, evaluator: Evaluator, result: ConfigReadResult): void {
  if (!evaluator.evaluate(node).ok) result.dynamicKeys.push("parser");
  const reading = readCustomParser(node, evaluator);
  result.config.parser = reading.parser;
  result.config.parserExtension = reading.extension;
  result.config.yamlTags = reading.yamlTags;
  if (reading.note) result.problems.push({ ...reading.note, start: node.start, end: node.end });
}

/** The span of item `index` when `node` is an array literal written out in place, so a problem can point at it. */
function elementSpan(node: JsNode, index: number | undefined): { start: number; end: number } | undefined {
  if (index === undefined || node.type !== "array" || node.elements.some((e) => e?.type === "spread")) return undefined;
  return node.elements[index];
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n|\u2028|\u2029/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
