import type { JudgeKind } from "@judgelab/schema";
import { hashUniform, logistic, logisticFromUniform } from "./hash-uniform.js";
import { JudgeCallError } from "./judge-call-error.js";
import type {
  JsonValue,
  JudgeCallContext,
  JudgeDecision,
  JudgeDescription,
  JudgeItem,
  JudgeRequest,
  JudgeResult,
  JudgeTemplate,
  PairwiseJudge,
} from "./judge-contract.js";
import { renderJudgePrompt } from "./prompt-template.js";

/** Latent truth about one item, supplied by the caller. */
export interface SimulatedItemTruth {
  /** Latent quality on the log-odds scale: a difference of 1 means odds e¹ ≈ 2.7 : 1 for a noise-free judge. */
  readonly quality: number;
  /** Family of the model that produced the item, for self-preference (absent: no self-preference applies). */
  readonly producerFamily?: string;
}

/** Parameters of a simulated judge (all biases default to 0, noise scale to 1). */
export interface SimulatedJudgeOptions {
  readonly id: string;
  /** Seed mixed into every draw; two judges with different seeds or ids draw independently. */
  readonly seed: string | number;
  readonly model?: string;
  readonly family?: string;
  /** Latent truth per item. Default: `item.metadata.quality` (number) and `item.metadata.producerFamily`. */
  readonly truth?: (item: JudgeItem) => SimulatedItemTruth;
  /** τ > 0: quality differences are divided by τ, so larger τ is a noisier judge. */
  readonly noiseScale?: number;
  /** β_pos: log-odds bonus for the item shown first. */
  readonly positionBias?: number;
  /** β_self: log-odds bonus for an item produced by the judge's own family. */
  readonly selfPreference?: number;
  /** β_len: log-odds bonus per unit of z-scored length difference (first minus second). */
  readonly lengthBias?: number;
  /** Mean and standard deviation of item text length in characters, for the z-scores (required when β_len ≠ 0). */
  readonly lengthStatistics?: { readonly mean: number; readonly sd: number };
  /** Tie probability for two evenly matched items with no bias, in [0, 1). */
  readonly tieRate?: number;
  /**
   * Graded verdicts: when set, a win whose latent margin |d| − θ exceeds this is `strong` (Arena-Hard `A>>B`),
   * otherwise `weak` (`A>B`). Unset: verdicts carry no strength.
   */
  readonly strongMargin?: number;
  /** Probability that a call ends in a refusal, independent of the items. */
  readonly refusalRate?: number;
  /**
   * Report a confidence with every verdict: the probability of the stated verdict under the judge's own model with
   * η and θ divided by this temperature T (see {@link simulatedVerdictProbabilities}). T = 1 is calibrated against
   * an independent draw of the same model (a gold labeller who follows the latent qualities); T < 1 is
   * overconfident, T > 1 underconfident (Guo et al. 2017's temperature). Unset: no confidence.
   */
  readonly confidenceTemperature?: number;
  /** Simulated latency: each call waits `mean ± jitter` milliseconds (uniform jitter). */
  readonly latency?: { readonly meanMs: number; readonly jitterMs?: number };
}

function defaultTruth(item: JudgeItem): SimulatedItemTruth {
  const quality = item.metadata?.quality;
  if (typeof quality !== "number" || !Number.isFinite(quality)) {
    throw new Error(
      `simulated judge: item "${item.id}" has no numeric metadata.quality; pass latent qualities via the truth option`,
    );
  }
  const family = item.metadata?.producerFamily;
  return typeof family === "string" ? { quality, producerFamily: family } : { quality };
}

