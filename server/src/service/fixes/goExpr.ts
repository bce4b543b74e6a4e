// Go expressions as mini trees: `!`, `&&`, `||`, `==`/`!=` and parentheses are understood;
// calls, selectors, arithmetic, and function and composite literals are parsed only to find
// their extent (brace groups are blocks of their own). A region that does not parse is not simplified.

import type { MNode } from "./mini";
import { closing, type GoTok } from "./goSyntax";

/** Go's precedence levels. */
export const GO_PREC = { or: 1, and: 2, cmp: 3, add: 4, mul: 5, unary: 6, primary: 7 };

const BINARY: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 3,
  "<=": 3,
  ">": 3,
  ">=": 3,
  "+": 4,
  "-": 4,
  "|": 4,
  "^": 4,
  "*": 5,
  "/": 5,
  "%": 5,
  "<<": 5,
  ">>": 5,
  "&": 5,
  "&^": 5,
};

class Fail extends Error {}

/** Parses expressions of a token range; every method throws Fail on syntax it does not know. */
export class GoExprParser {
  private p = 0;
  private to = 0;

  constructor(
    private readonly toks: GoTok[],
    private readonly usages: Map<number, { index: number; last: number }>,
  ) {}

  /** The comma-separated expressions of `[from, to)`, or undefined. */
  parseList(from: number, to: number): MNode[] | undefined {
    this.p = from;
    this.to = to;
    try {
      const out: MNode[] = [this.expr(1)];
      while (this.isOp(",")) {
        this.p++;
        out.push(this.expr(1));
      }
      return this.p === to ? out : undefined;
    } catch (e) {
      if (e instanceof Fail) return undefined;
      throw e;
    }
  }

  private peek(): GoTok | undefined {
    return this.p < this.to ? this.toks[this.p] : undefined;
  }

  private isOp(t: string): boolean {
    const k = this.peek();
    return k !== undefined && k.k === "op" && k.text === t;
  }

  private other(s: number, e: number, prec: number, kids: MNode[], pure = true, boolish = false): MNode {
    return { s, e, prec, k: "other", pure, boolish, kids };
  }

