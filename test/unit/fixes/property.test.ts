import * as assert from "node:assert/strict";
import { skipBecause } from "../../support/skip";
import { execFileSync } from "node:child_process";
import { doRemoveFlag } from "../../../server/src/service/fixes/index";
import { pythonSyntaxErrors, tsSyntaxErrors } from "./parsers";
import { applyEdits } from "./support";

// Random boolean expressions of depth <= 4 over the flag's call and three other variables, with
// and, or, not, parentheses and conditional expressions: after the rewrite with the flag fixed,
// each must give what the original gives for every assignment of the other variables.

type Expr =
  | { k: "flag" }
  | { k: "var"; name: "a" | "b" | "c" }
  | { k: "lit"; value: boolean }
  | { k: "not"; e: Expr }
  | { k: "and" | "or"; l: Expr; r: Expr }
  | { k: "cond"; c: Expr; t: Expr; f: Expr }
  | { k: "paren"; e: Expr };

/** A small seeded generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(rnd: () => number, depth: number): Expr {
  const leaf = depth === 0 || rnd() < 0.25;
  if (leaf) {
    const x = rnd();
    if (x < 0.4) return { k: "flag" };
    if (x < 0.9) return { k: "var", name: (["a", "b", "c"] as const)[Math.floor(rnd() * 3)] };
    return { k: "lit", value: rnd() < 0.5 };
  }
  const x = rnd();
  if (x < 0.15) return { k: "not", e: generate(rnd, depth - 1) };
  if (x < 0.45) return { k: "and", l: generate(rnd, depth - 1), r: generate(rnd, depth - 1) };
  if (x < 0.75) return { k: "or", l: generate(rnd, depth - 1), r: generate(rnd, depth - 1) };
  if (x < 0.9) return { k: "cond", c: generate(rnd, depth - 1), t: generate(rnd, depth - 1), f: generate(rnd, depth - 1) };
  return { k: "paren", e: generate(rnd, depth - 1) };
}

interface Syntax {
  flag: string;
  lit(v: boolean): string;
  not: string;
  and: string;
  or: string;
  /** Precedences: conditional, or, and, not; atoms bind tighter than all. */
  prec: { cond: number; or: number; and: number; not: number };
  cond(c: string, t: string, f: string): string;
}

const TS: Syntax = {
  flag: 'f.isEnabled("flag")',
  lit: (v) => String(v),
  not: "!",
  and: " && ",
  or: " || ",
  prec: { cond: 3, or: 5, and: 6, not: 16 },
  cond: (c, t, f) => `${c} ? ${t} : ${f}`,
};

const PY: Syntax = {
  flag: 'f.is_enabled("flag")',
  lit: (v) => (v ? "True" : "False"),
  not: "not ",
  and: " and ",
  or: " or ",
  prec: { cond: 1, or: 2, and: 3, not: 4 },
  cond: (c, t, f) => `${t} if ${c} else ${f}`,
};

/** The expression's text, with parentheses only where precedence needs them (and where it has paren nodes). */
function render(e: Expr, s: Syntax, min = 0): string {
  const wrap = (text: string, prec: number): string => (prec < min ? `(${text})` : text);
  switch (e.k) {
    case "flag":
      return s.flag;
    case "var":
      return e.name;
    case "lit":
      return s.lit(e.value);
    case "paren":
      return `(${render(e.e, s)})`;
    case "not":
      return wrap(s.not + render(e.e, s, s.prec.not), s.prec.not);
    case "and":
    case "or": {
      const p = s.prec[e.k];
      return wrap(render(e.l, s, p) + s[e.k] + render(e.r, s, p + 1), p);
    }
    case "cond": {
      const p = s.prec.cond;
      // JavaScript: c ? t : f takes an or-level condition; Python: t if c else f takes or-level t and c.
      return wrap(
        s === TS
          ? s.cond(render(e.c, s, p + 1), render(e.t, s, 2), render(e.f, s, 2))
          : s.cond(render(e.c, s, p + 1), render(e.t, s, p + 1), render(e.f, s, p)),
        p,
      );
    }
  }
}

