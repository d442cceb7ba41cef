/**
 * A token bucket that hands out reservations: `reserve(n)` takes n tokens at once (the balance may go negative)
 * and returns how long the caller must wait until the debt is refilled. Reservations are served in call order, so
 * a large request is not starved by small ones. `refund` returns over-reserved tokens (e.g. when a call used fewer
 * tokens than estimated) or charges extra when it used more.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    /** Most tokens the bucket holds (the burst size). */
    readonly capacity: number,
    /** Tokens added per millisecond. */
    readonly refillPerMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** A bucket for a per-minute limit with a burst of one second's worth (at least one unit). */
  static perMinute(limit: number, now: () => number = Date.now): TokenBucket {
    return new TokenBucket(Math.max(1, limit / 60), limit / 60_000, now);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
    this.updatedAt = now;
  }

  /** Takes `amount` tokens; returns the wait in milliseconds before the caller may proceed (0 when available). */
  reserve(amount: number): number {
    this.refill();
    this.tokens -= amount;
    return this.tokens >= 0 ? 0 : -this.tokens / this.refillPerMs;
  }

  /** Adds back `amount` tokens (negative to charge more). */
  refund(amount: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + amount);
  }
}
