import { type JudgeTemplate, renderJudgePrompt } from "@judgelab/judges";
import { estimateTokens, type PriceTable } from "./price-table.js";
import { seededRandom } from "./seeded-random.js";
import type { TournamentConfig } from "./tournament-config.js";
import type { TournamentItems } from "./tournament-items.js";

/** Estimate of one judge's share of a run. */
export interface JudgeEstimate {
  readonly judge: string;
  readonly model: string;
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Undefined when the model has no price (add it under `prices`). */
  readonly costUsd: number | undefined;
}

/** A `--dry-run` estimate. */
export interface RunEstimate {
  /** Matches: exact for round robin, an upper bound from the stop rules for adaptive schedulers. */
  readonly matches: number;
  readonly exact: boolean;
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Sum over judges with a price. */
  readonly costUsd: number;
  readonly judges: readonly JudgeEstimate[];
  readonly modelsWithoutPrice: readonly string[];
  readonly method: string;
}

/**
 * Estimates calls, tokens and cost before a run. Matches: round robin gives Σ_groups g(g−1)/2 × cycles; adaptive
 * schedulers are bounded by the stop rules: Σ_groups min(g − 1, maxMatchesPerItem) · g / 2, capped by
 * `stop.maxMatches`. Calls per match: (panel ? judges : 1) × (both orders ? 2 : 1) × repetitions; rotation spreads
 * matches evenly. Input tokens per call: the mean of characters/4 over up to 64 prompts rendered for random pairs;
 * output tokens: `expectedOutputTokens`. Costs use the price table.
 */
export function estimateRun(options: {
  config: TournamentConfig;
  items: TournamentItems;
  template: JudgeTemplate;
  prices: PriceTable;
}): RunEstimate {
  const { config, items } = options;
  const exact = config.scheduler.kind === "round-robin";
  let matches = 0;
  for (const group of items.groups) {
    const size = group.length;
    matches += exact
      ? ((size * (size - 1)) / 2) * config.scheduler.cycles
      : Math.floor((Math.min(size - 1, config.stop.maxMatchesPerItem) * size) / 2);
  }
  if (config.stop.maxMatches !== undefined) matches = Math.min(matches, config.stop.maxMatches);
  const perMatch = (config.order === "both" ? 2 : 1) * config.repetitions;
  const random = seededRandom(config.seed, "estimate");
  const samples = Math.min(64, items.ids.length * 2);
  let sampledTokens = 0;
  for (let sample = 0; sample < samples; sample++) {
    const a = Math.floor(random.next() * items.ids.length);
    const b = (a + 1 + Math.floor(random.next() * (items.ids.length - 1))) % items.ids.length;
    const prompt = renderJudgePrompt({
      first: items.judgeItems[a]!,
      second: items.judgeItems[b]!,
      template: options.template,
      repetition: 0,
      ...(config.task === undefined ? {} : { task: config.task }),
      ...(config.rubric === undefined ? {} : { rubric: config.rubric }),
    });
    sampledTokens += estimateTokens((prompt.system ?? "") + prompt.user);
  }
  const inputPerCall = samples === 0 ? 0 : sampledTokens / samples;
  const judgeCount = config.judges.length;
  const modelsWithoutPrice = new Set<string>();
  const judges = config.judges.map((judge, index): JudgeEstimate => {
    const judgeMatches =
      config.assignment === "panel"
        ? matches
        : Math.floor(matches / judgeCount) + (index < matches % judgeCount ? 1 : 0);
    const calls = judgeMatches * perMatch;
    const inputTokens = Math.round(calls * inputPerCall);
    const outputTokens = calls * config.expectedOutputTokens;
    const costUsd = options.prices.costOf({
      model: judge.model,
      provider: judge.provider,
      inputTokens,
      outputTokens,
      batch: config.batch.enabled,
    });
    if (costUsd === undefined) modelsWithoutPrice.add(judge.model);
    return { judge: judge.id, model: judge.model, calls, inputTokens, outputTokens, costUsd };
  });
  const sum = (pick: (judge: JudgeEstimate) => number): number =>
    judges.reduce((total, judge) => total + pick(judge), 0);
  return {
    matches,
    exact,
    calls: sum((judge) => judge.calls),
    inputTokens: sum((judge) => judge.inputTokens),
    outputTokens: sum((judge) => judge.outputTokens),
    costUsd: sum((judge) => judge.costUsd ?? 0),
    judges,
    modelsWithoutPrice: [...modelsWithoutPrice],
    method: "tokens ≈ characters / 4 of rendered prompts (±30%); adaptive schedules bounded by the stop rules",
  };
}
