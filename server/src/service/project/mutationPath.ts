// The notation of variable mutations (Featurevisor 2.14 and later): a key such as `config.width`,
// `items[id=2]:after` or `tags:append` names a declared variable, a path into its value, and an operation.
// Read as the 2.27 and 3.1 builders and linters read it (their parseNotation); the builder's resolution is
// in evaluation/mutations.ts, the linter's checks in validation/rules/mutationKeys.ts.

export const OPERATIONS = ["append", "prepend", "after", "before", "remove"] as const;
export type Operation = (typeof OPERATIONS)[number] | "set";

/** One step of a path: a property, an index into an array, or the element whose `prop` reads `value`. */
export type Step = { key: string; index?: number; select?: { prop: string; value: string } };

/** The operation a key ends with (`:append`), and the key without it. */
export function splitOperation(key: string): { path: string; operation: Operation } {
  const colon = key.lastIndexOf(":");
  const suffix = colon >= 0 ? key.slice(colon + 1) : "";
  if ((OPERATIONS as readonly string[]).includes(suffix)) return { path: key.slice(0, colon), operation: suffix as Operation };
  return { path: key, operation: "set" };
}

/** `[0]` or `[id=2]` (quotes around the value are dropped); the bracket's text without the brackets. */
function bracketStep(key: string, inside: string): Step {
  const eq = inside.indexOf("=");
  if (eq < 0) return { key, index: parseInt(inside.trim(), 10) };
  let value = inside.slice(eq + 1).trim();
  // As in the builder, a lone quote counts as opened and closed.
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
  return { key, select: { prop: inside.slice(0, eq).trim(), value } };
}

/** The steps of a path such as `a.b[0].c` or `[id=2]`. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    let end = i;
    while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
    const key = path.slice(i, end).trim();
    i = end;
    if (path[i] === "[") {
      const close = path.indexOf("]", i + 1);
      const stop = close < 0 ? path.length : close;
      steps.push(bracketStep(key, path.slice(i + 1, stop)));
      i = stop + 1;
    } else if (key) {
      steps.push({ key });
    }
    if (path[i] === ".") i++;
  }
  return steps;
}

/** True for a key in mutation notation: a path (`.`, `[`) or an operation suffix. */
export function isMutationKey(key: string): boolean {
  const k = key.trim();
  return k.includes(".") || k.includes("[") || splitOperation(k).operation !== "set";
}

/** The declared variable a mutation key starts with: `items` for `items[id=2]:after`, `a` for `a.b`. */
export function rootVariable(key: string): string {
  const { path } = splitOperation(key);
  const first = path.trim().split(".")[0];
  return first.replace(/\s*\[.*\]\s*$/, "").trim();
}
