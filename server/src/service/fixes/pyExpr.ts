// Python expressions as mini trees: `not`, `and`, `or`, `==`/`!=`/`is`, conditional expressions
// and parentheses are understood; calls, arithmetic, displays, comprehensions and lambdas are
// parsed only to find their sub-expressions. A region that does not parse is not simplified.

import type { MNode } from "./mini";
import type { PyTok } from "./pySyntax";

/** Python's precedence levels, loosest first. */
export const PY_PREC = { lambda: 0, ifexp: 1, or: 2, and: 3, not: 4, cmp: 5, bitor: 6, unary: 12, power: 13, primary: 15 };

const BINARY: Record<string, number> = {
  "|": 6,
  "^": 7,
  "&": 8,
  "<<": 9,
  ">>": 9,
  "+": 10,
  "-": 10,
  "*": 11,
  "/": 11,
  "//": 11,
  "%": 11,
  "@": 11,
};
const COMPARE = new Set(["==", "!=", "<", ">", "<=", ">=", "<>"]);

class Fail extends Error {}

/** A recognised call, by its first token. */
export interface PyUsageSpan {
  index: number;
  last: number;
}

/** Parses expressions of a token range; every method throws Fail on syntax it does not know. */
export class PyExprParser {
  private p = 0;
  private to = 0;

  constructor(
    private readonly toks: PyTok[],
    private readonly usages: Map<number, PyUsageSpan>,
  ) {}

  /** The expressions of `[from, to)` separated by commas (a tuple, an argument list), or undefined. */
  parseList(from: number, to: number): MNode[] | undefined {
    this.p = from;
    this.to = to;
    try {
      const items = this.items(undefined);
      return this.p === to ? items : undefined;
    } catch (e) {
      if (e instanceof Fail) return undefined;
      throw e;
    }
  }

  private peek(o = 0): PyTok | undefined {
    return this.p + o < this.to ? this.toks[this.p + o] : undefined;
  }

  private isOp(t: string, o = 0): boolean {
    const k = this.peek(o);
    return k !== undefined && k.k === "op" && k.text === t;
  }

  private isWord(t: string, o = 0): boolean {
    const k = this.peek(o);
    return k !== undefined && k.k === "name" && k.text === t;
  }

  private expect(t: string): PyTok {
    if (!this.isOp(t) && !this.isWord(t)) throw new Fail();
    return this.toks[this.p++];
  }

  private node(s: number, e: number, prec: number, rest: Record<string, unknown>): MNode {
    return { s, e, prec, ...rest } as MNode;
  }

  private other(first: MNode | PyTok, last: MNode | PyTok, prec: number, kids: MNode[], pure = true, boolish = false): MNode {
    return this.node(first.s, last.e, prec, { k: "other", pure, boolish, kids });
  }

  /** Comma-separated items up to `close` (or the range's end): arguments, elements, keys and values, slices, comprehensions. */
  private items(close: string | undefined): MNode[] {
    const out: MNode[] = [];
    while (this.peek() && !(close && this.isOp(close))) {
      if (this.isOp("*") || this.isOp("**")) this.p++;
      else if (this.peek()?.k === "name" && (this.isOp("=", 1) || this.isOp(":=", 1))) this.p += 2;
      if (!(close && this.isOp(":"))) out.push(this.expr());
      // Dictionary values and slices.
      while (this.isOp(":")) {
        this.p++;
        if (this.peek() && !this.isOp(",") && !this.isOp(":") && !(close && this.isOp(close))) out.push(this.expr());
      }
      if (this.isWord("for") || (this.isWord("async") && this.isWord("for", 1))) this.comprehension(out);
      if (!this.isOp(",")) break;
      this.p++;
    }
    return out;
  }

  private comprehension(out: MNode[]): void {
    while (this.isWord("for") || this.isWord("async")) {
      if (this.isWord("async")) this.p++;
      this.expect("for");
      while (this.peek() && !this.isWord("in")) this.p++;
      this.expect("in");
      out.push(this.orTest());
      while (this.isWord("if")) {
        this.p++;
        out.push(this.orTest());
      }
    }
  }

  expr(): MNode {
    if (this.isWord("lambda")) {
      const first = this.toks[this.p++];
      while (this.peek() && !this.isOp(":")) this.p++;
      this.expect(":");
      const body = this.expr();
      return this.other(first, body, PY_PREC.lambda, [body]);
    }
    const a = this.orTest();
    if (!this.isWord("if")) return a;
    this.p++;
    const c = this.orTest();
    this.expect("else");
    const b = this.expr();
    return this.node(a.s, b.e, PY_PREC.ifexp, { k: "cond", c, a, b });
  }

  private orTest(): MNode {
    let l = this.andTest();
    while (this.isWord("or")) {
      this.p++;
      const r = this.andTest();
      l = this.node(l.s, r.e, PY_PREC.or, { k: "or", l, r });
    }
    return l;
  }

  private andTest(): MNode {
    let l = this.notTest();
    while (this.isWord("and")) {
      this.p++;
      const r = this.notTest();
      l = this.node(l.s, r.e, PY_PREC.and, { k: "and", l, r });
    }
    return l;
  }

  private notTest(): MNode {
    if (!this.isWord("not")) return this.comparison();
    const first = this.toks[this.p++];
    const arg = this.notTest();
    return this.node(first.s, arg.e, PY_PREC.not, { k: "not", arg });
  }

