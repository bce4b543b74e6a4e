// Mutations of YAML flag files and of application code: structure-aware edits on lines, keys and
// scalars, and byte-level damage. Every choice comes from the Prng, so a seed replays a run.

import type { Prng } from "./prng";

/** A mutated text and a short account of what was done to it. */
export interface Mutation {
  text: string;
  what: string;
}

/** Names that the mutations put where keys of other entities belong, so rules resolve something. */
export interface Vocabulary {
  keys: string[];
  /**
   * Extreme sizes (2,000-deep nesting, 70,000-character scalars, 3,000-item flow lists) or only moderate ones.
   * Bounded parsing of extreme input is issue #10's part on parsing; moderate sizes keep `npm test` fast.
   */
  extreme: boolean;
}

type Mutator = (text: string, rng: Prng, vocab: Vocabulary) => string;

/** A string of n characters repeated from a seed string. */
const repeat = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);

/** Values that parsers, number conversions and range computations tend to get wrong. */
function oddScalar(rng: Prng, vocab: Vocabulary): string {
  const long = () => repeat("abcdefghij", rng.pick(vocab.extreme ? [300, 5000, 70000] : [300, 2000]));
  const choices: (() => string)[] = [
    () => rng.pick(["99999999999999999999999", "1e309", "-1", "-0", "0.0000001", "100.5", "101", "0x1F", "0o17", "1_000"]),
    () => rng.pick([".nan", ".NaN", "NaN", ".inf", "-.inf", "Infinity", "null", "~", "yes", "off", "true", "2024-02-30"]),
    () => rng.pick(['""', "''", "' '", '"\\u0000"', '"\\ud800"', "'unterminated", '"unterminated', "|", ">-", "!!binary AAAA"]),
    () => rng.pick(["é🚀\u202eabc", "\u200b", "ß̶", "キー", "a\tb", "\u0085", "\u2028", "\ufeff"]),
    () => rng.pick(["[]", "{}", "[a, [b, [c]]]", "{ a: 1, b: [2] }", "- x", "*", "**", "?", ":", "-", "#", "@x", "`x`", "%x"]),
    () => rng.pick(["*ref", "&anchor value", "!!js/function 'f'", "!custom x", "<<: *base", "!!map {}", "!!str 1"]),
    () => long(),
    () => rng.pick(vocab.keys.length ? vocab.keys : ["x"]),
    () => JSON.stringify(rng.pick(vocab.keys.length ? vocab.keys : ["x"]) + rng.pick(["", "x", " ", "/", "."])),
  ];
  return rng.pick(choices)();
}

function lines(text: string): string[] {
  return text.split("\n");
}

const deleteLine: Mutator = (text, rng) => {
  const l = lines(text);
  const count = rng.chance(0.8) ? 1 : rng.range(2, 6);
  l.splice(rng.int(l.length), count);
  return l.join("\n");
};

const duplicateLine: Mutator = (text, rng, vocab) => {
  const l = lines(text);
  const i = rng.int(l.length);
  const n = rng.chance(0.9) ? 1 : rng.range(2, vocab.extreme ? 50 : 10);
  l.splice(i, 0, ...Array<string>(n).fill(l[i]));
  return l.join("\n");
};

const swapLines: Mutator = (text, rng) => {
  const l = lines(text);
  const i = rng.int(l.length);
  const j = rng.int(l.length);
  [l[i], l[j]] = [l[j], l[i]];
  return l.join("\n");
};

const reindent: Mutator = (text, rng) => {
  const l = lines(text);
  const i = rng.int(l.length);
  const body = l[i].trimStart();
  const indent = l[i].length - body.length;
  const next = rng.pick([0, Math.max(0, indent - 1), indent + 1, indent + 2, indent + 4]);
  l[i] = (rng.chance(0.2) ? "\t" : " ".repeat(next)) + body;
  return l.join("\n");
};

