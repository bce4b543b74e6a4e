/**
 * A tolerant tokenizer for the small subset of JavaScript that `featurevisor.config.js` files use.
 * It never executes anything and never throws: on broken input it returns the tokens read so far plus one error.
 * Every loop advances by at least one character, so it cannot hang on any input.
 */

/** The kinds of token the tokenizer produces. */
export type TokenKind = "ident" | "string" | "template" | "number" | "regex" | "punct";

/** One token with its span as 0-based UTF-16 offsets into the source text. */
export interface Token {
  kind: TokenKind;
  /** The source text for identifiers, numbers, regexes and punctuation; the decoded value for strings and plain templates. */
  value: string;
  start: number;
  end: number;
  /** True when a line break separates this token from the previous one (needed for automatic semicolon insertion). */
  newlineBefore: boolean;
  /** Templates only: true when the template contains a `${...}` substitution. */
  hasSubstitution: boolean;
}

/** A lexical error such as an unterminated string, with the span of the offending text. */
export interface TokenizeError {
  message: string;
  start: number;
  end: number;
}

/** The tokens read, and the first lexical error if the text is broken. */
export interface TokenizeResult {
  tokens: Token[];
  error?: TokenizeError;
}

// Longest punctuators first, so that the first match is the longest one.
const PUNCTUATORS = ">>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ?. ** ++ -- += -= *= /= %= &= |= ^= << >>".split(
  " ",
);

// After these keywords an expression starts, so a following `/` begins a regular expression, not a division.
const KEYWORDS_BEFORE_EXPRESSION = new Set("return typeof case do else in of new delete void throw instanceof yield await".split(" "));

const IDENTIFIER = /#?[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
// Most identifiers are ASCII; a plain pattern for them is much faster than the Unicode one.
const ASCII_IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const PUNCTUATOR_STARTS = new Set(PUNCTUATORS.map((p) => p[0]));
const NUMBER = /0[xX][0-9a-fA-F_]*n?|0[bB][01_]*n?|0[oO][0-7_]*n?|(?:\d[\d_]*)?(?:\.[\d_]*)?(?:[eE][+-]?\d+)?n?/y;
const REGEX_FLAGS = /[a-z]*/y;

const OPENERS = new Map([
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
]);
const CLOSERS = new Set([")", "]", "}"]);

/** True for a `(`, `[` or `{` token. */
export function isOpener(t: Token | undefined): boolean {
  return t !== undefined && t.kind === "punct" && OPENERS.has(t.value);
}

/**
 * Pairs every bracket token with its partner (the index of the partner, -1 for other tokens), or reports the first
 * unbalanced bracket. Parsers can then skip a whole group in one step.
 */
export function matchBrackets(tokens: Token[]): number[] | TokenizeError {
  const match: number[] = new Array<number>(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "punct") continue;
    if (OPENERS.has(t.value)) stack.push(i);
    else if (CLOSERS.has(t.value)) {
      const open = stack.pop();
      if (open === undefined) return { message: `an unexpected "${t.value}"`, start: t.start, end: t.end };
      const opener = tokens[open];
      if (OPENERS.get(opener.value) !== t.value) {
        return { message: `a "${opener.value}" that is closed by "${t.value}"`, start: opener.start, end: t.end };
      }
      match[open] = i;
      match[i] = open;
    }
  }
  const open = stack.pop();
  if (open !== undefined) {
    const t = tokens[open];
    return { message: `a "${t.value}" that is never closed`, start: t.start, end: t.end };
  }
  return match;
}

function isLineTerminator(c: string): boolean {
  return c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029";
}

function isWhitespace(c: string): boolean {
  return c === " " || c === "\t" || c === "\v" || c === "\f" || c === "\u00a0" || c === "\ufeff" || /\s/.test(c);
}

/** Splits `text` into tokens, skipping whitespace and comments. */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = text.startsWith("#!") ? lineEnd(text, 0) : 0;
  let newlineBefore = false;
  while (i < text.length) {
    const c = text[i];
    if (isLineTerminator(c)) {
      newlineBefore = true;
      i++;
    } else if (isWhitespace(c)) {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      i = lineEnd(text, i);
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) return { tokens, error: { message: "a comment that is never closed", start: i, end: text.length } };
      if (/[\n\r\u2028\u2029]/.test(text.slice(i, close))) newlineBefore = true;
      i = close + 2;
    } else {
      const read = readToken(text, i, tokens[tokens.length - 1]);
      if ("message" in read) return { tokens, error: read };
      read.newlineBefore = newlineBefore;
      tokens.push(read);
      newlineBefore = false;
      i = read.end;
    }
  }
  return { tokens };
}

/** Creates every token with the same shape, which keeps property access on tokens fast. */
function makeToken(kind: TokenKind, value: string, start: number, end: number, hasSubstitution = false): Token {
  return { kind, value, start, end, newlineBefore: false, hasSubstitution };
}

