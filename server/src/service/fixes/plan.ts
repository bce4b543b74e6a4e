// The one plan of a flag removal, for `flaglens remove`, the editor's quick fix "here", the
// source action "from the workspace" and "Remove archived flag": the usages come from the code
// index (the same that `flaglens refs` lists), each rewriter maps them to its syntax, and every
// usage ends up removed, replaced by its value, or listed as left with a reason. Pure: texts come
// in through `read`, edits and file deletions go out.

import type { CodeIndex } from "../code/codeIndex";
import type { Usage } from "../code/usages";
import { isObject } from "../project/featureView";
import type { Project } from "../project/project";
import { LineIndex } from "../text";
import type { Range, TextEdit } from "../types";
import { getRewriter } from "./index";
import { usageSites } from "./callSites";
import type { Behaviour, RewriteNote, RewriteNoteKind, RewriteResult, UsageSite } from "./types";

/** What to remove, from where. */
export interface RemovalInput {
  featureKey: string;
  behaviour: Behaviour;
  /** The code index: its usages are the ones removed. */
  index: Pick<CodeIndex, "usages" | "usagesOf">;
  /** The files to rewrite; default: every file with a usage of the key. */
  scope?: readonly string[];
  /** The current text of a file (an open editor's, or the disk's); undefined when it cannot be read. */
  read: (path: string) => string | undefined;
  /**
   * Every code file in which a constant's name may still be used (the CLI's whole tree). Absent
   * (the editor, whose index holds only files with usages): only constants no other file can see
   * are deleted (declared without `export` in JavaScript/TypeScript, or inside a function).
   */
  codeFiles?: readonly string[];
  /** Also delete the feature's own file and its test files (an archived flag): the project that defines it. */
  withFiles?: Project;
  /** How a path reads in messages (the CLI's relative to --root); default: as is. */
  display?: (path: string) => string;
}

/** A note of the plan, in a file. */
export interface PlannedNote extends RewriteNote {
  path: string;
}

/** How one usage of the code index went. */
export interface UsageOutcome {
  usage: Usage;
  kind: RewriteNoteKind;
  message: string;
}

/** The plan: edits per file, files to delete, and notes. */
export interface FlagRemovalPlan {
  edits: { path: string; edits: TextEdit[] }[];
  /** Files to delete: the feature's own file and its tests, when asked. */
  deletions: string[];
  notes: PlannedNote[];
  /** One outcome per usage of the key in the scope, as `flaglens refs` lists them. */
  usages: UsageOutcome[];
  removed: number;
  replacedOnly: number;
  /** Usages left unchanged (not-simplified, dynamic keys included), each with a note saying why. */
  left: number;
}

const LANGUAGE_NAMES: Record<string, string> = {
  java: "Java",
  kotlin: "Kotlin",
  swift: "Swift",
  ruby: "Ruby",
  php: "PHP",
  csharp: "C#",
};

function before(a: Range["start"], b: Range["start"]): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(r: Range, p: Range["start"]): boolean {
  return before(r.start, p) && before(p, r.end);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Rewrites a file; a bug must not cost the user's code: nothing changes, and the note says why. */
function rewriteSafely(path: string, text: string, key: string, behaviour: Behaviour, sites: UsageSite[]): RewriteResult | undefined {
  const rewriter = getRewriter(path);
  if (!rewriter) return undefined;
  try {
    return rewriter.rewrite(path, text, { featureKey: key, behaviour, usages: sites });
  } catch (error) {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const message = `Flaglens could not rewrite this file (internal error: ${error instanceof Error ? error.message : String(error)}); nothing was changed.`;
    return { edits: [], notes: [{ line: 0, range, kind: "not-simplified", message }] };
  }
}

/** Applies sorted, non-overlapping LSP edits to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, index.offsetAt(e.range.start)) + e.newText;
    at = index.offsetAt(e.range.end);
  }
  return out + text.slice(at);
}

/** How many times a name occurs as a whole word (comments and strings count: they are left to the user). */
function wordCount(text: string, name: string): number {
  const word = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  let n = 0;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
    if (!word(text[i - 1]) && !word(text[i + name.length])) n++;
  }
  return n;
}

/** `export const NAME: T = `, `NAME = `, `Name string = `, `NAME: ` before a constant's literal on its line. */
const DECL_HEAD =
  /^((?:export|const|let|var|final|static|readonly|public|private)\s+)*([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>[\]| ]+?\s*|\s+[\w.]+\s*)?(=|:=|:)\s*$/;
