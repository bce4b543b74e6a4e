// Featurevisor test specs run on the evaluation engine: the API the CLI (`flaglens test`) and editors use.

export { readSpec, readSpecs, matrixCombinations, applyCombination, type Spec, type InvalidSpec, type SpecAssertion } from "./specs";
export {
  runSpec,
  runTests,
  summarizeRun,
  type AssertionResult,
  type Failure,
  type SpecResult,
  type TestOptions,
  type TestRun,
  type TestSummary,
} from "./runner";
export {
  assertionMessage,
  failureMessage,
  listSpec,
  listSpecs,
  runSelection,
  specDependencies,
  specDependencyMap,
  specsAffectedBy,
  specSummary,
  testDiagnostics,
  type ListedAssertion,
  type ListedSpec,
  type TestSelection,
} from "./suite";
