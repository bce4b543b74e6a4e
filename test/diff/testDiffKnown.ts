// Specs of the upstream examples on which `flaglens test` and `featurevisor test` are known to differ, and why.
// Each is a gap of the evaluation engine, not of the test runner; the suites fail when one stops differing, so
// that this list stays true.

export const KNOWN_ENGINE_DIFFERENCES: Record<string, string> = {};
