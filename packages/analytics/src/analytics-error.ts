/**
 * Why an analysis was refused, as a closed set of codes that callers (the CLI) map to exit codes:
 * - `invalid-option`: an analysis option out of range (seed, bootstrap rounds); context: `option`, `value`;
 * - `unknown-field`: a grouping or condition field that no record has; context: `field`;
 * - `inconsistent-input`: columns handed over that do not fit the comparison table (a grouping or a condition
 *   column of the wrong length): the calling code's mistake, not the user's (the CLI reports it as internal).
 * Expected per-section limits (too few items, no references, …) are not errors: the section is `available:
 * false` with its reason.
 */
export type AnalyticsErrorCode = "invalid-option" | "unknown-field" | "inconsistent-input";

/** A refused analysis: its {@link AnalyticsErrorCode}, a message that says what to do, and what it was about. */
export class AnalyticsError extends Error {
  override readonly name: string = "AnalyticsError";
  readonly code: AnalyticsErrorCode;
  readonly context: Readonly<Record<string, string | number>>;

  constructor(code: AnalyticsErrorCode, message: string, context: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.code = code;
    this.context = context;
  }
}
