/**
 * Scans the top level of a JavaScript module for what a config file declares and exports:
 * `const`/`let`/`var` bindings, `module.exports = ...`, `export default ...` and `exports.key = ...` assignments.
 * Code inside functions and blocks is skipped whole, since it does not run when the module is loaded.
 */
import { LiteralParser, type JsNode } from "./jsLiteral";
import { isOpener, matchBrackets, tokenize, type Token, type TokenizeError } from "./jsTokenizer";

/** An assignment `target.key = value` at the top level, where target is `module.exports` (also for `exports`) or a name. */
export interface PropertyAssignment {
  target: string;
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsNode;
}

/** What a module declares and exports at its top level. */
export interface ModuleScan {
  /** Top-level bindings with a value (`const a = ...`, or `a = ...`); a later one of the same name wins. */
  bindings: Map<string, JsNode>;
  /** The value of the last `module.exports = ...` or `export default ...`. */
  exported?: JsNode;
  /** Top-level property assignments such as `exports.tags = [...]`, in source order. */
  assignments: PropertyAssignment[];
}

/** The outcome of parsing: a module scan, or the first syntax error with its span. */
export type ParseResult = { ok: true; module: ModuleScan } | { ok: false; error: TokenizeError };

/** Parses a module's top level statically. Never throws and never executes anything. */
export function parseModule(text: string): ParseResult {
  const { tokens, error } = tokenize(text);
  if (error) return { ok: false, error };
  const match = matchBrackets(tokens);
  if (!Array.isArray(match)) return { ok: false, error: match };
  return { ok: true, module: new ModuleScanner(new LiteralParser(tokens, match)).scan() };
}

class ModuleScanner {
  private readonly tokens: Token[];
  private readonly result: ModuleScan = { bindings: new Map(), assignments: [] };

  constructor(private readonly parser: LiteralParser) {
    this.tokens = parser.tokens;
  }

  scan(): ModuleScan {
    let pos = 0;
    // Every step returns a position after `pos`, so the loop always ends.
    while (pos < this.tokens.length) pos = this.scanStatementAt(pos);
    return this.result;
  }

  /** Reads the statement starting at `pos` when it is one that matters, and returns a position further on. */
  private scanStatementAt(pos: number): number {
    const p = this.parser;
    const t = this.tokens[pos];
    if (isOpener(t)) return p.match[pos] + 1;
    if (t.kind !== "ident" || p.isPunct(pos - 1, ".") || p.isPunct(pos - 1, "?.")) return pos + 1;
    if (t.value === "const" || t.value === "let" || t.value === "var") return this.scanDeclarations(pos + 1);
    if (t.value === "export" && p.isIdent(pos + 1, "default")) return this.scanExport(pos + 2);
    if (t.value === "module" && p.isPunct(pos + 1, ".") && p.isIdent(pos + 2, "exports")) {
      return p.isPunct(pos + 3, "=") ? this.scanExport(pos + 4) : this.scanPropertyAssignment(pos + 3, "module.exports");
    }
    if (p.isPunct(pos + 1, "=") && this.startsStatement(pos)) return this.scanDeclarations(pos);
    return this.scanPropertyAssignment(pos + 1, t.value === "exports" ? "module.exports" : t.value);
  }

  private scanExport(pos: number): number {
    const { node, next } = this.parser.parseExpression(pos, this.tokens.length, true);
    this.result.exported = node;
    return Math.max(next, pos);
  }

  /** Reads `a = 1, b = 2` after `const`: each simple name with a value becomes a binding. */
  private scanDeclarations(pos: number): number {
    let p = pos;
    while (this.tokens[p]?.kind === "ident" && this.parser.isPunct(p + 1, "=")) {
      const { node, next } = this.parser.parseExpression(p + 2, this.tokens.length, true);
      this.result.bindings.set(this.tokens[p].value, node);
      if (!this.parser.isPunct(next, ",")) return next;
      p = next + 1;
    }
    return p;
  }

  /** Reads `.key = value` or `["key"] = value` after `target`; anything else is left to the caller. */
  private scanPropertyAssignment(pos: number, target: string): number {
    const p = this.parser;
    let keyToken: Token | undefined;
    let at = pos;
    if (p.isPunct(at, ".") && this.tokens[at + 1]?.kind === "ident") {
      keyToken = this.tokens[at + 1];
      at += 2;
    } else if (p.isPunct(at, "[") && this.tokens[at + 1]?.kind === "string" && p.match[at] === at + 2) {
      keyToken = this.tokens[at + 1];
      at += 3;
    }
    if (!keyToken || !p.isPunct(at, "=")) return pos;
    const { node, next } = p.parseExpression(at + 1, this.tokens.length, true);
    this.result.assignments.push({
      target,
      key: keyToken.value,
      keyStart: keyToken.start,
      keyEnd: keyToken.end,
      value: node,
    });
    return next;
  }

  /** True when the token at `pos` begins a statement: at the start, or after `;`, `}` or a line break. */
  private startsStatement(pos: number): boolean {
    const previous = this.tokens[pos - 1];
    return !previous || this.tokens[pos].newlineBefore || (previous.kind === "punct" && (previous.value === ";" || previous.value === "}"));
  }
}
