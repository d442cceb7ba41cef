import type { BatchJob, GoogleGenAI, InlinedRequest, InlinedResponse } from "@google/genai";
import { createEndpointCaller } from "../adapters/call-provider.js";
import { lazily } from "../adapters/create-sdk-client.js";
import { redactSecretInText } from "../adapters/redact-secret.js";
import { JudgeCallError, type JudgeCallErrorCode, judgeCallErrorCodeForStatus } from "../judge-call-error.js";
import type { BatchCapableJudge, JudgeCallContext } from "../judge-contract.js";
import {
  addMissingOutcomes,
  type BatchEntry,
  type BatchItemOutcome,
  type BatchJobState,
  type BatchJobStatus,
  readBatchLine,
  validateBatchEntries,
} from "./batch-types.js";

/** Options of a Gemini Batch Mode client (Gemini Developer API). */
export interface GeminiBatchClientOptions {
  /** API key, passed in by the caller; the library never reads env. */
  readonly apiKey: string;
  /** Default `https://generativelanguage.googleapis.com`. */
  readonly baseURL?: string;
  /** Largest inline batch sent, in bytes of request JSON (default 20 MB, Gemini's limit for inline requests). */
  readonly maxInlineBytes?: number;
}

/** Gemini's size limit for a batch with inline requests. */
const MAX_INLINE_BYTES = 20_000_000;

/**
 * Gemini job states to provider-independent ones. The REST API says `BATCH_STATE_*`; the SDK maps them to
 * `JOB_STATE_*` (both listed, so a raw or an SDK object reads the same).
 */
const GEMINI_STATES: Record<string, BatchJobState> = {
  JOB_STATE_UNSPECIFIED: "pending",
  JOB_STATE_QUEUED: "pending",
  JOB_STATE_PENDING: "pending",
  JOB_STATE_RUNNING: "running",
  JOB_STATE_UPDATING: "running",
  JOB_STATE_PAUSED: "running",
  JOB_STATE_SUCCEEDED: "completed",
  JOB_STATE_PARTIALLY_SUCCEEDED: "completed",
  JOB_STATE_FAILED: "failed",
  JOB_STATE_CANCELLING: "cancelling",
  JOB_STATE_CANCELLED: "cancelled",
  JOB_STATE_EXPIRED: "expired",
  BATCH_STATE_UNSPECIFIED: "pending",
  BATCH_STATE_PENDING: "pending",
  BATCH_STATE_RUNNING: "running",
  BATCH_STATE_SUCCEEDED: "completed",
  BATCH_STATE_FAILED: "failed",
  BATCH_STATE_CANCELLED: "cancelled",
  BATCH_STATE_EXPIRED: "expired",
};

const DONE_STATES = new Set<BatchJobState>(["completed", "failed", "expired", "cancelled"]);

function requireGenerateContentJudge(judge: BatchCapableJudge): void {
  if (judge.batchProtocol !== "gemini-generate-content") {
    throw new TypeError(
      `judge "${judge.id}" speaks ${judge.batchProtocol}; Gemini Batch Mode needs a gemini-generate-content judge`,
    );
  }
}

/**
 * The inline requests of a `batchGenerateContent` call: each entry's `generateContent` parameters (exactly what
 * the judge would send online) with `metadata.key` = the entry's custom id, so results map back by key.
 */
export function buildGeminiBatchRequests(entries: readonly BatchEntry[], judge: BatchCapableJudge): InlinedRequest[] {
  validateBatchEntries(entries);
  requireGenerateContentJudge(judge);
  return entries.map((entry) => {
    const { model, contents, config } = judge.buildRequestBody(entry.request) as {
      model: string;
      contents: string;
      config: Record<string, unknown>;
    };
    return { model, contents, config, metadata: { key: entry.customId } };
  });
}

/** `batchStats` of the raw operation's metadata (int64 counts arrive as strings). */
interface RawBatchStats {
  readonly requestCount?: string | number;
  readonly successfulRequestCount?: string | number;
  readonly failedRequestCount?: string | number;
}

function toStatus(job: BatchJob, raw: unknown): BatchJobStatus {
  const state = GEMINI_STATES[job.state ?? ""] ?? "running";
  const stats = (raw as { metadata?: { batchStats?: RawBatchStats } } | undefined)?.metadata?.batchStats;
  const responses = job.dest?.inlinedResponses ?? [];
  const failedInline = responses.filter((response) => response.error !== undefined).length;
  const count = (value: string | number | undefined, fallback: number): number =>
    value === undefined ? fallback : Number(value);
  return {
    id: job.name ?? "",
    state,
    done: DONE_STATES.has(state),
    counts: {
      total: count(stats?.requestCount, responses.length),
      succeeded: count(stats?.successfulRequestCount, responses.length - failedInline),
      failed: count(stats?.failedRequestCount, failedInline),
    },
    raw: raw ?? job,
  };
}

