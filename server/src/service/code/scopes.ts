// The scopes of a file, for the constants declared in them: brace bodies (functions, arrow
// callbacks, lambdas and closures, methods, blocks), Python's `def` bodies by indentation, and
// Ruby's `def ... end`, `do |x| ... end` and `{ |x| ... }`. Classes, enums and object literals
// are scopes too (their members do not collide with another class's), but not bodies: what is
// declared in them keeps no range and is reached through the container's name.

import type { FileContext } from "./context";
import { C, K_IDENT, K_PUNCT, OP_ARROW, OP_FATARROW } from "./lexer";

/** One scope: the file (index 0), a body, or a class, enum or object literal. */
export interface Scope {
  parent: number;
  /** The first and last token of the scope (inclusive); the file's are 0 and n - 1. */
  first: number;
  last: number;
  /** A body (function, callback, method, block): what is declared in it is visible in it only. */
  body: boolean;
  /** Names assigned inside do not reach outside (functions, classes; not blocks): for Python, Ruby and PHP. */
  gate: boolean;
  /** The class, enum or object the scope is (or is inside of). */
  container?: string;
}

/** The scopes of a file, the innermost scope of each token, and whether a token sits in brackets of its scope. */
export interface ScopeTree {
  scopes: Scope[];
  at: Int32Array;
  /** Inside parentheses or brackets (or a Python dict) opened in the token's scope: arguments, not statements. */
  nested: Uint8Array;
}

const CONTAINER_WORDS = new Set([
  "class",
  "enum",
  "object",
  "interface",
  "struct",
  "namespace",
  "module",
  "record",
  "trait",
  "extension",
  "protocol",
  "actor",
]);

/** Words that start a statement whose brace opens a block (`if x {` in Go and Swift, `for`, `switch`, ...). */
const BLOCK_WORDS = new Set([
  "if",
  "else",
  "for",
  "foreach",
  "while",
  "switch",
  "select",
  "guard",
  "repeat",
  "do",
  "try",
  "catch",
  "finally",
  "defer",
  "go",
  "when",
  "func",
  "fun",
  "function",
  "using",
  "lock",
  "synchronized",
]);

/** The scopes of a file in any language Flaglens scans. */
export function buildScopes(ctx: FileContext): ScopeTree {
  const lang = ctx.rules.language;
  if (lang === "python") return pythonScopes(ctx);
  if (lang === "ruby") return rubyScopes(ctx);
  return braceScopes(ctx);
}

function fileTree(ctx: FileContext): ScopeTree {
  const n = ctx.t.n;
  return {
    scopes: [{ parent: -1, first: 0, last: Math.max(0, n - 1), body: false, gate: true }],
    at: new Int32Array(n),
    nested: new Uint8Array(n),
  };
}

interface Open {
  scope: number;
  /** The bracket depth outside this scope, restored when it closes. */
  depth: number;
  brace: boolean;
}

function braceScopes(ctx: FileContext): ScopeTree {
  const { t } = ctx;
  const tree = fileTree(ctx);
  const stack: Open[] = [{ scope: 0, depth: 0, brace: true }];
  let depth = 0;
  for (let k = 0; k < t.n; k++) {
    const top = stack[stack.length - 1];
    if (t.kind[k] === K_PUNCT) {
      const o = t.op[k];
      if (o === C.lbrace) {
        const parent = top.scope;
        const named = containerName(ctx, k);
        const body = named === undefined && opensBody(ctx, k);
        const container = named?.name ?? (body ? undefined : objectName(ctx, k)) ?? tree.scopes[parent].container;
        tree.scopes.push({
          parent,
          first: k,
          last: t.n - 1, // until its `}` closes it
          body,
          gate: body ? isFunctionBody(ctx, k) : named !== undefined,
          container,
        });
        // Inside a callback's body the call's parentheses no longer matter: its statements declare.
        stack.push({ scope: tree.scopes.length - 1, depth, brace: true });
        if (body) depth = 0;
        tree.at[k] = tree.scopes.length - 1;
        tree.nested[k] = depth > 0 ? 1 : 0;
        continue;
      }
      if (o === C.rbrace) {
        tree.at[k] = top.scope;
        tree.nested[k] = depth > 0 ? 1 : 0;
        if (stack.length > 1) {
          const closed = stack.pop()!;
          depth = closed.depth;
          tree.scopes[closed.scope].last = k;
        }
        continue;
      }
      if (o === C.lparen || o === C.lbracket) depth++;
      else if (o === C.rparen || o === C.rbracket) depth = Math.max(0, depth - 1);
    }
    tree.at[k] = top.scope;
    tree.nested[k] = depth > 0 ? 1 : 0;
  }
  expressionArrows(ctx, tree);
  return tree;
}

