// The evaluation engine's public API: what the Featurevisor SDK returns for a feature, computed from the
// project's files (and the builder's state in `.featurevisor/`, when loaded).

export {
  evaluateAll,
  evaluateFeature,
  evaluateSegment,
  evaluatorFor,
  evaluatorOn,
  environmentProblem,
  variableResult,
  type EvaluateOptions,
  type Evaluation,
  type SegmentEvaluation,
} from "./evaluate";
export type { Evaluator, EvaluatorOptions, FlagOutcome, StickyFeatures, ValueOutcome } from "./sdkCommon";
export { datafileFor } from "./datafile";
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
