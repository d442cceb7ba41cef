import { describe, expect, it } from "vitest";
import { mapProviderError } from "./adapters/call-provider.js";
import {
  isRetryableJudgeCallErrorCode,
  JudgeCallError,
  judgeCallErrorCodeForStatus,
  parseRetryAfterMs,
} from "./judge-call-error.js";

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");

  it("reads retry-after-ms first, then Retry-After seconds or HTTP date", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "7" }), now)).toBe(7000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "1.5" }), now)).toBe(1500);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Thu, 26 Nov 2026 12:00:30 GMT" }), now)).toBe(30_000);
    expect(parseRetryAfterMs({ "Retry-After": "3" }, now)).toBe(3000);
    expect(parseRetryAfterMs({ "retry-after": ["4"] }, now)).toBe(4000);
  });

  it("clamps past dates to zero and ignores garbage and absence", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Thu, 26 Nov 2026 11:59:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers({ "retry-after-ms": "-5" }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe("JudgeCallError codes", () => {
  it("maps statuses to codes and codes to retryability", () => {
    const table: Array<[number, string, boolean]> = [
      [400, "bad-request", false],
      [401, "auth", false],
      [403, "auth", false],
      [404, "bad-request", false],
      [408, "timeout", true],
      [409, "rate-limited", true],
      [422, "bad-request", false],
      [429, "rate-limited", true],
      [500, "server", true],
      [502, "server", true],
      [503, "server", true],
      [529, "server", true],
    ];
    for (const [status, code, retryable] of table) {
      expect(judgeCallErrorCodeForStatus(status)).toBe(code);
      expect(isRetryableJudgeCallErrorCode(judgeCallErrorCodeForStatus(status))).toBe(retryable);
    }
    expect(isRetryableJudgeCallErrorCode("network")).toBe(true);
    expect(isRetryableJudgeCallErrorCode("malformed-response")).toBe(true);
    expect(isRetryableJudgeCallErrorCode("aborted")).toBe(false);
  });

  it("is recognised by its marker, not by name, and serialises its fields without the cause", () => {
    const error = new JudgeCallError({
      code: "rate-limited",
      message: "slow down",
      provider: "openai",
      status: 429,
      retryAfterMs: 1000,
      cause: new Error("inner"),
    });
    expect(JudgeCallError.isInstance(error)).toBe(true);
    expect(JudgeCallError.isInstance(Object.assign(new Error("x"), { name: "JudgeCallError" }))).toBe(false);
    expect(JudgeCallError.isInstance(undefined)).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "JudgeCallError",
      code: "rate-limited",
      message: "slow down",
      provider: "openai",
      status: 429,
      retryAfterMs: 1000,
      isRetryable: true,
    });
  });
});

describe("mapProviderError", () => {
  const endpoint = {
    provider: "gemini",
    url: "http://127.0.0.1:1/v1beta/models/m:generateContent",
    secret: "AIza-secret-key",
  };

  it("reads Gemini RetryInfo retryDelay when no header is present and scrubs the key", () => {
    const body = {
      error: {
        code: 429,
        message: "quota exceeded for key AIza-secret-key",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }],
      },
    };
    const apiError = Object.assign(new Error(JSON.stringify(body)), { name: "ApiError", status: 429 });
    const mapped = mapProviderError(apiError, endpoint);
    expect(mapped).toMatchObject({ code: "rate-limited", status: 429, retryAfterMs: 12_000, provider: "gemini" });
    expect(mapped.message).not.toContain("AIza-secret-key");
    expect(mapped.responseBody).toContain("[redacted]");
  });

  it("maps socket failures to network, JSON syntax errors to malformed-response, unknown errors to network", () => {
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    expect(mapProviderError(reset, endpoint).code).toBe("network");
    expect(mapProviderError(new SyntaxError("Unexpected end of JSON input"), endpoint).code).toBe("malformed-response");
    expect(mapProviderError(new Error("something odd"), endpoint).code).toBe("network");
  });
});

describe("credentials in URLs", () => {
  it("are redacted from error messages, URLs and bodies, and from any text holding URLs", async () => {
    const { redactUrlSecrets } = await import("./adapters/redact-secret.js");
    expect(redactUrlSecrets("https://user:sk-abc@proxy.example/v1")).toBe("https://[redacted]@proxy.example/v1");
    expect(redactUrlSecrets("https://h/v1?api-version=2&api-key=sk-1&KEY=2&token=t#x")).toBe(
      "https://h/v1?api-version=2&api-key=[redacted]&KEY=[redacted]&token=[redacted]#x",
    );
    expect(redactUrlSecrets("POST http://a:b@h/x?apikey=z failed")).toBe(
      "POST http://[redacted]@h/x?apikey=[redacted] failed",
    );
    const plain = "http://127.0.0.1:8000/v1?api-version=2024-01-01";
    expect(redactUrlSecrets(plain)).toBe(plain);
    const error = new JudgeCallError({
      code: "network",
      provider: "openai",
      message: "connection to https://me:hunter22@h/v1?key=abcd failed",
      url: "https://me:hunter22@h/v1?key=abcd",
      responseBody: '{"echo":"https://me:hunter22@h"}',
    });
    const written = JSON.stringify(error.toJSON());
    expect(written).not.toContain("hunter22");
    expect(written).not.toContain("abcd");
  });
});
