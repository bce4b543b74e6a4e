// String constants that may hold feature keys: `const CHECKOUT = "new_checkout"`,
// `static final String CHECKOUT = "..."`, `Checkout = "..."` in an enum, `CHECKOUT: "..."` in an
// object literal, each with the class, enum or object it is declared in.

import { stringAt, type FileContext } from "./context";
import { C, K_IDENT, K_PUNCT, K_STRING, OP_ASSIGN_OTHER, OP_FATARROW } from "./lexer";
import type { ConstantDecl } from "./usages";

/** What a key can look like: no spaces, quotes or brackets, at most 200 characters. */
const KEY_SHAPE = /^[\w.\-/:@]{1,200}$/;

const CONTAINER_WORDS = new Set(["class", "enum", "object", "interface", "struct", "namespace", "module", "record", "trait"]);

/** Words that precede a declared name rather than being one (`const X`, `var X string`). */
const DECLARATION_WORDS = new Set([
  "const",
  "var",
  "let",
  "val",
  "final",
  "static",
  "public",
  "private",
  "protected",
  "internal",
  "readonly",
]);

/** One open brace: the container it names, and whether it is a body (function, arrow, method, block). */
interface Frame {
  container: string | undefined;
  /** The parentheses open outside it, restored when it closes. */
  parens: number;
  /** The brace token, when it opens a body: a scope for the constants declared in it. */
  body: number;
}

/** Every key-shaped string constant of a file. */
export function findConstants(ctx: FileContext): ConstantDecl[] {
  const { t, rules } = ctx;
  const out: ConstantDecl[] = [];
  const frames: Frame[] = [];
  const python = rules.language === "python";
  const js = rules.language === "typescript" || rules.language === "javascript";
  const pyClasses: { name: string; indent: number }[] = [];
  const changing = js ? changingBindings(ctx) : new Set<string>();
  let parens = 0;
  for (let k = 0; k < t.n; k++) {
    const kind = t.kind[k];
    if (kind === K_PUNCT) {
      const o = t.op[k];
      if (o === C.lparen || o === C.lbracket) parens++;
      else if (o === C.rparen || o === C.rbracket) parens = Math.max(0, parens - 1);
      else if (o === C.lbrace) {
        const body = opensBody(ctx, k);
        frames.push({ container: containerName(ctx, k) ?? frames[frames.length - 1]?.container, parens, body: body ? k : -1 });
        // Inside a callback's body the call's parentheses no longer matter: its statements declare.
        if (body) parens = 0;
      } else if (o === C.rbrace) {
        const f = frames.pop();
        if (f) parens = f.parens;
      }
      continue;
    }
    if (python && kind === K_IDENT && t.nlBefore(k)) {
      const indent = column(ctx, k);
      while (pyClasses.length > 0 && pyClasses[pyClasses.length - 1].indent >= indent) pyClasses.pop();
      if (t.isWord(k, "class") && t.kind[k + 1] === K_IDENT) pyClasses.push({ name: t.text_(k + 1), indent });
    }
    if (kind !== K_STRING || parens > 0) continue;
    const name = declaredName(ctx, k);
    if (name === undefined) continue;
    const value = t.text.slice(t.vstart[k], t.vend[k]);
    if (!KEY_SHAPE.test(value) || !terminated(ctx, k)) continue;
    // JS/TS: a `let`/`var` binding assigned again elsewhere holds no one key.
    if (js && changing.has(name) && !isConst(ctx, k)) continue;
    const container = python ? pyClasses[pyClasses.length - 1]?.name : frames[frames.length - 1]?.container;
    const decl: ConstantDecl = { name, literal: stringAt(ctx, k) };
    if (container !== undefined) decl.container = container;
    const scope = innermostBody(frames);
    if (scope >= 0) {
      const close = t.closing(scope);
      decl.scope = ctx.pos.range(t.start[scope], close >= 0 ? t.end[close] : t.text.length);
    }
    out.push(decl);
  }
  return out;
}

function innermostBody(frames: readonly Frame[]): number {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].body >= 0) return frames[i].body;
  return -1;
}

/** Whether the brace at `open` starts a body: `) {`, `=> {`, `else {`, or a bare block after a statement. */
function opensBody(ctx: FileContext, open: number): boolean {
  const { t } = ctx;
  const p = open - 1;
  if (p < 0) return false;
  if (t.kind[p] === K_PUNCT) {
    const o = t.op[p];
    return o === C.rparen || o === OP_FATARROW || o === C.semi || o === C.lbrace || o === C.rbrace;
  }
  return t.kind[p] === K_IDENT && (t.isWord(p, "else") || t.isWord(p, "try") || t.isWord(p, "finally") || t.isWord(p, "do"));
}

