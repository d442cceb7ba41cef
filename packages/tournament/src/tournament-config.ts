import { z } from "zod";

/**
 * The tournament configuration (YAML on disk, validated here). Every field has a default except the judges and
 * the items source, so a minimal config is a dozen lines. API keys are never part of the config: a judge names the
 * environment variable that holds its key (`apiKeyEnv`) and only the CLI reads it.
 */

const positiveInteger = z.number().int().positive();
const nonNegativeNumber = z.number().nonnegative();

/** Providers the runner can build judges for. `openai-compatible` covers vLLM, Ollama and OpenRouter by base URL. */
export const providerSchema = z.enum([
  "openai",
  "openai-responses",
  "anthropic",
  "gemini",
  "openai-compatible",
  "simulated",
  "replay",
]);
/** A judge provider name. */
export type Provider = z.infer<typeof providerSchema>;

/** Parameters of a simulated judge (the judges package's `createSimulatedJudge`; all default to an unbiased judge). */
export const simulationSchema = z.strictObject({
  /** τ > 0: latent quality differences are divided by τ (larger is noisier). */
  noiseScale: z.number().positive().default(1),
  /** Log-odds bonus for the item shown first (negative favours the second). */
  positionBias: z.number().default(0),
  /** Log-odds bonus for items produced by the judge's own family. */
  selfPreference: z.number().default(0),
  /** Log-odds bonus per unit of z-scored length difference. */
  lengthBias: z.number().default(0),
  tieRate: z.number().min(0).lt(1).default(0),
  refusalRate: z.number().min(0).max(1).default(0),
  /** Report a confidence per verdict at this temperature (1 calibrated, < 1 overconfident); unset: none. */
  confidenceTemperature: z.number().positive().optional(),
  /** Simulated latency per call. */
  latencyMs: nonNegativeNumber.optional(),
});

/** One judge of the tournament. */
export const judgeConfigSchema = z.strictObject({
  id: z.string().min(1),
  provider: providerSchema,
  model: z.string().min(1),
  family: z.string().optional(),
  /** Base URL of the API (self-hosted servers, proxies, local fakes in tests). */
  baseURL: z.url().optional(),
  /**
   * NAME of the environment variable holding the key (never the key itself); `none` for a server without keys
   * (openai-compatible only). A named variable that is unset is an error, never a request without a key.
   */
  apiKeyEnv: z
    .union([
      z.literal("none"),
      z
        .string()
        .regex(
          /^[A-Z_][A-Z0-9_]*$/,
          "must be an environment variable name such as OPENAI_API_KEY (not a key), or none for a server without keys",
        ),
    ])
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxOutputTokens: positiveInteger.optional(),
  /**
   * Ask the provider for the top N log-probabilities of each answer token (openai, openai-responses, gemini,
   * openai-compatible): the verdict token's alternatives give each comparison a `confidence`, `verdictLogprobs` and
   * a logprob-weighted `preference`.
   */
  topLogprobs: z.number().int().min(1).max(20).optional(),
  simulation: simulationSchema.optional(),
  /** For `replay`: the dataset folder whose verdicts are served; `model` names the dataset's judge id to replay. */
  replayDataset: z.string().optional(),
});
/** Configuration of one judge. */
export type JudgeConfig = z.infer<typeof judgeConfigSchema>;

/**
 * Synthetic items for simulations: `count` papers with latent quality ~ Normal(0, qualitySd) in
 * `metadata.quality`, spread round-robin over `categories`, with abstracts of varying length.
 */
export const syntheticItemsSchema = z.strictObject({
  count: z.number().int().min(2),
  categories: z.array(z.string().min(1)).min(1).default(["General"]),
  qualitySd: z.number().positive().default(1.5),
});

/** Where the items come from: a canonical dataset folder, an items JSONL file, inline records, or synthetic. */
export const itemsSourceSchema = z.union([
  z.strictObject({ synthetic: syntheticItemsSchema }),
  z.strictObject({ dataset: z.string().min(1), limit: positiveInteger.optional() }),
  z.strictObject({ file: z.string().min(1), limit: positiveInteger.optional() }),
  z.strictObject({ inline: z.array(z.record(z.string(), z.unknown())).min(2) }),
]);