/** What may follow the literal on its line: `;` or `,`, and a comment. */
const DECL_TAIL = /^\s*[;,]?\s*((\/\/|#).*)?$/;

/**
 * The line of a constant's declaration, when it holds that declaration alone and deleting the line
 * leaves valid code: the range to delete, or why not.
 */
function declarationLine(text: string, u: Usage, name: string): { start: number; end: number } | string {
  const lines = new LineIndex(text);
  if (u.range.start.line !== u.range.end.line) return "its declaration spans several lines";
  const s = lines.offsetAt({ line: u.range.start.line, character: 0 });
  const litStart = lines.offsetAt(u.range.start);
  const litEnd = lines.offsetAt(u.range.end);
  let e = text.indexOf("\n", litEnd);
  e = e < 0 ? text.length : e + 1;
  const head = text.slice(s, litStart);
  const tail = text.slice(litEnd, e).replace(/\r?\n$/, "");
  const m = DECL_HEAD.exec(head.trim());
  if (!m || m[2] !== name || !DECL_TAIL.test(tail)) return "its declaration shares its line with other code";
  // A Python body cannot be left empty: only module-level constants go.
  if (u.language === "python" && /^\s/.test(head)) return "it is declared inside a class or function";
  return { start: s, end: e };
}

/** Plans the removal of a flag. */
export function planFlagRemoval(input: RemovalInput): FlagRemovalPlan {
  const key = input.featureKey;
  const show = input.display ?? ((p: string) => p);
  const all = input.index.usagesOf(key);
  const scope = [...new Set(input.scope ?? all.map((u) => u.file))].sort();
  const inScope = new Set(scope);
  const notes: PlannedNote[] = [];
  const outcomes: UsageOutcome[] = [];
  const edits = new Map<string, TextEdit[]>();
  const texts = new Map<string, string>();
  const outcomeOf = new Map<Usage, UsageOutcome>();
  const settle = (usage: Usage, kind: RewriteNoteKind, message: string): void => {
    const o = { usage, kind, message };
    outcomes.push(o);
    outcomeOf.set(usage, o);
  };
  const leave = (path: string, usage: Usage, message: string): void => {
    settle(usage, "not-simplified", message);
    notes.push({
      path,
      line: usage.range.start.line,
      range: usage.range,
      kind: "not-simplified",
      message,
      call: usage.method ?? usage.via?.name ?? key,
    });
  };

  for (const path of scope) {
    const fileUsages = input.index.usages(path);
    const calls = fileUsages.filter((u) => u.feature === key && u.kind !== "constant");
    const text = input.read(path);
    if (text === undefined) {
      for (const u of calls) leave(path, u, `Left ${u.method}: the file could not be read.`);
      continue;
    }
    texts.set(path, text);
    if (calls.length === 0) continue;
    const result = rewriteSafely(path, text, key, input.behaviour, usageSites(text, fileUsages));
    if (!result) {
      const language = LANGUAGE_NAMES[calls[0].language] ?? calls[0].language;
      for (const u of calls) leave(path, u, `Left ${u.method}("${key}") unchanged: Flaglens does not rewrite ${language} files.`);
      continue;
    }
    if (result.edits.length > 0) edits.set(path, result.edits);
    const used = new Set<RewriteNote>();
    for (const u of calls) {
      const note = result.notes.find((n) => n.call !== undefined && !used.has(n) && contains(n.range, u.callRange.start));
      if (note) {
        used.add(note);
        settle(u, note.kind, note.message);
      } else leave(path, u, `Left ${u.method} unchanged: Flaglens could not find this call in the file's syntax.`);
    }
    // Notes not about a usage of the key: dynamic keys, code removed after a return, variables left unused.
    for (const n of result.notes) notes.push({ path, ...n });
  }

  // Constants that held the key: deleted when nothing uses them any more.
  const after = (path: string): string | undefined => {
    const text = texts.get(path) ?? input.read(path);
    if (text === undefined) return undefined;
    const e = edits.get(path);
    return e ? applyTextEdits(text, e) : text;
  };
  for (const c of all) {
    if (c.kind !== "constant" || !inScope.has(c.file)) continue;
    const name = c.via?.name ?? "";
    const text = texts.get(c.file);
    const leaveConstant = (why: string) => leave(c.file, c, `Left the constant ${name} ("${key}"): ${why}.`);
    if (!text || !getRewriter(c.file)) {
      leaveConstant(text ? "Flaglens does not rewrite this language" : "the file could not be read");
      continue;
    }
    const feeding = all.filter((u) => u.kind !== "constant" && u.via && u.via.file === c.file && sameRange(u.via.range, c.range));
    const pending = feeding.find((u) => {
      const o = outcomeOf.get(u);
      return !o || o.kind === "not-simplified";
    });
    if (pending) {
      leaveConstant(`${pending.method} at ${show(pending.file)}:${pending.range.start.line + 1} still uses it`);
      continue;
    }
    const line = declarationLine(text, c, name);
    if (typeof line === "string") {
      leaveConstant(line);
      continue;
    }
    if (!input.codeFiles && visibleOutside(text, line.start, c)) {
      leaveConstant("other files may use it (flaglens remove checks the whole tree)");
      continue;
    }
    const lines = new LineIndex(text);
    const own = edits.get(c.file) ?? [];
    if (own.some((e) => lines.offsetAt(e.range.start) < line.end && line.start < lines.offsetAt(e.range.end))) {
      leaveConstant("its line is changed by the rewrite");
      continue;
    }
    let elsewhere: string | undefined;
    for (const path of new Set([...scope, ...(input.codeFiles ?? [])])) {
      // A TypeScript constant is not used from Python: only the files of its language family count.
      if (family(path) !== family(c.file)) continue;
      const t = after(path);
      if (t === undefined || !t.includes(name)) continue;
      if (wordCount(t, name) > (path === c.file ? 1 : 0)) {
        elsewhere = path;
        break;
      }
    }
    if (elsewhere !== undefined) {
      leaveConstant(`its name is still used${elsewhere === c.file ? " in this file" : ` in ${show(elsewhere)}`}`);
      continue;
    }
    const deletion: TextEdit = { range: lines.rangeOf(line.start, line.end), newText: "" };
    edits.set(
      c.file,
      [...own, deletion].sort((a, b) => lines.offsetAt(a.range.start) - lines.offsetAt(b.range.start)),
    );
    const message = `Removed the constant ${name} ("${key}"): nothing uses it any more.`;
    settle(c, "removed", message);
    notes.push({ path: c.file, line: c.range.start.line, range: c.range, kind: "removed", message, call: name });
  }

  const deletions = input.withFiles ? featureFiles(input.withFiles, key) : [];
  notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.range.start.character - b.range.start.character));
  // Counted as `flaglens remove` always did: notes about a usage (dynamic keys included).
  const count = (kind: RewriteNoteKind) => notes.filter((n) => n.kind === kind && n.call !== undefined).length;
  return {
    edits: [...edits].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, e]) => ({ path, edits: e })),
    deletions,
    notes,
    usages: outcomes.sort(
      (a, b) =>
        (a.usage.file < b.usage.file ? -1 : a.usage.file > b.usage.file ? 1 : 0) ||
        a.usage.range.start.line - b.usage.range.start.line ||
        a.usage.range.start.character - b.usage.range.start.character,
    ),
    removed: count("removed"),
    replacedOnly: count("replaced-only"),
    left: count("not-simplified"),
  };
}