function readToken(text: string, i: number, previous: Token | undefined): Token | TokenizeError {
  const c = text[i];
  if (c === '"' || c === "'") return readString(text, i);
  if (c === "`") return readTemplate(text, i);
  if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    const end = m && m[0].length > 0 ? i + m[0].length : i + 1;
    return makeToken("number", text.slice(i, end), i, end);
  }
  const ident = readIdentifier(text, i);
  if (ident > i) return makeToken("ident", text.slice(i, ident), i, ident);
  if (c === "/" && regexAllowedAfter(previous)) {
    const end = regexEnd(text, i);
    if (end > 0) return makeToken("regex", text.slice(i, end), i, end);
  }
  const multi = PUNCTUATOR_STARTS.has(c) ? PUNCTUATORS.find((p) => text.startsWith(p, i)) : undefined;
  const punct = multi ?? String.fromCodePoint(text.codePointAt(i) ?? 0);
  return makeToken("punct", punct, i, i + punct.length);
}

/** Returns the end of the identifier at `i`, or `i` when there is none. */
function readIdentifier(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80 && code !== 0x23) {
    ASCII_IDENTIFIER.lastIndex = i;
    const ascii = ASCII_IDENTIFIER.exec(text);
    if (!ascii) return i;
    if (!(text.charCodeAt(i + ascii[0].length) >= 0x80)) return i + ascii[0].length;
  }
  IDENTIFIER.lastIndex = i;
  const ident = IDENTIFIER.exec(text);
  return ident ? i + ident[0].length : i;
}

function lineEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isLineTerminator(text[j])) j++;
  return j;
}

function regexAllowedAfter(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === "ident") return KEYWORDS_BEFORE_EXPRESSION.has(previous.value);
  if (previous.kind === "punct") return ![")", "]", "}", "++", "--"].includes(previous.value);
  return false;
}

/** Returns the end of a regular expression literal starting at `i`, or -1 when it does not close on its line. */
function regexEnd(text: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (isLineTerminator(c)) return -1;
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      REGEX_FLAGS.lastIndex = j + 1;
      return j + 1 + (REGEX_FLAGS.exec(text)?.[0].length ?? 0);
    }
  }
  return -1;
}

function readString(text: string, start: number): Token | TokenizeError {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return makeToken("string", value, start, i + 1);
    if (c === "\n" || c === "\r") break;
    if (c === "\\") {
      const escape = readEscape(text, i);
      value += escape.value;
      i = escape.next;
    } else {
      value += c;
      i++;
    }
  }
  return { message: "a string that is never closed", start, end: i };
}

/** Decodes the escape sequence at `i` (which holds a backslash), as JavaScript does in strings and templates. */
function readEscape(text: string, i: number): { value: string; next: number } {
  const c = text[i + 1];
  if (c === undefined) return { value: "", next: i + 1 };
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };
  if (c === "\r" && text[i + 2] === "\n") return { value: "", next: i + 3 };
  if (isLineTerminator(c)) return { value: "", next: i + 2 };
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
    return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)), next: i + 4 };
  }
  if (c === "u") {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 10));
    const code = braced
      ? parseInt(braced[1], 16)
      : /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))
        ? parseInt(text.slice(i + 2, i + 6), 16)
        : -1;
    if (code >= 0 && code <= 0x10ffff) return { value: String.fromCodePoint(code), next: braced ? i + 4 + braced[1].length : i + 6 };
  }
  return { value: simple[c] ?? c, next: i + 2 };
}

/**
 * Reads a template literal, including any nested `${...}` code, strings and templates.
 * An explicit stack instead of recursion keeps deeply nested input from overflowing the call stack.
 */
function readTemplate(text: string, start: number): Token | TokenizeError {
  const stack: ("template" | "code")[] = ["template"];
  let value = "";
  let hasSubstitution = false;
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (stack[stack.length - 1] === "template") {
      if (c === "`") {
        stack.pop();
        i++;
        if (stack.length === 0) return makeToken("template", hasSubstitution ? "" : value, start, i, hasSubstitution);
      } else if (c === "$" && text[i + 1] === "{") {
        stack.push("code");
        hasSubstitution = true;
        i += 2;
      } else if (c === "\\") {
        const escape = readEscape(text, i);
        if (stack.length === 1) value += escape.value;
        i = escape.next;
      } else {
        if (stack.length === 1) value += c === "\r" ? "\n" : c;
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      }
      continue;
    }
    const skipped = skipInsideSubstitution(text, i, stack);
    if (typeof skipped !== "number") return skipped;
    i = skipped;
  }
  return { message: "a template literal (`...`) that is never closed", start, end: text.length };
}

/** Advances over one piece of code inside `${...}`, updating the template/code stack; returns the next offset. */
function skipInsideSubstitution(text: string, i: number, stack: ("template" | "code")[]): number | TokenizeError {
  const c = text[i];
  if (c === "}") stack.pop();
  else if (c === "{") stack.push("code");
  else if (c === "`") stack.push("template");
  else if (c === '"' || c === "'") {
    const read = readString(text, i);
    return "message" in read ? read : read.end;
  } else if (c === "/" && text[i + 1] === "/") return lineEnd(text, i);
  else if (c === "/" && text[i + 1] === "*") {
    const close = text.indexOf("*/", i + 2);
    return close < 0 ? { message: "a comment that is never closed", start: i, end: text.length } : close + 2;
  }
  return i + 1;
}