  private compareOp(): string | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.k === "op" && COMPARE.has(t.text)) return t.text;
    if (this.isWord("in")) return "in";
    if (this.isWord("not") && this.isWord("in", 1)) return "not in";
    if (this.isWord("is")) return this.isWord("not", 1) ? "is not" : "is";
    return undefined;
  }

  private comparison(): MNode {
    const first = this.binary(PY_PREC.bitor);
    const parts = [first];
    const ops: string[] = [];
    for (let op = this.compareOp(); op; op = this.compareOp()) {
      this.p += op.includes(" ") ? 2 : 1;
      ops.push(op);
      parts.push(this.binary(PY_PREC.bitor));
    }
    if (ops.length === 0) return first;
    const last = parts[parts.length - 1];
    const eq = { "==": "strict-eq", "!=": "strict-ne", is: "is", "is not": "is-not" }[ops[0]];
    if (ops.length === 1 && eq) return this.node(first.s, last.e, PY_PREC.cmp, { k: "eq", op: eq, l: first, r: last });
    return this.other(first, last, PY_PREC.cmp, parts, true, true);
  }

  private binary(min: number): MNode {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t && t.k === "op" ? BINARY[t.text] : undefined;
      if (prec === undefined || prec < min) return l;
      this.p++;
      const r = this.binary(prec + 1);
      l = this.other(l, r, prec, [l, r]);
    }
  }

  private unary(): MNode {
    if (this.isOp("-") || this.isOp("+") || this.isOp("~")) {
      const first = this.toks[this.p++];
      const arg = this.unary();
      if (first.text === "-" && arg.k === "lit" && typeof arg.value === "number")
        return this.node(first.s, arg.e, PY_PREC.unary, { k: "lit", value: -arg.value });
      return this.other(first, arg, PY_PREC.unary, [arg]);
    }
    if (this.isWord("await")) {
      const first = this.toks[this.p++];
      const arg = this.unary();
      return this.other(first, arg, PY_PREC.unary, [arg], false);
    }
    const base = this.primary();
    if (!this.isOp("**")) return base;
    this.p++;
    const exp = this.unary();
    return this.other(base, exp, PY_PREC.power, [base, exp]);
  }

  private primary(): MNode {
    let n = this.atom();
    for (;;) {
      if (this.isOp(".")) {
        this.p++;
        const name = this.peek();
        if (!name || name.k !== "name") throw new Fail();
        this.p++;
        n = this.other(n, name, PY_PREC.primary, [n]);
      } else if (this.isOp("(")) {
        this.p++;
        const args = this.items(")");
        const close = this.expect(")");
        n = this.other(n, close, PY_PREC.primary, [n, ...args], false);
      } else if (this.isOp("[")) {
        this.p++;
        const key = this.peek();
        const single = key?.k === "str" && key.value !== undefined && this.isOp("]", 1);
        const parts = this.items("]");
        const close = this.expect("]");
        n = single
          ? this.node(n.s, close.e, PY_PREC.primary, { k: "index", obj: n, key: key!.value })
          : this.other(n, close, PY_PREC.primary, [n, ...parts]);
      } else return n;
    }
  }

  private atom(): MNode {
    const t = this.peek();
    if (!t) throw new Fail();
    const at = this.p;
    const usage = this.usages.get(at);
    if (usage) {
      this.p = usage.last + 1;
      return this.node(t.s, this.toks[usage.last].e, PY_PREC.primary, { k: "usage", usage: usage.index });
    }
    this.p++;
    if (t.k === "name") {
      if (t.text === "True" || t.text === "False") return this.node(t.s, t.e, PY_PREC.primary, { k: "lit", value: t.text === "True" });
      if (t.text === "None") return this.node(t.s, t.e, PY_PREC.primary, { k: "lit", value: null });
      if (["lambda", "if", "else", "for", "in", "not", "and", "or", "is", "yield"].includes(t.text)) throw new Fail();
      return this.other(t, t, PY_PREC.primary, []);
    }
    if (t.k === "num") {
      const v = /^\d+(\.\d*)?$/.test(t.text) ? Number(t.text) : undefined;
      return v === undefined ? this.other(t, t, PY_PREC.primary, []) : this.node(t.s, t.e, PY_PREC.primary, { k: "lit", value: v });
    }
    if (t.k === "str") {
      let last = t;
      while (this.peek()?.k === "str") last = this.toks[this.p++];
      if (last === t && t.value !== undefined) return this.node(t.s, t.e, PY_PREC.primary, { k: "lit", value: t.value });
      return this.other(t, last, PY_PREC.primary, []);
    }
    if (t.text === "...") return this.other(t, t, PY_PREC.primary, []);
    const close = { "(": ")", "[": "]", "{": "}" }[t.text];
    if (!close) throw new Fail();
    const inner = this.items(close);
    const end = this.toks[this.p - 1];
    const trailingComma = end.text === ",";
    const closeTok = this.expect(close);
    if (t.text === "(" && inner.length === 1 && !trailingComma && inner[0].s === this.toks[at + 1].s && inner[0].e === end.e) {
      return this.node(t.s, closeTok.e, PY_PREC.primary, { k: "paren", inner: inner[0] });
    }
    return this.other(t, closeTok, PY_PREC.primary, inner);
  }
}