/** A `fetch` for the SDK that keeps the last JSON body it received (the SDK drops `batchStats`). */
function capturingFetch(slot: { body?: unknown }) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (response.ok)
      slot.body = await response
        .clone()
        .json()
        .catch(() => undefined);
    return response;
  };
}

/**
 * A per-request error's `google.rpc.Status` code is a gRPC code (3 INVALID_ARGUMENT, 7 PERMISSION_DENIED,
 * 8 RESOURCE_EXHAUSTED, 16 UNAUTHENTICATED; 13 INTERNAL, 14 UNAVAILABLE and the rest count as server errors).
 */
function grpcErrorCode(code: number | undefined): JudgeCallErrorCode {
  if (code === 3) return "bad-request";
  if (code === 7 || code === 16) return "auth";
  if (code === 8) return "rate-limited";
  return "server";
}

/** One collected inline response: a result through the judge, or the provider's per-request error. */
function readInlinedResponse(options: {
  readonly line: InlinedResponse;
  readonly customId: string;
  readonly collection: { readonly judge: BatchCapableJudge };
  readonly request: BatchEntry["request"];
  readonly apiKey: string;
  readonly url: string;
}): BatchItemOutcome {
  const { line, customId } = options;
  if (line.error === undefined && line.response !== undefined) {
    const response = line.response;
    const body = JSON.parse(
      JSON.stringify({
        candidates: response.candidates,
        promptFeedback: response.promptFeedback,
        usageMetadata: response.usageMetadata,
        modelVersion: response.modelVersion,
        responseId: response.responseId,
      }),
    );
    return readBatchLine({ customId, judge: options.collection.judge, request: options.request, body });
  }
  const code = typeof line.error?.code === "number" ? line.error.code : undefined;
  const status = code !== undefined && code >= 400 ? code : undefined;
  const message = redactSecretInText(
    `gemini batch entry ${customId} failed${code === undefined ? "" : ` (code ${code})`}: ${line.error?.message ?? "no response"}`,
    options.apiKey,
  );
  return {
    customId,
    type: "error",
    error: new JudgeCallError({
      code: status === undefined ? grpcErrorCode(code) : judgeCallErrorCodeForStatus(status),
      message,
      provider: "gemini",
      url: options.url,
      ...(status === undefined ? {} : { status }),
    }),
  };
}

/**
 * A client for Gemini Batch Mode (Gemini Developer API) through the official @google/genai SDK: create
 * (`POST /v1beta/models/{model}:batchGenerateContent` with inline requests keyed by `metadata.key`), poll
 * (`GET /v1beta/batches/{id}` until `BATCH_STATE_SUCCEEDED` or another end state), read the inline responses of the
 * finished batch, cancel (`POST /v1beta/batches/{id}:cancel`). Batches bill at 50% of the online price. Inline
 * requests suit batches up to about 20 MB; larger ones would need the file-based variant (not implemented).
 * Every call is one attempt; failures are `JudgeCallError`s.
 */
