import {
  type HeaderSource,
  JudgeCallError,
  judgeCallErrorCodeForStatus,
  parseRetryAfterMs,
} from "../judge-call-error.js";
import type { JudgeCallContext } from "../judge-contract.js";
import { redactSecretInText } from "./redact-secret.js";

/** Where a call goes, for error messages (never includes keys). */
export interface ProviderEndpoint {
  readonly provider: string;
  readonly url: string;
  /** The API key, only so that it can be scrubbed from messages. */
  readonly secret?: string;
}

const BODY_EXCERPT_CHARS = 500;

function excerpt(body: unknown, secret: string | undefined): string | undefined {
  if (body === undefined || body === null) return undefined;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return redactSecretInText(text, secret).slice(0, BODY_EXCERPT_CHARS);
}

/** Gemini reports `google.rpc.RetryInfo` `retryDelay` ("30s", "1.5s") in the error body instead of a header. */
function retryDelayFromBody(body: string | undefined): number | undefined {
  const match = body === undefined ? null : /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match === null ? undefined : Number(match[1]) * 1000;
}

const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function hasNetworkCause(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
  const message = (error as { message?: unknown }).message;
  if (
    error instanceof TypeError &&
    typeof message === "string" &&
    /terminated|fetch failed|other side closed/i.test(message)
  ) {
    return true;
  }
  return hasNetworkCause((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Maps whatever an SDK threw to a `JudgeCallError`. Works by shape, so it covers the OpenAI and Anthropic SDKs
 * (`APIError` with `status`, `headers`, `error`; `APIConnectionError`; `APIConnectionTimeoutError`;
 * `APIUserAbortError`), the Gemini SDK (`ApiError` with `status` and a JSON message; headers captured separately),
 * and raw fetch failures (undici `TypeError: terminated`, socket errors, `SyntaxError` from a garbled JSON body).
 */
export function mapProviderError(
  error: unknown,
  endpoint: ProviderEndpoint,
  capturedHeaders?: HeaderSource,
): JudgeCallError {
  if (JudgeCallError.isInstance(error)) return error;
  const { provider, url, secret } = endpoint;
  const name = error instanceof Error ? error.name : "";
  const constructorName = (error as { constructor?: { name?: string } } | null)?.constructor?.name ?? "";
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400) {
    const headers = ((error as { headers?: HeaderSource }).headers ?? capturedHeaders) as HeaderSource;
    const body = (error as { error?: unknown }).error ?? (error instanceof Error ? error.message : undefined);
    const responseBody = excerpt(body, secret);
    const retryAfterMs = parseRetryAfterMs(headers) ?? retryDelayFromBody(responseBody);
    const shortMessage = responseBody === undefined ? "" : `: ${responseBody.slice(0, 200)}`;
    return new JudgeCallError({
      code: judgeCallErrorCodeForStatus(status),
      message: `${provider} returned HTTP ${status} for POST ${url}${shortMessage}`,
      provider,
      url,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(responseBody === undefined ? {} : { responseBody }),
      // No `cause`: SDK error messages quote the response body verbatim, which may echo a credential.
    });
  }
  const detail = redactSecretInText(error instanceof Error ? error.message : String(error), secret);
  if (name === "APIConnectionTimeoutError" || constructorName === "APIConnectionTimeoutError") {
    return new JudgeCallError({
      code: "timeout",
      message: `${provider} request to ${url} timed out`,
      provider,
      url,
      cause: error,
    });
  }
  if (name === "APIUserAbortError" || constructorName === "APIUserAbortError" || name === "AbortError") {
    return new JudgeCallError({
      code: "aborted",
      message: `${provider} request to ${url} was aborted`,
      provider,
      url,
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new JudgeCallError({
      code: "malformed-response",
      message: `${provider} sent a response body that is not valid JSON for POST ${url}: ${detail}`,
      provider,
      url,
      cause: error,
    });
  }
  if (name === "APIConnectionError" || constructorName === "APIConnectionError" || hasNetworkCause(error)) {
    return new JudgeCallError({
      code: "network",
      message: `${provider} connection to ${url} failed: ${detail}`,
      provider,
      url,
      cause: error,
    });
  }
  return new JudgeCallError({
    code: "network",
    message: `${provider} request to ${url} failed unexpectedly: ${detail}`,
    provider,
    url,
    cause: error,
  });
}

/**
 * Runs one provider request under the caller's abort signal and a per-attempt deadline that covers the whole
 * exchange (headers and body), and maps every failure to a `JudgeCallError`. Returns the value and the latency.
 * `run` receives the combined signal and must pass it to the SDK; `headers` collects response headers for SDKs whose
 * errors do not carry them.
 */
export async function callProvider<T>(options: {
  readonly endpoint: ProviderEndpoint;
  readonly context: JudgeCallContext;
  readonly run: (signal: AbortSignal, headers: { current?: Headers }) => Promise<T>;
}): Promise<{ value: T; latencyMs: number }> {
  const { endpoint, context } = options;
  const abort = (): JudgeCallError =>
    new JudgeCallError({
      code: "aborted",
      message: `${endpoint.provider} request to ${endpoint.url} was aborted by the caller`,
      provider: endpoint.provider,
      url: endpoint.url,
    });
  if (context.signal?.aborted) throw abort();
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    context.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, context.timeoutMs);
  const onAbort = (): void => controller.abort();
  context.signal?.addEventListener("abort", onAbort, { once: true });
  const headers: { current?: Headers } = {};
  const start = performance.now();
  try {
    const value = await options.run(controller.signal, headers);
    return { value, latencyMs: performance.now() - start };
  } catch (error) {
    if (timedOut) {
      throw new JudgeCallError({
        code: "timeout",
        message: `${endpoint.provider} request to ${endpoint.url} exceeded the ${context.timeoutMs} ms timeout`,
        provider: endpoint.provider,
        url: endpoint.url,
        cause: error,
      });
    }
    if (context.signal?.aborted) throw abort();
    throw mapProviderError(error, endpoint, headers.current);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    context.signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * `callProvider` bound to one provider and base URL: `call(path, context, run)` runs `run` under the deadline and
 * abort rules and returns its value. For clients that make several kinds of requests (batch APIs).
 */
export function createEndpointCaller(options: {
  readonly provider: string;
  readonly baseURL: string;
  readonly apiKey: string;
}) {
  return async <T>(path: string, context: JudgeCallContext, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const endpoint: ProviderEndpoint = {
      provider: options.provider,
      url: `${options.baseURL}${path}`,
      secret: options.apiKey,
    };
    return (await callProvider({ endpoint, context, run })).value;
  };
}
