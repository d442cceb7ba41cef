/**
 * The L2 prior λ that Bradley–Terry fits use when the maximum-likelihood estimate does not exist (an item never
 * lost or never won, or groups of items never met; `hasFiniteMle`) and the caller gave no prior: a penalty
 * λ/2·Σθ² on the natural-log strengths θ, i.e. a N(0, 1/λ) prior. λ = 1 is a standard deviation of one log-odds
 * unit, 400/ln 10 ≈ 174 Elo points: it keeps undefeated and winless items finite without moving items with
 * mixed records much. `rateItems` (`judgelab rate --method bt`) and the analytics leaderboards share it, and
 * both print it with the reason whenever it is used. Pass `prior: 0` to refuse any prior.
 */
export const DEFAULT_PRIOR = 1;
