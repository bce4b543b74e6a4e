// String constants that may hold feature keys: `const CHECKOUT = "new_checkout"`,
// `static final String CHECKOUT = "..."`, `Checkout = "..."` in an enum, `CHECKOUT: "..."` in an
// object literal, each with the class, enum or object it is declared in.

import { bareName, stringAt, type FileContext } from "./context";
import { C, K_IDENT, K_PUNCT, K_STRING, OP_ASSIGN_OTHER, OP_COLONEQ } from "./lexer";
import { buildScopes, parameters, type ScopeTree } from "./scopes";
import type { ConstantDecl, LocalName } from "./usages";

/** What a key can look like: no spaces, quotes or brackets, at most 200 characters. */
const KEY_SHAPE = /^[\w.\-/:@]{1,200}$/;

/** Words that declare the name after them (`const X`, `let x;`, `val x`, `var x string`). */
const DECLARING_WORDS = new Set(["const", "let", "var", "val"]);

/** Words that precede a declared name rather than being one (`const X`, `static final String X`). */
const DECLARATION_WORDS = new Set([...DECLARING_WORDS, "final", "static", "public", "private", "protected", "internal", "readonly"]);

/** Languages without declarations: the first assignment declares, a function keeps its names (Python, Ruby, PHP). */
function implicitDeclarations(ctx: FileContext): boolean {
  const l = ctx.rules.language;
  return l === "python" || l === "ruby" || l === "php";
}

/** A name bound at a token: declared, assigned, or a parameter. */
interface Binding {
  name: string;
  token: number;
  /** The scope the token is in. */
  at: number;
  /** A declaration (`let x`, `String x =`, `x :=`, a parameter) rather than an assignment. */
  declares: boolean;
}

/** Every key-shaped string constant of a file, and the names that hold no one key (they shadow outer constants). */
export function findConstants(ctx: FileContext): { constants: ConstantDecl[]; locals: LocalName[] } {
  const { t } = ctx;
  const tree = buildScopes(ctx);
  const { scopes } = tree;
  const bindings = findBindings(ctx, tree);
  const bound = bindScopes(ctx, tree, bindings);
  const groupKey = (scope: number, name: string) => `${scope}\u0000${name}`;
  const counts = new Map<string, number>();
  const byToken = new Map<number, number>();
  bindings.forEach((b, i) => {
    const key = groupKey(bound[i], b.name);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    byToken.set(b.token, i);
  });
  const withConstant = new Set<string>();
  const out: ConstantDecl[] = [];
  const rangeOf = (s: number) => ctx.pos.range(t.start[scopes[s].first], t.end[scopes[s].last]);
  const bodyOf = (s: number) => {
    for (let i = s; i > 0; i = scopes[i].parent) if (scopes[i].body) return i;
    return 0;
  };
  const legacyScopes = ctx.rules.language !== "python" && ctx.rules.language !== "ruby";
  for (let k = 0; k < t.n; k++) {
    if (t.kind[k] !== K_STRING || tree.nested[k]) continue;
    const n = declaredToken(ctx, k);
    if (n < 0) continue;
    const value = t.text.slice(t.vstart[k], t.vend[k]);
    if (!KEY_SHAPE.test(value) || !terminated(ctx, k)) continue;
    const name = bareName(t.text_(n));
    const decl: ConstantDecl = { name, literal: stringAt(ctx, k) };
    const container = scopes[tree.at[k]].container;
    if (container !== undefined) decl.container = container;
    const b = byToken.get(n);
    let scope: number;
    if (b === undefined) {
      // A member (`key: "x"` in an object, `this.key = "x"`, `@key = "x"`): where its object is, not a variable.
      scope = legacyScopes ? bodyOf(tree.at[k]) : 0;
    } else {
      const key = groupKey(bound[b], name);
      // A variable assigned again in its scope holds no one key.
      if ((counts.get(key) ?? 0) > 1) continue;
      withConstant.add(key);
      scope = bodyOf(bound[b]);
    }
    if (scope > 0) decl.scope = rangeOf(scope);
    out.push(decl);
  }
  // Names bound in a body (or at the top) to anything but one key: they hide constants of the same name outside.
  const locals: LocalName[] = [];
  const seen = new Set<string>();
  bindings.forEach((b, i) => {
    const s = bound[i];
    const key = groupKey(s, b.name);
    if (withConstant.has(key) || seen.has(key) || !(s === 0 || scopes[s].body)) return;
    seen.add(key);
    locals.push(s === 0 ? { name: b.name } : { name: b.name, scope: rangeOf(s) });
  });
  return { constants: out, locals };
}