/** Scheduling schemes (see `plan-round.ts`). */
export const schedulerKindSchema = z.enum(["random", "round-robin", "swiss", "uncertainty", "seed-system", "target"]);
/** A scheduling scheme name. */
export type SchedulerKind = z.infer<typeof schedulerKindSchema>;

/**
 * The `target` scheduler's precision target and tuning (see `plan-target-round.ts`). The run stops once the target
 * is met: with `topK`, every item among the top `topK` of its group (by posterior mean) has a rank interval of
 * width (upper − lower rank) at most `rankWidth`; without it, the median rank width over all items is at most
 * `rankWidth`.
 */
export const targetSchema = z.strictObject({
  /** W: the largest acceptable width of a rank interval (0 = rank known exactly). */
  rankWidth: nonNegativeNumber.default(2),
  /** Aim at the top `topK` of each group; unset: at the whole ranking (median width). */
  topK: positiveInteger.optional(),
  /** Level of the rank intervals (and 1 − α of the anytime-valid ones). */
  level: z.number().gt(0).lt(1).default(0.95),
  /** λ of the N(0, 1/λ) prior on the log-strengths (keeps the posterior proper from the first round). */
  prior: z.number().positive().default(0.5),
  /**
   * How a candidate pair is scored: `order`, the expected gain in the probability of ordering it correctly, or
   * `variance`, the expected reduction of the variance of its strength difference (see pair-information.ts).
   */
  criterion: z.enum(["order", "variance"]).default("order"),
  /**
   * For a full-ranking target (no `target.topK`): extra weight of pairs that straddle the top-k boundary (one item
   * in the top `scheduler.topK` by posterior mean, the other not): their score is multiplied by
   * 1 + `boundaryWeight`, so the ranking also settles who is in the top k early (the seed system's strength).
   * 0 = off; the default 10 was the best of 0, 3, 10 and 30 in `pnpm bench scheduling` (docs/metrics.md). With
   * `target.topK` it is not used: the proposers are already the top-k contenders, and weighting the boundary there
   * ended a top-5 stop-rule run `plan-exhausted` instead of `converged`.
   */
  boundaryWeight: z.number().nonnegative().default(10),
  /** Candidate opponents per unresolved item: its nearest unplayed neighbours by posterior mean. */
  neighbours: positiveInteger.default(8),
  /** Matches planned per round and group; default: half the group's size (rounded up). */
  matchesPerRound: positiveInteger.optional(),
  /** Normal draws from the posterior for the rank intervals. */
  draws: positiveInteger.default(300),
  /**
   * Stop on anytime-valid rank intervals (pairwise normal-mixture confidence sequences, Bonferroni over the pairs
   * examined) instead of the posterior's, so checking after every round does not inflate the error rate.
   */
  anytime: z.boolean().default(false),
});
/** The `target` scheduler's settings. */
export type TargetSettings = z.infer<typeof targetSchema>;

/** How rounds are planned (see `planRound`). */
export const schedulerSchema = z.strictObject({
  kind: schedulerKindSchema.default("seed-system"),
  /** At most this many matches per item in one round (the seed system uses 3). */
  matchesPerItemPerRound: positiveInteger.default(3),
  /** Size of the group at the top of each category that plays a full round robin (the seed system uses 10). */
  topK: positiveInteger.default(10),
  /** Schedule within categories (items without one form a single group). */
  byCategory: z.boolean().default(true),
  /** `round-robin`: how many times every pair is played. */
  cycles: positiveInteger.default(1),
  /** `target`: the precision to reach and how pairs are chosen (`targetSchema`). */
  target: targetSchema.prefault({}),
});

/** Stop rules, checked between rounds on ratings recomputed from the log. */
export const stopSchema = z.strictObject({
  /** An item has converged when its TrueSkill σ is at most this. */
  sigma: nonNegativeNumber.default(2.5),
  /** The top `scheduler.topK` items of a category need σ at most this. */
  topSigma: nonNegativeNumber.default(2.0),
  /** An item has converged after this many matches regardless of σ. */
  maxMatchesPerItem: positiveInteger.default(50),
  /** Undefeated and winless items keep playing (up to `hardMaxMatchesPerItem`). */
  keepPlayingUndefeated: z.boolean().default(true),
  /** Absolute cap per item, also for undefeated/winless items. Defaults to 2 × maxMatchesPerItem. */
  hardMaxMatchesPerItem: positiveInteger.optional(),
  /** Optional: an item also needs its win-rate Wilson 95% half-width at most this (the seed system aims at 0.15). */
  wilsonHalfWidth: z.number().positive().max(1).optional(),
  /** Total match budget of the run. */
  maxMatches: positiveInteger.optional(),
  maxRounds: positiveInteger.default(1000),
});

