import { type JudgeTemplate, renderJudgePrompt } from "@judgelab/judges";
import { BATCH_PROVIDERS } from "./batch-providers.js";
import { estimateTokens, PROMPT_OVERHEAD_TOKENS, type PriceTable } from "./price-table.js";
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
  /** The judge's max output tokens per call (`maxOutputTokens`; Anthropic's default 1024), undefined when unset. */
  readonly maxOutputTokens: number | undefined;
  /**
   * Upper bound on the cost: every call at the longest prompt's byte count + overhead as input tokens and at
   * `maxOutputTokens` as output. Undefined without a price or a max output token limit.
   */
  readonly worstCaseUsd: number | undefined;
  /** True when the judge's calls go through its provider's batch API (`batch.enabled`), priced at the discount. */
  readonly batch: boolean;
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
  /** Sum of the judges' worst cases; undefined when any judge has none (no price or no max output tokens). */
  readonly worstCaseUsd: number | undefined;
  /** Input tokens per call in the worst case: UTF-8 bytes of the longest prompt + overhead. */
  readonly maxInputTokensPerCall: number;
  readonly judges: readonly JudgeEstimate[];
  readonly modelsWithoutPrice: readonly string[];
  readonly method: string;
}

/**
 * Estimates calls, tokens and cost before a run. Matches: round robin gives Σ_groups g(g−1)/2 × cycles; adaptive
 * schedulers are bounded by the stop rules: Σ_groups min(g − 1, maxMatchesPerItem) · g / 2 (`target`, which ignores
 * the σ rules: the hard cap per item instead of maxMatchesPerItem), capped by `stop.maxMatches`. Calls per match: (panel ? judges : 1) × (both orders ? 2 : 1) × repetitions; rotation spreads
 * matches evenly. Input tokens per call: the mean of characters/4 over up to 64 prompts rendered for random pairs;
 * output tokens: `expectedOutputTokens`, at most the judge's `maxOutputTokens`. Costs use the price table. The
 * worst case, what the hard budget reserves, prices every call at the prompt of the two longest items in UTF-8
 * bytes + `PROMPT_OVERHEAD_TOKENS` (tokens never outnumber bytes) and at `maxOutputTokens`.
 */
