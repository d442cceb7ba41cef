import type {
  JsonValue,
  JudgeCallContext,
  JudgeDescription,
  JudgeRequest,
  JudgeResult,
  PairwiseJudge,
} from "../judge-contract.js";
import { callProvider, type ProviderEndpoint } from "./call-provider.js";
import { redactUrlSecrets } from "./redact-secret.js";

/** Options every provider adapter takes. */
export interface ProviderJudgeOptions {
  readonly model: string;
  /** API key, passed in by the caller (the CLI reads it from the environment); the library never reads env. */
  readonly apiKey: string;
  /** Judge id (default `<provider>:<model>`). */
  readonly id?: string;
  /** API base URL; each adapter documents its default. */
  readonly baseURL?: string;
  /** Model family (`gpt`, `claude`, `gemini`, …) for self-preference analysis. */
  readonly family?: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
}

/** Transport handed to `send`: the combined abort signal, the caller's timeout, and a slot for response headers. */
export interface ProviderTransport {
  readonly signal: AbortSignal;
  /** SDK-level timeout to pass along (a safety net above the deadline `callProvider` enforces itself). */
  readonly sdkTimeoutMs: number | undefined;
  readonly headers: { current?: Headers };
}

/** What distinguishes one provider adapter from another. */
export interface ProviderJudgeSpecification {
  readonly provider: string;
  readonly options: ProviderJudgeOptions;
  /** Everything besides model and family that changes answers (goes into `describe().parameters`). */
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly endpoint: ProviderEndpoint;
  /** Builds the request body (pure; also used for batch lines). */
  readonly buildRequestBody: (request: JudgeRequest) => Record<string, unknown>;
  /**
   * Loads what `send` needs (the SDK client, imported on first use); awaited before every call, outside the call's
   * deadline and latency, so the one-time module load never counts against `timeoutMs`. Should be memoized.
   */
  readonly prepare?: () => Promise<unknown>;
  /** Sends a body with the SDK, one attempt. */
  readonly send: (body: Record<string, unknown>, transport: ProviderTransport) => Promise<unknown>;
  /** Reads a response body; throws `malformed-response` on a wrong shape. */
  readonly parseResponseBody: (request: JudgeRequest, body: unknown, latencyMs: number) => JudgeResult;
}

/**
 * Assembles a `PairwiseJudge` from a provider's body builder, SDK call and response reader: identity and
 * `describe()`, then `judge()` = build → `callProvider` (deadline, abort, error mapping) → read.
 */
export function createProviderJudge(
  specification: ProviderJudgeSpecification,
): PairwiseJudge & Pick<ProviderJudgeSpecification, "buildRequestBody" | "parseResponseBody"> {
  const { provider, options, endpoint } = specification;
  const id = options.id ?? `${provider}:${options.model}`;
  const family = options.family === undefined ? {} : { family: options.family };
  // Descriptions end up in run.json, logs, datasets and reports: credentials in a base URL never do.
  const publicParameters = Object.fromEntries(
    Object.entries(specification.parameters).map(([key, value]) => [
      key,
      typeof value === "string" ? redactUrlSecrets(value) : value,
    ]),
  );
  const describe = (): JudgeDescription => ({
    id,
    kind: "llm",
    provider,
    model: options.model,
    ...family,
    parameters: publicParameters,
  });
  return {
    id,
    kind: "llm",
    provider,
    model: options.model,
    ...family,
    describe,
    buildRequestBody: specification.buildRequestBody,
    parseResponseBody: specification.parseResponseBody,
    async judge(request: JudgeRequest, context: JudgeCallContext = {}): Promise<JudgeResult> {
      const body = specification.buildRequestBody(request);
      if (specification.prepare !== undefined) await specification.prepare();
      const { value, latencyMs } = await callProvider({
        endpoint,
        context,
        run: (signal, headers) =>
          specification.send(body, {
            signal,
            sdkTimeoutMs: context.timeoutMs === undefined ? undefined : context.timeoutMs + 1000,
            headers,
          }),
      });
      return specification.parseResponseBody(request, value, latencyMs);
    },
  };
}
