import type { JudgeCallError } from "@judgelab/judges";
import { defaultApiKeyEnvs } from "./create-judges.js";
import type { JudgeConfig } from "./tournament-config.js";

/** A judge the provider rejected: its credentials (HTTP 401/403) or its model or endpoint (HTTP 404). */
export interface JudgeFailure {
  readonly judge: string;
  readonly kind: "auth" | "not-found";
  readonly status: number | undefined;
  /** The provider's error message (keys are scrubbed by the adapters). */
  readonly detail: string;
}

/**
 * The rejection an error means for its judge, if any: 401/403 (code `auth`) reject the credentials, 404 the model
 * name or the base URL. Retrying either cannot help, and every further call would be rejected the same way.
 */
export function judgeFailureOf(judge: string, error: JudgeCallError): JudgeFailure | undefined {
  if (error.code === "auth") return { judge, kind: "auth", status: error.status, detail: error.message };
  if (error.status === 404) return { judge, kind: "not-found", status: 404, detail: error.message };
  return undefined;
}

/**
 * What to tell the user about a rejected judge: for credentials, the environment variable to check; for a 404, the
 * model and base URL.
 */
export function describeJudgeFailure(failure: JudgeFailure, judge: JudgeConfig | undefined): string {
  const status = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
  if (failure.kind === "auth") {
    const variables =
      judge === undefined
        ? []
        : judge.apiKeyEnv === undefined
          ? defaultApiKeyEnvs(judge.provider)
          : judge.apiKeyEnv === "none"
            ? []
            : [judge.apiKeyEnv];
    const check =
      judge?.apiKeyEnv === "none"
        ? "the server wants a key: set apiKeyEnv to the variable that holds it"
        : variables.length > 0
          ? `check ${variables.join(" or ")}`
          : "check the judge's apiKeyEnv";
    return `authentication failed for judge ${failure.judge}${status}: ${check}`;
  }
  return (
    `model or endpoint not found for judge ${failure.judge}${status}: check model "${judge?.model ?? "?"}"` +
    `${judge?.baseURL === undefined ? "" : " and baseURL"} (${failure.detail})`
  );
}
