// TOML flag files (a custom `parser` with a TOML library, recognised statically in configParser.ts).
// toml-eslint-parser gives the value and, from the same syntax tree, the source range of every key and value,
// so findings are located in TOML files as precisely as in YAML ones.

import { getStaticTOMLValue, parseTOML } from "toml-eslint-parser";
import type { JsonPath } from "../types";
import { FlagDocument, type LocateTarget } from "./document";

/** The part of the syntax tree the locator reads: every node has a range, some have keys, values or bodies. */
interface TomlNode {
  type: string;
  range: [number, number];
  kind?: "standard" | "array";
  resolvedKey?: (string | number)[];
  key?: { keys: { range: [number, number]; name?: string; value?: string }[] };
  value?: TomlNode;
  body?: TomlNode[];
  elements?: TomlNode[];
}

/** Where one path's key and value are written. */
interface Place {
  key: [number, number];
  value: [number, number];
}

/** Parses TOML text; never throws. */
export function parseTomlDocument(text: string): FlagDocument {
  let ast: ReturnType<typeof parseTOML>;
  try {
    ast = parseTOML(text);
  } catch (error) {
    const at = Math.min(Math.max(0, (error as { index?: number }).index ?? 0), text.length);
    const reason = error instanceof Error ? error.message : String(error);
    const end = Math.min(text.length, at + Math.max(1, /^[^\s=,\]}]*/.exec(text.slice(at))![0].length));
    return new FlagDocument(text, undefined, [{ code: "yaml-syntax", message: `TOML syntax error: ${reason}`, start: at, end }]);
  }
  let value: unknown;
  try {
    value = getStaticTOMLValue(ast);
  } catch {
    value = undefined;
  }
  let places: Map<string, Place> | undefined;
  const locate = (path: JsonPath, target: LocateTarget): [number, number] => {
    places ??= indexPlaces(ast.body[0] as unknown as TomlNode, text);
    return locateIn(places, path, target);
  };
  return new FlagDocument(text, value, [], { locate });
}

/** The place of `path`, or the value of the nearest enclosing path that is written in the text. */
function locateIn(places: Map<string, Place>, path: JsonPath, target: LocateTarget): [number, number] {
  const exact = places.get(JSON.stringify(path));
  if (exact) return target === "key" ? exact.key : exact.value;
  for (let n = path.length - 1; n >= 1; n--) {
    const place = places.get(JSON.stringify(path.slice(0, n)));
    if (place) return place.value;
  }
  return places.get("[]")?.value ?? [0, 0];
}

/** Records the key and value ranges of every path written in the document, without recursion. */
function indexPlaces(top: TomlNode, text: string): Map<string, Place> {
  const places = new Map<string, Place>();
  const firstLine = (r: [number, number]): [number, number] => {
    const newline = text.slice(r[0], r[1]).search(/\r?\n/);
    return newline < 0 ? r : [r[0], r[0] + newline];
  };
  const put = (path: JsonPath, key: [number, number], value: [number, number]): void => {
    const id = JSON.stringify(path);
    if (!places.has(id)) places.set(id, { key, value: firstLine(value) });
  };
  put([], [0, 0], [0, 0]);
  const stack: [TomlNode, JsonPath][] = [];
  for (const node of top.body ?? []) {
    if (node.type === "TOMLTable" && node.resolvedKey) {
      const path = node.resolvedKey;
      const keys = node.key?.keys ?? [];
      // `[a.b]` and `[[a]]` name every path they pass through; each gets the range of its own key part.
      let k = 0;
      for (let i = 1; i <= path.length; i++) {
        if (typeof path[i - 1] === "number") continue;
        const part = keys[Math.min(k++, keys.length - 1)]?.range ?? node.range;
        put(path.slice(0, i), part, node.range);
      }
      for (const child of node.body ?? []) stack.push([child, path]);
    } else stack.push([node, []]);
  }
  while (stack.length > 0) {
    const [node, prefix] = stack.pop()!;
    if (node.type === "TOMLKeyValue" && node.key && node.value) {
      const keys = node.key.keys;
      keys.forEach((part, i) => {
        const path = [...prefix, ...keys.slice(0, i + 1).map((p) => p.name ?? p.value ?? "")];
        put(path, part.range, i === keys.length - 1 ? node.value!.range : node.range);
      });
      const path = [...prefix, ...keys.map((p) => p.name ?? p.value ?? "")];
      if (node.value.type === "TOMLInlineTable") for (const child of node.value.body ?? []) stack.push([child, path]);
      if (node.value.type === "TOMLArray") stack.push([node.value, path]);
    } else if (node.type === "TOMLArray") {
      (node.elements ?? []).forEach((element, i) => {
        put([...prefix, i], element.range, element.range);
        if (element.type === "TOMLInlineTable") for (const child of element.body ?? []) stack.push([child, [...prefix, i]]);
        if (element.type === "TOMLArray") stack.push([element, [...prefix, i]]);
      });
    }
  }
  return places;
}