/** `(key) => f.isEnabled(key)`: an arrow without braces is a scope too (for its parameters), to the end of its expression. */
function expressionArrows(ctx: FileContext, tree: ScopeTree): void {
  const { t } = ctx;
  const lang = ctx.rules.language;
  if (lang !== "typescript" && lang !== "javascript" && lang !== "csharp" && lang !== "java") return;
  const arrow = lang === "java" ? OP_ARROW : OP_FATARROW;
  for (let k = 0; k + 1 < t.n; k++) {
    if (!t.isOp(k, arrow) || t.isOp(k + 1, C.lbrace)) continue;
    const parent = tree.at[k];
    let depth = 0;
    let last = k;
    for (let j = k + 1; j < t.n; j++) {
      if (t.kind[j] === K_PUNCT) {
        const o = t.op[j];
        if (o === C.lparen || o === C.lbracket || o === C.lbrace) depth++;
        else if (o === C.rparen || o === C.rbracket || o === C.rbrace) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (o === C.comma || o === C.semi)) break;
      }
      if (depth === 0 && j > k + 1 && t.nlBefore(j) && !(t.kind[j] === K_PUNCT && t.op[j] !== C.lparen)) break;
      last = j;
    }
    if (last === k) continue;
    const scope = tree.scopes.length;
    tree.scopes.push({ parent, first: k, last, body: true, gate: true, container: tree.scopes[parent].container });
    for (let j = k + 1; j <= last; j++) {
      const at = tree.at[j];
      if (at === parent) tree.at[j] = scope;
      else if (tree.scopes[at].first === j && tree.scopes[at].parent === parent) tree.scopes[at].parent = scope; // a body inside
    }
  }
}

/** Whether the brace at `open` starts a body: `) {`, `=> {`, `-> {`, `else {`, a bare block, `if x {` (Go, Swift), a function's `): T {`, a Kotlin or Swift trailing lambda. */
function opensBody(ctx: FileContext, open: number): boolean {
  const { t, rules } = ctx;
  const p = open - 1;
  if (p < 0) return false;
  if (t.kind[p] === K_PUNCT) {
    const o = t.op[p];
    if (o === C.rparen || o === OP_FATARROW || o === C.semi || o === C.lbrace || o === C.rbrace) return true;
    if (o === OP_ARROW && rules.language !== "php") return true; // Java, C++-like lambdas: x -> {
  }
  if (t.kind[p] === K_IDENT && (t.isWord(p, "else") || t.isWord(p, "try") || t.isWord(p, "finally") || t.isWord(p, "do"))) return true;
  // Kotlin and Swift have no object literals: `list.forEach {`, `val h = { x -> }`, `if x {`, `when {`, `var body: some View {`.
  if (rules.language === "kotlin" || rules.language === "swift") return true;
  // The statement's header: `if x {`, `for _, v := range xs {`, `func f() bool {`, `m(): string {`.
  const first = headerStart(ctx, open);
  if (first < 0) return false;
  if (t.kind[first] === K_IDENT && BLOCK_WORDS.has(t.text_(first))) return true;
  if (t.isOp(p, C.eq) || t.isOp(p, C.colon) || t.isOp(p, C.comma) || t.isOp(p, C.lparen) || t.isOp(p, C.lbracket)) return false;
  for (let j = first; j < open; j++) {
    if (t.kind[j] !== K_PUNCT) continue;
    if (t.op[j] === C.rparen) return true;
    if (t.op[j] === C.lparen || t.op[j] === C.lbracket) {
      const c = t.closing(j);
      if (c < 0 || c > open) return false;
      if (t.op[j] === C.lparen) return true;
      j = c;
    }
  }
  return false;
}

/** The first token of the statement whose brace is at `open`, or -1: back to a line start (Go and Swift headers hold one line), `;`, or an unmatched bracket. */
function headerStart(ctx: FileContext, open: number): number {
  const { t } = ctx;
  let j = open - 1;
  while (j >= 0) {
    if (t.kind[j] === K_PUNCT) {
      const o = t.op[j];
      if (o === C.rparen || o === C.rbracket || o === C.rbrace) {
        const m = t.opening(j);
        if (m < 0) return -1;
        j = m;
        if (t.nlBefore(j)) return j;
        j--;
        continue;
      }
      if (o === C.semi || o === C.lparen || o === C.lbracket || o === C.lbrace || o === C.comma) return j + 1 < open ? j + 1 : -1;
    }
    if (t.nlBefore(j)) return j;
    j--;
  }
  return 0;
}

