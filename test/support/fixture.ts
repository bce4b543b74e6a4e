// Inline multi-file fixtures, as in ARCHITECTURE.md:
//   //- /features/checkout.yml      starts a file
//   $0                              marks the cursor (removed from the text)
//   #   ^^^^^ error unknown-segment   expects a diagnostic under the span of the line above
// Expectation lines are removed from the file text; the `#` is optional, so a caret can sit in column 0.

import { Workspace } from "../../server/src/service/workspace";
import type { FlaglensDiagnostic } from "../../server/src/service/types";
import { MemoryFileSystem } from "./memoryFileSystem";

/** The project root used by fixtures. */
export const ROOT = "/project";

const EXPECTATION = /^[#\s]*(\^+)\s+(error|warning|information|hint)\s+([a-z0-9-]+)\s*$/;

/** A parsed fixture. */
export interface Fixture {
  /** File texts by path relative to the root, without expectation lines or cursor marker. */
  files: Map<string, string>;
  /** The fixture text of each file with expectation lines, normalised, for whole-text comparison. */
  annotated: Map<string, string>;
  cursor?: { file: string; offset: number };
}

/** Parses fixture text. */
export function parseFixture(text: string): Fixture {
  const files = new Map<string, string>();
  const annotated = new Map<string, string>();
  let cursor: Fixture["cursor"];
  const chunks = text.split(/^\/\/- /m).slice(1);
  for (const chunk of chunks) {
    const nl = chunk.indexOf("\n");
    const name = chunk.slice(0, nl).trim().replace(/^\//, "");
    const body = chunk.slice(nl + 1);
    const lines = body.split("\n");
    const kept: string[] = [];
    const ann: string[] = [];
    for (const line of lines) {
      const m = EXPECTATION.exec(line);
      if (m) {
        ann.push(
          line
            .replace(/^[#\s]*(?=\^)/, (p) => " ".repeat(p.length))
            .replace(/^ /, line.startsWith("#") ? "#" : " ")
            .trimEnd(),
        );
        continue;
      }
      kept.push(line);
      ann.push(line);
    }
    let content = kept.join("\n");
    const at = content.indexOf("$0");
    if (at >= 0) {
      cursor = { file: name, offset: at };
      content = content.slice(0, at) + content.slice(at + 2);
    }
    files.set(name, content);
    annotated.set(name, normalizeAnnotations(ann.join("\n").replace("$0", "")));
  }
  return { files, annotated, cursor };
}

/** Expectation lines are compared with `#` in column 0 whenever the caret does not start there. */
function normalizeAnnotations(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const m = EXPECTATION.exec(line);
      if (!m) return line;
      const col = line.indexOf("^");
      const prefix = col === 0 ? "" : "#" + " ".repeat(col - 1);
      return `${prefix}${m[1]} ${m[2]} ${m[3]}`;
    })
    .join("\n")
    .trimEnd();
}

/** Renders a file's text with one expectation line per diagnostic, in the fixture syntax. */
export function annotate(text: string, diagnostics: FlaglensDiagnostic[]): string {
  const lines = text.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    const here = diagnostics
      .filter((d) => d.range.start.line === i)
      .sort((a, b) => a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    for (const d of here) {
      const start = d.range.start.character;
      const end = d.range.end.line === i ? d.range.end.character : line.length;
      const carets = "^".repeat(Math.max(1, end - start));
      const prefix = start === 0 ? "" : "#" + " ".repeat(start - 1);
      out.push(`${prefix}${carets} ${d.severity} ${d.code}`);
    }
  });
  return out.join("\n").trimEnd();
}

/** Default config for fixtures that do not bring their own. */
export const DEFAULT_CONFIG = `module.exports = { environments: ["staging", "production"], tags: ["all", "web"] };\n`;

/** Loads a fixture into a workspace over an in-memory file system. */
export async function loadFixture(text: string): Promise<{ fixture: Fixture; workspace: Workspace; fs: MemoryFileSystem; logs: string[] }> {
  const fixture = parseFixture(text);
  const fs = new MemoryFileSystem();
  if (!fixture.files.has("featurevisor.config.js")) fs.write(`${ROOT}/featurevisor.config.js`, DEFAULT_CONFIG);
  for (const [name, content] of fixture.files) fs.write(`${ROOT}/${name}`, content);
  const logs: string[] = [];
  const workspace = new Workspace(fs, { log: (m) => logs.push(m) });
  await workspace.addFolder(ROOT);
  return { fixture, workspace, fs, logs };
}

/** The annotated text of every fixture file, actual vs expected, for one deepEqual. */
export async function checkDiagnostics(text: string): Promise<{ actual: Record<string, string>; expected: Record<string, string> }> {
  const { fixture, workspace } = await loadFixture(text);
  const actual: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const [name, content] of fixture.files) {
    actual[name] = annotate(content, workspace.diagnostics(`${ROOT}/${name}`));
    expected[name] = fixture.annotated.get(name)!;
  }
  return { actual, expected };
}
