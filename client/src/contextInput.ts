// What the "Preview as User" quick pick makes of what is typed: a saved context's name, or a user
// context as JSON. A JSON object that does not parse gets a short message saying where it breaks,
// in words ("expected a closing } after "country": "nl""). No vscode here: unit tests run it.

/** What a typed value is. */
export type TypedContext =
  | { kind: "empty" }
  /** A saved context's name matches (the quick pick's own filter shows it). */
  | { kind: "name" }
  | { kind: "context"; context: Record<string, unknown>; label: string }
  | { kind: "problem"; message: string };

/** A JSON example for messages. */
export const CONTEXT_EXAMPLE = '{"userId": "u1", "country": "nl"}';

/**
 * Reads what is typed into the quick pick: a JSON object, a part of a saved context's name (case aside;
 * `savedNames` may hold other texts the quick pick matches, such as descriptions), or neither (with a
 * message that says what to type).
 */
export function readTypedContext(value: string, savedNames: readonly string[]): TypedContext {
  const text = value.trim();
  if (text === "") return { kind: "empty" };
  if (!/^[{["'\d-]/.test(text)) {
    const lower = text.toLowerCase();
    if (savedNames.some((n) => n.toLowerCase().includes(lower))) return { kind: "name" };
    // `country: nl` or `userId=u1` looks like a context without its braces.
    if (/^[\w.$-]+\s*[:=]/.test(text)) return { kind: "problem", message: `Not a JSON object: it starts with {, e.g. ${CONTEXT_EXAMPLE}` };
    return {
      kind: "problem",
      message: `No saved context is called "${text}". Type a context as a JSON object, e.g. ${CONTEXT_EXAMPLE}`,
    };
  }
  const problem = jsonProblem(text);
  if (problem) return { kind: "problem", message: problem };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // What the checker above lets through but JSON.parse does not (rare: e.g. a bad escape).
    return { kind: "problem", message: `Not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { kind: "problem", message: `Not a JSON object: a context is an object of attributes, e.g. ${CONTEXT_EXAMPLE}` };
  }
  return { kind: "context", context: parsed as Record<string, unknown>, label: contextLabel(parsed as Record<string, unknown>) };
}

/** A context in a few words: `{country: nl, userId: u1}`, cut at `max` characters. */
export function contextLabel(context: Record<string, unknown>, max = 48): string {
  const value = (v: unknown): string =>
    typeof v === "string" && /^[\w.@:/+-]*$/.test(v) && v !== "" ? v : JSON.stringify(v) === undefined ? String(v) : JSON.stringify(v);
  const inner = Object.entries(context)
    .map(([k, v]) => `${k}: ${value(v)}`)
    .join(", ");
  const text = `{${inner}}`;
  return text.length <= max ? text : `${text.slice(0, max - 2).trimEnd()}…}`;
}

class Stop {
  constructor(readonly message: string) {}
}

/**
 * Where a JSON object breaks, in words; undefined when it is a well-formed JSON value (JSON.parse
 * then decides). Only the common slips get their own words: missing braces, commas, colons and
 * quotes, single quotes, unquoted keys, trailing commas, text after the end.
 */
export function jsonProblem(text: string): string | undefined {
  let i = 0;
  /** Where the member (key and value) or item being read starts: messages say what was read since. */
  let from = 0;
  /** "after" what was read of the current member before `at`, on one line, or the character before it. */
  const after = (at = i): string => {
    let read = text.slice(from, at).trim().replace(/\s+/g, " ");
    if (read === "") read = text.slice(0, at).trimEnd().slice(-1);
    if (read === "") return "at the start";
    return `after ${read.length <= 30 ? read : "…" + read.slice(-29)}`;
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (message: string): never => {
    throw new Stop(message);
  };
  const word = () => /^[A-Za-z_$][\w$-]*/.exec(text.slice(i))?.[0];

  const string = (role: "key" | "value"): string => {
    const start = i;
    if (text[i] === "'") fail(`strings take double quotes, not single ones: ${quoteOf(text.slice(i))} (${after(start)})`);
    i++; // the opening "
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text[i] === "\n") break;
      i++;
    }
    if (text[i] !== '"') {
      const shown = text.slice(start, start + 20).trimEnd();
      fail(`the ${role === "key" ? "key" : "string"} ${shown}${text.length - start > 20 ? "…" : ""} is not closed: expected "`);
    }
    i++;
    return text.slice(start, i);
  };

  const value = (): void => {
    space();
    const c = text[i];
    if (c === undefined) fail(`expected a value ${after()}`);
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"' || c === "'") {
      string("value");
      return;
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))?.[0];
    if (number) {
      i += number.length;
      return;
    }
    const w = word();
    if (w === "true" || w === "false" || w === "null") {
      i += w.length;
      return;
    }
    if (w) {
      const literal = ["true", "false", "null"].find((l) => l.startsWith(w.toLowerCase()));
      fail(`${w} is not a JSON value (${after()}): ${literal ? `did you mean ${literal}? ` : ""}strings take double quotes, "${w}"`);
    }
    fail(`expected a value ${after()}, not ${c}`);
  };

  const object = (): void => {
    i++; // {
    space();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === undefined) fail(`expected a closing } ${after()}`);
      if (text[i] === "}") fail(`a comma before } is not allowed: remove the comma ${after(text.lastIndexOf(",", i))}`);
      const start = i;
      from = start;
      if (text[i] !== '"' && text[i] !== "'") {
        const w = word();
        if (w) fail(`keys take double quotes: "${w}" instead of ${w}`);
        fail(`expected a key in double quotes ${after()}, not ${text[i]}`);
      }
      string("key");
      space();
      if (text[i] !== ":") fail(`expected : ${after()}`);
      i++;
      value();
      from = start;
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      if (text[i] === undefined) fail(`expected a closing } ${after()}`);
      fail(`expected , or } ${after()}`);
    }
  };

  const array = (): void => {
    i++; // [
    space();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === "]") fail(`a comma before ] is not allowed: remove the comma ${after(text.lastIndexOf(",", i))}`);
      const start = i;
      from = start;
      value();
      from = start;
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      if (text[i] === undefined) fail(`expected a closing ] ${after()}`);
      fail(`expected , or ] ${after()}`);
    }
  };

  try {
    space();
    if (text[i] !== "{") {
      value();
      return undefined;
    }
    object();
    space();
    if (i < text.length) fail(`unexpected ${text.slice(i, i + 12).trimEnd()} after the closing }`);
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return `Not a JSON object: ${error.message}`;
    throw error;
  }
}

/** A single-quoted string as typed, for a message: `'nl'`. */
function quoteOf(text: string): string {
  const end = text.indexOf("'", 1);
  return end > 0 && end < 24 ? text.slice(0, end + 1) : text.slice(0, 12) + "…";
}
