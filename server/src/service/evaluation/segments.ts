// Segment expressions (`"*"`, a segment key, a list meaning "all of", and/or/not) evaluated against a
// context. A segment the datafile does not carry (missing or archived) matches nobody. Unlike `not` in
// conditions, `not` here means "none of".

import { conditionsMatch } from "./conditions";
import { SdkError, type DatafileView } from "./types";

type Context = Record<string, unknown>;

/**
 * Results of named segments per context and datafile: evaluating every feature for one context
 * asks about the same few hundred segments thousands of times. Errors are kept too, so a
 * segment that throws keeps throwing, as the SDK's would.
 */
const results = new WeakMap<Context, WeakMap<DatafileView, Map<string, boolean | SdkError>>>();

/**
 * The results last looked up, so that the thousands of questions of one evaluateAll skip the weak maps
 * (this keeps one context alive until the next evaluation).
 */
let last: { context: Context; datafile: DatafileView; byKey: Map<string, boolean | SdkError> } | undefined;

function resultsFor(context: Context, datafile: DatafileView): Map<string, boolean | SdkError> {
  if (last && last.context === context && last.datafile === datafile) return last.byKey;
  let byDatafile = results.get(context);
  if (!byDatafile) results.set(context, (byDatafile = new WeakMap()));
  let byKey = byDatafile.get(datafile);
  if (!byKey) byDatafile.set(datafile, (byKey = new Map()));
  last = { context, datafile, byKey };
  return byKey;
}

function namedSegmentMatches(key: string, context: Context, datafile: DatafileView): boolean {
  const byKey = resultsFor(context, datafile);
  let result = byKey.get(key);
  if (result === undefined) {
    const segment = datafile.segment(key);
    try {
      // v1 datafiles carry conditions as JSON text and a `"*"` unparsed, which then throws in the v1 matcher.
      result = segment !== undefined && conditionsMatch(segment.conditions, context, datafile.sdk);
    } catch (error) {
      if (!(error instanceof SdkError)) throw error;
      result = error;
    }
    byKey.set(key, result);
  }
  if (result instanceof SdkError) throw result;
  return result;
}

/** Whether a segment expression matches the context. Throws SdkError where the SDK would throw. */
export function segmentsMatch(segments: unknown, context: Context, datafile: DatafileView): boolean {
  if (segments === "*") return true;
  if (typeof segments === "string") return namedSegmentMatches(segments, context, datafile);
  if (segments === null) throw new SdkError("segments are null");
  if (typeof segments === "object" && !Array.isArray(segments)) {
    const s = segments as Record<string, unknown>;
    if (Array.isArray(s.and)) return s.and.every((x) => segmentsMatch(x, context, datafile));
    if (Array.isArray(s.or)) return s.or.some((x) => segmentsMatch(x, context, datafile));
    if (Array.isArray(s.not)) return s.not.every((x) => !segmentsMatch(x, context, datafile));
  }
  if (Array.isArray(segments)) return segments.every((x) => segmentsMatch(x, context, datafile));
  return false;
}
