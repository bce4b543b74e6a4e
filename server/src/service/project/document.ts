// One flag file parsed for validation. The value comes from js-yaml, the parser Featurevisor
// itself uses, so values mean exactly what they mean to Featurevisor and closed files parse
// fast; source ranges come from the `yaml` library, built lazily and only for files that have
// findings or are being edited.

import { load as loadYaml } from "js-yaml";
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { LineIndex } from "../text";
import { aliasExpansion, findTooDeep, MAX_EXPANDED_NODES, MAX_NESTING, mayHaveAliases } from "./limits";
import { parseTaggedYaml } from "./taggedYaml";
import { parseTomlDocument } from "./tomlDocument";
import type { JsonPath, Range } from "../types";

/** A problem found while parsing, before any validation rule runs. */
export interface ParseProblem {
  code: "yaml-syntax" | "duplicate-key" | "too-deep" | "alias-limit";
  message: string;
  start: number;
  end: number;
}

/** Above this size, ranges come from a textual scan rather than a full parse. */
const FULL_PARSE_LIMIT = 1 << 20;

/**
 * Above this many items (commas and lines), ranges also come from the textual scan: the `yaml`
 * library takes about 14 µs per item, so a one-line list of 250,000 items took 3.5 s per parse.
 */
const FULL_PARSE_ITEMS = 50_000;

/** Keys longer than this are not looked for by the textual scan (nothing in a flag file is that long). */
const MAX_SCANNED_KEY = 1024;

/** Problems that leave a file without a usable value: rules do not run on it. */
const BLOCKING: ReadonlySet<ParseProblem["code"]> = new Set(["yaml-syntax", "too-deep", "alias-limit"]);

/** Problems after which the text must not be parsed again, not even for ranges. */
const UNPARSABLE: ReadonlySet<ParseProblem["code"]> = new Set(["too-deep", "alias-limit"]);

/** Which part of a mapping entry a finding points at. */
export type LocateTarget = "key" | "value";

/**
 * The parser a project uses for its flag files; "yml-tags" is YAML read by a custom parser whose own tags
 * (such as `!include`) Flaglens does not know.
 */
export type FileParser = "yml" | "yml-tags" | "json" | "toml";

/** What a parser other than YAML adds to a document: its own way to locate paths, and values it cannot know. */
export interface DocumentExtras {
  /** Locates a JSON path in the text, for formats whose ranges do not come from the `yaml` library. */
  locate?: (path: JsonPath, target: LocateTarget) => [number, number];
  /** Paths whose value a custom tag computes at run time: findings at or under them are not reported. */
  unknownPaths?: readonly JsonPath[];
}

/** A parsed flag file: its value, parse problems, and lazy source ranges. */
export class FlagDocument {
  private yamlDoc: Document.Parsed | undefined;
  private lines: LineIndex | undefined;
  private scanned: boolean | undefined;

  constructor(
    readonly text: string,
    /** The parsed value; `undefined` for an empty file or one that could not be parsed at all. */
    readonly value: unknown,
    readonly problems: readonly ParseProblem[],
    private readonly extras: DocumentExtras = {},
  ) {}

  /** True when the value at `path` (or at one of its parents) is computed by a tag Flaglens does not know. */
  isUnknownAt(path: JsonPath): boolean {
    return (this.extras.unknownPaths ?? []).some((p) => p.length <= path.length && p.every((seg, i) => seg === path[i]));
  }

  /** True when the text has syntax errors other than duplicate keys, or is too deep or an alias bomb; rules then do not run. */
  get hasSyntaxErrors(): boolean {
    return this.problems.some((p) => BLOCKING.has(p.code));
  }

  /** True when the text must not be parsed for ranges either (it would exhaust the stack or memory). */
  get unparsable(): boolean {
    return this.problems.some((p) => UNPARSABLE.has(p.code));
  }

  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /**
   * True when ranges come from a textual scan, not from the `yaml` library: the text must not be
   * parsed, or a parse with ranges would take seconds.
   */
  get scannedOnly(): boolean {
    return (this.scanned ??= this.unparsable || tooBigForRanges(this.text));
  }

  /**
   * The `yaml` document with source ranges, parsed on first use. Empty when {@link scannedOnly}:
   * requests that walk it (outline, cursor context) then find nothing rather than take seconds.
   */
  get ranges(): Document.Parsed {
    return (this.yamlDoc ??= safeParseDocument(this.scannedOnly ? "" : this.text, false));
  }

