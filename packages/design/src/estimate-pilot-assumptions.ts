import { fitBradleyTerry, type PairwiseOutcomes } from "@judgelab/ratings";
import { PlanError } from "./plan-error.js";

/** The minimum a pilot needs to estimate judge noise: this many judges sharing this many decided pairs. */
export const PILOT_MINIMUM = { judges: 2, sharedPairs: 20 } as const;

/** Upper end of the judge-noise search (log-odds); an estimate at the cap means "at least this noisy". */
const MAX_JUDGE_NOISE = 5;

/** Assumptions read off a pilot dataset, with what they were estimated from. */
export interface PilotEstimate {
  readonly items: number;
  readonly spreadSd: number;
  readonly judges: number;
  readonly judgeNoise: number;
  readonly tieRate: number;
  readonly positionBias: number;
  readonly comparisons: number;
  /** Decided unordered item pairs judged by at least two judges. */
  readonly sharedPairs: number;
  /** Observed chance that two judges pick the same winner of a shared pair. */
  readonly agreement: number;
  /** The agreement the fitted strengths alone would give (judge noise 0). */
  readonly agreementWithoutJudgeNoise: number;
  /** Variance of the fitted strengths and the mean squared standard error subtracted from it. */
  readonly fittedVariance: number;
  readonly meanSquaredStandardError: number;
}

/**
 * Estimates the simulation's assumptions from a pilot (comparisons with judges; invalid verdicts ignored):
 * - one Bradley–Terry fit on the decided comparisons (ties left out: the simulation's decided verdicts follow
 *   σ(d + δ), ties aside) with the order effect δ when orders are known (prior 0.01);
 * - spreadSd: √max(0, Var(θ̂) − mean sᵢ² − τ²/J), the variance of the fitted strengths less their mean squared
 *   standard error and the judges' mean error (method of moments: what the pooled estimates add to the truth);
 * - tieRate: ties / valid comparisons; positionBias: σ(δ̂) − ½, the first position's decided win rate at equal
 *   strength (the raw first-position win rate understates it when strengths differ);
 * - judgeNoise τ: on decided unordered pairs judged by ≥ 2 judges, the observed agreement A = mean over judge
 *   pairs of s₁s₂ + (1 − s₁)(1 − s₂) (s_j: judge j's share of wins for the pair's first item) is matched to the
 *   model's A(τ) = mean over those pairs of q² + (1 − q)², q = E σ(d + e) with e ~ N(0, 2τ²) a judge's own
 *   error and d = λ·d̂ the fitted difference shrunk to the truth (λ = Var θ / Var θ̂, Var θ = Var θ̂ − mean sᵢ²
 *   − τ²/J), using E σ(d + e) ≈ σ(d/√(1 + π·2τ²/8))
 *   (MacKay 1992); A is decreasing in τ, solved by bisection on [0, 5] (τ = 0 when the judges agree at least as
 *   much as the strengths alone predict).
 * Throws PlanError "pilot-too-small" below {@link PILOT_MINIMUM}, and when the fitted strengths' variance does not
 * exceed their mean squared standard error (too few comparisons per item to see any spread).
 */
