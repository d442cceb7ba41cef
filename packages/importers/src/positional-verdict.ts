import type { Verdict } from "@judgelab/schema";

/** Which of two items (in the source's own a/b numbering) won, or a tie. */
export type WinnerSide = "a" | "b" | "tie";

/**
 * The positional verdict of a judgment whose winner is given in the source's item numbering: `a` wins is
 * `first` when `a` was shown first and `second` otherwise; ties stay ties. Swapping the presentation order
 * flips a decisive verdict, which is the invariant the order-aware analytics rely on.
 */
export function positionalVerdict(winner: WinnerSide, aShownFirst: boolean): Verdict {
  if (winner === "tie") return "tie";
  return (winner === "a") === aShownFirst ? "first" : "second";
}

/** Opposite position of a verdict (`first` ↔ `second`); ties and invalid verdicts are unchanged. */
export function swapVerdict(verdict: Verdict): Verdict {
  if (verdict === "first") return "second";
  if (verdict === "second") return "first";
  return verdict;
}

/** Converts a unix timestamp in seconds (Chatbot Arena `tstamp`) to an ISO 8601 string. */
export function isoFromUnixSeconds(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  return new Date(Math.round(seconds * 1000)).toISOString();
}
