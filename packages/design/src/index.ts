/**
 * @judgelab/design: study design. `runPowerAnalysis` answers "how many comparisons per item do I need?" by
 * simulating tournaments with known truth; `estimatePilotAssumptions` reads the assumptions off a pilot dataset.
 * No IO, no printing; randomness only from the seed. The method is in docs/metrics.md ("Power analysis").
 */

export { binomialTestPower } from "./binomial-test-power.js";
export { buildPlanChart, type VegaLiteSpec } from "./build-plan-chart.js";
export { calibrateDavidsonTie, davidsonTieProbability } from "./calibrate-davidson-tie.js";
export { estimatePilotAssumptions, PILOT_MINIMUM, type PilotEstimate } from "./estimate-pilot-assumptions.js";
export { estimatePlanCost, type PlanCost } from "./estimate-plan-cost.js";
export type { TargetResult } from "./find-needed.js";
export { measureStudy, probePairs, type StudyMeasurement } from "./measure-study.js";
export {
  DEFAULT_SEPARATION_POWER,
  meetsTarget,
  type PlanTarget,
  parsePlanTarget,
  targetThreshold,
} from "./parse-plan-target.js";
export { checkPlanAssumptions, LOG_ODDS_PER_ELO, type PlanAssumptions, positionShift } from "./plan-assumptions.js";
export { PlanError, type PlanErrorCode } from "./plan-error.js";
export { rankIntervalWidths } from "./rank-interval-widths.js";
export {
  type PlanPoint,
  type PowerAnalysis,
  type PowerAnalysisOptions,
  runPowerAnalysis,
} from "./run-power-analysis.js";
export { type OrderPolicy, SimulatedStudy, type SimulatedStudyOptions } from "./simulated-study.js";
export { summarizeTarget, type TargetEstimate } from "./summarize-target.js";
