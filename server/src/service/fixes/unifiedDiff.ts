// A unified diff of two texts by lines (Myers' algorithm), as `diff -u` and git print it, so a
// removal can be reviewed before it is written.

type Op = { kind: " " | "-" | "+"; line: string };

function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** The shortest edit script between two line lists. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    v = next;
  }
  // Walk the trace back from the end.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const pk = down ? k + 1 : k - 1;
    const px = vd[offset + pk];
    const py = px - pk;
    while (x > px && y > py) {
      ops.push({ kind: " ", line: a[--x] });
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ kind: "+", line: b[--y] });
      else ops.push({ kind: "-", line: a[--x] });
    }
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x] });
    y--;
  }
  return ops.reverse();
}

function withBreak(line: string): string {
  return line.endsWith("\n") ? line : line + "\n\\ No newline at end of file\n";
}

/** The unified diff of two versions of a file, with `context` lines around each change; "" when equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return "";
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i].kind === " ") i++;
    if (i >= ops.length) break;
    // A hunk: from `context` lines before this change to `context` lines after the last change near it.
    let start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== " ") end++;
      let gap = end;
      while (gap < ops.length && ops[gap].kind === " ") gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j].kind !== "+") oldLine++;
      if (ops[j].kind !== "-") newLine++;
    }
    const hunk = ops.slice(start, end);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out += `@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@\n`;
    for (const o of hunk) out += o.kind + withBreak(o.line);
    start = end;
    i = end;
  }
  return out;
}
