// Segment expressions (`"*"`, a segment key, a list meaning "all of", and/or/not) evaluated against a
// context. A segment the datafile does not carry (missing or archived) matches nobody. Unlike `not` in
// conditions, `not` here means "none of" before the 3.x SDK; in 3.x it means "not all of", and an empty
// `not` matches nobody.
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
const NOT_ALL = 7;

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

function compile(segments: unknown, v3: boolean): SegmentMatcher {
  if (segments === "*") return node(EVERYONE);
  if (typeof segments === "string") return node(NAMED, segments);
  if (segments === null) return node(NULL);
  const children = (list: unknown[]) => list.map((s) => segmentMatcher(s, v3));
  if (typeof segments === "object" && !Array.isArray(segments)) {
    const s = segments as Record<string, unknown>;
    if (Array.isArray(s.and)) return node(ALL, "", children(s.and));
    if (Array.isArray(s.or)) return node(ANY, "", children(s.or));
    if (Array.isArray(s.not))
      return v3 ? (s.not.length === 0 ? node(NOBODY) : node(NOT_ALL, "", children(s.not))) : node(NONE, "", children(s.not));
  }
  if (Array.isArray(segments)) return node(ALL, "", children(segments));
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
    case NOT_ALL:
      for (let i = 0; i < children.length; i++) if (!matchSegments(children[i], r)) return true;
      return false;
    case NULL:
      throw new SdkError("segments are null");
    default:
      return false;
  }
}

const compiledObjects = [new WeakMap<object, SegmentMatcher>(), new WeakMap<object, SegmentMatcher>()];
const compiledKeys = new Map<string, SegmentMatcher>();

/**
 * The compiled form of a segment expression, cached by the expression's identity (datafile
 * expressions are built once per datafile view) or, for a segment key, by the key. `v3`: under the
 * 3.x SDK's rules (`not`); a key compiles the same either way.
 */
export function segmentMatcher(segments: unknown, v3 = false): SegmentMatcher {
  if (typeof segments === "string") {
    let m = compiledKeys.get(segments);
    if (!m) {
      if (compiledKeys.size > 10000) compiledKeys.clear();
      compiledKeys.set(segments, (m = compile(segments, v3)));
    }
    return m;
  }
  if (typeof segments !== "object" || segments === null) return compile(segments, v3);
  const cache = compiledObjects[v3 ? 1 : 0];
  let m = cache.get(segments);
  if (!m) cache.set(segments, (m = compile(segments, v3)));
  return m;
}

/** Whether a segment expression matches the context. Throws SdkError where the SDK would throw. */
export function segmentsMatch(segments: unknown, context: Context, datafile: DatafileView): boolean {
  return matchSegments(segmentMatcher(segments, datafile.sdk === 3), segmentResults(context, datafile));
}