/** Mean and (population) standard deviation of text lengths, for `lengthStatistics`. */
export function measureLengthStatistics(items: readonly JudgeItem[]): { mean: number; sd: number } {
  if (items.length === 0) throw new RangeError("measureLengthStatistics: no items");
  const lengths = items.map((item) => item.text.length);
  const mean = lengths.reduce((sum, length) => sum + length, 0) / lengths.length;
  const variance = lengths.reduce((sum, length) => sum + (length - mean) ** 2, 0) / lengths.length;
  return { mean, sd: Math.sqrt(variance) };
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new JudgeCallError({ code: "aborted", message: "simulated judge call aborted", provider: "simulated" }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The answer text a real judge would have written for this verdict, in the template's answer format. */
function renderAnswer(template: JudgeTemplate, verdict: JudgeDecision, rationale: string): string {
  if (template.answer.kind === "json") {
    const values = template.answer.winnerValues;
    const winner = verdict === "tie" ? (values.tie ?? "tie") : values[verdict];
    return JSON.stringify({ [template.answer.winnerField]: winner, [template.answer.rationaleField]: rationale });
  }
  return `${rationale}\n\n${verdict === "first" ? "[[A]]" : verdict === "second" ? "[[B]]" : "[[C]]"}`;
}

/**
 * Verdict probabilities of the threshold model: P(first) = σ(η − θ), P(second) = σ(−η − θ), P(tie) = the rest.
 */
export function simulatedVerdictProbabilities(
  eta: number,
  threshold: number,
): { first: number; second: number; tie: number } {
  const first = logistic(eta - threshold);
  const second = logistic(-eta - threshold);
  return { first, second, tie: Math.max(0, 1 - first - second) };
}

/**
 * A judge with known ground truth. For items i (shown first) and j (shown second) the log-odds of preferring the
 * first is
 *
 *   η = (q_i − q_j) / τ + β_pos + β_self · (s_i − s_j) + β_len · (z_i − z_j)
 *
 * where q is latent quality, τ the judge's noise scale, s_x = 1 when item x was produced by the judge's family
 * (else 0), and z_x = (length_x − mean) / sd. A standard logistic draw u is added, d = η + u, and with the tie
 * threshold θ = logit((1 + tieRate) / 2) the verdict is first when d > θ, second when d < −θ, and a tie otherwise
 * (a Rao–Kupper style threshold model): P(first) = σ(η − θ), P(second) = σ(−η − θ). For evenly matched items
 * (η = 0) P(tie) = tieRate; with tieRate = 0 this is Bradley–Terry with strengths q/τ plus the biases.
 * Independently, a call is a refusal with probability refusalRate. With `strongMargin` m, a win is `strong` when
 * |d| − θ > m and `weak` otherwise.
 *
 * Every draw is a hash of (seed, judge id, first id, second id, prompt id, repetition, purpose), not a shared random
 * stream, so a verdict depends only on what is asked: resumed, reordered or parallel runs reproduce it exactly.
 */
export function createSimulatedJudge(options: SimulatedJudgeOptions): PairwiseJudge & {
  /** Log-odds η and tie threshold θ this judge uses for a request (ground truth for tests and analytics). */
  logOdds(request: JudgeRequest): { eta: number; threshold: number };
} {
  const tieRate = options.tieRate ?? 0;
  const refusalRate = options.refusalRate ?? 0;
  checkSimulatedJudgeOptions(options);
  const threshold = tieRate === 0 ? 0 : Math.log((1 + tieRate) / (1 - tieRate));
  const model = options.model ?? "simulated";
  const kind: JudgeKind = "simulated";
  const parameters = describeSimulatedParameters(options);
  const logOdds = createLogOdds(options, threshold);

  const judge = async (request: JudgeRequest, context: JudgeCallContext = {}): Promise<JudgeResult> => {
    if (context.signal?.aborted) {
      throw new JudgeCallError({ code: "aborted", message: "simulated judge call aborted", provider: "simulated" });
    }
    const key = [
      options.seed,
      options.id,
      request.first.id,
      request.second.id,
      request.promptId ?? "",
      request.repetition,
    ];
    const latencyMs = await simulateLatency(options.latency, key, context);
    const prompt = renderJudgePrompt(request);
    const inputTokens = Math.ceil(((prompt.system?.length ?? 0) + prompt.user.length) / 4);
    if (hashUniform([...key, "refusal"]) < refusalRate) return simulatedRefusal(inputTokens, latencyMs);
    const { eta } = logOdds(request);
    const difference = eta + logisticFromUniform(hashUniform([...key, "verdict"]));
    const { verdict, strength } = decideVerdict(difference, threshold, options.strongMargin);
    const rationale = `Simulated verdict: ${verdict} (P(first) = ${logistic(eta - threshold).toFixed(3)}).`;
    const temperature = options.confidenceTemperature;
    const probabilities =
      temperature === undefined ? undefined : simulatedVerdictProbabilities(eta / temperature, threshold / temperature);
    const text = renderAnswer(request.template, verdict, rationale);
    return {
      type: "verdict",
      verdict,
      ...(strength === undefined ? {} : { strength }),
      rationale,
      parsedFrom: "simulated",
      text,
      usage: { inputTokens, outputTokens: Math.ceil(text.length / 4) },
      raw: { simulated: true, eta, threshold, difference },
      latencyMs,
      responseModel: model,
      ...(probabilities === undefined ? {} : confidenceFields(probabilities, verdict)),
    };
  };

  return {
    id: options.id,
    kind,
    provider: "simulated",
    model,
    ...(options.family === undefined ? {} : { family: options.family }),
    describe: (): JudgeDescription => ({
      id: options.id,
      kind,
      provider: "simulated",
      model,
      ...(options.family === undefined ? {} : { family: options.family }),
      parameters,
    }),
    judge,
    logOdds,
  };
}

/** Refuses options the model cannot use (a RangeError naming the judge). */
function checkSimulatedJudgeOptions(options: SimulatedJudgeOptions): void {
  const tieRate = options.tieRate ?? 0;
  const refusalRate = options.refusalRate ?? 0;
  if (!((options.noiseScale ?? 1) > 0)) throw new RangeError(`simulated judge "${options.id}": noiseScale must be > 0`);
  if (!(tieRate >= 0 && tieRate < 1))
    throw new RangeError(`simulated judge "${options.id}": tieRate must be in [0, 1)`);
  if (!(refusalRate >= 0 && refusalRate <= 1)) {
    throw new RangeError(`simulated judge "${options.id}": refusalRate must be in [0, 1]`);
  }
  if ((options.lengthBias ?? 0) !== 0 && options.lengthStatistics === undefined) {
    throw new RangeError(`simulated judge "${options.id}": lengthBias needs lengthStatistics (mean and sd of lengths)`);
  }
}

/** The judge's `describe().parameters` (everything that changes its verdicts, so part of cache keys). */
function describeSimulatedParameters(options: SimulatedJudgeOptions): Record<string, JsonValue> {
  return {
    seed: String(options.seed),
    noiseScale: options.noiseScale ?? 1,
    positionBias: options.positionBias ?? 0,
    selfPreference: options.selfPreference ?? 0,
    lengthBias: options.lengthBias ?? 0,
    tieRate: options.tieRate ?? 0,
    refusalRate: options.refusalRate ?? 0,
    // Only when set, so that judges without grading keep their existing cache keys.
    ...(options.strongMargin === undefined ? {} : { strongMargin: options.strongMargin }),
    ...(options.confidenceTemperature === undefined ? {} : { confidenceTemperature: options.confidenceTemperature }),
    ...(options.lengthStatistics === undefined ? {} : { lengthStatistics: { ...options.lengthStatistics } }),
  };
}

/**
 * Waits the call's simulated latency (mean ± jitter, hashed from the call's key) and returns it; a latency over
 * the call's timeout waits the timeout and throws a "timeout" JudgeCallError, as a provider would.
 */
async function simulateLatency(
  latency: SimulatedJudgeOptions["latency"],
  key: readonly (string | number)[],
  context: JudgeCallContext,
): Promise<number> {
  if (latency === undefined) return 0;
  const jitter = latency.jitterMs ?? 0;
  const latencyMs = Math.max(0, latency.meanMs + (2 * hashUniform([...key, "latency"]) - 1) * jitter);
  if (context.timeoutMs !== undefined && latencyMs > context.timeoutMs) {
    await sleep(context.timeoutMs, context.signal);
    throw new JudgeCallError({
      code: "timeout",
      message: `simulated judge timed out after ${context.timeoutMs} ms`,
      provider: "simulated",
    });
  }
  await sleep(latencyMs, context.signal);
  return latencyMs;
}

/** A refusal as the simulated judge returns it (recorded as data, not thrown). */
function simulatedRefusal(inputTokens: number, latencyMs: number): JudgeResult {
  const text = "I'm sorry, but I can't help with comparing these.";
  return {
    type: "failure",
    kind: "refusal",
    message: "the simulated judge refused",
    text,
    usage: { inputTokens, outputTokens: Math.ceil(text.length / 4) },
    raw: { simulated: true, refusal: true },
    latencyMs,
  };
}

/** The verdict of a draw d against the tie threshold θ, and its strength when `strongMargin` grades wins. */
function decideVerdict(
  difference: number,
  threshold: number,
  strongMargin: number | undefined,
): { verdict: JudgeDecision; strength: "strong" | "weak" | undefined } {
  const verdict: JudgeDecision = difference > threshold ? "first" : difference < -threshold ? "second" : "tie";
  const strength =
    strongMargin === undefined || verdict === "tie"
      ? undefined
      : Math.abs(difference) - threshold > strongMargin
        ? ("strong" as const)
        : ("weak" as const);
  return { verdict, strength };
}

/** η and θ of a request (see {@link createSimulatedJudge}). */
function createLogOdds(
  options: SimulatedJudgeOptions,
  threshold: number,
): (request: JudgeRequest) => { eta: number; threshold: number } {
  const noiseScale = options.noiseScale ?? 1;
  const positionBias = options.positionBias ?? 0;
  const selfPreference = options.selfPreference ?? 0;
  const lengthBias = options.lengthBias ?? 0;
  const truth = options.truth ?? defaultTruth;
  const zScore = (item: JudgeItem): number => {
    const statistics = options.lengthStatistics;
    if (statistics === undefined || statistics.sd === 0) return 0;
    return (item.text.length - statistics.mean) / statistics.sd;
  };
  const ownFamily = (item: SimulatedItemTruth): number =>
    options.family !== undefined && item.producerFamily === options.family ? 1 : 0;

  return (request: JudgeRequest): { eta: number; threshold: number } => {
    const first = truth(request.first);
    const second = truth(request.second);
    const eta =
      (first.quality - second.quality) / noiseScale +
      positionBias +
      selfPreference * (ownFamily(first) - ownFamily(second)) +
      lengthBias * (zScore(request.first) - zScore(request.second));
    return { eta, threshold };
  };
}

/** The stated confidence, preference and verdict log-probabilities of a simulated verdict. */
function confidenceFields(
  probabilities: ReturnType<typeof simulatedVerdictProbabilities>,
  verdict: "first" | "second" | "tie",
) {
  return {
    confidence: probabilities[verdict],
    preference: probabilities.second + probabilities.tie / 2,
    verdictLogprobs: {
      first: Math.log(probabilities.first),
      second: Math.log(probabilities.second),
      ...(probabilities.tie > 0 ? { tie: Math.log(probabilities.tie) } : {}),
    },
  };
}