/** Whether the body at `open` is a function's (so a PHP variable assigned in it stays in it) rather than a block's. */
function isFunctionBody(ctx: FileContext, open: number): boolean {
  const { t } = ctx;
  const first = headerStart(ctx, open);
  if (first < 0) return t.isOp(open - 1, OP_FATARROW) || t.isOp(open - 1, OP_ARROW);
  for (let j = first; j < open; j++) {
    if (t.kind[j] === K_IDENT && (t.isWord(j, "function") || t.isWord(j, "func") || t.isWord(j, "fun") || t.isWord(j, "fn"))) return true;
    if (t.isOp(j, OP_FATARROW) || t.isOp(j, OP_ARROW)) return true;
  }
  // A method: `name(...) {` right after a class member's start.
  return t.isOp(open - 1, C.rparen) && !BLOCK_WORDS.has(t.text_(first));
}

/** `class Flags extends Base implements X {`, `enum Flags {`, `object Flags {`, `companion object {`: the container the brace at `open` starts. */
function containerName(ctx: FileContext, open: number): { name: string | undefined } | undefined {
  const { t } = ctx;
  for (let j = open - 1; j >= 0 && j >= open - 12; j--) {
    if (t.kind[j] === K_PUNCT && (t.op[j] === C.semi || t.op[j] === C.lbrace || t.op[j] === C.rbrace)) return undefined;
    if (t.kind[j] === K_IDENT && CONTAINER_WORDS.has(t.text_(j))) {
      if (t.kind[j + 1] === K_IDENT && j + 1 < open) return { name: t.text_(j + 1) };
      if (t.isWord(j, "object") && j > 0 && t.isWord(j - 1, "companion")) return { name: undefined };
    }
  }
  return undefined;
}

/** `const Flags = { ... }`, `Flags: { ... }`: the object literal's name. */
function objectName(ctx: FileContext, open: number): string | undefined {
  const { t, rules } = ctx;
  const p = open - 1;
  if (p >= 1 && t.kind[p] === K_PUNCT && (rules.assignOps.includes(t.op[p]) || t.op[p] === C.colon) && t.kind[p - 1] === K_IDENT) {
    return t.text_(p - 1);
  }
  return undefined;
}

function column(ctx: FileContext, i: number): number {
  const s = ctx.t.start[i];
  return s - (ctx.t.text.lastIndexOf("\n", s - 1) + 1);
}

/** Python: a `def`'s body runs until a line indented no deeper than the `def`; a class's likewise. */
function pythonScopes(ctx: FileContext): ScopeTree {
  const { t } = ctx;
  const tree = fileTree(ctx);
  const stack: { scope: number; indent: number }[] = [];
  let depth = 0;
  for (let k = 0; k < t.n; k++) {
    if (depth === 0 && t.nlBefore(k)) {
      const indent = column(ctx, k);
      while (stack.length > 0 && stack[stack.length - 1].indent >= indent) tree.scopes[stack.pop()!.scope].last = k - 1;
      const starts = t.isWord(k, "def") || t.isWord(k, "class") || (t.isWord(k, "async") && t.isWord(k + 1, "def"));
      if (starts && t.kind[k + (t.isWord(k, "async") ? 2 : 1)] === K_IDENT) {
        const def = !t.isWord(k, "class");
        const parent = stack.length > 0 ? stack[stack.length - 1].scope : 0;
        tree.scopes.push({
          parent,
          first: k,
          last: t.n - 1,
          body: def,
          gate: true,
          container: def ? tree.scopes[parent].container : t.text_(k + 1),
        });
        stack.push({ scope: tree.scopes.length - 1, indent });
      }
    }
    tree.at[k] = stack.length > 0 ? stack[stack.length - 1].scope : 0;
    if (t.kind[k] === K_PUNCT) {
      const o = t.op[k];
      if (o === C.lparen || o === C.lbracket || o === C.lbrace) depth++;
      else if (o === C.rparen || o === C.rbracket || o === C.rbrace) depth = Math.max(0, depth - 1);
    }
    tree.nested[k] = depth > 0 ? 1 : 0;
  }
  return tree;
}

/** Ruby words closed by `end`, when they start a statement (not `x if y`). */
const RUBY_OPENERS = new Set(["if", "unless", "while", "until", "case", "begin", "for"]);

