// Imports that the rewrite of a Python file left unused: a name used before and not after goes
// from its `import` or `from ... import` statement (the whole statement when none is left).
// `__future__` imports, star imports, names that appear in strings (`__all__`) and package
// `__init__.py` files (whose imports others may import) are left alone.

import { lexPython, type PyTok } from "./pySyntax";
import { removalRange, type OffsetEdit } from "./rope";

interface Binding {
  name: string;
  /** Tokens `[first, last]` of the binding (`a`, `a as b`, `a.b`). */
  first: number;
  last: number;
}

function uses(toks: PyTok[], skip: (i: number) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  toks.forEach((t, i) => {
    if (t.k === "name" && !skip(i) && !(toks[i - 1]?.k === "op" && toks[i - 1].text === ".")) out.set(t.text, (out.get(t.text) ?? 0) + 1);
  });
  return out;
}

/** The bindings of an import line `[first, last]`, or undefined for one that is left alone. */
function bindings(toks: PyTok[], first: number, last: number): Binding[] | undefined {
  const out: Binding[] = [];
  let i = first + 1;
  if (toks[first].text === "from") {
    const mod: string[] = [];
    while (i <= last && !(toks[i].k === "name" && toks[i].text === "import")) mod.push(toks[i++].text);
    if (mod.join("") === "__future__") return undefined;
    i++;
  }
  while (i <= last) {
    const t = toks[i];
    if (t.k === "op" && (t.text === "(" || t.text === ")" || t.text === ",")) {
      i++;
      continue;
    }
    if (t.k !== "name") return undefined;
    let end = i;
    while (toks[end + 1]?.text === "." && toks[end + 2]?.k === "name") end += 2;
    let name = t.text;
    if (toks[end + 1]?.text === "as" && toks[end + 2]?.k === "name") {
      end += 2;
      name = toks[end].text;
    }
    out.push({ name, first: i, last: end });
    i = end + 1;
  }
  return out;
}

/** Edits (of the original text) removing the imports that the rewrite left unused. */
export function pyImportEdits(
  fileName: string,
  text: string,
  before: { toks: PyTok[]; lines: { first: number; last: number }[] },
  after: string,
): OffsetEdit[] {
  if (/(^|\/)__init__\.py$/.test(fileName)) return [];
  const { toks, lines } = before;
  const imports = lines.filter((l) => toks[l.first].k === "name" && (toks[l.first].text === "import" || toks[l.first].text === "from"));
  if (imports.length === 0) return [];
  const inImport = new Set<number>();
  for (const l of imports) for (let i = l.first; i <= l.last; i++) inImport.add(i);
  const used = uses(toks, (i) => inImport.has(i));
  const next = lexPython(after);
  const nextImports = new Set<number>();
  for (const l of next.lines) {
    const t = next.toks[l.first];
    if (t.k === "name" && (t.text === "import" || t.text === "from")) for (let i = l.first; i <= l.last; i++) nextImports.add(i);
  }
  const usedAfter = uses(next.toks, (i) => nextImports.has(i));
  const strings = next.toks.filter((t) => t.k === "str").map((t) => t.text);
  const gone = (b: Binding): boolean => (used.get(b.name) ?? 0) > 0 && !usedAfter.get(b.name) && !strings.some((s) => s.includes(b.name));
  const edits: OffsetEdit[] = [];
  for (const l of imports) {
    const bs = bindings(toks, l.first, l.last);
    if (!bs || bs.length === 0 || !bs.some(gone)) continue;
    if (bs.every(gone)) {
      const r = removalRange(text, toks[l.first].s, toks[l.last].e, "#");
      edits.push({ start: r.start, end: r.end, newText: "" });
      continue;
    }
    // Runs of unused names go with the comma after them, or before them at the end of the list.
    for (let i = 0; i < bs.length; i++) {
      if (!gone(bs[i])) continue;
      let j = i;
      while (j + 1 < bs.length && gone(bs[j + 1])) j++;
      if (j + 1 < bs.length) edits.push({ start: toks[bs[i].first].s, end: toks[bs[j + 1].first].s, newText: "" });
      else edits.push({ start: toks[bs[i - 1].last].e, end: toks[bs[j].last].e, newText: "" });
      i = j;
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}
