// Removal of a retired flag from application code: the registry of rewriters by file extension.
// Adding a language is one file with a FlagRewriter and one line here.

import { goRewriter } from "./go";
import { pythonRewriter } from "./python";
import { CodeIndex } from "../code/codeIndex";
import { Scanner } from "../code/scan";
import { usageSites } from "./callSites";
import type { FlagRewriter, RemoveFlagRequest, RewriteResult } from "./types";
import { loadSyntax } from "./treeSitter";
import { typescriptRewriter } from "./typescript";

export type {
  Behaviour,
  FlagRewriter,
  RemoveFlagRequest,
  RewriteNote,
  RewriteNoteKind,
  RewriteResult,
  UsageSite,
  WrapperFunction,
} from "./types";

const REWRITERS: readonly FlagRewriter[] = [typescriptRewriter, pythonRewriter, goRewriter];

function extensionOf(fileName: string): string {
  return /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? "";
}

/** The rewriter for a file, by its extension, if Flaglens can rewrite that language. */
export function getRewriter(fileName: string): FlagRewriter | undefined {
  const ext = extensionOf(fileName);
  return REWRITERS.find((r) => r.extensions.includes(ext));
}

/** Loads the rewriter of a file's language ahead of its first use (the TypeScript compiler); cheap once loaded. */
export function warmUpRewriter(fileName: string): void {
  getRewriter(fileName)?.warmUp?.();
}

/**
 * Loads what rewriting a file's language needs and cannot load synchronously: the tree-sitter
 * parser that checks Python and Go rewrites (WebAssembly). Awaited before a plan; cheap once
 * loaded. Without it a Python or Go rewrite is refused, never written unchecked.
 */
export async function loadRewriter(fileName: string): Promise<void> {
  const syntax = getRewriter(fileName)?.syntax;
  if (syntax) await loadSyntax(syntax);
}

/** Loads the rewriters of all these files' languages (see loadRewriter). */
export async function loadRewriters(fileNames: Iterable<string>): Promise<void> {
  const languages = new Set<"python" | "go">();
  for (const f of fileNames) {
    const syntax = getRewriter(f)?.syntax;
    if (syntax) languages.add(syntax);
  }
  for (const l of languages) await loadSyntax(l);
}

/** The file name extensions that can be rewritten. */
export function rewritableExtensions(): string[] {
  return REWRITERS.flatMap((r) => [...r.extensions]);
}

/**
 * The usages of one file on its own, as the code index finds them (its scanner, with the
 * request's wrappers and clients; constants of the file itself resolve).
 */
export function fileUsageSites(fileName: string, text: string, request: RemoveFlagRequest): RemoveFlagRequest["usages"] {
  const scanner = new Scanner({ functions: [...(request.functions ?? [])], clients: [...(request.clients ?? [])] });
  const index = new CodeIndex();
  index.update([[fileName, scanner.scan(fileName, text, true)]]);
  return usageSites(text, index.usages(fileName));
}

/**
 * Removes a retired flag from one file: each usage becomes its value and the code around it is
 * simplified. Pure: the text in, edits of that text out (none for an unsupported language). The
 * usages are the code index's (`request.usages`, or the file scanned alone).
 */
export function doRemoveFlag(fileName: string, text: string, request: RemoveFlagRequest): RewriteResult {
  const rewriter = getRewriter(fileName);
  if (!rewriter) return { edits: [], notes: [] };
  try {
    const usages = request.usages ?? fileUsageSites(fileName, text, request);
    return rewriter.rewrite(fileName, text, { ...request, usages });
  } catch (error) {
    // A bug must not cost the user's code: nothing is changed, and the note says why.
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const message = `Flaglens could not rewrite this file (internal error: ${error instanceof Error ? error.message : String(error)}); nothing was changed.`;
    return { edits: [], notes: [{ line: 0, range, kind: "not-simplified", message }] };
  }
}
