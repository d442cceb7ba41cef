import type Anthropic from "@anthropic-ai/sdk";
import { createEndpointCaller } from "../adapters/call-provider.js";
import { createAnthropicClient, lazily } from "../adapters/create-sdk-client.js";
import { redactSecretInText } from "../adapters/redact-secret.js";
import { JudgeCallError, type JudgeCallErrorCode } from "../judge-call-error.js";
import type { BatchCapableJudge, JudgeCallContext } from "../judge-contract.js";
import {
  addMissingOutcomes,
  type BatchEntry,
  type BatchItemOutcome,
  type BatchJobStatus,
  readBatchLine,
  validateBatchEntries,
} from "./batch-types.js";

/** Options of an Anthropic Message Batches client. */
export interface AnthropicBatchClientOptions {
  /** API key, passed in by the caller; the library never reads env. */
  readonly apiKey: string;
  /** Default `https://api.anthropic.com`. */
  readonly baseURL?: string;
}

/** Anthropic error types (`error.type`) to judge-call error codes. */
const ERROR_CODES: Record<string, JudgeCallErrorCode> = {
  invalid_request_error: "bad-request",
  request_too_large: "bad-request",
  not_found_error: "bad-request",
  authentication_error: "auth",
  permission_error: "auth",
  billing_error: "auth",
  rate_limit_error: "rate-limited",
  api_error: "server",
  overloaded_error: "server",
  timeout_error: "timeout",
};

function requireMessagesJudge(judge: BatchCapableJudge): void {
  if (judge.batchProtocol !== "anthropic-messages") {
    throw new TypeError(
      `judge "${judge.id}" speaks ${judge.batchProtocol}; Message Batches need an anthropic-messages judge`,
    );
  }
}

/** The `requests` array of a Message Batches create call: `{custom_id, params}` with Messages bodies. */
export function buildAnthropicBatchRequests(
  entries: readonly BatchEntry[],
  judge: BatchCapableJudge,
): Array<{ custom_id: string; params: Record<string, unknown> }> {
  validateBatchEntries(entries);
  requireMessagesJudge(judge);
  return entries.map((entry) => ({ custom_id: entry.customId, params: judge.buildRequestBody(entry.request) }));
}

function toStatus(batch: Anthropic.Messages.Batches.MessageBatch): BatchJobStatus {
  const counts = batch.request_counts;
  const ended = batch.processing_status === "ended";
  const total = counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired;
  const state = ended
    ? counts.succeeded + counts.errored === 0 && counts.canceled > 0
      ? "cancelled"
      : counts.succeeded + counts.errored === 0 && counts.expired > 0
        ? "expired"
        : "completed"
    : batch.processing_status === "canceling"
      ? "cancelling"
      : "running";
  return {
    id: batch.id,
    state,
    done: ended,
    counts: { total, succeeded: counts.succeeded, failed: counts.errored + counts.canceled + counts.expired },
    raw: batch,
  };
}

/**
 * A client for Anthropic Message Batches: create (`POST /v1/messages/batches`), poll
 * (`GET /v1/messages/batches/{id}`), read results (JSONL from the batch's `results_url`), cancel. Results become
 * `JudgeResult`s through the judge that built the requests. Every call is one attempt; failures are
 * `JudgeCallError`s.
 */
export function createAnthropicBatchClient(options: AnthropicBatchClientOptions) {
  const baseURL = (options.baseURL ?? "https://api.anthropic.com").replace(/\/+$/, "");
  // The SDK is imported on first use, outside any call's deadline (see `createOpenAIClient`).
  const loadClient = lazily(() => createAnthropicClient({ apiKey: options.apiKey, baseURL }));
  const call = createEndpointCaller({ provider: "anthropic", baseURL, apiKey: options.apiKey });

  return {
    /** Creates the batch; returns its first status. */
    async submit(submission: {
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly context?: JudgeCallContext;
    }): Promise<BatchJobStatus> {
      const requests = buildAnthropicBatchRequests(submission.entries, submission.judge);
      const client = await loadClient();
      const batch = await call("/v1/messages/batches", submission.context ?? {}, (signal) =>
        client.messages.batches.create(
          { requests: requests as unknown as Anthropic.Messages.Batches.BatchCreateParams["requests"] },
          { signal },
        ),
      );
      return toStatus(batch);
    },

    /** Current status of a batch. */
    async retrieve(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      const client = await loadClient();
      return toStatus(
        await call(`/v1/messages/batches/${batchId}`, context, (signal) =>
          client.messages.batches.retrieve(batchId, {}, { signal }),
        ),
      );
    },

    /** Asks the provider to cancel a batch. */
    async cancel(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      const client = await loadClient();
      return toStatus(
        await call(`/v1/messages/batches/${batchId}/cancel`, context, (signal) =>
          client.messages.batches.cancel(batchId, {}, { signal }),
        ),
      );
    },

    /**
     * Outcomes of an ended batch, one per entry: `succeeded` messages become results through `judge`, `errored` ones
     * `JudgeCallError`s (code from the error type), `expired`/`canceled` and unmentioned entries `not-run`.
     */
    async collect(collection: {
      readonly status: BatchJobStatus;
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly context?: JudgeCallContext;
    }): Promise<BatchItemOutcome[]> {
      const batchId = collection.status.id;
      const client = await loadClient();
      const path = `/v1/messages/batches/${batchId}/results`;
      const requests = new Map(collection.entries.map((entry) => [entry.customId, entry.request]));
      const lines = await call(path, collection.context ?? {}, async (signal) => {
        const decoder = await client.messages.batches.results(batchId, {}, { signal });
        const collected: Anthropic.Messages.Batches.MessageBatchIndividualResponse[] = [];
        for await (const line of decoder) collected.push(line);
        return collected;
      });
      const outcomes: BatchItemOutcome[] = [];
      const url = `${baseURL}/v1/messages`;
      for (const line of lines) {
        const request = requests.get(line.custom_id);
        if (request === undefined) continue;
        const customId = line.custom_id;
        const result = line.result;
        if (result.type === "succeeded") {
          outcomes.push(readBatchLine({ customId, judge: collection.judge, request, body: result.message }));
        } else if (result.type === "errored") {
          const detail = result.error.error;
          outcomes.push({
            customId,
            type: "error",
            error: new JudgeCallError({
              code: ERROR_CODES[detail.type] ?? "server",
              message: redactSecretInText(
                `anthropic batch entry ${customId} errored: ${detail.type}: ${detail.message}`,
                options.apiKey,
              ),
              provider: "anthropic",
              url,
            }),
          });
        } else {
          outcomes.push({ customId, type: "not-run", reason: result.type === "expired" ? "expired" : "cancelled" });
        }
      }
      return addMissingOutcomes(collection.entries, outcomes, collection.status.state);
    },
  };
}

/** An Anthropic Message Batches client (see `createAnthropicBatchClient`). */
export type AnthropicBatchClient = ReturnType<typeof createAnthropicBatchClient>;
