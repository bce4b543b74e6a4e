// Where a cursor is in a flag file: the JSON path of the node under it, and whether it is on a key.

import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { FlagDocument } from "../project/document";
import type { JsonPath } from "../types";

/** The node under the cursor. */
export interface CursorContext {
  /** Path to the value (or key) the cursor is in. */
  path: JsonPath;
  /** True when the cursor is on a mapping key rather than a value. */
  inKey: boolean;
  /** Offsets of the scalar under the cursor (empty at the cursor when there is none yet). */
  start: number;
  end: number;
  /** The scalar's text as typed (quotes included), or "". */
  text: string;
}

function keyOf(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/** Finds the node under `offset`; undefined outside any node of the document. */
export function cursorContext(doc: FlagDocument, offset: number): CursorContext | undefined {
  const text = doc.text;
  const lineEnd = doc.lineIndex.lineEndAt(offset);
  const leaf = (path: JsonPath, node: Node | null | undefined, inKey: boolean): CursorContext => {
    const r = node?.range;
    if (r && isScalar(node)) return { path, inKey, start: r[0], end: r[1], text: text.slice(r[0], r[1]) };
    return { path, inKey, start: offset, end: offset, text: "" };
  };
  const visit = (node: unknown, path: JsonPath, depth: number): CursorContext | undefined => {
    if (depth > 64) return undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        const kr = k?.range;
        const key = keyOf(k);
        if (!kr || key === undefined) continue;
        if (offset >= kr[0] && offset <= kr[1]) return leaf([...path, key], k, true);
        const v = pair.value as Node | null;
        const vr = v?.range;
        if (vr && offset >= vr[0] && offset <= vr[1]) return visit(v, [...path, key], depth + 1) ?? leaf([...path, key], v, false);
        // `key: ` with nothing typed yet, the cursor after the colon on the same line.
        if (!vr || (isScalar(v) && v.value === null)) {
          if (offset > kr[1] && offset <= lineEnd && doc.lineIndex.positionAt(kr[0]).line === doc.lineIndex.positionAt(offset).line) {
            return leaf([...path, key], null, false);
          }
        }
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node | null;
        const r = item?.range;
        if (r && offset >= r[0] && offset <= r[1]) return visit(item, [...path, i], depth + 1) ?? leaf([...path, i], item, false);
      }
      return undefined;
    }
    if (isScalar(node)) return leaf(path, node, false);
    return undefined;
  };
  return visit(doc.ranges.contents, [], 0);
}

/** True when `path` ends inside a `segments` value: `segments`, then only indexes and and/or/not. */
export function inSegments(path: JsonPath): boolean {
  const i = path.lastIndexOf("segments");
  if (i < 0) return false;
  return path.slice(i + 1).every((p) => typeof p === "number" || p === "and" || p === "or" || p === "not");
}

/** The last string element of a path. */
export function lastKey(path: JsonPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return undefined;
}

/** The value at a path in a plain value. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}
