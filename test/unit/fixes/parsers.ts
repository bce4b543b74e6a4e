// Whether rewritten files still parse: TypeScript with the compiler, Python with its own `ast`
// module (one process for a batch), Go with `gofmt -e` when Go is installed, else a check that
// brackets balance.

import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lexGo } from "../../../server/src/service/fixes/goSyntax";
import { parseErrors, parseTs } from "../../../server/src/service/fixes/tsRewrite";

/** The number of syntax errors the TypeScript compiler finds. */
export function tsSyntaxErrors(file: string, text: string): number {
  return parseErrors(parseTs(file, text));
}

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

const PY_CHECK = `
import ast, json, sys
out = []
for text in json.load(sys.stdin):
    try:
        ast.parse(text)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.lineno}: {e.msg}")
print(json.dumps(out))
`;

/** Python's syntax errors per text (null when it parses), or undefined without python3. */
export function pythonSyntaxErrors(texts: string[]): (string | null)[] | undefined {
  if (!has("python3", ["--version"])) return undefined;
  return JSON.parse(execFileSync("python3", ["-c", PY_CHECK], { input: JSON.stringify(texts), encoding: "utf8" })) as (string | null)[];
}

/** Whether brackets balance in Go tokens (the check when Go is not installed). */
function goBalanced(text: string): string | null {
  const stack: string[] = [];
  for (const t of lexGo(text)) {
    if (t.k !== "op") continue;
    if ("([{".includes(t.text)) stack.push(t.text);
    else if (")]}".includes(t.text)) {
      const open = stack.pop();
      if (open === undefined || "([{".indexOf(open) !== ")]}".indexOf(t.text)) return `unbalanced ${t.text} at ${t.s}`;
    }
  }
  return stack.length ? "unclosed bracket" : null;
}

/** Go's syntax errors per text (null when it parses) and how they were checked. */
export function goSyntaxErrors(texts: string[]): { method: "gofmt" | "brackets"; errors: (string | null)[] } {
  // `gofmt -l /dev/null` fails (an empty file is no Go source): probe with a tiny package on stdin.
  const probe = spawnSync("gofmt", ["-l"], { input: "package probe\n", encoding: "utf8" });
  if (probe.status !== 0) return { method: "brackets", errors: texts.map(goBalanced) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-go-"));
  try {
    const files = texts.map((t, i) => {
      const f = path.join(dir, `f${i}.go`);
      fs.writeFileSync(f, t);
      return f;
    });
    const r = spawnSync("gofmt", ["-e", "-l", ...files], { encoding: "utf8" });
    return {
      method: "gofmt",
      errors: files.map((f) => {
        const lines = r.stderr.split("\n").filter((l) => l.startsWith(f + ":"));
        return lines.length ? lines.join("\n") : null;
      }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
