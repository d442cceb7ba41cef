import { randomUUID } from "node:crypto";
import type OpenAI from "openai";
import { fakeChatCompletion, fakeOpenAIErrorBody, fakeResponse } from "./fake-openai-answers.js";
import {
  type FakeFault,
  type FakeProtocol,
  type FakeRoute,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from "./fake-server-core.js";

type Json = Record<string, unknown>;

/** Options of the fake OpenAI server. */
export interface FakeOpenAIServerOptions extends FakeServerOptions {
  /** How many status polls a batch answers `in_progress` before `completed` (default 1). */
  readonly batchPollsUntilComplete?: number;
  /** Fault per batch line by custom_id (status faults become error-file lines). */
  readonly batchLineFault?: (customId: string) => FakeFault | undefined;
}

interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly content: string;
  readonly createdAt: number;
}

interface StoredBatch {
  readonly object: OpenAI.Batches.Batch;
  polls: number;
}

/**
 * A fake OpenAI server: `POST /v1/chat/completions`, `POST /v1/responses`, and the Batch API (`POST /v1/files`
 * multipart upload, `GET /v1/files/{id}/content`, `POST /v1/batches`, `GET /v1/batches/{id}`,
 * `POST /v1/batches/{id}/cancel`) with the JSON shapes of the OpenAI SDK types. Credential: `Authorization: Bearer`.
 */
export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<
  FakeServer & {
    /** Base URL for the SDK: `origin + "/v1"`. */
    readonly baseURL: string;
  }
