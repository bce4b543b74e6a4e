// The judge of the Python and Go rewrites: tree-sitter (the web-tree-sitter runtime and the
// Python and Go grammars as WebAssembly, from @vscode/tree-sitter-wasm, the build VS Code itself
// uses). A rewrite whose output does not parse is refused; a file that does not parse is not
// rewritten. Loading is asynchronous (WebAssembly) and happens on the first Python or Go rewrite
// (`loadSyntax`); parsing is synchronous afterwards.
//
// tree-sitter recovers where Python and Go do not: its Python grammar accepts an empty block and
// any indentation of a statement, its Go grammar a `{` or an operator after a line break where
// Go's automatic semicolon ends the statement. `syntaxProblems` adds those checks to ERROR and
// MISSING nodes, so its verdict is Python's (`ast.parse`) and Go's (`gofmt -e`) on what a rewrite
// can produce.

import type * as TreeSitter from "@vscode/tree-sitter-wasm";

export type SyntaxLanguage = "python" | "go";

type Module = typeof TreeSitter;
type SyntaxNode = TreeSitter.Node;

const GRAMMARS: Record<SyntaxLanguage, string> = { python: "tree-sitter-python.wasm", go: "tree-sitter-go.wasm" };

let runtime: Promise<{ ts: Module; dir: string }> | undefined;
const languages = new Map<SyntaxLanguage, Promise<TreeSitter.Language>>();
const parsers = new Map<SyntaxLanguage, TreeSitter.Parser>();
let failure: string | undefined;

/**
 * The folder of the .wasm files: the package's own when it is installed (out/, a checkout), else
 * the bundle's (dist/ of the .vsix, which ships no node_modules: scripts/build.mjs copies them there).
 */
function wasmDir(): string {
  try {
    return require.resolve("@vscode/tree-sitter-wasm").replace(/[^\\/]*$/, "");
  } catch {
    return typeof __dirname === "string" ? __dirname.replace(/[\\/]?$/, "/") : "./";
  }
}

async function loadRuntime(): Promise<{ ts: Module; dir: string }> {
  // A lazy require, not an import: the runtime is evaluated only for a Python or Go rewrite.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("@vscode/tree-sitter-wasm") as Module;
  const dir = wasmDir();
  await ts.Parser.init({ locateFile: (file: string) => dir + file });
  return { ts, dir };
}

/** Loads the parser of a language (once); never rejects: a failure is kept and told by `syntaxProblems`. */
export async function loadSyntax(language: SyntaxLanguage): Promise<void> {
  if (parsers.has(language)) return;
  try {
    runtime ??= loadRuntime();
    const { ts, dir } = await runtime;
    let grammar = languages.get(language);
    if (!grammar) {
      grammar = ts.Language.load(dir + GRAMMARS[language]);
      languages.set(language, grammar);
    }
    const lang = await grammar;
    if (!parsers.has(language)) {
      const parser = new ts.Parser();
      parser.setLanguage(lang);
      parsers.set(language, parser);
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    runtime = undefined;
    languages.delete(language);
  }
}

/** Whether the parser of a language is loaded. */
export function syntaxLoaded(language: SyntaxLanguage): boolean {
  return parsers.has(language);
}

/** A syntax problem: its zero-based line and what it is. */
export interface SyntaxProblem {
  line: number;
  message: string;
}

/**
 * The syntax problems of a text (empty when it parses), or a string saying why it could not be
 * checked (the parser is not loaded).
 */
export function syntaxProblems(language: SyntaxLanguage, text: string): SyntaxProblem[] | string {
  const parser = parsers.get(language);
  if (!parser) return failure ? `its parser could not be loaded (${failure})` : "its parser is not loaded";
  // Python ends a line at a lone carriage return too; its tree-sitter grammar does not (same length: offsets hold).
  const source = language === "python" ? text.replace(/\r(?!\n)/g, "\n") : text;
  const tree = parser.parse(source);
  if (!tree) return "the parser gave no tree";
  try {
    const problems: SyntaxProblem[] = [];
    collectErrors(tree.rootNode, problems);
    if (problems.length === 0) {
      if (language === "python") pythonProblems(tree.rootNode, source, problems);
      else goProblems(tree.rootNode, problems);
    }
    return problems;
  } finally {
    tree.delete();
  }
}

/** ERROR and MISSING nodes (the first few). */
function collectErrors(node: SyntaxNode, out: SyntaxProblem[]): void {
  if (!node.hasError || out.length >= 5) return;
  if (node.isError) {
    out.push({ line: node.startPosition.row, message: "a syntax error" });
    return;
  }
  if (node.isMissing) {
    out.push({ line: node.startPosition.row, message: `a missing ${node.type}` });
    return;
  }
  for (const child of node.children) if (child) collectErrors(child, out);
}

// ---- Python: empty blocks and indentation ----

function isStatement(node: SyntaxNode): boolean {
  return node.isNamed && node.type !== "comment";
}

/** The text's line indentation (its width in columns, tabs to 8 as Python counts them) at a row. */
function lineIndent(text: string, lineStarts: number[], row: number): string {
  const s = lineStarts[row];
  let e = s;
  while (e < text.length && (text[e] === " " || text[e] === "\t" || text[e] === "\f")) e++;
  return text.slice(s, e);
}

function starts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") out.push(i + 1);
  return out;
}

