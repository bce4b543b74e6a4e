// Values as an SDK sees them: a datafile is JSON, so whatever js-yaml parsed reaches the SDK after a
// JSON round trip. Dates become ISO strings (a condition `value: 2023-11-24` compares as text for
// `equals`), undefined fields disappear, and non-finite numbers become null.

import type { FileEntry } from "../project/entries";

const cache = new WeakMap<FileEntry, unknown>();

/** The JSON round trip of a value; undefined stays undefined. */
export function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** A file's parsed value after the JSON round trip, computed once per entry (entries are immutable). */
export function jsonValue(entry: FileEntry | undefined): unknown {
  if (!entry) return undefined;
  if (cache.has(entry)) return cache.get(entry);
  let value: unknown;
  try {
    value = toJson(entry.doc?.value);
  } catch {
    value = undefined; // A value JSON cannot hold (a cycle through YAML anchors) cannot be built either.
  }
  cache.set(entry, value);
  return value;
}

/**
 * Segments as the SDK reads them from a datafile that stringified them: text starting with `{` or `[`
 * is parsed back; any other text (a segment key, or `"null"` for a null) stays a segment key.
 */
export function stringifiedSegments(segments: unknown): unknown {
  if (typeof segments === "string") return segments;
  const text = JSON.stringify(segments);
  if (text === undefined) return undefined;
  return text.startsWith("{") || text.startsWith("[") ? segments : text;
}
