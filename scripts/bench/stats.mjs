// Small statistics helpers.

export function quantile(sorted, q) {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length)); // nearest rank
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** median/min/max (and p95 when there are enough samples), rounded to 0.1. */
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    n: s.length,
    median: r(median(s)),
    p95: r(quantile(s, 0.95)),
    min: r(s.length ? s[0] : null),
    max: r(s.length ? s[s.length - 1] : null),
  };
}