/** Names declared, assigned or taken as parameters outside of brackets (not named arguments, not members). */
function findBindings(ctx: FileContext, tree: ScopeTree): Binding[] {
  const { t, rules } = ctx;
  const implicit = implicitDeclarations(ctx);
  const out: Binding[] = [];
  for (let k = 0; k < t.n; k++) {
    if (t.kind[k] !== K_IDENT || tree.nested[k]) continue;
    const raw = t.text_(k);
    if (rules.language === "ruby" && (raw.startsWith("@") || raw.startsWith("$"))) continue; // not locals
    const prev = k - 1;
    if (prev >= 0 && t.kind[prev] === K_PUNCT && rules.memberOps.includes(t.op[prev])) continue; // o.x = ...
    const word = prev >= 0 && t.kind[prev] === K_IDENT ? t.text_(prev) : "";
    // Python: for x in ..., with ... as x, except E as x.
    if (rules.language === "python" && (word === "for" || word === "as") && !tree.nested[prev]) {
      out.push({ name: raw, token: k, at: tree.at[k], declares: false });
      continue;
    }
    let j = k + 1;
    if (t.isOp(j, C.colon) && t.kind[j + 1] === K_IDENT && !t.nlBefore(j + 1) && t.kind[j + 2] === K_PUNCT && rules.language !== "ruby")
      j += 2; // x: T =
    else if (rules.typeAfterName && t.kind[j] === K_IDENT && t.kind[j + 1] === K_PUNCT) j += 1; // Go: x T =
    const op = j < t.n && t.kind[j] === K_PUNCT ? t.op[j] : -1;
    const opText = op >= 0 ? t.text_(j) : "";
    const assigns = rules.assignOps.includes(op) || op === OP_ASSIGN_OTHER || opText === "++" || opText === "--";
    const declWord = DECLARING_WORDS.has(word) || (DECLARATION_WORDS.has(word) && assigns);
    if (!assigns && !declWord) continue;
    if (word !== "" && !declWord && rules.exprKeywords.has(word) && !implicit) continue; // return x = y
    let declares = false;
    if (!implicit) {
      const typed =
        (rules.language === "java" || rules.language === "csharp") &&
        op === C.eq &&
        prev >= 0 &&
        ((t.kind[prev] === K_IDENT && !rules.exprKeywords.has(word)) ||
          t.isOp(prev, C.gt) ||
          t.isOp(prev, C.rbracket) ||
          t.isOp(prev, C.question));
      declares = declWord || typed || op === OP_COLONEQ;
    }
    out.push({ name: bareName(raw), token: k, at: tree.at[k], declares });
  }
  for (const [k, scope] of parameters(ctx, tree)) out.push({ name: bareName(t.text_(k)), token: k, at: scope, declares: true });
  return out;
}

/** The scope each binding belongs to: a declaration's own; an assignment's, the declaration's it assigns (or, in Python, Ruby and PHP, the outermost scope up to the function that assigns the name). */
function bindScopes(ctx: FileContext, tree: ScopeTree, bindings: readonly Binding[]): number[] {
  const { scopes } = tree;
  const named = new Map<number, Set<string>>();
  const add = (s: number, name: string) => {
    let set = named.get(s);
    if (!set) named.set(s, (set = new Set()));
    set.add(name);
  };
  if (implicitDeclarations(ctx)) {
    const declared = new Map<number, Set<string>>();
    for (const b of bindings) {
      add(b.at, b.name);
      if (b.declares) {
        let set = declared.get(b.at);
        if (!set) declared.set(b.at, (set = new Set()));
        set.add(b.name);
      }
    }
    return bindings.map((b) => {
      let bind = b.at;
      for (let s = b.at; s >= 0; s = scopes[s].parent) {
        if (named.get(s)?.has(b.name)) bind = s;
        if (declared.get(s)?.has(b.name) || scopes[s].gate) break;
      }
      return bind;
    });
  }
  for (const b of bindings) if (b.declares) add(b.at, b.name);
  return bindings.map((b) => {
    if (b.declares) return b.at;
    for (let s = b.at; s >= 0; s = scopes[s].parent) if (named.get(s)?.has(b.name)) return s;
    // Assigned, never declared in the file (a Go const block, an enum member, a global): declared here.
    add(b.at, b.name);
    return b.at;
  });
}

/** The token of the name a string literal at `k` is bound to, when it is the whole value of a declaration, or -1. */
function declaredToken(ctx: FileContext, k: number): number {
  const { t, rules } = ctx;
  const p = k - 1;
  if (p < 1 || t.kind[p] !== K_PUNCT) return -1;
  const op = t.op[p];
  if (op === C.colon && rules.objectMembers) return t.kind[p - 1] === K_IDENT ? p - 1 : -1;
  if (!rules.assignOps.includes(op)) return -1;
  let n = p - 1;
  if (t.kind[n] !== K_IDENT) return -1;
  // NAME: Type = "x".
  if (t.isOp(n - 1, C.colon) && t.kind[n - 2] === K_IDENT && !t.nlBefore(n)) n -= 2;
  // Go: Checkout string = "x".
  else if (rules.typeAfterName && t.kind[n - 1] === K_IDENT && !DECLARATION_WORDS.has(t.text_(n - 1))) n -= 1;
  return n;
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
