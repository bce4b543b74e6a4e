// How `featurevisor test` compares an expected value with what the SDK returned. The 1.x tester compares
// arrays element by element with `===` and objects key by key; 2.x and 3.x compare nested arrays and
// objects deeply. Values of `json` variables are compared after parsing the expectation when it is text.

type Generation = 1 | 2 | 3;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** Objects equal by keys and values (1.x: values compared the same way, recursively). */
function objectsEqualV1(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => keysB.includes(key) && objectsEqualV1(a[key], b[key]));
}

/** Arrays of the same length whose elements are `===` (1.x). */
function arraysEqualV1(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

function objectsEqualV2(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!keysB.includes(key)) return false;
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (!arraysEqualV2(x, y)) return false;
    } else if (typeof x === "object" && typeof y === "object") {
      if (!objectsEqualV2(x, y)) return false;
    } else if (x !== y) return false;
  }
  return true;
}

function arraysEqualV2(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const y: unknown = b[i];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (!arraysEqualV2(x, y)) return false;
    } else if (isObject(x) && isObject(y)) {
      if (!objectsEqualV2(x, y)) return false;
    } else if (x !== y) return false;
  }
  return true;
}

/** The outcome of comparing a variable: passed, or the values as the tester reports them. */
export interface VariableComparison {
  passed: boolean;
  /** What the report shows: json values as JSON text, as the tester prints them. */
  expected: unknown;
  actual: unknown;
  /** Set when the comparison itself failed (an expectation that is not JSON), where the tester would stop. */
  error?: string;
}

/** Compares an expected variable value with the SDK's, as the tester of that generation does. */
export function compareVariable(type: unknown, expected: unknown, actual: unknown, generation: Generation): VariableComparison {
  const objectsEqual = generation === 1 ? objectsEqualV1 : objectsEqualV2;
  const arraysEqual = generation === 1 ? arraysEqualV1 : arraysEqualV2;
  if (type === "json") {
    let parsed = expected;
    if (typeof expected === "string") {
      try {
        parsed = JSON.parse(expected);
      } catch (error) {
        return {
          passed: false,
          expected,
          actual,
          error: `the expected value is not JSON (${error instanceof Error ? error.message : String(error)})`,
        };
      }
    }
    let passed: boolean;
    if (Array.isArray(actual)) passed = arraysEqual(parsed, actual);
    else if (typeof actual === "object") passed = objectsEqual(parsed, actual);
    else passed = JSON.stringify(parsed) === JSON.stringify(actual);
    return {
      passed,
      expected: typeof expected !== "string" ? JSON.stringify(expected) : expected,
      actual: typeof actual !== "string" ? JSON.stringify(actual) : actual,
    };
  }
  const passed = typeof expected === "object" ? objectsEqual(expected, actual) : expected === actual;
  return { passed, expected, actual };
}
