// Version comparison for the semver* operators, with the grammar and ordering the SDKs use
// (the compare-versions package): loose prefixes (v, ^, ~, <, >, =), up to four numeric parts,
// x/* wildcards that equal anything, and pre-release tags that sort before the release.

const NUMBER = String.raw`(\d+)`;
const PART = String.raw`([x*]|\d+)`;
const IDENTIFIERS = String.raw`[\da-z-]+(?:\.[\da-z-]+)*`;

/** Pre-release and build tags are only allowed after a patch number, as in the SDKs. */
const VERSION = new RegExp(
  `^[v^~<>=]*?${NUMBER}(?:\\.${PART}(?:\\.${PART}(?:\\.${PART})?(?:-(${IDENTIFIERS}))?(?:\\+${IDENTIFIERS})?)?)?$`,
  "i",
);

interface ParsedVersion {
  parts: (string | undefined)[];
  prerelease: string | undefined;
}

function parse(version: string): ParsedVersion | undefined {
  const m = VERSION.exec(version);
  if (!m) return undefined;
  return { parts: [m[1], m[2], m[3], m[4]], prerelease: m[5] };
}

function isWildcard(s: string): boolean {
  return s === "*" || s === "x" || s === "X";
}

/** Numbers compare as numbers, anything else (or a number against a word) as strings. */
function compareIdentifier(a: string, b: string): number {
  if (isWildcard(a) || isWildcard(b)) return 0;
  const na = parseInt(a, 10);
  const nb = parseInt(b, 10);
  const x: string | number = Number.isNaN(na) ? a : na;
  const y: string | number = Number.isNaN(nb) ? b : nb;
  const [l, r] = typeof x === typeof y ? [x, y] : [String(x), String(y)];
  return l > r ? 1 : l < r ? -1 : 0;
}

function compareLists(a: (string | undefined)[], b: (string | undefined)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const r = compareIdentifier(a[i] || "0", b[i] || "0");
    if (r !== 0) return r;
  }
  return 0;
}

/** -1, 0 or 1 as `a` is lower, equal or higher than `b`; undefined when either is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  const r = compareLists(x.parts, y.parts);
  if (r !== 0) return r;
  if (x.prerelease && y.prerelease) return compareLists(x.prerelease.split("."), y.prerelease.split("."));
  if (x.prerelease || y.prerelease) return x.prerelease ? -1 : 1;
  return 0;
}
