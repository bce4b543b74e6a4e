/**
 * A tolerant expression parser for the literal subset of JavaScript that `featurevisor.config.js` files use.
 * It builds a small syntax tree for literals, identifiers, member accesses and calls; anything else becomes a
 * "dynamic" node with its span, so that callers can say precisely what could not be read without running the file.
 */
import { isOpener, type Token } from "./jsTokenizer";

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

const MAX_NESTING = 100;
const MAX_POSTFIX = 50;
const LITERAL_WORDS = new Map<string, boolean | null | undefined>([
  ["true", true],
  ["false", false],
  ["null", null],
  ["undefined", undefined],
]);
const NON_STATEMENT_WORDS = new Set(["in", "of", "instanceof", "as", "satisfies"]);

/** Parses expressions over a token list whose brackets are already matched (see `matchBrackets`). */
export class LiteralParser {
  private nesting = 0;

  constructor(
    readonly tokens: Token[],
    readonly match: number[],
  ) {}

  /**
   * Parses one expression from `pos` up to `limit` (the closing bracket of the enclosing group, or the end).
   * Whatever is not a literal, a name, a member access or a call is skipped up to the next separator and becomes a
   * dynamic node, so parsing always moves on.
   */
  parseExpression(pos: number, limit: number, topLevel: boolean): { node: JsNode; next: number } {
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
        node = {
          type: "member",
          object: node,
          property: this.tokens[next + 1].value,
          start: node.start,
          end: this.tokens[next + 1].end,
        };
        next += 2;
      } else if (this.isPunct(next, "[")) {
        const close = this.match[next];
        const inner = this.parseInner(next, close);
        const key = inner.type === "string" || inner.type === "number" ? String(inner.value) : undefined;
        const end = this.tokens[close].end;
        node =
          key === undefined ? this.dynamicNode(node.start, end) : { type: "member", object: node, property: key, start: node.start, end };
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
      if (LITERAL_WORDS.has(t.value)) return { node: { type: "literal", value: LITERAL_WORDS.get(t.value), ...span }, next: pos + 1 };
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
      type: "prop",
      key,
      keyStart: keyToken.start,
      keyEnd: keyToken.end,
      value,
      start: t.start,
      end: value.end,
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
    const startsStatement =
      t.kind === "ident" ? !NON_STATEMENT_WORDS.has(t.value) : t.kind === "string" || t.kind === "number" || t.value === "{";
    return previousEnds && startsStatement;
  }

  private dynamicNode(start: number, end: number): JsNode {
    return { type: "dynamic", start, end: Math.max(start, end) };
  }

  /** True when the token at `pos` is the punctuator `value`. */
  isPunct(pos: number, value: string): boolean {
    const t = this.tokens[pos];
    return t !== undefined && t.kind === "punct" && t.value === value;
  }

  /** True when the token at `pos` is the identifier or keyword `value`. */
  isIdent(pos: number, value: string): boolean {
    const t = this.tokens[pos];
    return t !== undefined && t.kind === "ident" && t.value === value;
  }
}

function parseNumber(raw: string): number {
  const value = Number(raw.replace(/_/g, "").replace(/n$/, ""));
  return Number.isNaN(value) ? 0 : value;
}