const ASSIGNMENTS = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [(i & 4) !== 0, (i & 2) !== 0, (i & 1) !== 0]);

function tsProgram(expr: string, asCondition: boolean): string {
  const body = asCondition ? `  if (${expr}) {\n    return 1;\n  } else {\n    return 2;\n  }\n` : `  return ${expr};\n`;
  return `function g(f, a, b, c) {\n${body}}\n`;
}

function pyProgram(expr: string, asCondition: boolean): string {
  const body = asCondition ? `    if ${expr}:\n        return 1\n    else:\n        return 2\n` : `    return ${expr}\n`;
  return `def g(f, a, b, c):\n${body}`;
}

function runTs(program: string, flag: boolean): unknown[] {
  const g = new Function(`${program}\nreturn g;`)() as (f: unknown, a: boolean, b: boolean, c: boolean) => unknown;
  return ASSIGNMENTS.map(([a, b, c]) => g({ isEnabled: () => flag }, a, b, c));
}

const PY_RUN = `
import json, sys
class F:
    def __init__(self, on): self.on = on
    def is_enabled(self, key, *rest): return self.on
out = []
for program, flag in json.load(sys.stdin):
    ns = {}
    exec(program, ns)
    out.append([ns["g"](F(flag), a, b, c) for a in (False, True) for b in (False, True) for c in (False, True)])
print(json.dumps(out))
`;

function rewrite(file: string, text: string, flag: boolean): string {
  const r = doRemoveFlag(file, text, { featureKey: "flag", behaviour: { enabled: flag, variation: null, variables: {} } });
  return applyEdits(text, r.edits);
}

describe("fixes: property of the simplification", function () {
  this.timeout(60000);
  const COUNT = Number(process.env.PROP_COUNT ?? 250);

  for (const asCondition of [false, true]) {
    it(`TypeScript: ${COUNT} random expressions ${asCondition ? "as if conditions" : "as returned values"} keep their value for every assignment`, () => {
      const rnd = random(asCondition ? 7 : 3);
      for (let i = 0; i < COUNT; i++) {
        const expr = render(generate(rnd, 4), TS);
        const original = tsProgram(expr, asCondition);
        for (const flag of [true, false]) {
          const simplified = rewrite("/p/g.js", original, flag);
          const context = `${expr} with the flag ${flag}:\n${simplified}`;
          assert.equal(tsSyntaxErrors("/p/g.js", simplified), 0, context);
          assert.ok(!simplified.includes("isEnabled"), context);
          assert.deepEqual(runTs(simplified, flag), runTs(original, flag), context);
          assert.equal(rewrite("/p/g.js", simplified, flag), simplified, `idempotence: ${context}`);
        }
      }
    });
  }

  it(`Python: ${COUNT} random expressions as values and as conditions keep their value for every assignment`, function () {
    const rnd = random(11);
    const programs: [string, boolean][] = [];
    const pairs: { original: number; simplified: number; context: string }[] = [];
    for (let i = 0; i < COUNT; i++) {
      const expr = render(generate(rnd, 4), PY);
      for (const asCondition of [false, true]) {
        const original = pyProgram(expr, asCondition);
        for (const flag of [true, false]) {
          const simplified = rewrite("/p/g.py", original, flag);
          assert.ok(!simplified.includes("is_enabled"), simplified);
          pairs.push({
            original: programs.length,
            simplified: programs.length + 1,
            context: `${expr} with the flag ${flag}:\n${simplified}`,
          });
          programs.push([original, flag], [simplified, flag]);
        }
      }
    }
    const syntax = pythonSyntaxErrors(programs.map(([p]) => p));
    if (!syntax) skipBecause(this, "python3 is not installed");
    syntax.forEach((e, i) => assert.equal(e, null, programs[i][0]));
    const results = JSON.parse(
      execFileSync("python3", ["-c", PY_RUN], { input: JSON.stringify(programs), encoding: "utf8", maxBuffer: 64 << 20 }),
    ) as unknown[][];
    for (const p of pairs) assert.deepEqual(results[p.simplified], results[p.original], p.context);
  });
});
