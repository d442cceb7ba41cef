import { JudgeCallError, type JudgeRequest, type JudgeResult, type PairwiseJudge } from "@judgelab/judges";
import { abortableSleep } from "./abortable-sleep.js";
import { startAttempt } from "./attempt-signal.js";
import type { ProviderLimiter } from "./provider-limiter.js";
import type { Random } from "./seeded-random.js";
import type { RetryConfig } from "./tournament-config.js";

/** Outcome of a call with retries: a result (verdict or judge-side failure) or the last transport error. */
export type CallOutcome =
  | { readonly type: "result"; readonly result: JudgeResult; readonly attempts: number }
  | { readonly type: "error"; readonly error: JudgeCallError; readonly attempts: number };

/** `callWithRetries` also ends `skipped` when `beforeSend` vetoed an attempt: nothing further was sent. */
export type CallWithRetriesOutcome = CallOutcome | { readonly type: "skipped"; readonly attempts: number };

/** A retry about to happen (for progress reporting). */
export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: JudgeCallError;
}

/**
 * Backoff before retry number `attempt` (1 = the first retry): "full jitter" (Brooker, AWS Architecture Blog 2015,
 * "Exponential Backoff And Jitter"): uniform in [0, min(maxDelay, base · 2^(attempt−1))]; never shorter than the
 * server's Retry-After.
 */
export function backoffDelayMs(options: {
  attempt: number;
  retry: RetryConfig;
  random: Random;
  retryAfterMs?: number | undefined;
}): number {
  const ceiling = Math.min(options.retry.maxDelayMs, options.retry.baseDelayMs * 2 ** (options.attempt - 1));
  const jittered = options.random.next() * ceiling;
  return Math.max(jittered, options.retryAfterMs ?? 0);
}

/**
 * Calls a judge once per attempt (adapters never retry), through the provider's limiter, retrying retryable
 * transport errors (429, 408, 409, 5xx, timeouts, dropped connections, malformed bodies) with backoff.
 * Each attempt has its own timeout. `abandon` aborts the attempt in flight and any wait; the outcome is then an
 * `aborted` error. Errors that are not `JudgeCallError`s are bugs and propagate.
 */
export async function callWithRetries(options: {
  judge: PairwiseJudge;
  request: JudgeRequest;
  limiter: ProviderLimiter;
  estimatedTokens: number;
  retry: RetryConfig;
  timeoutMs: number;
  random: Random;
  abandon?: AbortSignal | undefined;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
  /**
   * Asked right before each attempt is sent (after the limiter let it through): false skips it and ends the call as
   * `skipped`, e.g. once the judge's credentials were rejected by another call.
   */
  beforeSend?: (() => boolean) | undefined;
}): Promise<CallWithRetriesOutcome> {
  const { abandon } = options;
  let attempt = 0;
  for (;;) {
    attempt++;
    let release: ((usedTokens?: number) => void) | undefined;
    let error: JudgeCallError;
    try {
      release = await options.limiter.acquire(options.estimatedTokens, abandon);
      if (options.beforeSend?.() === false) return { type: "skipped", attempts: attempt - 1 };
      const attemptSignal = startAttempt(options.timeoutMs, abandon);
      try {
        const result = await options.judge.judge(options.request, {
          signal: attemptSignal.signal,
          timeoutMs: options.timeoutMs,
        });
        release(result.usage.inputTokens + result.usage.outputTokens);
        return { type: "result", result, attempts: attempt };
      } catch (thrown) {
        error = asJudgeCallError(thrown, options.judge.provider, attemptSignal.timedOut && abandon?.aborted !== true);
      } finally {
        attemptSignal.end();
      }
    } catch (thrown) {
      error = asJudgeCallError(thrown, options.judge.provider, false);
    } finally {
      release?.();
    }
    if (abandon?.aborted) {
      return { type: "error", error: abortedError(options.judge.provider, error), attempts: attempt };
    }
    if (!error.isRetryable || attempt >= options.retry.maxAttempts) return { type: "error", error, attempts: attempt };
    if (error.code === "rate-limited" && error.retryAfterMs !== undefined) options.limiter.pause(error.retryAfterMs);
    const delayMs = backoffDelayMs({
      attempt,
      retry: options.retry,
      random: options.random,
      retryAfterMs: error.retryAfterMs,
    });
    options.onRetry?.({ attempt, delayMs, error });
    try {
      await abortableSleep(delayMs, abandon);
    } catch {
      return { type: "error", error: abortedError(options.judge.provider, error), attempts: attempt };
    }
  }
}

function asJudgeCallError(thrown: unknown, provider: string, timedOut: boolean): JudgeCallError {
  if (JudgeCallError.isInstance(thrown)) {
    // A judge that reports its own abort when our timeout fired has timed out.
    if (thrown.code === "aborted" && timedOut) {
      return new JudgeCallError({ code: "timeout", provider, message: thrown.message, cause: thrown });
    }
    return thrown;
  }
  if (timedOut) return new JudgeCallError({ code: "timeout", provider, message: "the call timed out", cause: thrown });
  if (thrown instanceof Error && thrown.name === "AbortError") {
    return new JudgeCallError({ code: "aborted", provider, message: "the call was abandoned", cause: thrown });
  }
  throw thrown;
}

function abortedError(provider: string, cause: unknown): JudgeCallError {
  return new JudgeCallError({ code: "aborted", provider, message: "abandoned by a second interrupt", cause });
}
