// Fixture cases of the flag removal: a file before, the whole file expected after, and the kinds
// of the notes in order. Sources are written indented in the test files; `src` strips the
// common indentation (Go cases write their tabs as \t).

import { doRemoveFlag, loadRewriters } from "../../../server/src/service/fixes/index";
import type { Behaviour, RewriteResult } from "../../../server/src/service/fixes/types";
import { LineIndex } from "../../../server/src/service/text";
import type { TextEdit } from "../../../server/src/service/types";

/**
 * Python and Go rewrites are checked by tree-sitter, whose parsers load asynchronously: a root hook
 * of every test file that imports this one loads them first (without them those rewrites are refused).
 */
export function loadSyntaxCheck(): Promise<void> {
  return loadRewriters(["/p/a.py", "/p/a.go"]);
}
// The cases are also read outside mocha (the remove fuzz of `npm run fuzz -- --remove`).
if (typeof before === "function") before(loadSyntaxCheck);

/** One before/after case. */
export interface Case {
  name: string;
  file: string;
  key: string;
  keep: "enabled" | "disabled" | `variation:${string}` | `enabled-unknown`;
  variables?: Record<string, unknown>;
  before: string;
  after: string;
  /** The kinds of the notes, in order. */
  notes: string[];
  /** Receiver names of the SDK besides the defaults (flaglens.code.clients), for the code index to find the calls. */
  clients?: string[];
}

/** Strips a leading line break and the common indentation of the non-blank lines. */
export function src(text: string): string {
  const body = text.replace(/^\n/, "").replace(/\n[ \t]*$/, "\n");
  const lines = body.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ ]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ ]*/.exec(l)![0].length))).join("\n");
}

/** The behaviour a case keeps. */
export function behaviourOf(c: Pick<Case, "keep" | "variables">): Behaviour {
  const variables = c.variables ?? {};
  if (c.keep === "enabled") return { enabled: true, variation: null, variables };
  if (c.keep === "enabled-unknown") return { enabled: true, variables };
  if (c.keep === "disabled") return { enabled: false, variation: null, variables };
  return { enabled: true, variation: c.keep.slice("variation:".length), variables };
}

/** Applies LSP text edits (sorted, non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  let out = "";
  let at = 0;
  for (const e of edits) {
    const s = index.offsetAt(e.range.start);
    if (s < at) throw new Error("overlapping edits");
    out += text.slice(at, s) + e.newText;
    at = index.offsetAt(e.range.end);
  }
  return out + text.slice(at);
}

/** Runs the removal of a case on a text. */
export function runCase(
  c: Pick<Case, "file" | "key" | "keep" | "variables" | "clients">,
  text: string,
): { text: string; result: RewriteResult } {
  const result = doRemoveFlag(c.file, text, { featureKey: c.key, behaviour: behaviourOf(c), clients: c.clients });
  return { text: applyEdits(text, result.edits), result };
}
