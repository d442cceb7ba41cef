/**
 * Why a rating call was refused, as a closed set of codes that callers (the CLI) map to exit codes:
 * - `unsupported-option`: an option the chosen method does not take, or a combination it does not support;
 * - `invalid-option`: an option value out of range (rounds, prior, seed, draw probability);
 * - `unknown-anchor`: the anchor item is not rated;
 * - `unsuitable-data`: the data cannot be fitted with these options (Davidson ties without a tie, an order effect
 *   without a known order, a judge-aware fit without judges or not identified, a match mixing pairs, too many
 *   items for the dense solver).
 * Everything else a ratings function throws is a bug (an invariant broken), not the caller's mistake.
 * It extends RangeError, which ratings threw before the codes existed.
 */
export type RatingsErrorCode = "unsupported-option" | "invalid-option" | "unknown-anchor" | "unsuitable-data";

/** A refused rating call: its {@link RatingsErrorCode} and a message that says what to do. */
export class RatingsError extends RangeError {
  override readonly name: string = "RatingsError";
  readonly code: RatingsErrorCode;

  constructor(code: RatingsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
