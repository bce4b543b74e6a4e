/**
 * A tolerant parser for the literal subset of JavaScript that `featurevisor.config.js` files use.
 * It builds a small syntax tree for literals, identifiers, member accesses and calls; anything else becomes a
 * "dynamic" node with its span, so that callers can say precisely what could not be read without running the file.
 */
import { isOpener, matchBrackets, tokenize, type Token, type TokenizeError } from "./jsTokenizer";

interface Span {
  start: number;
  end: number;
}

/** An object property: a key with the span of its name, and its value. */
export interface PropNode extends Span {
  type: "prop";
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsNode;
}

/** A spread element `...x` inside an array, object or call. */
export interface SpreadNode extends Span {
  type: "spread";
  argument: JsNode;
}

/** A node of the literal syntax tree; every node carries its 0-based source span. */
export type JsNode =
  | (Span & { type: "string"; value: string })
  | (Span & { type: "number"; value: number })
  | (Span & { type: "literal"; value: boolean | null | undefined })
  | (Span & { type: "template"; value: string | undefined })
  | (Span & { type: "array"; elements: (JsNode | SpreadNode | undefined)[] })
  | (Span & { type: "object"; props: (PropNode | SpreadNode)[] })
  | (Span & { type: "ident"; name: string })
  | (Span & { type: "member"; object: JsNode; property: string })
  | (Span & { type: "call"; callee: JsNode; args: (JsNode | SpreadNode)[] })
  | (Span & { type: "dynamic" });

/** An assignment `target.key = value` at the top level, where target is `module.exports`, `exports` or a name. */
export interface PropertyAssignment {
  target: string;
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsNode;
}

/** What a module declares and exports at its top level. */
export interface ModuleScan {
  /** Top-level `const`/`let`/`var` bindings with an initialiser; a later declaration of the same name wins. */
  bindings: Map<string, JsNode>;
  /** The value of the last `module.exports = ...` or `export default ...`. */
  exported?: JsNode;
  /** Top-level property assignments such as `exports.tags = [...]`, in source order. */
  assignments: PropertyAssignment[];
}

/** The outcome of parsing: a module scan, or the first syntax error with its span. */
export type ParseResult = { ok: true; module: ModuleScan } | { ok: false; error: TokenizeError };

const MAX_NESTING = 100;
const MAX_POSTFIX = 50;
const NON_STATEMENT_WORDS = new Set(["in", "of", "instanceof", "as", "satisfies"]);

/** Parses a module's top level statically. Never throws and never executes anything. */
export function parseModule(text: string): ParseResult {
  const { tokens, error } = tokenize(text);
  if (error) return { ok: false, error };
  const match = matchBrackets(tokens);
  if (!Array.isArray(match)) return { ok: false, error: match };
  return { ok: true, module: new Parser(tokens, match).scanModule() };
}

