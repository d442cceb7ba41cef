import { PlanError } from "./plan-error.js";

/**
 * The simulation model's assumptions (log-odds scale unless said otherwise; see docs/metrics.md, "Power
 * analysis by simulation"):
 * - item strengths θ_i ~ N(0, spreadSd²);
 * - judge j perceives θ_i + η_ji with η_ji ~ N(0, judgeNoise²), drawn once per simulated study (a judge's own,
 *   persistent view of each item, so judges disagree systematically and more judges average it out);
 * - a comparison is a tie with Davidson's (1970) probability ν / (2 cosh(d/2) + ν), d the perceived difference,
 *   ν calibrated so that the average tie rate over random pairs is `tieRate` ({@link calibrateDavidsonTie});
 * - otherwise the first-shown item wins with probability σ(d + δ), δ = logit(0.5 + positionBias): at equal
 *   strengths the first position wins 0.5 + positionBias of the decided comparisons.
 */
export interface PlanAssumptions {
  readonly items: number;
  readonly spreadSd: number;
  readonly judges: number;
  readonly judgeNoise: number;
  readonly tieRate: number;
  readonly positionBias: number;
}

/** Checks ranges; throws a PlanError naming the field. */
export function checkPlanAssumptions(assumptions: PlanAssumptions): PlanAssumptions {
  const { items, spreadSd, judges, judgeNoise, tieRate, positionBias } = assumptions;
  const fail = (field: string, rule: string, value: number) => {
    throw new PlanError("invalid-option", `${field} must be ${rule}, got ${value}`);
  };
  if (!Number.isInteger(items) || items < 2) fail("items", "an integer ≥ 2", items);
  if (!(spreadSd >= 0) || !Number.isFinite(spreadSd)) fail("spread-sd", "≥ 0", spreadSd);
  if (!Number.isInteger(judges) || judges < 1) fail("judges", "an integer ≥ 1", judges);
  if (!(judgeNoise >= 0) || !Number.isFinite(judgeNoise)) fail("judge-noise", "≥ 0", judgeNoise);
  if (!(tieRate >= 0 && tieRate < 1)) fail("tie-rate", "in [0, 1)", tieRate);
  if (!(positionBias > -0.5 && positionBias < 0.5)) fail("position-bias", "in (−0.5, 0.5)", positionBias);
  return assumptions;
}

/** The order effect δ = logit(0.5 + positionBias) on the log-odds scale. */
export function positionShift(positionBias: number): number {
  const p = 0.5 + positionBias;
  return Math.log(p / (1 - p));
}

/** Natural-log units per Elo point on the Arena scale (400 points per factor of 10 in odds). */
export const LOG_ODDS_PER_ELO = Math.LN10 / 400;
