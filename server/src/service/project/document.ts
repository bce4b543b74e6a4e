// One flag file parsed for validation. The value comes from js-yaml, the parser Featurevisor
// itself uses, so values mean exactly what they mean to Featurevisor and closed files parse
// fast; source ranges come from the `yaml` library, built lazily and only for files that have
// findings or are being edited.

import { load as loadYaml } from "js-yaml";
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { LineIndex } from "../text";
import { parseTaggedYaml } from "./taggedYaml";
import { parseTomlDocument } from "./tomlDocument";
import type { JsonPath, Range } from "../types";

/** A problem found while parsing, before any validation rule runs. */
export interface ParseProblem {
  code: "yaml-syntax" | "duplicate-key";
  message: string;
  start: number;
  end: number;
}

/** Above this size, ranges come from a textual scan rather than a full parse. */
const FULL_PARSE_LIMIT = 1 << 20;

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

  /** True when the text has syntax errors other than duplicate keys; rules then do not run. */
  get hasSyntaxErrors(): boolean {
    return this.problems.some((p) => p.code === "yaml-syntax");
  }

  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /** The `yaml` document with source ranges, parsed on first use. */
  get ranges(): Document.Parsed {
    return (this.yamlDoc ??= parseDocument(this.text, { uniqueKeys: false, prettyErrors: false, strict: false, logLevel: "error" }));
  }

  /** The offsets of the node at `path`; the nearest enclosing node when the path does not resolve. */
  locateOffsets(path: JsonPath, target: LocateTarget = "value"): [number, number] {
    if (this.extras.locate) return this.extras.locate(path, target);
    if (this.text.length > FULL_PARSE_LIMIT) return this.scanForKeys(path);
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
   * the path are found by a textual scan instead: approximate, but instant.
   */
  private scanForKeys(path: JsonPath): [number, number] {
    let pos = 0;
    let found: [number, number] = [0, Math.min(this.text.length, this.lineIndex.lineEndAt(0))];
    for (const seg of path) {
      if (typeof seg !== "string") continue;
      const escaped = seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`^[ \\t-]*["']?(${escaped})["']?[ \\t]*:`, "gm");
      re.lastIndex = pos;
      const m = re.exec(this.text);
      if (!m) break;
      const start = m.index + m[0].indexOf(m[1]);
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

/** Parses a flag file's text; never throws. */
export function parseFlagDocument(text: string, parser: FileParser = "yml"): FlagDocument {
  if (parser === "json") return parseJson(text);
  if (parser === "toml") return parseTomlDocument(text);
  if (parser === "yml-tags") {
    const tagged = parseTaggedYaml(text);
    return "doc" in tagged ? tagged.doc : recoverYaml(text, tagged.error);
  }
  try {
    const value = loadYaml(text);
    return new FlagDocument(text, value, []);
  } catch (error) {
    return recoverYaml(text, error);
  }
}

/** js-yaml refused the text: the `yaml` parser gives ranges for every problem and a partial value. */
function recoverYaml(text: string, error: unknown): FlagDocument {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: false, logLevel: "error" });
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
    value = doc.toJS({ maxAliasCount: 1000 });
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
