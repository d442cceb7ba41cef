import { afterEach, describe, expect, it } from "vitest";
import { scoredRequest } from "../adapters/adapter-conformance.test-helper.js";
import { createAnthropicMessagesJudge } from "../adapters/anthropic-messages-judge.js";
import { createOpenAIChatJudge } from "../adapters/openai-chat-judge.js";
import { answerComparisonTemplate, paperImpactTemplate } from "../built-in-templates.js";
import { type FakeServer, startFakeAnthropicServer, startFakeOpenAIServer } from "../test-support/index.js";
import { createAnthropicBatchClient } from "./anthropic-batch.js";
import type { BatchEntry, BatchItemOutcome, BatchJobStatus } from "./batch-types.js";
import { buildOpenAIBatchInput, createOpenAIBatchClient } from "./openai-batch.js";
import { waitForBatch } from "./wait-for-batch.js";

const API_KEY = "sk-test-BATCH-KEY-0123456789";

/** Entry i scores i against 2.5 (against 1 for entry 1, a tie under the tie-capable answer template). */
function secondScore(index: number): number {
  return index === 1 ? 1 : 2.5;
}

/** Six entries alternating paper-impact (even) and answer-comparison (odd) templates. */
function entries(): BatchEntry[] {
  return Array.from({ length: 6 }, (_, index) => ({
    customId: `cmp-${index}`,
    request: scoredRequest(index % 2 === 0 ? paperImpactTemplate : answerComparisonTemplate, index, secondScore(index)),
  }));
}

function expectedVerdict(index: number): "first" | "second" | "tie" {
  return index > secondScore(index) ? "first" : index < secondScore(index) ? "second" : "tie";
}