/** Whether a constant's declaration line may be seen from other files: exported, a member, or at a module's top level. */
function visibleOutside(text: string, lineStart: number, c: Usage): boolean {
  const line = text.slice(lineStart, text.indexOf("\n", lineStart) < 0 ? text.length : text.indexOf("\n", lineStart)).trimEnd();
  const indented = /^\s/.test(line);
  if (c.language === "typescript" || c.language === "javascript") return !/^\s*(const|let|var)\s/.test(line);
  return !indented;
}

/** Files whose names one another's constants may use: JavaScript and TypeScript; Java and Kotlin; else by extension. */
function family(path: string): string {
  const ext = /\.([^./]+)$/.exec(path.toLowerCase())?.[1] ?? "";
  if (/^[cm]?[jt]sx?$/.test(ext)) return "js";
  if (ext === "java" || ext === "kt" || ext === "kts") return "jvm";
  return ext === "pyi" ? "py" : ext;
}

/** An archived feature's own file and its test files, deleted with it. */
export function featureFiles(project: Project, key: string): string[] {
  const feature = project.entry("feature", key);
  if (!feature) return [];
  const tests = project.entries("test").filter((t) => isObject(t.doc?.value) && (t.doc!.value as Record<string, unknown>).feature === key);
  return [feature, ...tests].map((e) => e.path);
}