> {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  const storeFile = (filename: string, purpose: string, content: string): StoredFile => {
    const file = { id: `file-${randomUUID()}`, filename, purpose, content, createdAt: Math.floor(Date.now() / 1000) };
    files.set(file.id, file);
    return file;
  };
  const fileObject = (file: StoredFile): OpenAI.Files.FileObject => ({
    id: file.id,
    object: "file",
    bytes: Buffer.byteLength(file.content),
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose as OpenAI.Files.FileObject["purpose"],
    status: "processed",
  });

  const runBatch = (batch: OpenAI.Batches.Batch): void => {
    const input = files.get(String(batch.input_file_id));
    const outputs: string[] = [];
    const errors: string[] = [];
    for (const line of (input?.content ?? "").split("\n")) {
      if (line.trim() === "") continue;
      const entry = JSON.parse(line) as { custom_id: string; body: unknown };
      const fault = options.batchLineFault?.(entry.custom_id);
      const requestId = `req_${randomUUID().replace(/-/g, "")}`;
      if (fault?.kind === "status") {
        errors.push(
          JSON.stringify({
            id: `batch_req_${randomUUID()}`,
            custom_id: entry.custom_id,
            response: {
              status_code: fault.status,
              request_id: requestId,
              body: fakeOpenAIErrorBody(fault.status, "injected batch error"),
            },
            error: null,
          }),
        );
        continue;
      }
      outputs.push(
        JSON.stringify({
          id: `batch_req_${randomUUID()}`,
          custom_id: entry.custom_id,
          response: { status_code: 200, request_id: requestId, body: fakeChatCompletion(entry.body, fault) },
          error: null,
        }),
      );
    }
    const output = storeFile(
      `${String(batch.id)}_output.jsonl`,
      "batch_output",
      outputs.map((line) => `${line}\n`).join(""),
    );
    const errorFile =
      errors.length === 0
        ? undefined
        : storeFile(`${String(batch.id)}_error.jsonl`, "batch_output", errors.map((line) => `${line}\n`).join(""));
    const now = Math.floor(Date.now() / 1000);
    Object.assign(batch, {
      status: "completed",
      output_file_id: output.id,
      ...(errorFile === undefined ? {} : { error_file_id: errorFile.id }),
      in_progress_at: now,
      finalizing_at: now,
      completed_at: now,
      request_counts: { total: outputs.length + errors.length, completed: outputs.length, failed: errors.length },
    });
  };

  const routes: FakeRoute[] = [
    {
      method: "POST",
      pattern: /^\/v1\/chat\/completions$/,
      faultable: true,
      handle: ({ body, fault }) => ({ status: 200, body: fakeChatCompletion(body, fault) }),
    },
    {
      method: "POST",
      pattern: /^\/v1\/responses$/,
      faultable: true,
      handle: ({ body, fault }) => ({ status: 200, body: fakeResponse(body, fault) }),
    },
    {
      method: "POST",
      pattern: /^\/v1\/files$/,
      faultable: true,
      handle: async ({ rawBody, headers, baseUrl }) => {
        const form = await new Request(`${baseUrl}/v1/files`, {
          method: "POST",
          headers: { "content-type": String(headers["content-type"]) },
          body: rawBody,
        }).formData();
        const file = form.get("file");
        if (file === null || typeof file === "string")
          return { status: 400, body: fakeOpenAIErrorBody(400, "missing file") };
        return {
          status: 200,
          body: fileObject(storeFile(file.name, String(form.get("purpose") ?? ""), await file.text())),
        };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/files\/([^/]+)\/content$/,
      faultable: true,
      handle: ({ match }) => {
        const file = files.get(match[1] ?? "");
        return file === undefined
          ? { status: 404, body: fakeOpenAIErrorBody(404, "no such file") }
          : { status: 200, body: file.content, raw: true };
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/batches$/,
      faultable: true,
      handle: ({ body }) => {
        const request = (body ?? {}) as Json;
        if (!files.has(String(request.input_file_id)))
          return { status: 400, body: fakeOpenAIErrorBody(400, "unknown input_file_id") };
        const now = Math.floor(Date.now() / 1000);
        const metadata = request.metadata;
        // Timestamps and file ids are absent until they happen (optional in the SDK's Batch type).
        const batch: OpenAI.Batches.Batch = {
          id: `batch_${randomUUID().replace(/-/g, "")}`,
          object: "batch",
          endpoint: String(request.endpoint),
          input_file_id: String(request.input_file_id),
          completion_window: String(request.completion_window),
          status: "validating",
          created_at: now,
          expires_at: now + 86_400,
          request_counts: { total: 0, completed: 0, failed: 0 },
          metadata: metadata !== null && typeof metadata === "object" ? (metadata as Record<string, string>) : null,
        };
        batches.set(String(batch.id), { object: batch, polls: 0 });
        return { status: 200, body: batch };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/batches\/([^/]+)$/,
      faultable: true,
      handle: ({ match }) => {
        const stored = batches.get(match[1] ?? "");
        if (stored === undefined) return { status: 404, body: fakeOpenAIErrorBody(404, "no such batch") };
        stored.polls++;
        const status = stored.object.status;
        if (status === "validating" || status === "in_progress") {
          if (stored.polls > (options.batchPollsUntilComplete ?? 1)) runBatch(stored.object);
          else stored.object.status = "in_progress";
        }
        return { status: 200, body: stored.object };
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/batches\/([^/]+)\/cancel$/,
      faultable: true,
      handle: ({ match }) => {
        const stored = batches.get(match[1] ?? "");
        if (stored === undefined) return { status: 404, body: fakeOpenAIErrorBody(404, "no such batch") };
        Object.assign(stored.object, { status: "cancelled", cancelled_at: Math.floor(Date.now() / 1000) });
        return { status: 200, body: stored.object };
      },
    },
  ];
  const protocol: FakeProtocol = {
    routes,
    credentialOf: (headers) => {
      const header = headers.authorization;
      return typeof header === "string" && header.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
    },
    errorBody: fakeOpenAIErrorBody,
    modelOf: (_path, body) => {
      const model = (body as Json | undefined)?.model;
      return typeof model === "string" ? model : undefined;
    },
  };
  const server = await startFakeServer(protocol, options);
  return Object.assign(server, { baseURL: `${server.origin}/v1` });
}