  /** The offsets of the node at `path`; the nearest enclosing node when the path does not resolve. */
  locateOffsets(path: JsonPath, target: LocateTarget = "value"): [number, number] {
    if (this.extras.locate) return this.extras.locate(path, target);
    if (this.scannedOnly) return this.scanForKeys(path);
    let node: unknown = this.ranges.contents;
    let best: [number, number] | undefined = firstLine(node, this.lineIndex);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        const keyRange = nodeRange(pair.key);
        if (keyRange) best = keyRange;
        if (last && target === "key") return best ?? [0, 0];
        node = pair.value;
        if (node == null) return best ?? [0, 0];
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item == null) break;
        node = item;
      } else {
        break;
      }
      const r = isCollection(node) ? firstLine(node, this.lineIndex) : nodeRange(node);
      if (r) best = r;
    }
    return best ?? [0, 0];
  }

  /**
   * For very large files a full parse with ranges takes seconds (about 2 MB/s), so the keys of
   * the path are found by a textual scan instead: approximate, but linear in the text.
   */
  private scanForKeys(path: JsonPath): [number, number] {
    let pos = 0;
    let found: [number, number] = [0, Math.min(this.text.length, this.lineIndex.lineEndAt(0))];
    for (const seg of path) {
      if (typeof seg !== "string") continue;
      if (seg.length === 0 || seg.length > MAX_SCANNED_KEY) break;
      const start = findKeyLine(this.text, seg, pos);
      if (start < 0) break;
      found = [start, start + seg.length];
      pos = found[1];
    }
    return found;
  }

  /** The range of the node at `path`, as {@link locateOffsets}. */
  locate(path: JsonPath, target: LocateTarget = "value"): Range {
    const [s, e] = this.locateOffsets(path, target);
    return this.lineIndex.rangeOf(s, e);
  }
}

/** True when a parse with ranges (the `yaml` library) would take seconds. */
function tooBigForRanges(text: string): boolean {
  return text.length > FULL_PARSE_LIMIT || countItems(text) > FULL_PARSE_ITEMS;
}

/** Commas and line breaks: an upper bound of the number of items a YAML text holds. */
function countItems(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10) n++;
  }
  return n;
}

/**
 * The offset of `key` written as a mapping key at the start of a line (after indentation, dashes
 * and an optional quote) at or after `from`; -1 when there is none. A plain search, no regular
 * expression built from the key.
 */
function findKeyLine(text: string, key: string, from: number): number {
  for (let at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, at + 1)) {
    let b = at;
    if (b > 0 && (text[b - 1] === '"' || text[b - 1] === "'")) b--;
    while (b > 0 && (text[b - 1] === " " || text[b - 1] === "\t" || text[b - 1] === "-")) b--;
    if (b > 0 && text[b - 1] !== "\n") continue;
    let e = at + key.length;
    if (text[e] === '"' || text[e] === "'") e++;
    while (text[e] === " " || text[e] === "\t") e++;
    if (text[e] === ":") return at;
  }
  return -1;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key == null ? undefined : String(key);
}

