import { AnalyticsError, type AnalyticsErrorCode } from "@judgelab/analytics";
import { ReportError, type ReportErrorCode } from "@judgelab/report";
import { ExitCode, UsageError } from "./cli-io.js";

type CodeOfExit = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Exit code of each analytics refusal: an option or field the user named is theirs to fix (2); columns that do
 * not fit the table are a mistake of the calling code (1, reported as an internal error).
 */
export const ANALYTICS_ERROR_EXIT: Readonly<Record<AnalyticsErrorCode, CodeOfExit>> = {
  "invalid-option": ExitCode.usage,
  "unknown-field": ExitCode.usage,
  "inconsistent-input": ExitCode.failure,
};

/** Exit code of each report refusal: both come from the user's records or flags (2). */
export const REPORT_ERROR_EXIT: Readonly<Record<ReportErrorCode, CodeOfExit>> = {
  "unknown-id": ExitCode.usage,
  "invalid-style-control": ExitCode.usage,
};

/**
 * A library's typed refusal that is the user's to fix, as a {@link UsageError} (exit 2, message only);
 * undefined for anything else, which the caller rethrows (exit 1 with run-cli's internal-error message). Use as
 * `catch (error) { throw asUsageError(error) ?? error; }`.
 */
export function asUsageError(error: unknown): UsageError | undefined {
  const exit =
    error instanceof AnalyticsError
      ? ANALYTICS_ERROR_EXIT[error.code]
      : error instanceof ReportError
        ? REPORT_ERROR_EXIT[error.code]
        : undefined;
  return exit === ExitCode.usage && error instanceof Error ? new UsageError(error.message) : undefined;
}