/** Ruby: `def ... end` (a gate), `do |x| ... end` and `{ |x| ... }` blocks; `class`/`module ... end` are containers. */
function rubyScopes(ctx: FileContext): ScopeTree {
  const { t, rules } = ctx;
  const tree = fileTree(ctx);
  // Each open construct: the scope it makes (or its parent's, for `if ... end`), and whether a brace opened it.
  const stack: { scope: number; brace: boolean; loopLine: number }[] = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1].scope : 0);
  let depth = 0;
  const open = (k: number, body: boolean, gate: boolean, container?: string) => {
    const parent = current();
    tree.scopes.push({ parent, first: k, last: t.n - 1, body, gate, container: container ?? tree.scopes[parent].container });
    return tree.scopes.length - 1;
  };
  for (let k = 0; k < t.n; k++) {
    const prevMember = k > 0 && t.kind[k - 1] === K_PUNCT && rules.memberOps.includes(t.op[k - 1]);
    const label = t.isOp(k + 1, C.colon) && t.end[k] === t.start[k + 1];
    if (t.kind[k] === K_IDENT && !prevMember && !label) {
      const w = t.text_(k);
      const statementStart = t.nlBefore(k) || t.isOp(k - 1, C.semi) || t.isOp(k - 1, C.eq) || t.isOp(k - 1, C.lparen);
      if (w === "def") {
        stack.push({ scope: open(k, true, true), brace: false, loopLine: -1 });
      } else if ((w === "class" || w === "module") && !t.isOp(k + 1, C.dot)) {
        stack.push({ scope: open(k, false, true, t.kind[k + 1] === K_IDENT ? t.text_(k + 1) : undefined), brace: false, loopLine: -1 });
      } else if (RUBY_OPENERS.has(w) && (statementStart || w === "case" || w === "begin")) {
        const loop = w === "while" || w === "until" || w === "for";
        stack.push({ scope: current(), brace: false, loopLine: loop ? lineOf(ctx, k) : -1 });
      } else if (w === "do") {
        const top = stack[stack.length - 1];
        if (top && top.loopLine === lineOf(ctx, k))
          top.loopLine = -1; // while x do ... end: one `end`
        else stack.push({ scope: open(k, true, false), brace: false, loopLine: -1 });
      } else if (w === "end") {
        while (stack.length > 0 && stack[stack.length - 1].brace) stack.pop();
        const s = stack.pop();
        tree.at[k] = s ? s.scope : 0;
        if (s && s.scope !== (stack.length > 0 ? stack[stack.length - 1].scope : 0)) tree.scopes[s.scope].last = k;
        tree.nested[k] = depth > 0 ? 1 : 0;
        continue;
      }
    } else if (t.kind[k] === K_PUNCT) {
      const o = t.op[k];
      if (o === C.lbrace) {
        const block = k > 0 && (t.isOp(k - 1, C.rparen) || (t.kind[k - 1] === K_IDENT && !t.isOp(k - 2, C.colon)));
        stack.push({ scope: block ? open(k, true, false) : current(), brace: true, loopLine: -1 });
        tree.at[k] = current();
        tree.nested[k] = depth > 0 ? 1 : 0;
        continue;
      }
      if (o === C.rbrace) {
        tree.at[k] = current();
        tree.nested[k] = depth > 0 ? 1 : 0;
        while (stack.length > 0 && !stack[stack.length - 1].brace) stack.pop();
        const s = stack.pop();
        if (s && s.scope !== current()) tree.scopes[s.scope].last = k;
        continue;
      }
      if (o === C.lparen || o === C.lbracket) depth++;
      else if (o === C.rparen || o === C.rbracket) depth = Math.max(0, depth - 1);
    }
    tree.at[k] = current();
    tree.nested[k] = depth > 0 ? 1 : 0;
  }
  return tree;
}

function lineOf(ctx: FileContext, k: number): number {
  return ctx.pos.range(ctx.t.start[k], ctx.t.start[k]).start.line;
}

/** Words before a parenthesis whose contents are no parameters: `if (x) {`, `while (x) {`. */
const NO_PARAMETERS = new Set(["if", "while", "for", "foreach", "switch", "when", "using", "lock", "synchronized", "elseif", "return"]);

