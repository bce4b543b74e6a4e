// Document symbols (the outline of a flag file) and workspace symbols (every entity key).

import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { FileEntry } from "../project/entries";
import type { Project } from "../project/project";
import type { Range } from "../types";

/** A node of a file's outline. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: "object" | "array" | "property" | "key";
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** A named item of a list: rules and forces by key, variations by value, slots by feature. */
function itemName(node: unknown, index: number): string {
  if (isMap(node)) {
    for (const k of ["key", "value", "feature", "segment", "attribute"]) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === k);
      if (pair && isScalar(pair.value)) return `${k === "key" ? "" : k + " "}${String(pair.value.value)}`;
    }
  }
  return `[${index}]`;
}

/** The outline of a flag file, from its YAML structure, at most six levels deep. */
export function doDocumentSymbols(entry: FileEntry): OutlineSymbol[] {
  const doc = entry.doc;
  if (!doc) return [];
  const range = (n: Node | null | undefined): Range | undefined => (n?.range ? doc.lineIndex.rangeOf(n.range[0], n.range[1]) : undefined);
  const walk = (node: unknown, depth: number): OutlineSymbol[] => {
    if (depth > 6) return [];
    if (isMap(node)) {
      return node.items.flatMap((p) => {
        const key = p.key as Node | null;
        const kr = range(key);
        if (!kr || !isScalar(key)) return [];
        const value = p.value as Node | null;
        const full = value?.range ? doc.lineIndex.rangeOf(key.range![0], value.range[1]) : kr;
        const kind = isMap(value) ? "object" : isSeq(value) ? "array" : "property";
        const detail = isScalar(value) ? String(value.value ?? "") : undefined;
        return [{ name: String(key.value), detail, kind, range: full, selectionRange: kr, children: walk(value, depth + 1) }];
      });
    }
    if (isSeq(node)) {
      return node.items.flatMap((item, i) => {
        const r = range(item as Node);
        if (!r || isScalar(item)) return [];
        return [{ name: itemName(item, i), kind: "key" as const, range: r, selectionRange: r, children: walk(item, depth + 1) }];
      });
    }
    return [];
  };
  return walk(doc.ranges.contents, 0);
}

/** A key of the project, found by a workspace symbol search. */
export interface EntitySymbol {
  name: string;
  kind: FileEntry["kind"];
  path: string;
  detail?: string;
}

/** Entity keys matching a query (case-insensitive subsequence, as editors filter). */
export function doWorkspaceSymbols(projects: Iterable<Project>, query: string, limit = 500): EntitySymbol[] {
  const q = query.toLowerCase();
  const matches = (name: string) => {
    let i = 0;
    for (const c of name.toLowerCase()) if (c === q[i]) i++;
    return i === q.length;
  };
  const out: EntitySymbol[] = [];
  for (const project of projects) {
    for (const entry of project.files.values()) {
      if (entry.kind === "test" || entry.kind === "environment" || !matches(entry.key)) continue;
      // The sets of a project may share keys: the set tells their symbols apart.
      const detail = project.set !== undefined ? `${entry.kind} in set ${project.set}` : entry.kind;
      out.push({ name: entry.key, kind: entry.kind, path: entry.path, detail });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