function pythonProblems(root: SyntaxNode, text: string, out: SyntaxProblem[]): void {
  const lines = starts(text);
  // Statements that start their line: their indentation is the one of their block.
  const leading = (stmts: SyntaxNode[]) => {
    const seen = new Set<number>();
    return stmts.filter((s) => {
      if (seen.has(s.startPosition.row)) return false;
      seen.add(s.startPosition.row);
      return lineIndent(text, lines, s.startPosition.row).length === s.startPosition.column;
    });
  };
  const visit = (node: SyntaxNode, indent: string | undefined): void => {
    if (out.length >= 5) return;
    if (node.type === "module" || node.type === "block") {
      const stmts = node.namedChildren.filter((c): c is SyntaxNode => c !== null && isStatement(c));
      if (node.type === "block" && stmts.length === 0) {
        out.push({ line: node.startPosition.row, message: "an empty block" });
        return;
      }
      const firsts = leading(stmts);
      // A block on the line of its header (`else: pass`) has no indentation of its own.
      const inline = node.type === "block" && stmts[0] && firsts[0] !== stmts[0];
      let own: string | undefined = node.type === "module" ? "" : undefined;
      for (const s of inline ? [] : firsts) {
        const ind = lineIndent(text, lines, s.startPosition.row);
        if (own === undefined) {
          if (indent !== undefined && (ind.length <= indent.length || !ind.startsWith(indent))) {
            out.push({ line: s.startPosition.row, message: "a block that is not indented" });
            return;
          }
          own = ind;
        } else if (ind !== own) {
          out.push({ line: s.startPosition.row, message: "an unexpected indentation" });
          return;
        }
      }
      for (const s of stmts) visit(s, own ?? indent);
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child, indent);
  };
  visit(root, undefined);
}

// ---- Go: automatic semicolons ----

/** Tokens after which a line break ends the statement (the Go specification's rule). */
function endsWithSemicolon(leaf: SyntaxNode): boolean {
  const t = leaf.type;
  if (/identifier$|_literal$|^(true|false|nil|iota)$/.test(t)) return true;
  if (t === "interpreted_string_literal_content" || t === "raw_string_literal_content") return false;
  return [")", "]", "}", "return", "break", "continue", "fallthrough", "++", "--", '"', "`"].includes(t);
}

/** Nodes a semicolon may end: statements, declarations and their specs, fields and methods of types. */
const SEMICOLON_UNITS = new Set([
  "source_file",
  "statement_list",
  "import_spec_list",
  "const_declaration",
  "var_declaration",
  "var_spec_list",
  "type_declaration",
  "field_declaration_list",
  "interface_type",
]);

function leaves(node: SyntaxNode, out: SyntaxNode[]): SyntaxNode[] {
  if (node.childCount === 0) {
    if (node.type !== "comment") out.push(node);
  } else for (const c of node.children) if (c) leaves(c, out);
  return out;
}

/** Whether a semicolon after a leaf ends a unit: the leaf is the last of a node directly in a unit. */
function endsUnit(leaf: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = leaf; n; n = n.parent) {
    if (n.endIndex !== leaf.endIndex) return false;
    const p = n.parent;
    if (!p) return true;
    if (SEMICOLON_UNITS.has(p.type)) return true;
    // A statement directly in a block or a case clause (whose statements have no statement_list).
    if (/_case$|^communication_case$|^block$/.test(p.type) && n.isNamed && n.type !== "block") return true;
  }
  return false;
}

/**
 * Whether a leaf lies in a composite literal that tree-sitter read in the header of an `if`, `for`
 * or `switch` (`if u.Ok {\n x()\n}\n{`): Go reads the `{` there as the block's, never as a
 * literal's, so the semicolons inside are not judged on this tree.
 */
function inHeaderLiteral(leaf: SyntaxNode): boolean {
  let literal = false;
  for (let n: SyntaxNode | null = leaf.parent; n; n = n.parent) {
    if (n.type === "composite_literal") literal = true;
    else if (/^(parenthesized_expression|argument_list|func_literal|block)$/.test(n.type)) literal = false;
    else if (
      literal &&
      /^(if_statement|for_statement|for_clause|range_clause|expression_switch_statement|type_switch_statement)$/.test(n.type)
    )
      return true;
  }
  return false;
}

function goProblems(root: SyntaxNode, out: SyntaxProblem[]): void {
  const all = leaves(root, []);
  for (let i = 0; i + 1 < all.length && out.length < 5; i++) {
    const a = all[i];
    const b = all[i + 1];
    if (b.startPosition.row === a.endPosition.row || !endsWithSemicolon(a)) continue;
    // A string's opening quote is no end.
    if ((a.type === '"' || a.type === "`") && a.parent?.firstChild?.equals(a)) continue;
    if (endsUnit(a) || inHeaderLiteral(a)) continue;
    out.push({ line: a.endPosition.row, message: `a line break after '${a.text}' that ends the statement` });
  }
}
