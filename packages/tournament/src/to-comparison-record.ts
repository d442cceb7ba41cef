import type { JudgeResult, PairwiseJudge } from "@judgelab/judges";
import type { Comparison } from "@judgelab/schema";
import type { PriceTable } from "./price-table.js";
import type { PlannedComparison } from "./run-records.js";

/**
 * The canonical `Comparison` of a judge result: positional verdict (`invalid` for a refusal or unparseable answer,
 * whose message becomes the rationale), usage with latency and cost (batch price for batch calls; no cost when the
 * model has no price), the raw response for audit, and the round and template hash under `metadata`.
 */
export function toComparisonRecord(options: {
  planned: PlannedComparison;
  result: JudgeResult;
  judge: PairwiseJudge;
  prices: PriceTable;
  batch: boolean;
  templateHash: string;
  createdAt: string;
}): Comparison {
  const { planned, result, judge } = options;
  const costUsd = options.prices.costOf({
    model: judge.model,
    provider: judge.provider,
    ...result.usage,
    batch: options.batch,
  });
  const isVerdict = result.type === "verdict";
  const rationale = isVerdict ? result.rationale : result.message;
  return {
    id: planned.id,
    first: planned.first,
    second: planned.second,
    order: "known",
    verdict: isVerdict ? result.verdict : "invalid",
    judge: planned.judge,
    ...(isVerdict && result.strength !== undefined ? { strength: result.strength } : {}),
    ...(isVerdict && result.preference !== undefined ? { preference: result.preference } : {}),
    ...(isVerdict && result.confidence !== undefined ? { confidence: result.confidence } : {}),
    ...(isVerdict && result.verdictLogprobs !== undefined ? { verdictLogprobs: result.verdictLogprobs } : {}),
    matchId: planned.matchId,
    repetition: planned.repetition,
    ...(rationale === undefined ? {} : { rationale }),
    createdAt: options.createdAt,
    usage: { ...result.usage, latencyMs: result.latencyMs, ...(costUsd === undefined ? {} : { costUsd }) },
    ...(result.raw === undefined ? {} : { raw: result.raw }),
    metadata: { round: planned.round, templateHash: options.templateHash },
  };
}
