/** Formatting of figures for report prose and tables: fixed, locale-independent, null-safe. */

/** "62%" (or "n/a" for null/NaN). */
export function formatPercent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "n/a" : `${(100 * value).toFixed(digits)}%`;
}

/** "62% [58%, 66%]". */
export function formatPercentInterval(
  value: number | null | undefined,
  interval: { readonly lower: number; readonly upper: number } | undefined,
  digits = 0,
): string {
  const point = formatPercent(value, digits);
  return interval === undefined
    ? point
    : `${point} [${formatPercent(interval.lower, digits)}, ${formatPercent(interval.upper, digits)}]`;
}

/** A fixed-point number or "n/a". */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);
}

/** "0.41 [0.35, 0.47]". */
export function formatNumberInterval(
  value: number | null | undefined,
  interval: { readonly lower: number; readonly upper: number } | undefined,
  digits = 2,
): string {
  const point = formatNumber(value, digits);
  return interval === undefined
    ? point
    : `${point} [${formatNumber(interval.lower, digits)}, ${formatNumber(interval.upper, digits)}]`;
}

/** "p < 0.001" or "p = 0.03". */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "p n/a";
  return p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** Thousands-separated integer: "1,000,000". */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
