// YAML read by a custom parser that handles its own tags (e.g. js-yaml with an `!include` type). Flaglens cannot
// run that parser, so a tag it does not know makes the value unknown at that place: not a syntax error, and no
// finding is reported at or under it.

import { DEFAULT_SCHEMA, Type, load } from "js-yaml";
import type { JsonPath } from "../types";
import { FlagDocument } from "./document";

/** The value of a node under a tag Flaglens does not know; only the custom parser knows what it stands for. */
export class UnknownTagValue {
  constructor(readonly tag: string) {}
}

// js-yaml's "multi" types match every tag that starts with "!", after the tags the default schema knows.
const ANY_TAG_SCHEMA = DEFAULT_SCHEMA.extend(
  (["scalar", "sequence", "mapping"] as const).map(
    (kind) => new Type("!", { kind, multi: true, construct: (_data: unknown, tag?: string) => new UnknownTagValue(tag ?? "!") }),
  ),
);

/** Parses YAML whose unknown tags are unknown values; the js-yaml error when the text is not YAML at all. */
export function parseTaggedYaml(text: string): { doc: FlagDocument } | { error: unknown } {
  let value: unknown;
  try {
    value = load(text, { schema: ANY_TAG_SCHEMA });
  } catch (error) {
    return { error };
  }
  return { doc: new FlagDocument(text, value, [], { unknownPaths: findUnknownPaths(value) }) };
}

/** The JSON paths of every unknown value, found without recursion (documents can nest deeply). */
function findUnknownPaths(root: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  const seen = new Set<object>();
  const stack: [unknown, JsonPath][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value instanceof UnknownTagValue) found.push(path);
    else if (typeof value === "object" && value !== null && !seen.has(value)) {
      // Aliases share objects; each is walked once, which bounds the work by the size of the text.
      seen.add(value);
      if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, [...path, i]]));
      else for (const [key, item] of Object.entries(value)) stack.push([item, [...path, key]]);
    }
  }
  return found;
}
