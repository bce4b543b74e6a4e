// The evaluation engine's public API: what the Featurevisor SDK returns for a feature, computed from the
// project's files (and the builder's state in `.featurevisor/`, when loaded).

export { evaluateAll, evaluateFeature, environmentProblem, type EvaluateOptions, type Evaluation } from "./evaluate";
export {
  emptyEvaluationState,
  loadEvaluationState,
  parseExistingState,
  stateFilePath,
  type EvaluationState,
  type ExistingState,
} from "./state";
export { bucketKey, bucketValue, readPath, readPlain } from "./bucketing";
export { MAX_BUCKET } from "./types";
export { targetSelection, type TargetSelection } from "./target";
