import { abortableSleep } from "./abortable-sleep.js";
import { TokenBucket } from "./token-bucket.js";

/** Limits of one provider: concurrent calls and optional requests/tokens per minute. */
export interface ProviderLimits {
  readonly concurrency: number;
  readonly requestsPerMinute?: number | undefined;
  readonly tokensPerMinute?: number | undefined;
}

/**
 * Paces the calls to one provider: at most `concurrency` in flight (a FIFO semaphore), a requests-per-minute and a
 * tokens-per-minute token bucket (tokens reserved from an estimate, corrected with the real usage afterwards), and
 * a shared pause after a 429 with Retry-After so that one throttled call slows every call to that provider.
 */
export class ProviderLimiter {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly requests: TokenBucket | undefined;
  private readonly tokens: TokenBucket | undefined;
  private pausedUntil = 0;

  constructor(
    readonly limits: ProviderLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.requests =
      limits.requestsPerMinute === undefined ? undefined : TokenBucket.perMinute(limits.requestsPerMinute, now);
    this.tokens = limits.tokensPerMinute === undefined ? undefined : TokenBucket.perMinute(limits.tokensPerMinute, now);
  }

  /** Number of calls in flight. */
  get active(): number {
    return this.inFlight;
  }

  /**
   * Waits for a slot and for the rate budgets, then returns a release function to call with the real token count
   * once the call is over. Rejects (releasing everything) when `signal` aborts while waiting.
   */
  async acquire(estimatedTokens: number, signal?: AbortSignal): Promise<(usedTokens?: number) => void> {
    if (this.inFlight >= this.limits.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.inFlight++;
    }
    let released = false;
    const release = (usedTokens?: number): void => {
      if (released) return;
      released = true;
      if (usedTokens !== undefined) this.tokens?.refund(estimatedTokens - usedTokens);
      const next = this.waiting.shift();
      if (next === undefined) this.inFlight--;
      else next();
    };
    try {
      const requestWait = this.requests?.reserve(1) ?? 0;
      const tokenWait = this.tokens?.reserve(estimatedTokens) ?? 0;
      const pauseWait = this.pausedUntil - this.now();
      await abortableSleep(Math.max(requestWait, tokenWait, pauseWait), signal);
    } catch (error) {
      release(estimatedTokens);
      throw error;
    }
    return release;
  }

  /** Holds every new call to this provider for `ms` (after a 429 with Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
