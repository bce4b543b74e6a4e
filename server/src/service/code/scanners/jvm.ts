// Shared by the JVM-family scanners: `import static a.b.Flags.CHECKOUT;` and `import a.b.Flags`
// give local names with the class they come from.

import { C, K_IDENT, type Tokens } from "../lexer";

/** Imported names (the last segment) with the qualified name before them. */
export function jvmImports(t: Tokens): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < t.n; k++) {
    if (!t.isWord(k, "import") && !t.isWord(k, "using")) continue;
    const parts: string[] = [];
    let j = k + 1;
    if (t.isWord(j, "static")) j++;
    while (j < t.n && t.kind[j] === K_IDENT && (j === k + 1 || !t.nlBefore(j))) {
      parts.push(t.text_(j));
      if (!t.isOp(j + 1, C.dot)) break;
      j += 2;
    }
    if (parts.length >= 2) out.set(parts[parts.length - 1], parts.slice(0, -1).join("."));
    else if (parts.length === 1) out.set(parts[0], parts[0]);
  }
  return out;
}