  private expr(min: number): MNode {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t && t.k === "op" ? BINARY[t.text] : undefined;
      if (prec === undefined || prec < min) return l;
      this.p++;
      const r = this.expr(prec + 1);
      if (t!.text === "&&" || t!.text === "||") l = { s: l.s, e: r.e, prec, k: t!.text === "&&" ? "and" : "or", l, r };
      else if (t!.text === "==" || t!.text === "!=")
        l = { s: l.s, e: r.e, prec, k: "eq", op: t!.text === "==" ? "strict-eq" : "strict-ne", l, r };
      else l = this.other(l.s, r.e, prec, [l, r], true, prec === GO_PREC.cmp);
    }
  }

  private unary(): MNode {
    const t = this.peek();
    if (t && t.k === "op" && ["!", "-", "+", "^", "*", "&", "<-"].includes(t.text)) {
      this.p++;
      const arg = this.unary();
      if (t.text === "!") return { s: t.s, e: arg.e, prec: GO_PREC.unary, k: "not", arg };
      if (t.text === "-" && arg.k === "lit" && typeof arg.value === "number")
        return { s: t.s, e: arg.e, prec: GO_PREC.unary, k: "lit", value: -arg.value };
      return this.other(t.s, arg.e, GO_PREC.unary, [arg], t.text !== "<-");
    }
    return this.primary();
  }

  /** Skips a bracket group starting at the current token; returns its closing token. */
  private skipGroup(): GoTok {
    const close = closing(this.toks, this.p);
    if (close >= this.to) throw new Fail();
    this.p = close + 1;
    return this.toks[close];
  }

  private primary(): MNode {
    let n = this.operand();
    for (;;) {
      const t = this.peek();
      if (!t || t.k !== "op") return n;
      if (t.text === ".") {
        this.p++;
        const name = this.peek();
        if (name?.k === "name") {
          this.p++;
          n = this.other(n.s, name.e, GO_PREC.primary, [n]);
        } else if (this.isOp("(")) n = this.other(n.s, this.skipGroup().e, GO_PREC.primary, [n]);
        else throw new Fail();
      } else if (t.text === "(") {
        this.p++;
        const args: MNode[] = [];
        while (!this.isOp(")")) {
          args.push(this.expr(1));
          if (this.isOp("...")) this.p++;
          if (!this.isOp(",")) break;
          this.p++;
        }
        if (!this.isOp(")")) throw new Fail();
        const close = this.toks[this.p++];
        n = this.other(n.s, close.e, GO_PREC.primary, [n, ...args], false);
      } else if (t.text === "[") {
        n = this.other(n.s, this.skipGroup().e, GO_PREC.primary, [n]);
      } else if (t.text === "{") {
        // A composite literal: its braces are a block of their own.
        n = this.other(n.s, this.skipGroup().e, GO_PREC.primary, [n]);
      } else return n;
    }
  }

  private operand(): MNode {
    const t = this.peek();
    if (!t) throw new Fail();
    const usage = this.usages.get(this.p);
    if (usage) {
      this.p = usage.last + 1;
      return { s: t.s, e: this.toks[usage.last].e, prec: GO_PREC.primary, k: "usage", usage: usage.index };
    }
    if (t.k === "name") {
      this.p++;
      if (t.text === "true" || t.text === "false") return { s: t.s, e: t.e, prec: GO_PREC.primary, k: "lit", value: t.text === "true" };
      if (t.text === "func") {
        // A function literal: its signature and body are opaque here.
        if (!this.isOp("(")) throw new Fail();
        this.skipGroup();
        while (this.peek() && !this.isOp("{")) {
          if (this.isOp("(") || this.isOp("[")) this.skipGroup();
          else this.p++;
        }
        if (!this.isOp("{")) throw new Fail();
        return this.other(t.s, this.skipGroup().e, GO_PREC.primary, []);
      }
      if (t.text === "map" || t.text === "chan" || t.text === "struct" || t.text === "interface") {
        while (this.peek() && !this.isOp("{") && !this.isOp("(")) {
          if (this.isOp("[")) this.skipGroup();
          else this.p++;
        }
        return this.other(t.s, this.toks[this.p - 1].e, GO_PREC.primary, []);
      }
      if (/^(if|else|for|switch|select|case|default|go|defer|return|var|const|type|range)$/.test(t.text)) throw new Fail();
      return this.other(t.s, t.e, GO_PREC.primary, []);
    }
    if (t.k === "num") {
      this.p++;
      const v = /^\d+(\.\d*)?$/.test(t.text) ? Number(t.text) : undefined;
      return v === undefined ? this.other(t.s, t.e, GO_PREC.primary, []) : { s: t.s, e: t.e, prec: GO_PREC.primary, k: "lit", value: v };
    }
    if (t.k === "str") {
      this.p++;
      return t.value !== undefined && t.text[0] !== "'"
        ? { s: t.s, e: t.e, prec: GO_PREC.primary, k: "lit", value: t.value }
        : this.other(t.s, t.e, GO_PREC.primary, []);
    }
    if (t.text === "(") {
      this.p++;
      const inner = this.expr(1);
      if (!this.isOp(")")) throw new Fail();
      const close = this.toks[this.p++];
      return { s: t.s, e: close.e, prec: GO_PREC.primary, k: "paren", inner };
    }
    if (t.text === "[") {
      // A slice or array type before a composite literal or conversion.
      this.skipGroup();
      while (this.peek() && (this.peek()!.k === "name" || this.isOp(".") || this.isOp("*"))) this.p++;
      return this.other(t.s, this.toks[this.p - 1].e, GO_PREC.primary, []);
    }
    throw new Fail();
  }
}
