import * as assert from "node:assert/strict";
import { contextLabel, jsonProblem, readTypedContext } from "../../client/src/contextInput";

const saved = ["QA tester", "Dutch visitor"];
const problem = (typed: string) => {
  const r = readTypedContext(typed, saved);
  assert.equal(r.kind, "problem", `${typed} read as ${r.kind}`);
  return (r as { message: string }).message;
};

describe("what is typed into Preview as User", () => {
  it("reads a JSON object as a context, named by its attributes", () => {
    assert.deepEqual(readTypedContext(' {"country":"nl", "userId": "u-1"} ', saved), {
      kind: "context",
      context: { country: "nl", userId: "u-1" },
      label: "{country: nl, userId: u-1}",
    });
  });

  it("leaves a part of a saved context's name to the quick pick's filter, and nothing typed alone", () => {
    assert.equal(readTypedContext("dutch", saved).kind, "name");
    assert.equal(readTypedContext("tester", saved).kind, "name");
    assert.equal(readTypedContext("   ", saved).kind, "empty");
  });

  it("says what to type when the value is neither a name nor JSON", () => {
    assert.equal(
      problem("Bob"),
      'No saved context is called "Bob". Type a context as a JSON object, e.g. {"userId": "u1", "country": "nl"}',
    );
    assert.match(problem("country: nl"), /^Not a JSON object: it starts with \{/);
  });

  it("says where a JSON object breaks, in words", () => {
    const cases: [string, string][] = [
      ['{"country": "nl"', 'expected a closing } after "country": "nl"'],
      ['{"country": "nl" "userId": "u1"}', 'expected , or } after "country": "nl"'],
      ['{"country" "nl"}', 'expected : after "country"'],
      ['{"country": }', 'expected a value after "country":, not }'],
      ['{"country": "nl",}', 'a comma before } is not allowed: remove the comma after "country": "nl"'],
      ["{country: 1}", 'keys take double quotes: "country" instead of country'],
      ["{\"country\": 'nl'}", "strings take double quotes, not single ones: 'nl' (after \"country\":)"],
      ['{"country": nl}', 'nl is not a JSON value (after "country":): strings take double quotes, "nl"'],
      ['{"beta": tru}', 'tru is not a JSON value (after "beta":): did you mean true? strings take double quotes, "tru"'],
      ['{"country": "nl}', 'the string "nl} is not closed: expected "'],
      ['{"a": {"b": 1} "c": 2}', 'expected , or } after "a": {"b": 1}'],
      ['{"a": [1, 2,]}', "a comma before ] is not allowed: remove the comma after 2"],
      ['{"a": 1} x', "unexpected x after the closing }"],
      ["{", "expected a closing } after {"],
    ];
    for (const [typed, message] of cases) assert.equal(problem(typed), `Not a JSON object: ${message}`, typed);
  });

  it("refuses JSON that is not an object", () => {
    for (const typed of ["[1, 2]", "42", '"nl"']) assert.match(problem(typed), /^Not a JSON object: a context is an object of attributes/);
  });

  it("finds nothing wrong in well-formed JSON, nested and escaped", () => {
    assert.equal(jsonProblem('{"a": {"b": [1, -2.5e3, true, null]}, "c": "say \\"hi\\""}'), undefined);
    assert.equal(jsonProblem("{}"), undefined);
  });

  it("writes a context short, cut when long", () => {
    assert.equal(contextLabel({ userId: "u1", beta: true, name: "Ann Lee" }), '{userId: u1, beta: true, name: "Ann Lee"}');
    const long = contextLabel({ userId: "a-very-long-user-identifier", country: "netherlands", plan: "enterprise" });
    assert.ok(long.length <= 48 && long.endsWith("…}"), long);
  });
});
