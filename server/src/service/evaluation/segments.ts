// Segment expressions (`"*"`, a segment key, a list meaning "all of", and/or/not) evaluated against a
// context. A segment the datafile does not carry (missing or archived) matches nobody. Unlike `not` in
// conditions, `not` here means "none of".
//
// Expressions are compiled once into functions (the same rules and traffic are asked about for
// every context), and named segments' results are kept per context and datafile: evaluating every
// feature for one context asks about the same few hundred segments thousands of times.

import { conditionsMatch } from "./conditions";
import { SdkError, type DatafileView } from "./types";

type Context = Record<string, unknown>;

/** The named segments' results for one context and datafile, computed on first use. */
export class SegmentResults {
  constructor(
    private readonly context: Context,
    private readonly datafile: DatafileView,
    /** Errors are kept too, so a segment that throws keeps throwing, as the SDK's would. */
    private readonly results: Map<string, boolean | SdkError>,
  ) {}

  /** Whether the named segment matches. Throws SdkError where the SDK would throw. */
  named(key: string): boolean {
    let result = this.results.get(key);
    if (result === undefined) {
      const segment = this.datafile.segment(key);
      try {
        // v1 datafiles carry conditions as JSON text and a `"*"` unparsed, which then throws in the v1 matcher.
        result = segment !== undefined && conditionsMatch(segment.conditions, this.context, this.datafile.sdk);
      } catch (error) {
        if (!(error instanceof SdkError)) throw error;
        result = error;
      }
      this.results.set(key, result);
    }
    if (result instanceof SdkError) throw result;
    return result;
  }
}

const results = new WeakMap<Context, WeakMap<DatafileView, Map<string, boolean | SdkError>>>();

/** The segment results of a context in a datafile, shared by every evaluation of that context there. */
export function segmentResults(context: Context, datafile: DatafileView): SegmentResults {
  let byDatafile = results.get(context);
  if (!byDatafile) results.set(context, (byDatafile = new WeakMap()));
  let byKey = byDatafile.get(datafile);
  if (!byKey) byDatafile.set(datafile, (byKey = new Map()));
  return new SegmentResults(context, datafile, byKey);
}

const EVERYONE = 0;
const NOBODY = 1;
const NULL = 2;
const NAMED = 3;
const ALL = 4;
const ANY = 5;
const NONE = 6;

/**
 * A compiled segment expression: plain nodes of one shape read by one function (matchSegments),
 * so that matching neither re-inspects JSON shapes nor calls through many different closures.
 */
export interface SegmentMatcher {
  op: number;
  key: string;
  children: SegmentMatcher[];
}

const node = (op: number, key = "", children: SegmentMatcher[] = []): SegmentMatcher => ({ op, key, children });

function compile(segments: unknown): SegmentMatcher {
  if (segments === "*") return node(EVERYONE);
  if (typeof segments === "string") return node(NAMED, segments);
  if (segments === null) return node(NULL);
  if (typeof segments === "object" && !Array.isArray(segments)) {
    const s = segments as Record<string, unknown>;
    if (Array.isArray(s.and)) return node(ALL, "", s.and.map(segmentMatcher));
    if (Array.isArray(s.or)) return node(ANY, "", s.or.map(segmentMatcher));
    if (Array.isArray(s.not)) return node(NONE, "", s.not.map(segmentMatcher));
  }
  if (Array.isArray(segments)) return node(ALL, "", segments.map(segmentMatcher));
  return node(NOBODY);
}

/** Whether a compiled expression matches: in the SDK's order, stopping where it stops. Throws SdkError where the SDK would throw. */
export function matchSegments(m: SegmentMatcher, r: SegmentResults): boolean {
  const children = m.children;
  switch (m.op) {
    case EVERYONE:
      return true;
    case NAMED:
      return r.named(m.key);
    case ALL:
      for (let i = 0; i < children.length; i++) if (!matchSegments(children[i], r)) return false;
      return true;
    case ANY:
      for (let i = 0; i < children.length; i++) if (matchSegments(children[i], r)) return true;
      return false;
    case NONE:
      for (let i = 0; i < children.length; i++) if (matchSegments(children[i], r)) return false;
      return true;
    case NULL:
      throw new SdkError("segments are null");
    default:
      return false;
  }
}

const compiledObjects = new WeakMap<object, SegmentMatcher>();
const compiledKeys = new Map<string, SegmentMatcher>();

/**
 * The compiled form of a segment expression, cached by the expression's identity (datafile
 * expressions are built once per datafile view) or, for a segment key, by the key.
 */
export function segmentMatcher(segments: unknown): SegmentMatcher {
  if (typeof segments === "string") {
    let m = compiledKeys.get(segments);
    if (!m) {
      if (compiledKeys.size > 10000) compiledKeys.clear();
      compiledKeys.set(segments, (m = compile(segments)));
    }
    return m;
  }
  if (typeof segments !== "object" || segments === null) return compile(segments);
  let m = compiledObjects.get(segments);
  if (!m) compiledObjects.set(segments, (m = compile(segments)));
  return m;
}

/** Whether a segment expression matches the context. Throws SdkError where the SDK would throw. */
export function segmentsMatch(segments: unknown, context: Context, datafile: DatafileView): boolean {
  return matchSegments(segmentMatcher(segments), segmentResults(context, datafile));
}