function nodeRange(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** A collection spans many lines; a finding about it is shown on its first line only. */
function firstLine(node: unknown, lines: LineIndex): [number, number] | undefined {
  const r = nodeRange(node);
  if (!r) return undefined;
  return [r[0], Math.min(r[1], lines.lineEndAt(r[0]))];
}

/** Parses a flag file's text; never throws, and never recurses deeper than {@link MAX_NESTING}. */
export function parseFlagDocument(text: string, parser: FileParser = "yml"): FlagDocument {
  const deep = findTooDeep(text);
  if (deep !== undefined) {
    const message = `This file nests more than ${MAX_NESTING} levels deep: Flaglens does not parse it (a real flag file nests about 10).`;
    return new FlagDocument(text, undefined, [{ code: "too-deep", message, start: deep, end: Math.min(deep + 1, text.length) }]);
  }
  try {
    if (parser === "json") return parseJson(text);
    if (parser === "toml") return parseTomlDocument(text);
    if (parser === "yml-tags") {
      const tagged = parseTaggedYaml(text);
      if (!("doc" in tagged)) return recoverYaml(text, tagged.error);
      if (mayHaveAliases(text) && aliasExpansion(tagged.doc.value) > MAX_EXPANDED_NODES) return aliasBomb(text);
      return tagged.doc;
    }
    let value: unknown;
    try {
      value = loadYaml(text);
    } catch (error) {
      return recoverYaml(text, error);
    }
    if (mayHaveAliases(text) && aliasExpansion(value) > MAX_EXPANDED_NODES) return aliasBomb(text);
    return new FlagDocument(text, value, []);
  } catch (error) {
    // A parser failing on input that passed the checks above is a bug, but the file is still only reported.
    const message = `YAML syntax error: the file could not be parsed (${error instanceof Error ? error.message : String(error)}).`;
    return new FlagDocument(text, undefined, [{ code: "yaml-syntax", message, start: 0, end: Math.min(1, text.length) }]);
  }
}

/** A file whose aliases expand past the limit: reported on its first alias, and never expanded. */
function aliasBomb(text: string): FlagDocument {
  const at = Math.max(0, text.search(/\*[^\s*]/));
  const message = `Aliases (*name) in this file expand to more than ${MAX_EXPANDED_NODES} values: Flaglens does not expand them (Featurevisor would).`;
  return new FlagDocument(text, undefined, [{ code: "alias-limit", message, start: at, end: Math.min(at + 1, text.length) }]);
}

/** The `yaml` library's document; an empty one if it fails, since parsing never throws. */
function safeParseDocument(text: string, uniqueKeys: boolean): Document.Parsed {
  const options = { uniqueKeys, prettyErrors: false, strict: false, logLevel: "error" } as const;
  try {
    return parseDocument(text, options);
  } catch {
    return parseDocument("", options);
  }
}

/** js-yaml refused the text: the `yaml` parser gives ranges for every problem and a partial value. */
function recoverYaml(text: string, error: unknown): FlagDocument {
  // A huge text is not parsed again: js-yaml's one error is reported, without a partial value.
  const doc = safeParseDocument(tooBigForRanges(text) ? "" : text, true);
  const problems: ParseProblem[] = doc.errors.map((e) => {
    const duplicate = e.code === "DUPLICATE_KEY";
    return {
      code: duplicate ? "duplicate-key" : "yaml-syntax",
      message: duplicate ? duplicateKeyMessage(text, e.pos) : cleanMessage(e.message),
      start: e.pos[0],
      end: duplicate ? keyEnd(text, e.pos[0]) : e.pos[1] - e.pos[0] > 1 ? e.pos[1] : tokenEnd(text, e.pos[0]),
    };
  });
  if (problems.length === 0) {
    // The two parsers disagree; js-yaml is what Featurevisor runs, so its verdict stands.
    const mark = (error as { mark?: { position?: number } }).mark;
    const at = Math.min(mark?.position ?? 0, text.length);
    const reason = (error as { reason?: string }).reason ?? String(error);
    problems.push({ code: "yaml-syntax", message: `YAML syntax error: ${reason}`, start: at, end: Math.min(at + 1, text.length) });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch {
    value = undefined;
  }
  const result = new FlagDocument(text, value, problems);
  return result;
}

/** The end of a mapping key that starts at `start`: up to its colon, or the end of the line. */
function keyEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== ":" && text[i] !== "\n" && text[i] !== "\r") i++;
  while (i > start + 1 && text[i - 1] === " ") i--;
  return Math.max(i, start + 1);
}

/** A one-character error position is widened to the word that starts there, so it is visible. */
function tokenEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !/[\s:,\]}]/.test(text[i])) i++;
  return Math.max(i, Math.min(start + 1, text.length));
}

function duplicateKeyMessage(text: string, pos: [number, number]): string {
  const key = text
    .slice(pos[0], pos[1])
    .split(/[:\r\n]/)[0]
    .trim();
  return key ? `Duplicate key "${key}": YAML keeps only the last value.` : "Duplicate key in mapping.";
}

function cleanMessage(message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return `YAML syntax error: ${first}`;
}

function parseJson(text: string): FlagDocument {
  try {
    return new FlagDocument(text, text.trim() === "" ? undefined : JSON.parse(text), []);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const m = /position (\d+)/.exec(message);
    const at = m ? Math.min(Number(m[1]), text.length) : 0;
    return new FlagDocument(text, undefined, [
      { code: "yaml-syntax", message: `JSON syntax error: ${message}`, start: at, end: Math.min(at + 1, text.length) },
    ]);
  }
}