export function estimateRun(options: {
  config: TournamentConfig;
  items: TournamentItems;
  template: JudgeTemplate;
  prices: PriceTable;
}): RunEstimate {
  const { config, items } = options;
  const { matches, exact } = estimateMatches(config, items);
  const perMatch = (config.order === "both" ? 2 : 1) * config.repetitions;
  const inputPerCall = meanSampledPromptTokens(config, items, options.template);
  const maxInputTokensPerCall = longestPromptBytes(items, options.template, config) + PROMPT_OVERHEAD_TOKENS;
  const judgeCount = config.judges.length;
  const modelsWithoutPrice = new Set<string>();
  const judges = config.judges.map((judge, index): JudgeEstimate => {
    const judgeMatches =
      config.assignment === "panel"
        ? matches
        : Math.floor(matches / judgeCount) + (index < matches % judgeCount ? 1 : 0);
    const calls = judgeMatches * perMatch;
    const maxOutputTokens = judge.maxOutputTokens ?? (judge.provider === "anthropic" ? 1024 : undefined);
    const inputTokens = Math.round(calls * inputPerCall);
    const outputTokens = calls * Math.min(config.expectedOutputTokens, maxOutputTokens ?? Number.POSITIVE_INFINITY);
    // Only judges whose provider has a batch API go through one (at its discount); the others run online.
    const batch = config.batch.enabled && BATCH_PROVIDERS.has(judge.provider);
    const price = { model: judge.model, provider: judge.provider, batch };
    const costUsd = options.prices.costOf({ ...price, inputTokens, outputTokens });
    if (costUsd === undefined) modelsWithoutPrice.add(judge.model);
    const free =
      costUsd === 0 && calls > 0 && options.prices.costOf({ ...price, inputTokens: 1, outputTokens: 1 }) === 0;
    const worstCaseUsd = free
      ? 0
      : maxOutputTokens === undefined
        ? undefined
        : options.prices.costOf({
            ...price,
            inputTokens: calls * maxInputTokensPerCall,
            outputTokens: calls * maxOutputTokens,
          });
    return {
      judge: judge.id,
      model: judge.model,
      calls,
      inputTokens,
      outputTokens,
      costUsd,
      maxOutputTokens,
      worstCaseUsd,
      batch,
    };
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
    worstCaseUsd: judges.some((judge) => judge.worstCaseUsd === undefined)
      ? undefined
      : sum((judge) => judge.worstCaseUsd ?? 0),
    maxInputTokensPerCall,
    judges,
    modelsWithoutPrice: [...modelsWithoutPrice],
    method: "tokens ≈ characters / 4 of rendered prompts (±30%); adaptive schedules bounded by the stop rules",
  };
}

/** UTF-8 bytes of the prompt rendered for the two longest items (each cut to the template's `maxItemChars`). */
function longestPromptBytes(items: TournamentItems, template: JudgeTemplate, config: TournamentConfig): number {
  const limit = template.maxItemChars ?? Number.POSITIVE_INFINITY;
  const order = items.judgeItems
    .map((item, index) => ({
      index,
      bytes: Buffer.byteLength(item.text.slice(0, limit)) + Buffer.byteLength(item.title ?? ""),
    }))
    .sort((a, b) => b.bytes - a.bytes);
  const [a, b] = [order[0]?.index, order[1]?.index];
  if (a === undefined || b === undefined) return 0;
  const prompt = renderJudgePrompt({
    first: items.judgeItems[a]!,
    second: items.judgeItems[b]!,
    template,
    repetition: 0,
    ...(config.task === undefined ? {} : { task: config.task }),
    ...(config.rubric === undefined ? {} : { rubric: config.rubric }),
  });
  return Buffer.byteLength(prompt.system ?? "") + Buffer.byteLength(prompt.user);
}

/**
 * Matches the run will play: exact for round robin, else the bound from the stop rules (the hard per-item cap for
 * `target`), capped by `stop.maxMatches`.
 */
function estimateMatches(config: TournamentConfig, items: TournamentItems): { matches: number; exact: boolean } {
  const exact = config.scheduler.kind === "round-robin";
  const perItemCap =
    config.scheduler.kind === "target"
      ? (config.stop.hardMaxMatchesPerItem ?? 2 * config.stop.maxMatchesPerItem)
      : config.stop.maxMatchesPerItem;
  let matches = 0;
  for (const group of items.groups) {
    const size = group.length;
    matches += exact
      ? ((size * (size - 1)) / 2) * config.scheduler.cycles
      : Math.floor((Math.min(size - 1, perItemCap) * size) / 2);
  }
  if (config.stop.maxMatches !== undefined) matches = Math.min(matches, config.stop.maxMatches);
  return { matches, exact };
}

/** Mean input tokens (characters/4) of up to 64 prompts rendered for seeded random pairs. */
function meanSampledPromptTokens(config: TournamentConfig, items: TournamentItems, template: JudgeTemplate): number {
  const random = seededRandom(config.seed, "estimate");
  const samples = Math.min(64, items.ids.length * 2);
  let sampledTokens = 0;
  for (let sample = 0; sample < samples; sample++) {
    const a = Math.floor(random.next() * items.ids.length);
    const b = (a + 1 + Math.floor(random.next() * (items.ids.length - 1))) % items.ids.length;
    const prompt = renderJudgePrompt({
      first: items.judgeItems[a]!,
      second: items.judgeItems[b]!,
      template,
      repetition: 0,
      ...(config.task === undefined ? {} : { task: config.task }),
      ...(config.rubric === undefined ? {} : { rubric: config.rubric }),
    });
    sampledTokens += estimateTokens((prompt.system ?? "") + prompt.user);
  }
  return samples === 0 ? 0 : sampledTokens / samples;
}
