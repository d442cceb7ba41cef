import { describe, expect, it } from "vitest";
import { startAttempt } from "./attempt-signal.js";

describe("startAttempt", () => {
  it("aborts at its deadline and says it timed out", async () => {
    const attempt = startAttempt(20);
    expect(attempt.signal.aborted).toBe(false);
    await new Promise((resolve) => attempt.signal.addEventListener("abort", resolve));
    expect(attempt.timedOut).toBe(true);
    expect((attempt.signal.reason as DOMException).name).toBe("TimeoutError");
    attempt.end();
  });

  it("aborts with the abandon signal's reason, already aborted or later, without timing out", () => {
    const abandon = new AbortController();
    const attempt = startAttempt(10_000, abandon.signal);
    abandon.abort("second interrupt");
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("second interrupt");
    expect(attempt.timedOut).toBe(false);
    attempt.end();
    const late = startAttempt(10_000, abandon.signal);
    expect(late.signal.aborted).toBe(true);
    late.end();
  });

  it("after end, neither the deadline nor the abandon signal aborts it", async () => {
    const abandon = new AbortController();
    const attempt = startAttempt(10, abandon.signal);
    attempt.end();
    await new Promise((resolve) => setTimeout(resolve, 40));
    abandon.abort();
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut).toBe(false);
  });
});
