import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import {
  expectedFakeVerdict,
  type FakeFault,
  startFakeAnthropicServer,
  startFakeGeminiServer,
  startFakeOpenAIServer,
} from "@judgelab/judges/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createBatchClients, createJudges } from "./create-judges.js";
import { createRunManifest } from "./create-run-manifest.js";
import type { ProgressEvent } from "./progress-events.js";
import { readRunFolder } from "./read-run-folder.js";
import type { RunLogRecord } from "./run-records.js";
import { RunState } from "./run-state.js";
import { RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { createScoredItems, scoreOf } from "./test-support/scored-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-batch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const KEY = "sk-test-batch-key-0123456789";

async function setUp(options: {
  batchLineFault?: (customId: string) => FakeFault | undefined;
  polls?: number;
  provider?: "openai" | "anthropic" | "gemini";
}) {
  const provider = options.provider ?? "openai";
  const serverOptions = {
    apiKey: KEY,
    batchPollsUntilComplete: options.polls ?? 1,
    ...(options.batchLineFault === undefined ? {} : { batchLineFault: options.batchLineFault }),
  };
  const server =
    provider === "openai"
      ? await startFakeOpenAIServer(serverOptions)
      : provider === "anthropic"
        ? await startFakeAnthropicServer(serverOptions)
        : await startFakeGeminiServer(serverOptions);
  const baseURL = provider === "openai" ? `${server.origin}/v1` : server.origin;
  const model = { openai: "gpt-4o-mini", anthropic: "claude-3-5-haiku-latest", gemini: "gemini-2.5-flash" }[provider];
  const records = createScoredItems(8);
  const config = tournamentConfigSchema.parse({
    seed: 2,
    items: { inline: records },
    judges: [{ id: "gpt", provider, model, baseURL, apiKeyEnv: "K" }],
    scheduler: { kind: "round-robin", byCategory: false },
    batch: { enabled: true, pollIntervalMs: 10 },
  });
  const items = prepareTournamentItems(records, { byCategory: false });
  const apiKeyOf = (name: string) => (name === "K" ? KEY : undefined);
  const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf, baseDir: root });
  const batchClients = createBatchClients({ config, apiKeyOf });
  const manifest = createRunManifest({ config, items, template: paperImpactTemplate, judges });
  const run = async (runDir: string, signal?: AbortSignal, withBatches = true, events?: ProgressEvent[]) => {
    const store = RunStore.open(runDir, manifest);
    try {
      return await runTournament({
        config,
        items: records,
        judges,
        template: paperImpactTemplate,
        journal: store,
        ...(withBatches ? { batchClients } : {}),
        ...(events === undefined ? {} : { reporter: { report: (event: ProgressEvent) => events.push(event) } }),
        ...(signal === undefined ? {} : { signal }),
      });
    } finally {
      store.close();
    }
  };
  return { server, records, run };
}

function logOf(runDir: string): RunLogRecord[] {
  return readRunFolder(runDir).records;
}

describe("batch mode", () => {
  it.each([
    ["openai", "/v1/batches", 0.15, 0.6],
    ["anthropic", "/v1/messages/batches", 0.8, 4],
    ["gemini", "/v1beta/models/gemini-2.5-flash:batchGenerateContent", 0.3, 2.5],
  ] as const)(
    "%s: submits one batch per judge, polls, and collects every entry at the batch price",
    async (provider, path, input, output) => {
      const { server, records, run } = await setUp({ provider });
      try {
        const runDir = join(root, `plain-${provider}`);
        const summary = await run(runDir);
        expect(summary.recorded).toBe(28);
        expect(server.log.filter((entry) => entry.method === "POST" && entry.path === path)).toHaveLength(1);
        expect(
          server.log.filter((entry) => /(\/chat\/completions|\/messages|:generateContent)$/.test(entry.path)),
        ).toHaveLength(0);
        const state = RunState.fromRecords(logOf(runDir));
        const scores = new Map(records.map((item) => [item.id, scoreOf(item)]));
        for (const result of state.recorded.values()) {
          const { first, second, verdict, usage } = result.comparison;
          expect(verdict).toBe(expectedFakeVerdict(scores.get(first)!, scores.get(second)!));
          // Default prices per M tokens (gpt-4o-mini $0.15/$0.60, claude-3-5-haiku $0.80/$4, gemini-2.5-flash
          // $0.30/$2.50), 50% batch discount.
          const full = (usage!.inputTokens! * input + usage!.outputTokens! * output) / 1e6;
          expect(usage!.costUsd).toBeCloseTo(full / 2, 12);
        }
        expect(state.openBatches.size).toBe(0);
      } finally {
        await server.close();
      }
    },
  );

  it.each([
    ["openai", "/v1/batches", "/v1/chat/completions"],
    [
      "gemini",
      "/v1beta/models/gemini-2.5-flash:batchGenerateContent",
      "/v1beta/models/gemini-2.5-flash:generateContent",
    ],
  ] as const)(
    "%s: after a stop while waiting, resumes the same batch instead of submitting another",
    async (provider, createPath, onlinePath) => {
      const { server, run } = await setUp({ polls: 3, provider });
      try {
        const runDir = join(root, `resumed-${provider}`);
        const controller = new AbortController();
        const stopped = run(runDir, controller.signal);
        const watch = setInterval(() => {
          if (server.log.some((entry) => entry.method === "POST" && entry.path === createPath)) controller.abort();
        }, 1);
        const first = await stopped;
        clearInterval(watch);
        expect(first.reason).toBe("interrupted");
        const open = [...RunState.fromRecords(logOf(runDir)).openBatches.values()];
        expect(open).toHaveLength(1);
        // Without batch clients the waiting comparisons are left alone (calling them online would pay twice).
        const online = await run(runDir, undefined, false);
        expect(online.problems).toEqual([
          "round 0: 28 comparisons wait in an open provider batch; resume with batch.enabled to collect them",
        ]);
        expect(server.log.filter((entry) => entry.path === onlinePath)).toHaveLength(0);
        const second = await run(runDir);
        expect(second.recorded).toBe(28);
        expect(server.log.filter((entry) => entry.method === "POST" && entry.path === createPath)).toHaveLength(1);
        // The resumed run polled the batch id the first run logged.
        const polled = server.log.filter((entry) => entry.method === "GET" && entry.path.endsWith(open[0]!.batchId));
        expect(polled.length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    },
  );

  it.each([
    ["openai", "/v1/batches"],
    ["gemini", "/v1beta/models/gemini-2.5-flash:batchGenerateContent"],
  ] as const)(
    "%s: records failed batch lines as failures and resubmits only those on resume",
    async (provider, path) => {
      const failing = new Set(["c3", "c7"]);
      let failuresLeft = 2;
      const { server, run } = await setUp({
        provider,
        batchLineFault: (customId) => {
          if (!failing.has(customId) || failuresLeft === 0) return undefined;
          failuresLeft--;
          return { kind: "status", status: 500 };
        },
      });
      try {
        const runDir = join(root, `line-faults-${provider}`);
        const first = await run(runDir);
        expect(first.recorded).toBe(26);
        expect(first.failedByKind).toEqual({ server: 2 });
        const second = await run(runDir);
        expect(second.recorded).toBe(28);
        expect(second.failed).toBe(0);
        const batches = server.log.filter((entry) => entry.method === "POST" && entry.path === path);
        expect(batches).toHaveLength(2);
      } finally {
        await server.close();
      }
    },
  );
});
