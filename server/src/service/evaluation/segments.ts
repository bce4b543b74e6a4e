// Segment expressions (`"*"`, a segment key, a list meaning "all of", and/or/not) evaluated against a
// context. A segment the datafile does not carry (missing or archived) matches nobody. Unlike `not` in
// conditions, `not` here means "none of".

import { conditionsMatch } from "./conditions";
import { SdkError, type DatafileView } from "./types";

type Context = Record<string, unknown>;

/** Whether a segment expression matches the context. Throws SdkError where the SDK would throw. */
export function segmentsMatch(segments: unknown, context: Context, datafile: DatafileView): boolean {
  if (segments === "*") return true;
  if (typeof segments === "string") {
    const segment = datafile.segment(segments);
    // v1 datafiles carry conditions as JSON text and a `"*"` unparsed, which then throws in the v1 matcher.
    return segment !== undefined && conditionsMatch(segment.conditions, context, datafile.sdk);
  }
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
