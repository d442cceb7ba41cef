import type { StopReason } from "@judgelab/tournament";

/**
 * Why a tournament stopped, in one line for `run`, `simulate` and `demo` (the reason codes alone, e.g.
 * "plan-exhausted" after 74 of "at most 780 matches", leave the reader guessing).
 */
export function describeStopReason(reason: StopReason): string {
  switch (reason) {
    case "converged":
      return "converged: every item met the stop rule (its rating is certain enough, or it played its maximum matches)";
    case "max-rounds":
      return "max-rounds: stopped at stop.maxRounds";
    case "max-matches":
      return "max-matches: stopped at stop.maxMatches";
    case "budget":
      return "budget: the budget (budget.maxCostUsd) is spent";
    case "interrupted":
      return "interrupted: stopped on Ctrl-C";
    case "plan-exhausted":
      return "plan-exhausted: the items still short of the stop rule have met every opponent the scheduler may give them (within their category or group), so no new pair was left; the estimate's 'at most' count is an upper bound";
    case "judge-failed":
      return "judge-failed: a provider rejected a judge's key or model (HTTP 401/403/404); nothing more was sent to it";
    case "folder-gone":
      return "folder-gone: the run folder was deleted or moved while running; scheduling stopped at once";
  }
}
