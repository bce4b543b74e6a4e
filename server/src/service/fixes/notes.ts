// The notes of a rewrite: for each usage, how far it went (removed, replaced by its value, or
// left alone, and why), from what the rendering kept and wrote; and edits in LSP shapes.

import { LineIndex } from "../text";
import type { TextEdit } from "../types";
import type { UsageValue } from "./callSites";
import type { OffsetEdit, Rendered } from "./rope";
import type { Value } from "./simplify";
import type { RewriteNote, RewriteNoteKind } from "./types";

/** A usage as the notes see it, in any language. */
export interface NoteUsage {
  index: number;
  start: number;
  end: number;
  /** How the call reads: `isEnabled("checkout")`. */
  label: string;
  value: UsageValue;
  dynamic: boolean;
}

/** A note at an offset that is not about one usage. */
export interface ExtraNote {
  pos: number;
  message: string;
  kind?: RewriteNoteKind;
}

function survived(r: Rendered, start: number, end: number): boolean {
  return r.kept.some((k) => k.s <= start && start < k.e) && r.kept.some((k) => k.s < end && end <= k.e);
}

/** The notes of a rewrite, sorted by position. */
export function buildNotes(
  text: string,
  key: string,
  usages: readonly NoteUsage[],
  rendered: Rendered,
  visited: ReadonlySet<number>,
  extra: readonly ExtraNote[],
  show: (v: Value) => string,
): RewriteNote[] {
  const index = new LineIndex(text);
  const out: (RewriteNote & { pos: number })[] = [];
  const add = (pos: number, end: number, kind: RewriteNoteKind, message: string, call?: string): void => {
    const range = index.rangeOf(pos, end);
    out.push({ pos, line: range.start.line, range, kind, message, ...(call !== undefined ? { call } : {}) });
  };
  for (const u of usages) {
    const kept = survived(rendered, u.start, u.end);
    if (u.dynamic) {
      if (kept)
        add(
          u.start,
          u.end,
          "not-simplified",
          `${u.label} computes its key at run time: check by hand whether it can be "${key}".`,
          u.label,
        );
    } else if ("reason" in u.value) {
      if (kept) add(u.start, u.end, "not-simplified", `Left ${u.label} unchanged: ${u.value.reason}.`, u.label);
      else add(u.start, u.end, "removed", `Removed ${u.label} with code that no longer runs.`, u.label);
    } else if (rendered.emitted.has(u.index)) {
      const value = u.value.known.value;
      const v = value !== null && typeof value === "object" ? "the same value" : show(value);
      add(
        u.start,
        u.end,
        "replaced-only",
        `Replaced ${u.label} (always ${v}); the result is used where it is not simplified further: review the code around it.`,
        u.label,
      );
    } else if (visited.has(u.index)) {
      add(
        u.start,
        u.end,
        "removed",
        `Removed ${u.label} (always ${show(u.value.known.value)}) and simplified the code that used it.`,
        u.label,
      );
    } else add(u.start, u.end, "removed", `Removed ${u.label} with code that no longer runs.`, u.label);
  }
  for (const e of extra) add(e.pos, e.pos, e.kind ?? "removed", e.message);
  return out.sort((a, b) => a.pos - b.pos).map(({ pos: _pos, ...n }) => n);
}

/** Offset edits as LSP text edits. */
export function toTextEdits(text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  const index = new LineIndex(text);
  return edits.map((e) => ({ range: index.rangeOf(e.start, e.end), newText: e.newText }));
}

/** A call's label for notes: its name and key, shortened. */
export function callLabel(text: string, start: number, end: number): string {
  const s = text.slice(start, end).replace(/\s+/g, " ");
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}
