// Offsets to line/character positions for the few places a scan reports, without a pass
// over every character: line starts come from native indexOf.

import type { Position, Range } from "../types";

/** Maps offsets of one text to positions; lines end at `\n` (a `\r` before it stays on its line). */
export class Positions {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let i = this.text.indexOf("\n");
    while (i >= 0) {
      starts.push(i + 1);
      i = this.text.indexOf("\n", i + 1);
    }
    return (this.starts = starts);
  }

  at(offset: number): Position {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }
}

/** Shifts a range by a number of lines (for script blocks inside Vue and Svelte files). */
export function shiftRange(r: Range, lines: number, firstLineColumns: number): Range {
  const shift = (p: Position): Position => ({
    line: p.line + lines,
    character: p.line === 0 ? p.character + firstLineColumns : p.character,
  });
  return { start: shift(r.start), end: shift(r.end) };
}
