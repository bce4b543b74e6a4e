// The context of one file's analysis, and the token helpers that the analysis, comparisons and
// constants share.

import { C, K_IDENT, K_PUNCT, OP_EQ2, OP_EQ3, OP_NE, OP_NE2, unescape, type Tokens } from "./lexer";
import type { MethodInfo, NamingStyle } from "./methods";
import type { Positions } from "./positions";
import type { CodeLanguage, StringAt } from "./usages";

/** How one language writes what the analysis looks for. */
export interface LanguageRules {
  language: CodeLanguage;
  /** How the language's SDK spells its methods. */
  styles: readonly NamingStyle[];
  /** Whether React/Vue hooks exist here. */
  hooks: boolean;
  /** Operators that access a member: `.`, `?.`, PHP's `->`, `::`, Ruby's `&.`. */
  memberOps: readonly number[];
  /** Operators that bind a name: `=`, and Go's `:=`. */
  assignOps: readonly number[];
  /** Go writes a declaration's type after its name: `const Checkout string = "x"`. */
  typeAfterName?: boolean;
  /** `NAME: "value"` declares a member (object literals, Ruby hashes). */
  objectMembers?: boolean;
  /** Keywords after which a bare call is an expression (`return isEnabled("f")`); other words before a name declare it. */
  exprKeywords: ReadonlySet<string>;
  /** JS/TS: `name(...) {` and `name(...): T` define a method rather than call it. */
  methodDefinitions?: boolean;
  /** Ruby: calls may omit their parentheses. */
  parenless?: boolean;
  /** Receivers that mean the current object (`this`, `self`, `$this`). */
  selfWords: ReadonlySet<string>;
  /** How a switch over a value is written, for variations compared in its cases. */
  switchStyle: "c" | "kotlin" | "ruby" | "python";
  /** Names imported into the file, by local name, with the module they come from. */
  imports?: (t: Tokens) => Map<string, string>;
  /** Whether a module is another library's, so a bare `useFlag` or `isEnabled` imported from it is not Featurevisor's (JS). */
  foreignModule?: (module: string) => boolean;
}

/** What an analysis needs besides the tokens. */
export interface AnalyzeOptions {
  methods: Map<string, MethodInfo>;
  /** A regular expression (global flag) that finds the recognised names in the text. */
  methodPattern: RegExp;
  clients: ReadonlySet<string>;
  anyClient: boolean;
  /** Find constants even when no call of the file uses a name (the file may declare them for others). */
  constants: boolean;
}

/** The state of one file's analysis, shared by its helpers. */
export interface FileContext {
  t: Tokens;
  rules: LanguageRules;
  pos: Positions;
  /** Names imported into the file (computed on first use). */
  imports(): Map<string, string>;
  /** Names bound to a Featurevisor instance in the file (computed on first use). */
  boundClients(): Set<string>;
}

/** Strips the sigils of PHP and Ruby variables. */
export function bareName(name: string): string {
  return name.replace(/^(\$|@@|@)/, "");
}

/** The string literal token `i` as a StringAt. */
export function stringAt(ctx: FileContext, i: number): StringAt {
  const { t, pos } = ctx;
  return {
    value: unescape(t.text.slice(t.vstart[i], t.vend[i])),
    range: pos.range(t.start[i], t.end[i]),
    valueRange: pos.range(t.vstart[i], t.vend[i]),
  };
}

/** The first token of the receiver chain before the name at `i` (`i` itself for a bare call). */
export function receiverStart(ctx: FileContext, i: number): number {
  const { t, rules } = ctx;
  let j = i;
  for (;;) {
    const op = j - 1;
    if (!(op >= 0 && t.kind[op] === K_PUNCT && rules.memberOps.includes(t.op[op]))) return j;
    let k = op - 1;
    while (t.isOp(k, C.bang)) k--; // Kotlin f!!.x, TypeScript f!.x
    if (k < 0) return j;
    if (t.kind[k] === K_IDENT) j = k;
    else if (t.isOp(k, C.rparen) || t.isOp(k, C.rbracket)) {
      const open = t.opening(k);
      if (open < 0) return j;
      j = open > 0 && t.kind[open - 1] === K_IDENT ? open - 1 : open;
    } else return j;
  }
}

/** The name a receiver chain ends with: `featurevisor` in `this.featurevisor`, `getFeaturevisor` in `getFeaturevisor()`. */
export function receiverName(ctx: FileContext, name: number): string | undefined {
  const { t } = ctx;
  let k = name - 2;
  while (t.isOp(k, C.bang)) k--;
  if (k >= 0 && t.kind[k] === K_IDENT) return t.text_(k);
  if (t.isOp(k, C.rparen) || t.isOp(k, C.rbracket)) {
    const open = t.opening(k);
    if (open > 0 && t.kind[open - 1] === K_IDENT) return t.text_(open - 1);
  }
  return undefined;
}

/** Whether token `i` is an equality operator. */
export function isEquality(t: Tokens, i: number): boolean {
  if (i < 0 || i >= t.n || t.kind[i] !== K_PUNCT) return false;
  const o = t.op[i];
  return o === OP_EQ2 || o === OP_EQ3 || o === OP_NE || o === OP_NE2;
}

/** The name assigned by a `NAME =` (or `NAME :=`, `NAME: T =`) just before token `start`. */
export function assignedName(ctx: FileContext, start: number): string | undefined {
  const n = assignedToken(ctx, start);
  return n < 0 ? undefined : bareName(ctx.t.text_(n));
}

/** The token of the name assigned just before token `start`, or -1. */
export function assignedToken(ctx: FileContext, start: number): number {
  const { t, rules } = ctx;
  const a = start - 1;
  if (!(a >= 1 && t.kind[a] === K_PUNCT && rules.assignOps.includes(t.op[a]))) return -1;
  let n = a - 1;
  if (t.kind[n] !== K_IDENT) return -1;
  // NAME: Type = value.
  if (t.isOp(n - 1, C.colon) && t.kind[n - 2] === K_IDENT) n -= 2;
  // Go: var NAME Type = value.
  else if (rules.typeAfterName && t.kind[n - 1] === K_IDENT && !rules.exprKeywords.has(t.text_(n - 1)) && !t.isWord(n - 1, "var")) n -= 1;
  return n;
}
