// The code index: per-file scan results, and the usages they resolve to. Constants connect
// files (a call in one file, the constant in another), so an update re-resolves the changed
// file, the files that use names it declares, and reports every file whose usages changed.

import type { Position, Range } from "../types";
import { matchesOrigin, type NameReference } from "./definitions";
import type { CodeLanguage, ConstantDecl, FileScan, KeyArg, RawCall, Usage } from "./usages";

/** A declaration's identity: its file and its index in that file's constants. */
type DeclId = string;

/** A resolved constant, with where it is declared. */
interface ResolvedName {
  value: string;
  file: string;
  decl: ConstantDecl;
  id: DeclId;
}

/** Per-file results of scanning application code, with resolved usages. */
export class CodeIndex {
  private readonly scans = new Map<string, FileScan>();
  /** Usages from each file's own calls. */
  private readonly callUsages = new Map<string, Usage[]>();
  /** Constants that some call resolved to, per declaring file: id -> the files whose calls use it. */
  private readonly usedConstants = new Map<string, Map<DeclId, Set<string>>>();
  /** The constants each file's calls resolved to, to undo them when the file is re-resolved. */
  private readonly constantsUsedBy = new Map<string, Set<DeclId>>();
  /** Files declaring each constant name. */
  private readonly declaredIn = new Map<string, Set<string>>();
  /** Files whose calls use each name from elsewhere. */
  private readonly referencedFrom = new Map<string, Set<string>>();
  /** Usage counts per feature key and file. */
  private readonly keyFiles = new Map<string, Map<string, number>>();
  private readonly finalUsages = new Map<string, Usage[]>();

  /** The files with scan results. */
  files(): IterableIterator<string> {
    return this.scans.keys();
  }

  /** The scan result of a file. */
  scanOf(path: string): FileScan | undefined {
    return this.scans.get(path);
  }

  /** The usages in a file, in source order. */
  usages(path: string): Usage[] {
    return this.finalUsages.get(path) ?? [];
  }

  /** The usage whose key or called name contains a position (for hover, definition and rename in code). */
  usageAt(path: string, position: Position): Usage | undefined {
    const inside = (r: Range) =>
      (r.start.line < position.line || (r.start.line === position.line && r.start.character <= position.character)) &&
      (r.end.line > position.line || (r.end.line === position.line && r.end.character >= position.character));
    return this.usages(path).find(
      (u) => inside(u.range) || inside(u.callRange) || (u.variableRange !== undefined && inside(u.variableRange)),
    );
  }

  /** Every usage, by file path and position. */
  allUsages(): Usage[] {
    const out: Usage[] = [];
    for (const path of [...this.finalUsages.keys()].sort()) out.push(...this.finalUsages.get(path)!);
    return out;
  }

  /** The usages of one feature key. */
  usagesOf(key: string): Usage[] {
    const out: Usage[] = [];
    for (const path of [...(this.keyFiles.get(key)?.keys() ?? [])].sort()) {
      for (const u of this.usages(path)) if (u.feature === key) out.push(u);
    }
    return out;
  }

  /** How many usages a key has (constants included). */
  referenceCount(key: string): number {
    let n = 0;
    for (const c of this.keyFiles.get(key)?.values() ?? []) n += c;
    return n;
  }

  /** Every key used somewhere, with its usage count. */
  referencedKeys(): Map<string, number> {
    const out = new Map<string, number>();
    for (const key of this.keyFiles.keys()) out.set(key, this.referenceCount(key));
    return out;
  }

  /** The files using a key. */
  filesUsing(key: string): string[] {
    return [...(this.keyFiles.get(key)?.keys() ?? [])];
  }

  /** Names used by calls and declared in no scanned file, though a file not scanned yet may declare them. */
  unresolvedNames(): NameReference[] {
    const out: NameReference[] = [];
    for (const [file, scan] of this.scans) {
      for (const call of scan.calls) {
        for (const arg of [call.key, call.variable]) {
          if (arg?.type === "name" && arg.global && !this.declaredIn.has(arg.name)) out.push({ file, arg });
        }
      }
    }
    return out;
  }