class Parser {
  private nesting = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly match: number[],
  ) {}

  scanModule(): ModuleScan {
    const scan: ModuleScan = { bindings: new Map(), assignments: [] };
    let pos = 0;
    while (pos < this.tokens.length) {
      pos = this.scanStatementAt(pos, scan);
    }
    return scan;
  }

  /** Reads the statement starting at `pos` when it is one that matters, and returns a position further on. */
  private scanStatementAt(pos: number, scan: ModuleScan): number {
    const t = this.tokens[pos];
    if (isOpener(t)) return this.match[pos] + 1;
    if (t.kind !== "ident" || this.isPunct(pos - 1, ".") || this.isPunct(pos - 1, "?.")) return pos + 1;
    if (t.value === "const" || t.value === "let" || t.value === "var") return this.scanDeclarations(pos + 1, scan);
    if (t.value === "export" && this.isIdent(pos + 1, "default")) {
      const { node, next } = this.parseExpression(pos + 2, this.tokens.length, true);
      scan.exported = node;
      return next;
    }
    if (t.value === "module" && this.isPunct(pos + 1, ".") && this.isIdent(pos + 2, "exports")) {
      if (this.isPunct(pos + 3, "=")) {
        const { node, next } = this.parseExpression(pos + 4, this.tokens.length, true);
        scan.exported = node;
        return next;
      }
      return this.scanPropertyAssignment(pos + 3, "module.exports", scan);
    }
    return this.scanPropertyAssignment(pos + 1, t.value === "exports" ? "module.exports" : t.value, scan);
  }

  /** Reads `const a = 1, b = 2`: each simple name with an initialiser becomes a binding. */
  private scanDeclarations(pos: number, scan: ModuleScan): number {
    let p = pos;
    while (this.tokens[p]?.kind === "ident" && this.isPunct(p + 1, "=")) {
      const { node, next } = this.parseExpression(p + 2, this.tokens.length, true);
      scan.bindings.set(this.tokens[p].value, node);
      if (!this.isPunct(next, ",")) return next;
      p = next + 1;
    }
    return Math.max(p, pos);
  }

  /** Reads `.key = value` or `["key"] = value` after `target`; anything else is skipped. */
  private scanPropertyAssignment(pos: number, target: string, scan: ModuleScan): number {
    let keyToken: Token | undefined;
    let p = pos;
    if (this.isPunct(p, ".") && this.tokens[p + 1]?.kind === "ident") {
      keyToken = this.tokens[p + 1];
      p += 2;
    } else if (this.isPunct(p, "[") && this.tokens[p + 1]?.kind === "string" && this.match[p] === p + 2) {
      keyToken = this.tokens[p + 1];
      p += 3;
    }
    if (!keyToken || !this.isPunct(p, "=")) return pos;
    const { node, next } = this.parseExpression(p + 1, this.tokens.length, true);
    scan.assignments.push({ target, key: keyToken.value, keyStart: keyToken.start, keyEnd: keyToken.end, value: node });
    return next;
  }

  /**
   * Parses one expression from `pos` up to `limit` (the closing bracket of the enclosing group, or the end).
   * Whatever is not a literal, a name, a member access or a call is skipped up to the next separator and becomes a
   * dynamic node, so parsing always moves on.
   */
  private parseExpression(pos: number, limit: number, topLevel: boolean): { node: JsNode; next: number } {
    if (pos >= limit) {
      const at = this.tokens[pos]?.start ?? this.tokens[this.tokens.length - 1]?.end ?? 0;
      return { node: this.dynamicNode(at, at), next: pos };
    }
    if (this.nesting >= MAX_NESTING) {
      // Past the nesting limit the rest is skipped as dynamic, so that deeply nested input cannot overflow the stack.
      const next = this.skipToSeparator(pos, limit, topLevel);
      return { node: this.dynamicNode(this.tokens[pos].start, this.tokens[next - 1].end), next };
    }
    this.nesting++;
    try {
      return this.parseExpressionBody(pos, limit, topLevel);
    } finally {
      this.nesting--;
    }
  }

  private parseExpressionBody(pos: number, limit: number, topLevel: boolean): { node: JsNode; next: number } {
    let { node, next } = this.parsePostfix(pos, limit);
    if (this.isIdent(next, "as") || this.isIdent(next, "satisfies")) {
      // A TypeScript-style type assertion does not change the value, so the type is skipped and the value kept.
      return { node, next: this.skipToSeparator(next, limit, topLevel) };
    }
    if (!this.atSeparator(next, limit, topLevel)) {
      next = this.skipToSeparator(next, limit, topLevel);
      node = { type: "dynamic", start: this.tokens[pos].start, end: this.tokens[next - 1].end };
    }
    return { node, next };
  }

  private parsePostfix(pos: number, limit: number): { node: JsNode; next: number } {
    let { node, next } = this.parsePrimary(pos, limit);
    for (let steps = 0; steps < MAX_POSTFIX && next < limit; steps++) {
      const t = this.tokens[next];
      if ((this.isPunct(next, ".") || this.isPunct(next, "?.")) && this.tokens[next + 1]?.kind === "ident" && next + 1 < limit) {
        node = { type: "member", object: node, property: this.tokens[next + 1].value, start: node.start, end: this.tokens[next + 1].end };
        next += 2;
      } else if (this.isPunct(next, "[")) {
        const close = this.match[next];
        const inner = this.parseInner(next, close);
        const key = inner.type === "string" || inner.type === "number" ? String(inner.value) : undefined;
        const end = this.tokens[close].end;
        node = key === undefined ? this.dynamicNode(node.start, end) : { type: "member", object: node, property: key, start: node.start, end };
        next = close + 1;
      } else if (this.isPunct(next, "(")) {
        const close = this.match[next];
        const args = this.parseList(next, close, false) as (JsNode | SpreadNode)[];
        node = { type: "call", callee: node, args, start: node.start, end: this.tokens[close].end };
        next = close + 1;
      } else if (t.kind === "template") {
        node = this.dynamicNode(node.start, t.end);
        next += 1;
      } else break;
    }
    return { node, next };
  }

  private parsePrimary(pos: number, limit: number): { node: JsNode; next: number } {
    const t = this.tokens[pos];
    const span = { start: t.start, end: t.end };
    if (t.kind === "string") return { node: { type: "string", value: t.value, ...span }, next: pos + 1 };
    if (t.kind === "number") return { node: { type: "number", value: parseNumber(t.value), ...span }, next: pos + 1 };
    if (t.kind === "template") {
      return { node: { type: "template", value: t.hasSubstitution ? undefined : t.value, ...span }, next: pos + 1 };
    }
    if (t.kind === "ident") {
      const literals: Record<string, boolean | null | undefined> = { true: true, false: false, null: null, undefined };
      if (t.value in literals) return { node: { type: "literal", value: literals[t.value], ...span }, next: pos + 1 };
      return { node: { type: "ident", name: t.value, ...span }, next: pos + 1 };
    }
    const after = this.tokens[pos + 1];
    if ((t.value === "-" || t.value === "+") && after?.kind === "number" && pos + 1 < limit) {
      const value = parseNumber(after.value) * (t.value === "-" ? -1 : 1);
      return { node: { type: "number", value, start: t.start, end: after.end }, next: pos + 2 };
    }
    if (isOpener(t)) return this.parseGroup(pos);
    return { node: this.dynamicNode(t.start, t.end), next: pos + 1 };
  }

  /** Parses an array, an object, or an expression in parentheses. */
  private parseGroup(pos: number): { node: JsNode; next: number } {
    const close = this.match[pos];
    const span = { start: this.tokens[pos].start, end: this.tokens[close].end };
    const open = this.tokens[pos].value;
    if (open === "[") return { node: { type: "array", elements: this.parseList(pos, close, true), ...span }, next: close + 1 };
    if (open === "{") return { node: { type: "object", props: this.parseObject(pos, close), ...span }, next: close + 1 };
    const inner = this.parseInner(pos, close);
    return { node: inner.type === "dynamic" ? this.dynamicNode(span.start, span.end) : inner, next: close + 1 };
  }

  /** Parses the single expression inside a bracket pair; anything else inside makes it dynamic. */
  private parseInner(open: number, close: number): JsNode {
    const { node, next } = this.parseExpression(open + 1, close, false);
    return next === close ? node : this.dynamicNode(this.tokens[open].start, this.tokens[close].end);
  }

  /** Parses comma-separated elements (array items or call arguments) between a bracket pair. */
  private parseList(open: number, close: number, allowHoles: boolean): (JsNode | SpreadNode | undefined)[] {
    const items: (JsNode | SpreadNode | undefined)[] = [];
    let pos = open + 1;
    while (pos < close) {
      if (this.isPunct(pos, ",")) {
        if (allowHoles) items.push(undefined);
        pos++;
        continue;
      }
      const item = this.parseItem(pos, close);
      items.push(item.node);
      pos = this.isPunct(item.next, ",") ? item.next + 1 : Math.max(item.next, pos + 1);
    }
    return items;
  }

  private parseItem(pos: number, close: number): { node: JsNode | SpreadNode; next: number } {
    if (!this.isPunct(pos, "...")) return this.parseExpression(pos, close, false);
    const { node, next } = this.parseExpression(pos + 1, close, false);
    return { node: { type: "spread", argument: node, start: this.tokens[pos].start, end: node.end }, next };
  }

  /** Parses the properties between a pair of braces: `key: value`, shorthand `key`, methods and spreads. */
  private parseObject(open: number, close: number): (PropNode | SpreadNode)[] {
    const props: (PropNode | SpreadNode)[] = [];
    let pos = open + 1;
    while (pos < close) {
      if (this.isPunct(pos, ",")) {
        pos++;
        continue;
      }
      const next = this.isPunct(pos, "...") ? this.pushSpread(pos, close, props) : this.pushProp(pos, close, props);
      pos = this.isPunct(next, ",") ? next + 1 : Math.max(next, pos + 1);
    }
    return props;
  }

  private pushSpread(pos: number, close: number, props: (PropNode | SpreadNode)[]): number {
    const { node, next } = this.parseItem(pos, close);
    props.push(node as SpreadNode);
    return next;
  }

  private pushProp(pos: number, close: number, props: (PropNode | SpreadNode)[]): number {
    let keyPos = pos;
    const t = this.tokens[pos];
    // Accessors and async methods (`get name() {}`) have a modifier before the key; the key is the next token.
    if (t.kind === "ident" && ["get", "set", "async"].includes(t.value) && this.isKeyToken(pos + 1) && pos + 1 < close) keyPos = pos + 1;
    const keyToken = this.tokens[keyPos];
    if (!this.isKeyToken(keyPos)) return this.skipToSeparator(pos, close, false);
    const key = keyToken.kind === "number" ? String(parseNumber(keyToken.value)) : keyToken.value;
    const prop = (value: JsNode): PropNode => ({
      type: "prop", key, keyStart: keyToken.start, keyEnd: keyToken.end, value, start: t.start, end: value.end,
    });
    if (keyPos === pos && this.isPunct(pos + 1, ":")) {
      const { node, next } = this.parseExpression(pos + 2, close, false);
      props.push(prop(node));
      return next;
    }
    if (keyPos === pos && keyToken.kind === "ident" && (pos + 1 === close || this.isPunct(pos + 1, ","))) {
      props.push(prop({ type: "ident", name: keyToken.value, start: keyToken.start, end: keyToken.end }));
      return pos + 1;
    }
    const next = this.skipToSeparator(keyPos + 1, close, false);
    if (this.isPunct(keyPos + 1, "(")) props.push(prop(this.dynamicNode(t.start, this.tokens[next - 1].end)));
    return next;
  }

  private isKeyToken(pos: number): boolean {
    const kind = this.tokens[pos]?.kind;
    return kind === "ident" || kind === "string" || kind === "number";
  }

  /** Skips tokens (whole bracket groups at a time) until a separator; always advances at least one token. */
  private skipToSeparator(pos: number, limit: number, topLevel: boolean): number {
    let p = pos;
    do {
      p = isOpener(this.tokens[p]) ? this.match[p] + 1 : p + 1;
    } while (p < limit && !this.atSeparator(p, limit, topLevel));
    return Math.min(p, Math.max(limit, pos + 1));
  }

  /** True at a comma, at the end of the group, or (at the top level) at a semicolon or an automatic semicolon. */
  private atSeparator(pos: number, limit: number, topLevel: boolean): boolean {
    if (pos >= limit || this.isPunct(pos, ",")) return true;
    if (!topLevel) return false;
    if (this.isPunct(pos, ";")) return true;
    const t = this.tokens[pos];
    const previous = this.tokens[pos - 1];
    if (!t.newlineBefore || !previous) return false;
    const previousEnds = previous.kind !== "punct" || [")", "]", "}", "++", "--"].includes(previous.value);
    const startsStatement = t.kind === "ident" ? !NON_STATEMENT_WORDS.has(t.value) : t.kind === "string" || t.kind === "number" || t.value === "{";
    return previousEnds && startsStatement;
  }

  private dynamicNode(start: number, end: number): JsNode {
    return { type: "dynamic", start, end: Math.max(start, end) };
  }

  private isPunct(pos: number, value: string): boolean {
    const t = this.tokens[pos];
    return t !== undefined && t.kind === "punct" && t.value === value;
  }

  private isIdent(pos: number, value: string): boolean {
    const t = this.tokens[pos];
    return t !== undefined && t.kind === "ident" && t.value === value;
  }
}

function parseNumber(raw: string): number {
  const value = Number(raw.replace(/_/g, "").replace(/n$/, ""));
  return Number.isNaN(value) ? 0 : value;
}
