import { createSimulatedJudge, type JudgeItem, measureLengthStatistics, type PairwiseJudge } from "@judgelab/judges";
import { JudgeSetupError } from "./judge-setup-error.js";
import type { JudgeConfig } from "./tournament-config.js";

/**
 * Builds the simulated judge of a config entry (provider `simulated`). Its draws are keyed by the run seed, the
 * judge id and the request, so a resumed or re-run simulation reproduces every verdict. Items must carry their
 * latent quality in `metadata.quality`.
 */
export function createSimulatedJudgeForConfig(options: {
  judge: JudgeConfig;
  seed: number;
  items: readonly JudgeItem[];
}): PairwiseJudge {
  const { judge } = options;
  const missing = options.items.filter((item) => typeof item.metadata?.quality !== "number");
  if (missing.length > 0) {
    throw new JudgeSetupError(
      `simulated judge "${judge.id}": ${missing.length} items have no numeric metadata.quality (first: "${missing[0]!.id}"); ` +
        "simulated judges need each item's latent quality (or use items: {synthetic: ...})",
    );
  }
  const simulation = judge.simulation ?? {
    noiseScale: 1,
    positionBias: 0,
    selfPreference: 0,
    lengthBias: 0,
    tieRate: 0,
    refusalRate: 0,
  };
  return createSimulatedJudge({
    id: judge.id,
    seed: options.seed,
    model: judge.model,
    ...(judge.family === undefined ? {} : { family: judge.family }),
    noiseScale: simulation.noiseScale,
    positionBias: simulation.positionBias,
    selfPreference: simulation.selfPreference,
    lengthBias: simulation.lengthBias,
    tieRate: simulation.tieRate,
    refusalRate: simulation.refusalRate,
    ...(simulation.lengthBias === 0 ? {} : { lengthStatistics: measureLengthStatistics(options.items) }),
    ...(simulation.latencyMs === undefined ? {} : { latency: { meanMs: simulation.latencyMs } }),
    ...(simulation.confidenceTemperature === undefined
      ? {}
      : { confidenceTemperature: simulation.confidenceTemperature }),
  });
}
