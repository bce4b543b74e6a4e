// What Go rejects after code was removed: imported packages no longer used (removed), and local
// variables no longer used (reported; their initializer may matter, so they stay).

import type { GoTok } from "./goSyntax";
import type { ExtraNote } from "./notes";
import { removalRange, type OffsetEdit } from "./rope";

interface ImportSpec {
  /** Names the package may be known by: the alias, or guesses from its path. */
  names: string[];
  first: number;
  last: number;
  /** The import declaration holding it, and its other specs. */
  decl: { first: number; last: number; specs: number };
}

/** Names a package at `path` is likely known by: its last element, without a `go-` prefix, `-go` suffix or `.vN`. */
function packageNames(path: string): string[] {
  const parts = path.split("/");
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  const base = last.replace(/\.v\d+$/, "");
  return [...new Set([last, base, base.replace(/^go-/, ""), base.replace(/-go$/, ""), base.replace(/[-.]/g, "")])];
}

function importSpecs(toks: GoTok[]): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (!(toks[i].k === "name" && toks[i].text === "import")) continue;
    const grouped = toks[i + 1]?.text === "(";
    const specs: ImportSpec[] = [];
    let j = grouped ? i + 2 : i + 1;
    const decl = { first: i, last: i, specs: 0 };
    while (j < toks.length && !(grouped && toks[j].text === ")")) {
      if (toks[j].text === ";") {
        j++;
        if (!grouped) break;
        continue;
      }
      const alias = toks[j].k !== "str" ? toks[j] : undefined;
      const path = toks[alias ? j + 1 : j];
      if (!path || path.k !== "str") break;
      const value = path.value ?? "";
      specs.push({ names: alias ? [alias.text] : packageNames(value), first: j, last: alias ? j + 1 : j, decl });
      j = (alias ? j + 1 : j) + 1;
      if (!grouped) break;
    }
    decl.last = grouped ? j : j - 1;
    decl.specs = specs.length;
    out.push(...specs);
    i = j;
  }
  return out;
}

/** How often each name is used as a package qualifier (`name.X`) outside import declarations. */
function qualifierUses(toks: GoTok[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i];
    if (t.k === "name" && toks[i + 1].text === "." && toks[i - 1]?.text !== ".") out.set(t.text, (out.get(t.text) ?? 0) + 1);
  }
  return out;
}

/** Edits (of the original text) removing imports that the rewrite left unused. */
export function goImportEdits(text: string, before: GoTok[], after: GoTok[]): OffsetEdit[] {
  const specs = importSpecs(before);
  const used = qualifierUses(before);
  const usedAfter = qualifierUses(after);
  const gone = specs.filter(
    (s) => s.names.some((n) => (used.get(n) ?? 0) > 0) && s.names.every((n) => !usedAfter.get(n)) && !["_", "."].includes(s.names[0]),
  );
  const edits: OffsetEdit[] = [];
  const done = new Set<object>();
  for (const s of gone) {
    const all = gone.filter((g) => g.decl === s.decl);
    if (all.length === s.decl.specs) {
      if (done.has(s.decl)) continue;
      done.add(s.decl);
      const r = removalRange(text, before[s.decl.first].s, before[s.decl.last].e, "//");
      edits.push({ start: r.start, end: r.end, newText: "" });
    } else {
      const r = removalRange(text, before[s.first].s, before[s.last].e, "//");
      edits.push({ start: r.start, end: r.end, newText: "" });
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

const KEYWORDS = new Set([
  "if",
  "for",
  "switch",
  "select",
  "case",
  "go",
  "defer",
  "return",
  "range",
  "else",
  "var",
  "const",
  "type",
  "func",
]);

/** Names declared with `:=` or `var` (with the declaring token indices). */
function declarations(toks: GoTok[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (i: number): void => void out.set(toks[i].text, [...(out.get(toks[i].text) ?? []), i]);
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text === ":=" && toks[i].k === "op") {
      // name, name := ...
      for (let j = i - 1; j >= 0 && toks[j].k === "name" && !KEYWORDS.has(toks[j].text); j -= 2) {
        add(j);
        if (toks[j - 1]?.text !== ",") break;
      }
    } else if (toks[i].k === "name" && toks[i].text === "var" && toks[i + 1]?.k === "name") add(i + 1);
  }
  return out;
}

function nameUses(toks: GoTok[]): Map<string, number> {
  const out = new Map<string, number>();
  toks.forEach((t, i) => t.k === "name" && toks[i - 1]?.text !== "." && out.set(t.text, (out.get(t.text) ?? 0) + 1));
  return out;
}

/** Local variables that were used before the rewrite and are not after it, with their first declaring token (in `before`). */
export function goUnused(before: GoTok[], after: GoTok[]): { name: string; decl: number }[] {
  const declBefore = declarations(before);
  const declAfter = declarations(after);
  const usesBefore = nameUses(before);
  const usesAfter = nameUses(after);
  const out: { name: string; decl: number }[] = [];
  for (const [name, decls] of declAfter) {
    if (name === "_") continue;
    const wasUsed = (usesBefore.get(name) ?? 0) > (declBefore.get(name)?.length ?? 0);
    const isUsed = (usesAfter.get(name) ?? 0) > decls.length;
    const at = declBefore.get(name)?.[0];
    if (wasUsed && !isUsed && at !== undefined) out.push({ name, decl: at });
  }
  return out;
}

/** The note for a variable the rewrite left unused and could not remove. */
export function unusedNote(before: GoTok[], u: { name: string; decl: number }): ExtraNote {
  return {
    pos: before[u.decl].s,
    kind: "not-simplified",
    message: `"${u.name}" is no longer used: Go rejects unused variables, so remove its declaration (or assign it to _).`,
  };
}