/** Per-provider limits. Unset RPM/TPM means unlimited. */
export const limitSchema = z.strictObject({
  concurrency: positiveInteger.default(8),
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
});
/** Concurrency and rate limits of one provider. */
export type LimitConfig = z.infer<typeof limitSchema>;

/** Retries of retryable transport errors: full-jitter exponential backoff, never sooner than Retry-After. */
export const retrySchema = z.strictObject({
  /** Attempts per comparison including the first (1 = no retry). */
  maxAttempts: positiveInteger.default(6),
  baseDelayMs: nonNegativeNumber.default(500),
  maxDelayMs: nonNegativeNumber.default(60_000),
});
/** Retry policy. */
export type RetryConfig = z.infer<typeof retrySchema>;

/** Price of a model in US dollars per million tokens. */
export const modelPriceSchema = z.strictObject({
  inputPerMillion: nonNegativeNumber,
  outputPerMillion: nonNegativeNumber,
  /** Batch APIs bill less (OpenAI and Anthropic: 50%). */
  batchDiscount: z.number().min(0).max(1).optional(),
});
/** Price of one model. */
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** The whole tournament config (YAML on disk); see apps/cli/examples for one per provider. */
export const tournamentConfigSchema = z.strictObject({
  name: z.string().min(1).default("tournament"),
  description: z.string().optional(),
  seed: z.number().int().nonnegative().default(0),
  /** Run folder (relative to the config file). */
  runDir: z.string().min(1).default("run"),
  /** Response cache file shared by runs (relative to the config file); default `<runDir>/cache.jsonl`. */
  cacheFile: z.string().min(1).optional(),
  items: itemsSourceSchema,
  /** Built-in template id (`paper-impact`, `mt-bench`) or a user template file. */
  template: z.union([z.string().min(1), z.strictObject({ file: z.string().min(1) })]).default("paper-impact"),
  task: z.string().optional(),
  rubric: z.string().optional(),
  judges: z.array(judgeConfigSchema).min(1),
  order: z.enum(["random", "both", "fixed"]).default("random"),
  assignment: z.enum(["rotate", "panel"]).default("rotate"),
  repetitions: positiveInteger.default(1),
  scheduler: schedulerSchema.prefault({}),
  stop: stopSchema.prefault({}),
  /** Limits per provider name; `default` applies to providers not listed. */
  limits: z.record(z.string(), limitSchema).default({}),
  retries: retrySchema.prefault({}),
  timeoutMs: positiveInteger.default(120_000),
  /** Prices per model name, overriding the dated defaults. */
  prices: z.record(z.string(), modelPriceSchema).default({}),
  budget: z.strictObject({ maxCostUsd: z.number().positive().optional() }).prefault({}),
  batch: z
    .strictObject({
      enabled: z.boolean().default(false),
      pollIntervalMs: positiveInteger.default(30_000),
      /** Give up waiting for a batch after this long (providers complete within 24 h). */
      maxWaitMs: positiveInteger.default(26 * 3600 * 1000),
    })
    .prefault({}),
  /**
   * An answer without a readable verdict is asked again, up to `reask` times (each re-ask a fresh call with its own
   * cache key); after that the comparison is final `invalid`: recorded, counted, never called again. Every raw
   * answer stays in the log.
   */
  onUnparseable: z.strictObject({ reask: z.number().int().nonnegative().default(2) }).prefault({}),
  /** Expected output tokens per call, for `--dry-run` estimates and TPM reservations. */
  expectedOutputTokens: positiveInteger.default(250),
});

/** A validated tournament configuration (defaults filled in). */
export type TournamentConfig = z.infer<typeof tournamentConfigSchema>;
/** A tournament configuration as written (defaults optional). */
export type TournamentConfigInput = z.input<typeof tournamentConfigSchema>;