/** The parameters of each body, as [name token, body scope] pairs: a function's, a callback's (`x =>`, `{ x -> `, `{ x in`, `|x|`). */
export function parameters(ctx: FileContext, tree: ScopeTree): [token: number, scope: number][] {
  const { t, rules } = ctx;
  const out: [number, number][] = [];
  const group = (open: number, scope: number) => {
    const close = t.closing(open);
    if (close < 0) return;
    let take = true;
    for (let j = open + 1; j < close; j++) {
      if (t.kind[j] === K_PUNCT) {
        const o = t.op[j];
        if (o === C.comma) take = true;
        else if (o === C.colon || o === C.eq) take = false;
        else if (o === C.lparen || o === C.lbracket || o === C.lbrace || o === C.lt) {
          const c = o === C.lt ? -1 : t.closing(j);
          if (c > j) j = c;
        }
      } else if (
        take &&
        t.kind[j] === K_IDENT &&
        !/^(val|var|let|const|final|readonly|public|private|protected|ref|out|in|params)$/.test(t.text_(j))
      ) {
        out.push([j, scope]);
      }
    }
  };
  const lang = rules.language;
  tree.scopes.forEach((s, scope) => {
    if (!s.body || scope === 0) return;
    const first = s.first;
    if (lang === "python") {
      const name = t.isWord(first, "async") ? first + 2 : first + 1;
      if (t.isOp(name + 1, C.lparen)) group(name + 1, scope);
      return;
    }
    if (lang === "ruby") {
      if (t.isWord(first, "def")) {
        let j = first + 1;
        while (j < t.n && !t.nlBefore(j) && !t.isOp(j, C.lparen)) j++;
        if (t.isOp(j, C.lparen) && !t.nlBefore(j)) group(j, scope);
        return;
      }
      if (t.isOp(first + 1, C.pipe)) {
        for (let j = first + 2; j < t.n && !t.isOp(j, C.pipe); j++) if (t.kind[j] === K_IDENT) out.push([j, scope]);
      }
      return;
    }
    if (t.isOp(first, OP_FATARROW) || t.isOp(first, OP_ARROW)) {
      // An arrow without braces: `key => ...`, `(key) => ...`.
      if (t.kind[first - 1] === K_IDENT) out.push([first - 1, scope]);
      else if (t.isOp(first - 1, C.rparen)) {
        const open = t.opening(first - 1);
        if (open >= 0) group(open, scope);
      }
      return;
    }
    if (!t.isOp(first, C.lbrace)) return;
    // Kotlin `{ a, b ->`, Swift `{ a, b in` / `{ (a, b) in`.
    if (lang === "kotlin" || lang === "swift") {
      const names: number[] = [];
      for (let j = first + 1; j < t.n && j < first + 16; j++) {
        if (t.kind[j] === K_IDENT && t.isWord(j, "in") && lang === "swift") return names.forEach((n) => out.push([n, scope]));
        if (t.isOp(j, OP_ARROW) && lang === "kotlin") return names.forEach((n) => out.push([n, scope]));
        if (t.kind[j] === K_IDENT) names.push(j);
        else if (!(t.isOp(j, C.comma) || t.isOp(j, C.lparen) || t.isOp(j, C.rparen) || t.isOp(j, C.colon))) break;
      }
    }
    let p = first - 1;
    // A function with its return type: `fun f(x: T): R {`, `func f(x T) R {`, `m(x): R {`.
    if (t.kind[p] === K_IDENT || t.isOp(p, C.gt) || t.isOp(p, C.question) || t.isOp(p, C.rbracket)) {
      const start = headerStart(ctx, first);
      const word = start >= 0 && t.kind[start] === K_IDENT ? t.text_(start) : "";
      const control = BLOCK_WORDS.has(word) && !/^(func|fun|function)$/.test(word); // if f(x) == y {
      for (let j = p; !control && j > start && j >= 0; j--) {
        if (t.isOp(j, C.rparen)) {
          p = j;
          break;
        }
      }
    }
    if (t.isOp(p, OP_FATARROW) || (t.isOp(p, OP_ARROW) && lang !== "php")) {
      if (t.kind[p - 1] === K_IDENT) out.push([p - 1, scope]);
      else if (t.isOp(p - 1, C.rparen)) {
        const open = t.opening(p - 1);
        if (open >= 0) group(open, scope);
      }
      return;
    }
    if (!t.isOp(p, C.rparen)) return;
    const open = t.opening(p);
    if (open < 1) return;
    const before = open - 1;
    if (t.kind[before] === K_IDENT && NO_PARAMETERS.has(t.text_(before))) return;
    // Kotlin and Swift: `foo(x) { ... }` passes a trailing lambda; only `fun f(x) {`, `func f(x) {`, `init(x) {` take parameters.
    if (
      (lang === "kotlin" || lang === "swift") &&
      !(t.isWord(before - 1, "fun") || t.isWord(before - 1, "func") || t.isWord(before, "init"))
    )
      return;
    group(open, scope);
    // PHP: function ($a) use ($f) { ... }
    if (t.isWord(before, "use") && t.isOp(before - 1, C.rparen)) {
      const o = t.opening(before - 1);
      if (o >= 0) group(o, scope);
    }
  });
  return out;
}
