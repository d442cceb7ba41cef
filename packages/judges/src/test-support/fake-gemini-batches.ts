import { randomUUID } from "node:crypto";
import type { FakeFault, FakeRoute } from "./fake-server-core.js";

type Json = Record<string, unknown>;

/** Options of the fake Gemini Batch Mode endpoints. */
export interface FakeGeminiBatchOptions {
  /** How many status polls a batch answers `BATCH_STATE_RUNNING` before it succeeds (default 1). */
  readonly batchPollsUntilComplete?: number;
  /** Fault per inline request by `metadata.key` (a `status` fault becomes a per-request error). */
  readonly batchLineFault?: (key: string) => FakeFault | undefined;
}

interface StoredBatch {
  readonly name: string;
  readonly model: string;
  readonly displayName: string;
  readonly requests: ReadonlyArray<{ readonly request: Json; readonly metadata?: Record<string, string> }>;
  readonly createTime: string;
  polls: number;
  state: string;
  output?: Json;
}

const GRPC_CODES: Record<number, number> = { 400: 3, 403: 7, 429: 8, 500: 13, 503: 14 };

/** The long-running operation a batch is (`name` = `batches/{id}`, the batch in `metadata`). */
function operation(batch: StoredBatch): Json {
  const total = batch.requests.length;
  const responses = ((batch.output?.inlinedResponses as Json | undefined)?.inlinedResponses ?? []) as Json[];
  const failed = responses.filter((response) => response.error !== undefined).length;
  const finished = batch.output !== undefined;
  const metadata = {
    "@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
    model: `models/${batch.model}`,
    displayName: batch.displayName,
    name: batch.name,
    createTime: batch.createTime,
    updateTime: new Date().toISOString(),
    state: batch.state,
    batchStats: {
      requestCount: String(total),
      ...(finished
        ? { successfulRequestCount: String(total - failed), failedRequestCount: String(failed) }
        : { pendingRequestCount: String(total) }),
    },
    ...(batch.output === undefined ? {} : { output: batch.output }),
  };
  const done = !["BATCH_STATE_PENDING", "BATCH_STATE_RUNNING"].includes(batch.state);
  return {
    name: batch.name,
    metadata,
    ...(done ? { done: true } : {}),
    ...(done && batch.output !== undefined
      ? {
          response: {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
            ...batch.output,
          },
        }
      : {}),
  };
}

/**
 * The Gemini Batch Mode routes of the fake Gemini server: `POST /v1beta/models/{model}:batchGenerateContent`
 * (inline requests), `GET /v1beta/batches/{id}` (the operation; after `batchPollsUntilComplete` polls the batch
 * runs every request through `answer` and succeeds), `POST /v1beta/batches/{id}:cancel`. Polls are faultable.
 */
export function fakeGeminiBatchRoutes(
  options: FakeGeminiBatchOptions,
  answer: (request: Json, model: string, fault: FakeFault | undefined) => unknown,
  errorBody: (status: number, message: string) => Json,
): FakeRoute[] {
  const batches = new Map<string, StoredBatch>();
  const run = (batch: StoredBatch): void => {
    const inlinedResponses = batch.requests.map(({ request, metadata }) => {
      const fault = metadata?.key === undefined ? undefined : options.batchLineFault?.(metadata.key);
      const meta = metadata === undefined ? {} : { metadata };
      if (fault?.kind === "status") {
        const code = GRPC_CODES[fault.status] ?? 13;
        return { error: { code, message: `injected batch error ${fault.status}` }, ...meta };
      }
      return { response: answer(request, batch.model, fault), ...meta };
    });
    batch.output = { inlinedResponses: { inlinedResponses } };
    batch.state = "BATCH_STATE_SUCCEEDED";
  };
  return [
    {
      method: "POST",
      pattern: /^\/v1beta\/models\/([^/:]+):batchGenerateContent$/,
      faultable: true,
      handle: ({ body, match }) => {
        const batchBody = ((body ?? {}) as Json).batch as Json | undefined;
        const requests = ((batchBody?.inputConfig as Json | undefined)?.requests as Json | undefined)?.requests;
        if (!Array.isArray(requests) || requests.length === 0) {
          return { status: 400, body: errorBody(400, "batch.inputConfig.requests.requests is required") };
        }
        const name = `batches/${randomUUID().replace(/-/g, "").slice(0, 20)}`;
        const batch: StoredBatch = {
          name,
          model: match[1] ?? "",
          displayName: String(batchBody?.displayName ?? ""),
          requests: requests as StoredBatch["requests"],
          createTime: new Date().toISOString(),
          polls: 0,
          state: "BATCH_STATE_PENDING",
        };
        batches.set(name, batch);
        return { status: 200, body: operation(batch) };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1beta\/(batches\/[^/:]+)$/,
      faultable: true,
      handle: ({ match }) => {
        const batch = batches.get(match[1] ?? "");
        if (batch === undefined) return { status: 404, body: errorBody(404, `no such batch ${match[1]}`) };
        if (batch.state === "BATCH_STATE_PENDING" || batch.state === "BATCH_STATE_RUNNING") {
          batch.polls += 1;
          batch.state = "BATCH_STATE_RUNNING";
          if (batch.polls > (options.batchPollsUntilComplete ?? 1)) run(batch);
        }
        return { status: 200, body: operation(batch) };
      },
    },
    {
      method: "POST",
      pattern: /^\/v1beta\/(batches\/[^/:]+):cancel$/,
      faultable: false,
      handle: ({ match }) => {
        const batch = batches.get(match[1] ?? "");
        if (batch === undefined) return { status: 404, body: errorBody(404, `no such batch ${match[1]}`) };
        if (batch.output === undefined) batch.state = "BATCH_STATE_CANCELLED";
        return { status: 200, body: {} };
      },
    },
  ];
}