  /**
   * Sets (or, with undefined, removes) the scan results of files, and resolves what they touch.
   * Returns the files whose usages changed.
   */
  update(changes: Iterable<[path: string, scan: FileScan | undefined]>): Set<string> {
    const dirty = new Set<string>();
    const touchedNames = new Set<string>();
    for (const [path, scan] of changes) {
      const old = this.scans.get(path);
      if (old) this.unregister(path, old, touchedNames);
      if (scan) {
        this.scans.set(path, scan);
        this.register(path, scan, touchedNames);
      } else this.scans.delete(path);
      dirty.add(path);
    }
    for (const name of touchedNames) for (const f of this.referencedFrom.get(name) ?? []) dirty.add(f);
    const changedDecls = new Set<string>();
    for (const path of dirty) this.resolveCalls(path, changedDecls);
    const changed = new Set<string>([...dirty, ...changedDecls]);
    for (const path of changed) this.refreshFinal(path);
    return changed;
  }

  private register(path: string, scan: FileScan, touched: Set<string>): void {
    for (const d of scan.constants) {
      addTo(this.declaredIn, d.name, path);
      touched.add(d.name);
    }
    for (const call of scan.calls) {
      for (const arg of [call.key, call.variable]) if (arg?.type === "name" && arg.global) addTo(this.referencedFrom, arg.name, path);
    }
  }

  private unregister(path: string, scan: FileScan, touched: Set<string>): void {
    for (const d of scan.constants) {
      removeFrom(this.declaredIn, d.name, path);
      touched.add(d.name);
    }
    for (const call of scan.calls) {
      for (const arg of [call.key, call.variable]) if (arg?.type === "name") removeFrom(this.referencedFrom, arg.name, path);
    }
  }

  /** Resolves a file's calls; records which declaring files gained or lost a constant usage. */
  private resolveCalls(path: string, changedDecls: Set<string>): void {
    for (const id of this.constantsUsedBy.get(path) ?? []) {
      const file = declFile(id);
      const users = this.usedConstants.get(file)?.get(id);
      if (users) {
        users.delete(path);
        if (users.size === 0) this.usedConstants.get(file)!.delete(id);
        changedDecls.add(file);
      }
    }
    this.constantsUsedBy.delete(path);
    const scan = this.scans.get(path);
    if (!scan) {
      this.callUsages.delete(path);
      return;
    }
    const used = new Set<DeclId>();
    const out: Usage[] = [];
    for (const call of scan.calls) {
      const key = this.resolveArg(path, scan, call.key);
      const usage: Usage = {
        feature: key.value,
        file: path,
        range: key.range,
        callRange: call.callRange,
        language: scan.language,
        kind: call.kind,
        evaluates: call.evaluates,
        method: call.method,
      };
      if (key.keyRange) usage.keyRange = key.keyRange;
      if (key.via) {
        usage.via = { name: key.via.decl.name, file: key.via.file, range: key.via.decl.literal.range };
        used.add(key.via.id);
      }
      if (call.variable) {
        const v = this.resolveArg(path, scan, call.variable);
        usage.variable = v.value;
        usage.variableRange = v.range;
        if (v.keyRange) usage.variableKeyRange = v.keyRange;
      }
      if (call.compared) usage.comparedVariations = call.compared;
      out.push(usage);
    }
    this.callUsages.set(path, out);
    if (used.size > 0) this.constantsUsedBy.set(path, used);
    for (const id of used) {
      const file = declFile(id);
      let m = this.usedConstants.get(file);
      if (!m) this.usedConstants.set(file, (m = new Map()));
      const users = m.get(id) ?? new Set<string>();
      users.add(path);
      m.set(id, users);
      changedDecls.add(file);
    }
  }

  private resolveArg(
    path: string,
    scan: FileScan,
    arg: KeyArg,
  ): { value: string | null; range: RawCall["callRange"]; keyRange?: RawCall["callRange"]; via?: ResolvedName } {
    if (arg.type === "literal") return { value: arg.literal.value, range: arg.literal.range, keyRange: arg.literal.valueRange };
    if (arg.type === "dynamic") return { value: null, range: arg.range };
    const via = this.resolveName(path, scan, arg);
    return via ? { value: via.value, range: arg.range, via } : { value: null, range: arg.range };
  }

