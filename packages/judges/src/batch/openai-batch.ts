import type OpenAI from "openai";
import { createEndpointCaller } from "../adapters/call-provider.js";
import { createOpenAIClient, lazily } from "../adapters/create-sdk-client.js";
import { redactSecret } from "../adapters/redact-secret.js";
import { JudgeCallError, judgeCallErrorCodeForStatus } from "../judge-call-error.js";
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

/** Options of an OpenAI Batch API client. */
export interface OpenAIBatchClientOptions {
  /** API key, passed in by the caller; the library never reads env. */
  readonly apiKey: string;
  /** Default `https://api.openai.com/v1`. */
  readonly baseURL?: string;
}

const OPENAI_STATES: Record<string, BatchJobState> = {
  validating: "pending",
  in_progress: "running",
  finalizing: "finalizing",
  completed: "completed",
  failed: "failed",
  expired: "expired",
  cancelling: "cancelling",
  cancelled: "cancelled",
};

function requireChatJudge(judge: BatchCapableJudge): void {
  if (judge.batchProtocol !== "openai-chat") {
    throw new TypeError(
      `judge "${judge.id}" speaks ${judge.batchProtocol}; the OpenAI Batch API needs an openai-chat judge`,
    );
  }
}

/** The batch input file: one `{"custom_id","method","url","body"}` line per entry (chat-completions bodies). */
export function buildOpenAIBatchInput(entries: readonly BatchEntry[], judge: BatchCapableJudge): string {
  validateBatchEntries(entries);
  requireChatJudge(judge);
  return entries
    .map((entry) =>
      JSON.stringify({
        custom_id: entry.customId,
        method: "POST",
        url: "/v1/chat/completions",
        body: judge.buildRequestBody(entry.request),
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}

function toStatus(batch: OpenAI.Batches.Batch): BatchJobStatus {
  const state = OPENAI_STATES[batch.status] ?? "running";
  const counts = batch.request_counts;
  return {
    id: batch.id,
    state,
    done: state === "completed" || state === "failed" || state === "expired" || state === "cancelled",
    counts: { total: counts?.total ?? 0, succeeded: counts?.completed ?? 0, failed: counts?.failed ?? 0 },
    raw: batch,
  };
}

interface OutputLine {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

/** The JSON lines of a batch output or error file (`GET /files/{id}/content`); a line that is not JSON throws. */
async function downloadBatchLines(download: {
  readonly fileId: string;
  readonly context: JudgeCallContext;
  readonly loadClient: () => Promise<OpenAI>;
  readonly call: ReturnType<typeof createEndpointCaller>;
  readonly baseURL: string;
}): Promise<OutputLine[]> {
  const { fileId, context, loadClient, call, baseURL } = download;
  const client = await loadClient();
  const text = await call(`/files/${fileId}/content`, context, async (signal) =>
    (await client.files.content(fileId, { signal })).text(),
  );
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      try {
        return JSON.parse(line) as OutputLine;
      } catch {
        throw new JudgeCallError({
          code: "malformed-response",
          message: `openai batch file ${fileId} line ${index + 1} is not JSON`,
          provider: "openai",
          url: `${baseURL}/files/${fileId}/content`,
        });
      }
    });
}

/**
 * A client for the OpenAI Batch API: upload the JSONL input file (`POST /files`, purpose `batch`), create the batch
 * (`POST /batches`, endpoint `/v1/chat/completions`, window 24h), poll it (`GET /batches/{id}`), download the output
 * and error files (`GET /files/{id}/content`) and turn each line back into a `JudgeResult` with the judge that built
 * it. Every call is one attempt; failures are `JudgeCallError`s.
 */
export function createOpenAIBatchClient(options: OpenAIBatchClientOptions) {
  const baseURL = (options.baseURL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  // The SDK is imported on first use, outside any call's deadline (see `createOpenAIClient`).
  const loadClient = lazily(() => createOpenAIClient({ apiKey: options.apiKey, baseURL }));
  const call = createEndpointCaller({ provider: "openai", baseURL, apiKey: options.apiKey });

  const downloadLines = (fileId: string, context: JudgeCallContext) =>
    downloadBatchLines({ fileId, context, loadClient, call, baseURL });

  return {
    /** Uploads the input file and creates the batch; returns its first status. */
    async submit(submission: {
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly metadata?: Readonly<Record<string, string>>;
      readonly context?: JudgeCallContext;
    }): Promise<BatchJobStatus> {
      const context = submission.context ?? {};
      const input = buildOpenAIBatchInput(submission.entries, submission.judge);
      const client = await loadClient();
      const { toFile } = await import("openai");
      const file = await call("/files", context, async (signal) =>
        client.files.create(
          { file: await toFile(Buffer.from(input, "utf8"), "judgelab-batch.jsonl"), purpose: "batch" },
          { signal },
        ),
      );
      const batch = await call("/batches", context, (signal) =>
        client.batches.create(
          {
            input_file_id: file.id,
            endpoint: "/v1/chat/completions",
            completion_window: "24h",
            ...(submission.metadata === undefined ? {} : { metadata: { ...submission.metadata } }),
          },
          { signal },
        ),
      );
      return toStatus(batch);
    },

    /** Current status of a batch. */
    async retrieve(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      const client = await loadClient();
      return toStatus(
        await call(`/batches/${batchId}`, context, (signal) => client.batches.retrieve(batchId, { signal })),
      );
    },

    /** Asks the provider to cancel a batch (entries not yet run end up `not-run`). */
    async cancel(batchId: string, context: JudgeCallContext = {}): Promise<BatchJobStatus> {
      const client = await loadClient();
      return toStatus(
        await call(`/batches/${batchId}/cancel`, context, (signal) => client.batches.cancel(batchId, { signal })),
      );
    },

    /**
     * Outcomes of a finished batch, one per entry: output-file lines become results through `judge`, error-file lines
     * and non-200 lines become `JudgeCallError`s, entries without a line become `not-run`.
     */
    async collect(collection: {
      readonly status: BatchJobStatus;
      readonly entries: readonly BatchEntry[];
      readonly judge: BatchCapableJudge;
      readonly context?: JudgeCallContext;
    }): Promise<BatchItemOutcome[]> {
      const context = collection.context ?? {};
      const batch = collection.status.raw as OpenAI.Batches.Batch;
      const requests = new Map(collection.entries.map((entry) => [entry.customId, entry.request]));
      const lines = [
        ...(batch.output_file_id ? await downloadLines(batch.output_file_id, context) : []),
        ...(batch.error_file_id ? await downloadLines(batch.error_file_id, context) : []),
      ];
      const outcomes = readOutputLines({
        lines,
        requests,
        judge: collection.judge,
        apiKey: options.apiKey,
        url: `${baseURL}/chat/completions`,
      });
      return addMissingOutcomes(collection.entries, outcomes, collection.status.state);
    },
  };
}

/**
 * One outcome per line of a batch's output and error files that names a submitted entry: a 200 line becomes the
 * judge's result ({@link readBatchLine}), any other line a `JudgeCallError` with its status and (redacted) body.
 */
function readOutputLines(batch: {
  readonly lines: readonly OutputLine[];
  readonly requests: ReadonlyMap<string, BatchEntry["request"]>;
  readonly judge: BatchCapableJudge;
  readonly apiKey: string;
  readonly url: string;
}): BatchItemOutcome[] {
  const { requests, judge, apiKey, url } = batch;
  const outcomes: BatchItemOutcome[] = [];
  for (const line of batch.lines) {
    const customId = line.custom_id;
    const request = customId === undefined ? undefined : requests.get(customId);
    if (customId === undefined || request === undefined) continue;
    const status = line.response?.status_code;
    if (status === 200) {
      outcomes.push(readBatchLine({ customId, judge: judge, request, body: line.response?.body }));
      continue;
    }
    const body = JSON.stringify(redactSecret(line.response?.body ?? line.error ?? null, apiKey)).slice(0, 500);
    outcomes.push({
      customId,
      type: "error",
      error: new JudgeCallError({
        code: status === undefined ? "server" : judgeCallErrorCodeForStatus(status),
        message: `openai batch entry ${customId} failed${status === undefined ? "" : ` with HTTP ${status}`}: ${body}`,
        provider: "openai",
        url,
        ...(status === undefined ? {} : { status }),
        responseBody: body,
      }),
    });
  }
  return outcomes;
}

/** An OpenAI Batch API client (see `createOpenAIBatchClient`). */
export type OpenAIBatchClient = ReturnType<typeof createOpenAIBatchClient>;
