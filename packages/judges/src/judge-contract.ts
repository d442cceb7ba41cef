import type { JudgeKind } from "@judgelab/schema";

/**
 * The judge contract: the only thing the tournament runner knows about judges.
 *
 * A judge answers one pairwise question: given two items in a presented order, which position wins? Adapters are
 * thin and make exactly one attempt per call. Order swapping, panels, retries, backoff, rate limits, caching and cost
 * accounting live once in the runner (`@judgelab/tournament`).
 *
 * Outcomes come in three shapes:
 * - a verdict (`JudgeVerdict`): the judge decided `first`, `second` or `tie`;
 * - a recorded failure (`JudgeFailure`): the call succeeded but yielded no verdict (refusal, unparseable text,
 *   content filter, truncation). It is data, paid for and worth recording, not an exception;
 * - a thrown `JudgeCallError` (see `judge-call-error.ts`): the call itself failed (HTTP 429/5xx, timeout, network,
 *   malformed response, abort). The runner decides whether to retry.
 */

/** JSON value, used for judge parameters that end up in cache keys. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One item as shown to a judge. */
export interface JudgeItem {
  /** Item id (for records and lookups; never shown to an LLM judge). */
  readonly id: string;
  readonly title?: string;
  /** The item's content: a paper abstract, a model answer. */
  readonly text: string;
  /** Optional pointwise assessment text shown with the item (the seed system's impact assessment). */
  readonly assessment?: string;
  /** Free metadata (e.g. latent quality or producer family for the simulated judge). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/**
 * How the answer is requested and read back.
 * - `json`: the judge answers `{"<winnerField>": <value>, "<rationaleField>": "..."}`; providers that support
 *   structured output get a JSON schema, the others a tolerant parser.
 * - `text`: free text with a marker such as `[[A]]`, read by the tolerant parser.
 */
export type JudgeAnswerFormat =
  | {
      readonly kind: "json";
      readonly winnerField: string;
      readonly rationaleField: string;
      /** Values of `winnerField` for each position; `tie` absent means ties are not allowed. */
      readonly winnerValues: { readonly first: string; readonly second: string; readonly tie?: string };
      readonly maxRationaleWords?: number;
      /**
       * A number field in [0, 1] where the judge states its probability that its verdict is right; recorded as the
       * comparison's `confidence` (absent: none asked for).
       */
      readonly confidenceField?: string;
    }
  | { readonly kind: "text"; readonly allowTies: boolean };

/**
 * A pairwise prompt template. Plain data (serializable), rendered by `renderJudgePrompt`.
 * `hash` is the sha256 (hex) of the template source and version and goes into every cache key and record.
 */
export interface JudgeTemplate {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  /** System prompt source with `{{variable}}` placeholders (optional). */
  readonly system?: string;
  /** User prompt source with `{{variable}}` placeholders. */
  readonly user: string;
  /** How positions are named to the judge, e.g. `Paper 1`/`Paper 2` or `Assistant A`/`Assistant B`. */
  readonly labels: { readonly first: string; readonly second: string };
  readonly answer: JudgeAnswerFormat;
  /** Each item's text is truncated to this many characters before rendering (the seed system uses 1,500). */
  readonly maxItemChars?: number;
  /** Each item's assessment text is truncated to this many characters before rendering. */
  readonly maxAssessmentChars?: number;
}

/** One pairwise judging request: two items in presented order plus what the judge is asked. */
export interface JudgeRequest {
  /** The item shown first (position A / Paper 1). */
  readonly first: JudgeItem;
  /** The item shown second (position B / Paper 2). */
  readonly second: JudgeItem;
  readonly template: JudgeTemplate;
  /** Task or question text (the MT-Bench question; for paper tournaments usually absent). */
  readonly task?: string;
  /** Id of the task or question, recorded as the comparison's `prompt` and used by the replay judge. */
  readonly promptId?: string;
  /** Rubric text inserted as `{{rubric}}`. */
  readonly rubric?: string;
  /** Repetition index (0-based) when the same ordered pair is judged several times. */
  readonly repetition: number;
  /** Extra template variables (user templates). Built-in names take precedence. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** Per-call options from the runner. */
export interface JudgeCallContext {
  /** Aborts the call; the judge throws `JudgeCallError` with code `aborted`. */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout; exceeding it throws `JudgeCallError` with code `timeout`. */
  readonly timeoutMs?: number;
}

/** Token usage of one call (0 when the provider reports none). */
export interface JudgeUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Positional verdict of a successful call. */
export type JudgeDecision = "first" | "second" | "tie";

/** A verdict. `raw` is the provider's response body (never headers or keys). */
export interface JudgeVerdict {
  readonly type: "verdict";
  readonly verdict: JudgeDecision;
  /** Graded strength where the answer gives one (`A>>B` is strong, `A>B` weak). */
  readonly strength?: "weak" | "strong";
  readonly rationale?: string;
  /** Whether the verdict came from validated structured output or from the tolerant text parser. */
  readonly parsedFrom: "structured" | "text" | "simulated" | "replay";
  /** The model's answer text (what was parsed). */
  readonly text: string;
  readonly usage: JudgeUsage;
  readonly raw: unknown;
  readonly latencyMs: number;
  /** Model name reported by the provider, when it differs from or refines the requested one. */
  readonly responseModel?: string;
  /**
   * The judge's probability that this verdict is right: from the verdict token's logprobs when the provider
   * returned them, else a stated confidence (the template's `confidenceField`).
   */
  readonly confidence?: number;
  /** Log-probabilities of the verdicts at the verdict token (see `readVerdictLogprobs`). */
  readonly verdictLogprobs?: { readonly first?: number; readonly second?: number; readonly tie?: number };
  /** P(second preferred) from the verdict token's logprobs, the weighted-annotator preference. */
  readonly preference?: number;
}

/**
 * Why a completed call yielded no verdict.
 * - `refusal`: the model declined (OpenAI `refusal`, Anthropic `stop_reason: "refusal"`, refusal wording).
 * - `content-filter`: a provider safety filter blocked the prompt or answer.
 * - `unparseable`: an answer without a decidable verdict (ambiguous, or no marker).
 * - `truncated`: the output hit the token limit before a verdict.
 * - `empty`: no answer text at all.
 * - `missing`: the replay judge has no recorded verdict for this request.
 */
export type JudgeFailureKind = "refusal" | "content-filter" | "unparseable" | "truncated" | "empty" | "missing";

/** A completed call without a verdict, recorded as data (with the raw text for audit). */
export interface JudgeFailure {
  readonly type: "failure";
  readonly kind: JudgeFailureKind;
  readonly message: string;
  readonly text?: string;
  readonly usage: JudgeUsage;
  readonly raw?: unknown;
  readonly latencyMs: number;
}

/** Result of one judge call. */
export type JudgeResult = JudgeVerdict | JudgeFailure;

/**
 * What identifies a judge's behaviour: everything that changes its answers (provider, model, temperature, max
 * tokens, base URL, simulation parameters). The runner hashes this, with the template hash, both items' content
 * hashes, the presented order and the repetition, into the response cache key. Never contains API keys.
 */
export interface JudgeDescription {
  readonly id: string;
  readonly kind: JudgeKind;
  readonly provider: string;
  readonly model: string;
  readonly family?: string;
  readonly parameters: Readonly<Record<string, JsonValue>>;
}

/** A pairwise judge. Implementations make one attempt per call and never retry. */
export interface PairwiseJudge {
  readonly id: string;
  readonly kind: JudgeKind;
  readonly provider: string;
  readonly model: string;
  /** Model family (e.g. `gpt`, `claude`, `gemini`), used for self-preference analysis. */
  readonly family?: string;
  describe(): JudgeDescription;
  judge(request: JudgeRequest, context?: JudgeCallContext): Promise<JudgeResult>;
}

/**
 * Wire protocols with a batch API. A judge implementing `BatchCapableJudge` can turn a request into the body of one
 * batch line and a batch result body back into a `JudgeResult`, so batch runs share prompts and parsing with
 * online calls.
 */
export type BatchProtocol = "openai-chat" | "anthropic-messages" | "gemini-generate-content";

/** A judge whose calls can go through a provider batch API. */
export interface BatchCapableJudge extends PairwiseJudge {
  readonly batchProtocol: BatchProtocol;
  /** The request body this judge would send online for `request` (without transport options). */
  buildRequestBody(request: JudgeRequest): Record<string, unknown>;
  /** Reads one successful response body (online or from a batch result) into a result. */
  parseResponseBody(request: JudgeRequest, body: unknown, latencyMs: number): JudgeResult;
}