export function estimatePilotAssumptions(outcomes: PairwiseOutcomes): PilotEstimate {
  const judge = outcomes.judge;
  const shares = judgeShares(outcomes);
  const judgesWithShared = new Set<number>();
  let sharedPairs = 0;
  for (const byJudge of shares.values()) {
    if (byJudge.size < 2) continue;
    sharedPairs++;
    for (const code of byJudge.keys()) judgesWithShared.add(code);
  }
  if (judge === undefined || judgesWithShared.size < PILOT_MINIMUM.judges || sharedPairs < PILOT_MINIMUM.sharedPairs) {
    throw new PlanError(
      "pilot-too-small",
      `the pilot has ${sharedPairs} item pairs judged (decided) by two or more judges; estimating judge noise needs ` +
        `at least ${PILOT_MINIMUM.judges} judges sharing at least ${PILOT_MINIMUM.sharedPairs} pairs ` +
        "(or give the assumptions explicitly: --items, --spread-sd, --judges, --judge-noise, …)",
    );
  }
  const counts = countOutcomes(outcomes);
  const judgeCount = new Set(Array.from(judge.subarray(0, outcomes.size))).size;
  const decided = { ...outcomes, verdict: outcomes.verdict.map((verdict) => (verdict === 2 ? 3 : verdict)) };
  const fit = fitBradleyTerry(decided, { prior: 0.01, orderEffect: counts.ordered > 0 });
  const { variance, meanSquaredError, rated } = strengthMoments(fit.logStrengths, fit.logStrengthStandardErrors);
  if (!(variance > meanSquaredError)) {
    throw new PlanError(
      "pilot-too-small",
      `the pilot's strengths cannot be told from noise: their mean squared standard error ` +
        `${meanSquaredError.toFixed(3)} is not below their variance ${variance.toFixed(3)} (${rated} items, ` +
        `${((2 * counts.valid) / Math.max(1, rated)).toFixed(1)} comparisons per item); estimating the spread needs ` +
        "more comparisons per item (or give the assumptions explicitly instead of a pilot)",
    );
  }
  const agreement = observedAgreement(shares);
  const differences: number[] = [];
  for (const key of shares.keys()) {
    if ((shares.get(key) as Map<number, Share>).size < 2) continue;
    const low = Math.floor(key / outcomes.itemIds.length);
    const high = key - low * outcomes.itemIds.length;
    differences.push(fit.logStrengths[low]! - fit.logStrengths[high]!);
  }
  // The pooled strengths are θ + the judges' mean error (variance τ²/J) + estimation noise (mse): shrink the
  // fitted differences towards the true ones by λ = Var(θ) / Var(θ̂), then add each judge's own error.
  const trueVariance = (noise: number) => Math.max(1e-9, variance - meanSquaredError - (noise * noise) / judgeCount);
  const modelAgreement = (noise: number) => {
    let sum = 0;
    const shrink = trueVariance(noise) / Math.max(variance, 1e-9);
    const scale = Math.sqrt(1 + (Math.PI * 2 * noise * noise) / 8);
    for (const difference of differences) {
      const q = 1 / (1 + Math.exp(-(shrink * difference) / scale));
      sum += q * q + (1 - q) * (1 - q);
    }
    return sum / differences.length;
  };
  const judgeNoise = solveDecreasing(modelAgreement, agreement, MAX_JUDGE_NOISE);
  return {
    items: rated,
    spreadSd: Math.sqrt(trueVariance(judgeNoise)),
    judges: judgeCount,
    judgeNoise,
    tieRate: counts.valid === 0 ? 0 : counts.ties / counts.valid,
    positionBias: fit.orderEffect === undefined ? 0 : 1 / (1 + Math.exp(-fit.orderEffect.value)) - 0.5,
    comparisons: counts.valid,
    sharedPairs,
    agreement,
    agreementWithoutJudgeNoise: modelAgreement(0),
    fittedVariance: variance,
    meanSquaredStandardError: meanSquaredError,
  };
}

interface Share {
  wins: number;
  decided: number;
}

/** Per unordered pair (key low·items + high), per judge: wins of the lower-coded item among decided verdicts. */
function judgeShares(outcomes: PairwiseOutcomes): Map<number, Map<number, Share>> {
  const shares = new Map<number, Map<number, Share>>();
  const items = outcomes.itemIds.length;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict > 1 || outcomes.judge === undefined) continue;
    const first = outcomes.first[row]!;
    const second = outcomes.second[row]!;
    const low = Math.min(first, second);
    const key = low * items + Math.max(first, second);
    const winner = verdict === 0 ? first : second;
    let byJudge = shares.get(key);
    if (byJudge === undefined) shares.set(key, (byJudge = new Map()));
    const code = outcomes.judge[row]!;
    const share = byJudge.get(code) ?? { wins: 0, decided: 0 };
    share.decided++;
    if (winner === low) share.wins++;
    byJudge.set(code, share);
  }
  return shares;
}

function observedAgreement(shares: Map<number, Map<number, Share>>): number {
  let sum = 0;
  let count = 0;
  for (const byJudge of shares.values()) {
    const list = [...byJudge.values()].map((share) => share.wins / share.decided);
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        sum += list[a]! * list[b]! + (1 - list[a]!) * (1 - list[b]!);
        count++;
      }
    }
  }
  return sum / count;
}

function countOutcomes(outcomes: PairwiseOutcomes) {
  let valid = 0;
  let ties = 0;
  let ordered = 0;
  let firstWins = 0;
  for (let row = 0; row < outcomes.size; row++) {
    const verdict = outcomes.verdict[row]!;
    if (verdict === 3) continue;
    valid++;
    if (verdict === 2) ties++;
    else if (outcomes.orderKnown === undefined || outcomes.orderKnown[row] === 1) {
      ordered++;
      if (verdict === 0) firstWins++;
    }
  }
  return { valid, ties, ordered, firstWins };
}

function strengthMoments(strengths: Float64Array, errors: Float64Array) {
  let rated = 0;
  let sum = 0;
  let squares = 0;
  let errorSquares = 0;
  for (let i = 0; i < strengths.length; i++) {
    if (Number.isNaN(strengths[i]!)) continue;
    rated++;
    sum += strengths[i]!;
    squares += strengths[i]! ** 2;
    errorSquares += errors[i]! ** 2;
  }
  const mean = sum / rated;
  return { rated, variance: squares / rated - mean * mean, meanSquaredError: errorSquares / rated };
}

/** The x in [0, upper] with f(x) = target for a decreasing f (0 when f(0) ≤ target, upper when f(upper) > target). */
function solveDecreasing(f: (x: number) => number, target: number, upper: number): number {
  if (f(0) <= target) return 0;
  if (f(upper) > target) return upper;
  let low = 0;
  let high = upper;
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (f(middle) > target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