  /** A name's value: declared in the same file, else (for names that may come from elsewhere) one value among its declarations. */
  private resolveName(path: string, scan: FileScan, arg: Extract<KeyArg, { type: "name" }>): ResolvedName | undefined {
    const local = localConstant(scan, arg);
    if (local === HIDDEN) return undefined;
    if (local >= 0) return { value: scan.constants[local].literal.value, file: path, decl: scan.constants[local], id: `${path}#${local}` };
    if (!arg.global) return undefined;
    const candidates: (ResolvedName & { score: number })[] = [];
    const ref: NameReference = { file: path, arg };
    const family = languageFamily(scan.language);
    for (const file of this.declaredIn.get(arg.name) ?? []) {
      const other = this.scans.get(file)!;
      // A Java call cannot take its key from a Python file.
      if (languageFamily(other.language) !== family) continue;
      other.constants.forEach((decl, i) => {
        // A constant declared in a function or block is not visible from other files.
        if (decl.name !== arg.name || decl.scope) return;
        candidates.push({ value: decl.literal.value, file, decl, id: `${file}#${i}`, score: matchesOrigin(ref, file, decl.container) });
      });
    }
    if (candidates.length === 0) return undefined;
    const best = Math.max(...candidates.map((c) => c.score));
    const top = candidates.filter((c) => c.score === best);
    // One value among the best matches, or the name is ambiguous.
    if (new Set(top.map((c) => c.value)).size !== 1) return undefined;
    return top.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))[0];
  }

  /** Recomputes a file's usages (calls and used constants) and the key counts. */
  private refreshFinal(path: string): void {
    const old = this.finalUsages.get(path) ?? [];
    const out = [...(this.callUsages.get(path) ?? [])];
    const scan = this.scans.get(path);
    for (const id of this.usedConstants.get(path)?.keys() ?? []) {
      const decl = scan?.constants[Number(id.slice(id.lastIndexOf("#") + 1))];
      if (!decl) continue;
      out.push({
        feature: decl.literal.value,
        file: path,
        range: decl.literal.range,
        keyRange: decl.literal.valueRange,
        callRange: decl.literal.range,
        language: scan!.language,
        kind: "constant",
        via: { name: decl.name, file: path, range: decl.literal.range },
      });
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (out.length > 0) this.finalUsages.set(path, out);
    else this.finalUsages.delete(path);
    for (const u of old) if (u.feature !== null) this.count(u.feature, path, -1);
    for (const u of out) if (u.feature !== null) this.count(u.feature, path, 1);
  }

  private count(key: string, path: string, delta: number): void {
    let m = this.keyFiles.get(key);
    if (!m) this.keyFiles.set(key, (m = new Map()));
    const n = (m.get(path) ?? 0) + delta;
    if (n > 0) m.set(path, n);
    else {
      m.delete(path);
      if (m.size === 0) this.keyFiles.delete(key);
    }
  }
}

/** What localConstant returns for a name bound in the file to something that is not one key. */
const HIDDEN = -2;

/**
 * The index of the same-file constant a name refers to, HIDDEN, or -1: among the declarations whose scope
 * holds the name (top-level ones hold everything), the innermost, so a nested one shadows.
 */
function localConstant(scan: FileScan, arg: Extract<KeyArg, { type: "name" }>): number {
  let best = -1;
  // The innermost local that holds no one key, when the name is not qualified: it hides constants outside it.
  let hidden: Range | null | undefined;
  if (arg.qualifier === undefined) {
    for (const l of scan.locals ?? []) {
      if (l.name !== arg.name || (l.scope && !contains(l.scope, arg.range))) continue;
      if (hidden === undefined || (l.scope && (hidden === null || before(hidden.start, l.scope.start)))) hidden = l.scope ?? null;
    }
  }
  scan.constants.forEach((d, i) => {
    if (d.name !== arg.name || (arg.qualifier !== undefined && d.container !== arg.qualifier)) return;
    if (d.scope && !contains(d.scope, arg.range)) return;
    if (best < 0) best = i;
    else {
      const b = scan.constants[best].scope;
      // Innermost: a scoped declaration beats a top-level one; a later-starting scope is nested deeper.
      if (d.scope && (!b || before(b.start, d.scope.start))) best = i;
    }
  });
  if (hidden === undefined) return best;
  const found = best >= 0 ? scan.constants[best].scope : undefined;
  // A local at the same level or deeper than the best constant hides it (and any constant of another file).
  if (hidden === null ? !found : !found || !before(hidden.start, found.start)) return HIDDEN;
  return best;
}

function before(a: Range["start"], b: Range["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

/** Languages that can use each other's constants: JavaScript and TypeScript; Java and Kotlin. */
function languageFamily(language: CodeLanguage): string {
  return language === "javascript" ? "typescript" : language === "kotlin" ? "java" : language;
}

function declFile(id: DeclId): string {
  return id.slice(0, id.lastIndexOf("#"));
}

function addTo(m: Map<string, Set<string>>, key: string, value: string): void {
  let s = m.get(key);
  if (!s) m.set(key, (s = new Set()));
  s.add(value);
}

function removeFrom(m: Map<string, Set<string>>, key: string, value: string): void {
  const s = m.get(key);
  if (!s) return;
  s.delete(value);
  if (s.size === 0) m.delete(key);
}
