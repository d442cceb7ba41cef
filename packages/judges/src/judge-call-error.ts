import { redactUrlSecrets } from "./adapters/redact-secret.js";

/**
 * The one error a judge call throws. Codes form a closed set so the runner can decide retries without string
 * matching. Expected per-item outcomes (refusals, unparseable answers) are not errors: they are `JudgeFailure` data.
 *
 * Messages and fields never contain API keys: adapters build messages from the status, the provider name, the URL
 * (which never carries a key here) and a short, key-scrubbed excerpt of the response body.
 */

/** Why a judge call failed. */
export type JudgeCallErrorCode =
  /** HTTP 429 (or 409 lock conflicts): slow down, honour `retryAfterMs`. */
  | "rate-limited"
  /** HTTP 5xx (including 529 overloaded). */
  | "server"
  /** The per-attempt timeout elapsed, or HTTP 408. */
  | "timeout"
  /** Connection refused, reset or dropped before a complete response. */
  | "network"
  /** HTTP 400/404/413/422: the request is wrong; retrying will not help. */
  | "bad-request"
  /** HTTP 401/403: missing or invalid credentials. */
  | "auth"
  /** A 2xx response that is not the protocol's JSON shape (truncated or garbled body). */
  | "malformed-response"
  /** The caller's AbortSignal fired. */
  | "aborted";

/** Codes worth another attempt. `malformed-response` is included: garbled bodies are usually transient. */
const RETRYABLE_CODES: ReadonlySet<JudgeCallErrorCode> = new Set([
  "rate-limited",
  "server",
  "timeout",
  "network",
  "malformed-response",
]);

/** Whether a code is worth retrying (the runner may still apply its own policy). */
export function isRetryableJudgeCallErrorCode(code: JudgeCallErrorCode): boolean {
  return RETRYABLE_CODES.has(code);
}

/** Fields of a `JudgeCallError`. */
export interface JudgeCallErrorOptions {
  readonly code: JudgeCallErrorCode;
  readonly message: string;
  /** Provider name, e.g. `openai`, `anthropic`, `gemini`, `openai-compatible`. */
  readonly provider: string;
  readonly url?: string;
  /** HTTP status when a response arrived. */
  readonly status?: number;
  /** Server-requested delay before the next attempt, from `retry-after-ms` or `Retry-After`. */
  readonly retryAfterMs?: number;
  /** Short excerpt of the response body (for diagnosis; scrubbed of secrets by the adapter). */
  readonly responseBody?: string;
  /** Overrides the default retryability of `code`. */
  readonly isRetryable?: boolean;
  readonly cause?: unknown;
}

/** Marks instances across duplicated copies of this module (e.g. a test-support build next to the source). */
const MARKER = Symbol.for("judgelab.judges.JudgeCallError");

/** Error thrown by a judge call; see `JudgeCallErrorCode`. */
export class JudgeCallError extends Error {
  override readonly name = "JudgeCallError";
  readonly [MARKER] = true;
  readonly code: JudgeCallErrorCode;
  readonly provider: string;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly responseBody: string | undefined;
  readonly isRetryable: boolean;

  /** Message, URL and body are scrubbed of URL credentials (`user:key@`, `?api-key=`), see `redactUrlSecrets`. */
  constructor(options: JudgeCallErrorOptions) {
    super(redactUrlSecrets(options.message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.provider = options.provider;
    this.url = options.url === undefined ? undefined : redactUrlSecrets(options.url);
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.responseBody = options.responseBody === undefined ? undefined : redactUrlSecrets(options.responseBody);
    this.isRetryable = options.isRetryable ?? isRetryableJudgeCallErrorCode(options.code);
  }

  /** Type guard that also works across duplicated module instances. */
  static isInstance(error: unknown): error is JudgeCallError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Plain fields for logs and run records (no `cause`, which may hold SDK objects). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      url: this.url,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      isRetryable: this.isRetryable,
      responseBody: this.responseBody,
    };
  }
}

/** Maps an HTTP error status to a code. */
export function judgeCallErrorCodeForStatus(status: number): JudgeCallErrorCode {
  if (status === 429 || status === 409) return "rate-limited";
  if (status === 408) return "timeout";
  if (status === 401 || status === 403) return "auth";
  if (status >= 500) return "server";
  return "bad-request";
}

/** Minimal header access shared by `Headers`, SDK header records and plain objects. */
export type HeaderSource = Headers | Readonly<Record<string, string | string[] | undefined | null>> | undefined | null;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | string[] | undefined | null>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value[0];
    return value ?? undefined;
  }
  return undefined;
}

/**
 * Server-requested delay in milliseconds, or undefined.
 * Reads `retry-after-ms` (milliseconds, OpenAI/Anthropic), then `Retry-After` as delta-seconds or as an HTTP date
 * (RFC 9110 §10.2.3), relative to `nowMs`. Negative delays (dates in the past) become 0.
 */
export function parseRetryAfterMs(headers: HeaderSource, nowMs: number = Date.now()): number | undefined {
  const milliseconds = readHeader(headers, "retry-after-ms");
  if (milliseconds !== undefined && milliseconds.trim() !== "") {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = readHeader(headers, "retry-after")?.trim();
  if (retryAfter === undefined || retryAfter === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const dateMs = Date.parse(retryAfter);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
