/**
 * Reads a custom `parser: { extension, parse }` object of featurevisor.config.js statically.
 * The parse function is never run: Flaglens recognises the common shapes (a TOML library, js-yaml with a custom
 * schema) and otherwise says which files it cannot validate, rather than checking nothing in silence.
 */
import type { Evaluator } from "./jsEvaluate";
import type { JsNode } from "./jsLiteral";

/** How Flaglens reads the entity files of a project. */
export type ParserKind = "yml" | "json" | "toml" | "custom";

/** What a custom parser object means to Flaglens. */
export interface CustomParserReading {
  parser: ParserKind;
  /** The file extension without its dot; "" when it could not be read. */
  extension: string;
  /** True when the files are YAML read by a parser with tags Flaglens does not know (e.g. `!include`). */
  yamlTags: boolean;
  /** A note for the config's diagnostics, when there is something to say. */
  note?: { message: string; severity: "warning" | "info" };
}

// The TOML libraries a Featurevisor project is seen to use; they all parse TOML into the same plain values.
const TOML_LIBRARIES = ["toml", "@iarna/toml", "smol-toml", "@ltd/j-toml", "toml-eslint-parser"];

/** Reads the `extension` and recognises the `parse` function of a parser object. */
export function readCustomParser(node: JsNode, evaluator: Evaluator): CustomParserReading {
  const found = evaluator.objectEntries(node);
  const extensionEntry = found?.entries.find((e) => e.key === "extension");
  const parseEntry = found?.entries.find((e) => e.key === "parse");
  const extensionValue = extensionEntry ? evaluator.evaluate(extensionEntry.value) : undefined;
  const extension =
    extensionValue?.ok && typeof extensionValue.value === "string" ? extensionValue.value.replace(/^\./, "").toLowerCase() : "";
  const parseSource = parseEntry ? parseFunctionSource(parseEntry.value, evaluator) : "";
  if (extension === "toml" && usesLibrary(parseSource, evaluator, TOML_LIBRARIES)) {
    return { parser: "toml", extension, yamlTags: false };
  }
  if (extension === "yml" || extension === "yaml") {
    // A YAML parser with a custom schema reads plain YAML as js-yaml does; only its own tags differ.
    const message = `Flaglens reads the .${extension} files of this custom parser as YAML; values behind tags it does not know (such as !include) are not checked.`;
    return { parser: "yml", extension, yamlTags: true, note: { message, severity: "info" } };
  }
  if (extension === "json" && /\bJSON\.parse\b/.test(parseSource)) return { parser: "json", extension, yamlTags: false };
  return { parser: "custom", extension, yamlTags: false };
}

/** The text of the parse function, following a reference such as `parse: parseToml` to its definition. */
function parseFunctionSource(node: JsNode, evaluator: Evaluator): string {
  return evaluator.rawSourceOf(evaluator.resolve(node).node);
}

/** Whether `source` calls one of `libraries`, directly (`require("toml").parse`) or through a name bound to it. */
function usesLibrary(source: string, evaluator: Evaluator, libraries: string[]): boolean {
  for (const match of source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)|\b([A-Za-z_$][\w$]*)\s*\.\s*parse\b/g)) {
    if (match[1] !== undefined && libraries.includes(match[1])) return true;
    if (match[2] !== undefined && libraries.includes(requiredBy(match[2], evaluator) ?? "")) return true;
  }
  return false;
}

/** The module a top-level name is bound to with `require("...")`, if it is. */
function requiredBy(name: string, evaluator: Evaluator): string | undefined {
  const bound = evaluator.resolve({ type: "ident", name, start: 0, end: 0 } as JsNode).node;
  if (bound.type === "ident") return undefined;
  return /^\s*require\(\s*["'`]([^"'`]+)["'`]\s*\)\s*$/.exec(evaluator.rawSourceOf(bound))?.[1];
}
