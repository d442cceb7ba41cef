/**
 * Why a report was refused, as a closed set of codes that callers (the CLI) map to exit codes:
 * - `unknown-id`: assessments or references naming items or judges the dataset does not have; context:
 *   `dataset`, `problems` (their count);
 * - `invalid-style-control`: a style-control covariate that the items cannot give (listed twice, not a number,
 *   missing on compared items without `missing: "zero"`); context: `covariates`.
 * Models that cannot be fitted on the data are not errors: their board is `available: false` with the reason.
 */
export type ReportErrorCode = "unknown-id" | "invalid-style-control";

/** A refused report: its {@link ReportErrorCode}, a message that says what to do, and what it was about. */
export class ReportError extends Error {
  override readonly name: string = "ReportError";
  readonly code: ReportErrorCode;
  readonly context: Readonly<Record<string, string | number>>;

  constructor(code: ReportErrorCode, message: string, context: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.code = code;
    this.context = context;
  }
}