function byId(outcomes: readonly BatchItemOutcome[]): Map<string, BatchItemOutcome> {
  return new Map(outcomes.map((outcome) => [outcome.customId, outcome]));
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("OpenAI Batch client", () => {
  it("uploads, creates, polls through a 429, and collects results, errors and refusals per custom_id", async () => {
    const fake = await startFakeOpenAIServer({
      apiKey: API_KEY,
      batchPollsUntilComplete: 2,
      batchLineFault: (customId) =>
        customId === "cmp-3" ? { kind: "status", status: 500 } : customId === "cmp-4" ? { kind: "refusal" } : undefined,
    });
    server = fake;
    const judge = createOpenAIChatJudge({ model: "gpt-batch", apiKey: API_KEY, baseURL: fake.baseURL });
    const client = createOpenAIBatchClient({ apiKey: API_KEY, baseURL: fake.baseURL });
    const all = entries();
    const submitted = await client.submit({ entries: all, judge, metadata: { run: "test" } });
    expect(submitted).toMatchObject({ state: "pending", done: false });
    fake.faults.push({ kind: "status", status: 429, retryAfterMs: 20 });
    const states: string[] = [];
    const finished = await waitForBatch({
      retrieve: () => client.retrieve(submitted.id),
      intervalMs: 5,
      onStatus: (status: BatchJobStatus) => states.push(status.state),
    });
    // The 429 poll is not counted by the fake; two counted polls answer in_progress, the third completes.
    expect(states).toEqual(["running", "running", "completed"]);
    expect(finished.counts).toEqual({ total: 6, succeeded: 5, failed: 1 });
    const outcomes = byId(await client.collect({ status: finished, entries: all, judge }));
    expect(outcomes.size).toBe(6);
    for (const index of [0, 1, 2, 5]) {
      expect(outcomes.get(`cmp-${index}`)).toMatchObject({
        type: "result",
        result: { type: "verdict", verdict: expectedVerdict(index) },
      });
    }
    expect(outcomes.get("cmp-3")).toMatchObject({ type: "error", error: { code: "server", status: 500 } });
    expect(outcomes.get("cmp-4")).toMatchObject({ type: "result", result: { type: "failure", kind: "refusal" } });
    const upload = fake.log.find((entry) => entry.path === "/v1/files")!;
    expect(upload).toMatchObject({ method: "POST", authorized: true });
    const create = fake.log.find((entry) => entry.path === "/v1/batches")!;
    expect(create.body).toMatchObject({
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
      metadata: { run: "test" },
    });
    expect(JSON.stringify([...outcomes.values()])).not.toContain(API_KEY);
  });

  it("builds one chat-completions line per entry and rejects bad ids and foreign judges", () => {
    const judge = createOpenAIChatJudge({ model: "gpt-batch", apiKey: API_KEY });
    const lines = buildOpenAIBatchInput(entries(), judge)
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({
      custom_id: "cmp-0",
      method: "POST",
      url: "/v1/chat/completions",
      body: { model: "gpt-batch" },
    });
    expect(() => buildOpenAIBatchInput([{ ...entries()[0]!, customId: "bad id!" }], judge)).toThrow(
      /customId "bad id!"/,
    );
    expect(() => buildOpenAIBatchInput([entries()[0]!, entries()[0]!], judge)).toThrow(/used twice/);
    const anthropic = createAnthropicMessagesJudge({ model: "claude", apiKey: API_KEY });
    expect(() => buildOpenAIBatchInput(entries(), anthropic)).toThrow(/needs an openai-chat judge/);
  });

  it("reports entries of a cancelled batch as not-run", async () => {
    const fake = await startFakeOpenAIServer({ batchPollsUntilComplete: 100 });
    server = fake;
    const judge = createOpenAIChatJudge({ model: "gpt-batch", apiKey: API_KEY, baseURL: fake.baseURL });
    const client = createOpenAIBatchClient({ apiKey: API_KEY, baseURL: fake.baseURL });
    const submitted = await client.submit({ entries: entries(), judge });
    const cancelled = await client.cancel(submitted.id);
    expect(cancelled).toMatchObject({ state: "cancelled", done: true });
    const outcomes = await client.collect({ status: cancelled, entries: entries(), judge });
    expect(outcomes).toHaveLength(6);
    expect(outcomes.every((outcome) => outcome.type === "not-run" && outcome.reason === "cancelled")).toBe(true);
  });
});

describe("Anthropic Message Batches client", () => {
  it("creates, polls, and collects succeeded, errored and refused entries", async () => {
    const fake = await startFakeAnthropicServer({
      apiKey: API_KEY,
      batchLineFault: (customId) =>
        customId === "cmp-1" ? { kind: "status", status: 429 } : customId === "cmp-2" ? { kind: "refusal" } : undefined,
    });
    server = fake;
    const judge = createAnthropicMessagesJudge({ model: "claude-batch", apiKey: API_KEY, baseURL: fake.origin });
    const client = createAnthropicBatchClient({ apiKey: API_KEY, baseURL: fake.origin });
    const all = entries();
    const submitted = await client.submit({ entries: all, judge });
    expect(submitted).toMatchObject({ state: "running", done: false, counts: { total: 6 } });
    const finished = await waitForBatch({ retrieve: () => client.retrieve(submitted.id), intervalMs: 5 });
    expect(finished).toMatchObject({ state: "completed", counts: { total: 6, succeeded: 5, failed: 1 } });
    const outcomes = byId(await client.collect({ status: finished, entries: all, judge }));
    expect(outcomes.size).toBe(6);
    for (const index of [0, 3, 4, 5]) {
      expect(outcomes.get(`cmp-${index}`)).toMatchObject({
        type: "result",
        result: { type: "verdict", verdict: expectedVerdict(index) },
      });
    }
    expect(outcomes.get("cmp-1")).toMatchObject({ type: "error", error: { code: "rate-limited", isRetryable: true } });
    expect(outcomes.get("cmp-2")).toMatchObject({ type: "result", result: { type: "failure", kind: "refusal" } });
    const create = fake.log.find((entry) => entry.path === "/v1/messages/batches")!;
    expect(
      (create.body as { requests: Array<{ custom_id: string; params: { model: string } }> }).requests[0],
    ).toMatchObject({
      custom_id: "cmp-0",
      params: { model: "claude-batch", tool_choice: { type: "tool" } },
    });
  });

  it("reports entries missing from the results as not-run", async () => {
    const fake = await startFakeAnthropicServer();
    server = fake;
    const judge = createAnthropicMessagesJudge({ model: "claude-batch", apiKey: API_KEY, baseURL: fake.origin });
    const client = createAnthropicBatchClient({ apiKey: API_KEY, baseURL: fake.origin });
    const submitted = await client.submit({ entries: entries().slice(0, 2), judge });
    const finished = await waitForBatch({ retrieve: () => client.retrieve(submitted.id), intervalMs: 5 });
    const outcomes = byId(await client.collect({ status: finished, entries: entries().slice(0, 3), judge }));
    expect(outcomes.get("cmp-2")).toEqual({ customId: "cmp-2", type: "not-run", reason: "missing" });
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const pending = waitForBatch({
      retrieve: async () => ({
        id: "b",
        state: "running",
        done: false,
        counts: { total: 1, succeeded: 0, failed: 0 },
        raw: {},
      }),
      intervalMs: 1000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "aborted" });
  });
});