/** Replaces the value after a `key:` or `- ` on a random line with an odd one. */
const replaceScalar: Mutator = (text, rng, vocab) => {
  const l = lines(text);
  const candidates = l.map((line, i) => ({ line, i })).filter((x) => /^\s*(- |[^#\s][^:]*:\s)\S/.test(x.line));
  if (candidates.length === 0) return text;
  const { line, i } = rng.pick(candidates);
  const m = /^(\s*(?:- |[^#\s][^:]*:\s+))(.*)$/s.exec(line)!;
  l[i] = m[1] + oddScalar(rng, vocab);
  return l.join("\n");
};

/** A typo in a key: a letter dropped, doubled or changed case. */
const keyTypo: Mutator = (text, rng) => {
  const l = lines(text);
  const candidates = l.map((line, i) => ({ line, i })).filter((x) => /^\s*(- )?[A-Za-z]\w*:/.test(x.line));
  if (candidates.length === 0) return text;
  const { line, i } = rng.pick(candidates);
  const m = /^(\s*(?:- )?)([A-Za-z]\w*)(:.*)$/s.exec(line)!;
  const key = m[2];
  const at = rng.int(key.length);
  const typo = rng.pick([
    key.slice(0, at) + key.slice(at + 1),
    key.slice(0, at) + key[at] + key.slice(at),
    key.slice(0, at) + key[at].toUpperCase() + key.slice(at + 1),
    key + "s",
  ]);
  l[i] = m[1] + typo + m[3];
  return l.join("\n");
};

/** A value of the wrong shape: a map where a list was, a list where a scalar was, and so on. */
const wrongType: Mutator = (text, rng) => {
  const l = lines(text);
  const candidates = l.map((line, i) => ({ line, i })).filter((x) => /^\s*[A-Za-z]\w*:/.test(x.line));
  if (candidates.length === 0) return text;
  const { line, i } = rng.pick(candidates);
  const key = /^(\s*[A-Za-z]\w*:)/.exec(line)![1];
  const pad = " ".repeat(key.length - key.trimStart().length + 2);
  l[i] = key + rng.pick([" []", " {}", " [1, 2, 3]", " { key: x }", " 42", " true", " null", `\n${pad}- a\n${pad}- b`, `\n${pad}x: 1`]);
  return l.join("\n");
};

/** Nesting: deep flow or block structures at a random line. */
const deepNesting: Mutator = (text, rng, vocab) => {
  const l = lines(text);
  const depth = rng.pick(vocab.extreme ? [5, 40, 300, 2000] : [5, 20, 40]);
  const nested = rng.chance(0.5)
    ? "deep: " + "[".repeat(depth) + "]".repeat(depth)
    : Array.from({ length: Math.min(depth, 300) }, (_, d) => " ".repeat(d * 2) + `k${d}:`).join("\n") + " x";
  l.splice(rng.int(l.length + 1), 0, nested);
  return l.join("\n");
};

/** Anchors and aliases, including merge keys and an alias used before its anchor. */
const aliases: Mutator = (text, rng) => {
  const l = lines(text);
  const i = rng.int(l.length);
  l[i] = rng.pick([
    l[i].replace(/:\s*(\S)/, ": &a $1"),
    l[i].replace(/:\s*\S.*$/, ": *a"),
    l[i].replace(/^(\s*)(\S)/, "$1<<: *a\n$1$2"),
    "base: &a { x: [1, 2] }\n" + l[i],
    "lol: &b [*b]\n" + l[i],
  ]);
  return l.join("\n");
};

const flowList: Mutator = (text, rng, vocab) => {
  const l = lines(text);
  const n = rng.pick(vocab.extreme ? [0, 1, 3, 50, 3000] : [0, 1, 3, 50]);
  const items = Array.from({ length: n }, () => rng.pick(vocab.keys.length ? vocab.keys : ["x"]));
  const i = rng.int(l.length);
  l[i] = l[i].replace(/:(\s.*)?$/, `: [${items.join(", ")}${rng.chance(0.2) ? "," : ""}]`);
  return l.join("\n");
};

const lineEndings: Mutator = (text, rng) =>
  rng.pick([
    () => text.replace(/\n/g, "\r\n"),
    () => text.replace(/\n/g, "\r"),
    () => "\ufeff" + text,
    () => text.replace(/ {2}/g, "\t"),
  ])();

const truncate: Mutator = (text, rng) => text.slice(0, rng.int(text.length + 1));

/** Byte-level damage: characters inserted, deleted or replaced, NUL bytes and lone surrogates included. */
const bytes: Mutator = (text, rng) => {
  let t = text;
  const edits = rng.range(1, 8);
  for (let k = 0; k < edits; k++) {
    const at = rng.int(t.length + 1);
    const ch = rng.pick([
      "\u0000",
      "\ud800",
      "\udfff",
      "\u00ff",
      ":",
      "-",
      "#",
      "&",
      "*",
      "!",
      "|",
      ">",
      "'",
      '"',
      "{",
      "[",
      "\n",
      "\t",
      " ",
      "\\",
    ]);
    const op = rng.int(3);
    if (op === 0) t = t.slice(0, at) + ch + t.slice(at);
    else if (op === 1) t = t.slice(0, at) + t.slice(at + rng.range(1, 20));
    else t = t.slice(0, at) + String.fromCharCode(rng.int(0x3000)) + t.slice(at + 1);
  }
  return t;
};

const YAML_MUTATORS: [string, Mutator][] = [
  ["deleteLine", deleteLine],
  ["duplicateLine", duplicateLine],
  ["swapLines", swapLines],
  ["reindent", reindent],
  ["replaceScalar", replaceScalar],
  ["replaceScalar", replaceScalar],
  ["keyTypo", keyTypo],
  ["wrongType", wrongType],
  ["deepNesting", deepNesting],
  ["aliases", aliases],
  ["flowList", flowList],
  ["lineEndings", lineEndings],
  ["truncate", truncate],
  ["bytes", bytes],
];

/** Replaces a string literal's contents (a flag key in a call, most often) with an odd value. */
const replaceLiteral: Mutator = (text, rng, vocab) => {
  const literals = [...text.matchAll(/"([^"\n]*)"/g)];
  if (literals.length === 0) return text;
  const m = rng.pick(literals);
  const value = rng.pick([
    rng.pick(vocab.keys.length ? vocab.keys : ["x"]),
    "",
    "${x}",
    '\\"',
    "é🚀",
    repeat("k", rng.pick(vocab.extreme ? [50, 5000] : [50, 500])),
    m[1].slice(0, -1),
    m[1] + '", "extra',
  ]);
  return text.slice(0, m.index! + 1) + value + text.slice(m.index! + 1 + m[1].length);
};

/** Removes or adds a bracket, quote or comma, which leaves calls half-typed. */
const unbalance: Mutator = (text, rng) => {
  const spots = [...text.matchAll(/[()"'`,{}[\]]/g)];
  if (spots.length === 0) return text;
  const m = rng.pick(spots);
  const insert = rng.chance(0.5) ? rng.pick(["(", ")", '"', "'", "`", "/*", "//", "{", "}", "\\"]) : "";
  return text.slice(0, m.index!) + insert + text.slice(m.index! + 1);
};

const CODE_MUTATORS: [string, Mutator][] = [
  ["deleteLine", deleteLine],
  ["duplicateLine", duplicateLine],
  ["swapLines", swapLines],
  ["reindent", reindent],
  ["replaceLiteral", replaceLiteral],
  ["replaceLiteral", replaceLiteral],
  ["unbalance", unbalance],
  ["lineEndings", lineEndings],
  ["truncate", truncate],
  ["bytes", bytes],
];

/** Applies one to three mutations suited to the kind of file. */
export function mutate(text: string, kind: "yaml" | "code", rng: Prng, vocab: Vocabulary): Mutation {
  const table = kind === "yaml" ? YAML_MUTATORS : CODE_MUTATORS;
  const steps: string[] = [];
  let t = text;
  const n = rng.chance(0.7) ? 1 : rng.range(2, 3);
  for (let k = 0; k < n; k++) {
    const [name, fn] = rng.pick(table);
    t = fn(t, rng, vocab);
    steps.push(name);
  }
  return { text: t, what: steps.join("+") };
}
