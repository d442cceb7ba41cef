import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./call-with-retries.js";
import { ProviderLimiter } from "./provider-limiter.js";
import { seededRandom } from "./seeded-random.js";
import { TokenBucket } from "./token-bucket.js";

describe("TokenBucket", () => {
  it("serves a burst, then paces reservations at the refill rate", () => {
    let now = 0;
    const bucket = TokenBucket.perMinute(600, () => now); // 10 per second, burst 10
    const waits = Array.from({ length: 15 }, () => bucket.reserve(1));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([100, 200, 300, 400, 500]);
    now = 1500; // debt of 5 repaid, 10 more refilled but capped at the burst size
    expect(bucket.reserve(10)).toBe(0);
    expect(bucket.reserve(1)).toBe(100);
  });

  it("refunds over-reserved tokens and charges extra usage", () => {
    let now = 0;
    const bucket = new TokenBucket(100, 0.1, () => now);
    expect(bucket.reserve(150)).toBe(500);
    bucket.refund(60); // the call used 90, not 150
    expect(bucket.reserve(0)).toBe(0);
    bucket.refund(-50);
    expect(bucket.reserve(0)).toBe(400);
    now = 400;
    expect(bucket.reserve(0)).toBe(0);
  });
});

describe("ProviderLimiter", () => {
  it("never lets more than `concurrency` calls run at once", async () => {
    const limiter = new ProviderLimiter({ concurrency: 3 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await limiter.acquire(0);
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(limiter.active).toBe(0);
  });

  it("paces calls to the requests-per-minute limit after the one-second burst", async () => {
    const limiter = new ProviderLimiter({ concurrency: 50, requestsPerMinute: 3000 }); // 50/s, burst 50
    const started = performance.now();
    await Promise.all(Array.from({ length: 75 }, async () => (await limiter.acquire(0))()));
    expect(performance.now() - started).toBeGreaterThanOrEqual(480);
  });

  it("paces calls to the tokens-per-minute limit and credits back unused reservations", async () => {
    const limiter = new ProviderLimiter({ concurrency: 10, tokensPerMinute: 60_000 }); // 1,000 tokens/s, burst 1,000
    const started = performance.now();
    // Three calls reserving 800 tokens each: the third waits for ~600 tokens of refill (~0.6 s)...
    const releases = [await limiter.acquire(800), await limiter.acquire(800)];
    const third = await limiter.acquire(800);
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    // ...but calls that used only 100 tokens each give 700 back, so the next one starts at once.
    for (const release of [...releases, third]) release(100);
    const before = performance.now();
    (await limiter.acquire(800))();
    expect(performance.now() - before).toBeLessThan(100);
  });

  it("holds new calls after a 429 pause and gives up waiting when aborted", async () => {
    const limiter = new ProviderLimiter({ concurrency: 2 });
    limiter.pause(60);
    const started = performance.now();
    (await limiter.acquire(0))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    limiter.pause(10_000);
    const controller = new AbortController();
    const waiting = limiter.acquire(0, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(limiter.active).toBe(0);
  });
});

describe("backoffDelayMs", () => {
  const retry = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
  it("draws full jitter in [0, min(max, base·2^(attempt−1))]", () => {
    const random = seededRandom(1, "test");
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(1000, 100 * 2 ** (attempt - 1));
      for (let draw = 0; draw < 50; draw++) {
        const delay = backoffDelayMs({ attempt, retry, random });
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("never retries sooner than Retry-After, even beyond the cap", () => {
    const random = seededRandom(2, "test");
    expect(backoffDelayMs({ attempt: 1, retry, random, retryAfterMs: 5000 })).toBe(5000);
  });
});