export function createGeminiBatchClient(options: GeminiBatchClientOptions) {
  const baseURL = (options.baseURL ?? "https://generativelanguage.googleapis.com").replace(/\/+$/, "");
  const loadClient = lazily(async (): Promise<GoogleGenAI> => {
    const { GoogleGenAI: GoogleGenAIClient } = await import("@google/genai");
    return new GoogleGenAIClient({ apiKey: options.apiKey, vertexai: false, httpOptions: { baseUrl: baseURL } });
  });
  const call = createEndpointCaller({ provider: "gemini", baseURL, apiKey: options.apiKey });
  const fetchJob = async (batchId: string, context: JudgeCallContext): Promise<BatchJobStatus> => {
    const client = await loadClient();
    const slot: { body?: unknown } = {};
    const job = await call(`/v1beta/${batchId}`, context, (signal) =>
      client.batches.get({
        name: batchId,
        config: { abortSignal: signal, httpOptions: { baseUrl: baseURL, fetch: capturingFetch(slot) } },
      }),
    );
    return toStatus(job, slot.body);
  };

  return {
    /** Creates the batch with one inline request per entry; returns its first status. */
    async submit(submission: {
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly displayName?: string;
      readonly context?: JudgeCallContext;
    }): Promise<BatchJobStatus> {
      const requests = buildGeminiBatchRequests(submission.entries, submission.judge);
      const model = submission.judge.model;
      checkInlineSize(requests, options.maxInlineBytes ?? MAX_INLINE_BYTES, `${baseURL}/v1beta/models/${model}`);
      const client = await loadClient();
      const slot: { body?: unknown } = {};
      const job = await call(`/v1beta/models/${model}:batchGenerateContent`, submission.context ?? {}, (signal) =>
        client.batches.create({
          model,
          src: requests,
          config: {
            displayName: submission.displayName ?? `judgelab-${submission.judge.id}`,
            abortSignal: signal,
            httpOptions: { baseUrl: baseURL, fetch: capturingFetch(slot) },
          },
        }),
      );
      return toStatus(job, slot.body);
    },

    /** Current status of a batch (`batches/{id}`). */
    retrieve(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      return fetchJob(batchId, context);
    },

    /** Asks the provider to cancel a batch, then reads its status. */
    async cancel(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      const client = await loadClient();
      await call(`/v1beta/${batchId}:cancel`, context, (signal) =>
        client.batches.cancel({
          name: batchId,
          config: { abortSignal: signal, httpOptions: { baseUrl: baseURL } },
        }),
      );
      return fetchJob(batchId, context);
    },

    /**
     * Outcomes of a finished batch, one per entry: inline responses become results through `judge`, inline errors
     * `JudgeCallError`s; entries without a response are `not-run` (expired, cancelled, failed or missing). The
     * responses come with the final status, so collecting needs no further request.
     */
    async collect(collection: {
      readonly status: BatchJobStatus;
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly context?: JudgeCallContext;
    }): Promise<BatchItemOutcome[]> {
      let status = collection.status;
      // A status without the raw body (it could not be captured) carries no responses: read the batch again.
      if (inlineResponsesOf(status) === undefined && status.state === "completed") {
        status = await fetchJob(status.id, collection.context ?? {});
      }
      const lines = inlineResponsesOf(status) ?? [];
      const requests = new Map(collection.entries.map((entry) => [entry.customId, entry.request]));
      const url = `${baseURL}/v1beta/models/${collection.judge.model}:batchGenerateContent`;
      const outcomes: BatchItemOutcome[] = [];
      lines.forEach((line, index) => {
        // Responses carry the request's metadata; without it, they are in request order.
        const customId = line.metadata?.key ?? collection.entries[index]?.customId;
        const request = customId === undefined ? undefined : requests.get(customId);
        if (customId === undefined || request === undefined) return;
        outcomes.push(readInlinedResponse({ line, customId, collection, request, apiKey: options.apiKey, url }));
      });
      return addMissingOutcomes(collection.entries, outcomes, status.state);
    },
  };
}

/**
 * The inline responses in a status's raw REST operation (`metadata.output.inlinedResponses.inlinedResponses`, or the
 * done operation's `response`). REST and SDK response objects use the same field names for everything the judge reads.
 */
function inlineResponsesOf(status: BatchJobStatus): InlinedResponse[] | undefined {
  const raw = status.raw as {
    metadata?: { output?: { inlinedResponses?: { inlinedResponses?: InlinedResponse[] } } };
    response?: { inlinedResponses?: { inlinedResponses?: InlinedResponse[] } };
  };
  return raw?.metadata?.output?.inlinedResponses?.inlinedResponses ?? raw?.response?.inlinedResponses?.inlinedResponses;
}

/** A Gemini Batch Mode client (see `createGeminiBatchClient`). */
export type GeminiBatchClient = ReturnType<typeof createGeminiBatchClient>;

/**
 * An inline batch over `limit` bytes (JSON of the requests) is refused here with a way out, instead of an opaque
 * 400 from the provider.
 */
function checkInlineSize(requests: readonly unknown[], limit: number, modelUrl: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(requests));
  if (bytes > limit) {
    throw new JudgeCallError({
      code: "bad-request",
      message:
        `gemini batch of ${requests.length} requests is ${bytes} bytes, over the ${limit}-byte limit ` +
        "of inline batches: plan fewer comparisons per round or run this judge online (batch.enabled: false)",
      provider: "gemini",
      url: `${modelUrl}:batchGenerateContent`,
    });
  }
}
