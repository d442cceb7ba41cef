/** Marker appended to truncated text. */
export const TRUNCATION_MARKER = "…";

/**
 * Truncates `text` to at most `maxChars` characters (Unicode code points), marker included. Cuts at the last
 * whitespace in the final 10% of the allowed length when there is one, so words are not split mid-way.
 * `maxChars` undefined leaves the text unchanged.
 */
export function truncateText(text: string, maxChars: number | undefined): string {
  if (maxChars === undefined) return text;
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new RangeError(`truncateText: maxChars must be a positive integer, got ${maxChars}`);
  }
  const codePoints = Array.from(text);
  if (codePoints.length <= maxChars) return text;
  const kept = codePoints.slice(0, maxChars - TRUNCATION_MARKER.length);
  const minimumCut = Math.floor(kept.length * 0.9);
  let cut = kept.length;
  for (let index = kept.length - 1; index >= minimumCut; index--) {
    if (/\s/.test(kept[index] ?? "")) {
      cut = index;
      break;
    }
  }
  return `${kept.slice(0, cut).join("").trimEnd()}${TRUNCATION_MARKER}`;
}