/** Whether the declaration of the literal at `k` is a JS/TS `const`. */
function isConst(ctx: FileContext, k: number): boolean {
  const { t } = ctx;
  let n = k - 2; // the name, before `=`
  if (t.isOp(n - 1, C.colon) && t.kind[n - 2] === K_IDENT) n -= 2; // NAME: Type =
  return t.isWord(n - 1, "const");
}

/** JS/TS names declared with `let`/`var` and assigned again (`x = y`, `x += y`, `x++`): bindings that change. */
function changingBindings(ctx: FileContext): Set<string> {
  const { t } = ctx;
  const declared = new Set<string>();
  const assigned = new Set<string>();
  for (let k = 0; k + 1 < t.n; k++) {
    if (t.kind[k] !== K_IDENT) continue;
    const before = k - 1;
    if (before >= 0 && (t.isWord(before, "let") || t.isWord(before, "var"))) {
      declared.add(t.text_(k));
      continue;
    }
    if (t.kind[k + 1] !== K_PUNCT) continue;
    const o = t.op[k + 1];
    const op = t.text_(k + 1);
    if (!(o === C.eq || o === OP_ASSIGN_OTHER || op === "++" || op === "--")) continue;
    if (before >= 0 && t.kind[before] === K_IDENT && DECLARATION_WORDS.has(t.text_(before))) continue; // const x =
    if (before >= 0 && t.kind[before] === K_PUNCT && rulesMember(ctx, t.op[before])) continue; // o.x =
    assigned.add(t.text_(k));
  }
  for (const name of [...declared]) if (!assigned.has(name)) declared.delete(name);
  return declared;
}

function rulesMember(ctx: FileContext, op: number): boolean {
  return ctx.rules.memberOps.includes(op);
}

function column(ctx: FileContext, i: number): number {
  const s = ctx.t.start[i];
  return s - (ctx.t.text.lastIndexOf("\n", s - 1) + 1);
}

/** The name a string literal at `k` is bound to, when it is the whole value of a declaration. */
function declaredName(ctx: FileContext, k: number): string | undefined {
  const { t, rules } = ctx;
  const p = k - 1;
  if (p < 1 || t.kind[p] !== K_PUNCT) return undefined;
  const op = t.op[p];
  if (op === C.colon && rules.objectMembers) return t.kind[p - 1] === K_IDENT ? t.text_(p - 1) : undefined;
  if (!rules.assignOps.includes(op)) return undefined;
  let n = p - 1;
  if (t.kind[n] !== K_IDENT) return undefined;
  // NAME: Type = "x".
  if (t.isOp(n - 1, C.colon) && t.kind[n - 2] === K_IDENT) n -= 2;
  // Go: Checkout string = "x".
  else if (rules.typeAfterName && t.kind[n - 1] === K_IDENT && !DECLARATION_WORDS.has(t.text_(n - 1))) n -= 1;
  return t.text_(n).replace(/^(\$|@@|@)/, "");
}

/** Whether the literal at `k` ends its statement or member (so it is not `"a" + b`). */
function terminated(ctx: FileContext, k: number): boolean {
  const { t } = ctx;
  const next = k + 1;
  if (next >= t.n || t.nlBefore(next)) return true;
  if (t.kind[next] !== K_PUNCT) return t.isWord(next, "as"); // TypeScript: "x" as const
  const o = t.op[next];
  if (o === C.dot && t.isWord(next + 1, "freeze")) return true; // Ruby: "x".freeze
  return o === C.comma || o === C.semi || o === C.rparen || o === C.rbrace || o === C.rbracket;
}

/** The name of the class, enum or object literal that the brace at `open` starts, if any. */
function containerName(ctx: FileContext, open: number): string | undefined {
  const { t, rules } = ctx;
  // const Flags = { ... }, Flags: { ... }
  const p = open - 1;
  if (p >= 1 && t.kind[p] === K_PUNCT && (rules.assignOps.includes(t.op[p]) || t.op[p] === C.colon) && t.kind[p - 1] === K_IDENT) {
    return t.text_(p - 1);
  }
  // class Flags extends Base implements X {, enum Flags {, object Flags {
  for (let j = open - 1; j >= 0 && j >= open - 12; j--) {
    if (t.kind[j] === K_PUNCT && (t.op[j] === C.semi || t.op[j] === C.lbrace || t.op[j] === C.rbrace)) return undefined;
    if (t.kind[j] === K_IDENT && t.kind[j + 1] === K_IDENT && CONTAINER_WORDS.has(t.text_(j))) return t.text_(j + 1);
  }
  return undefined;
}
