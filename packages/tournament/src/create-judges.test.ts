import { paperImpactTemplate } from "@judgelab/judges";
import {
  expectedFakeVerdict,
  type FakeFault,
  type FakeServer,
  startFakeAnthropicServer,
  startFakeGeminiServer,
  startFakeOpenAIServer,
} from "@judgelab/judges/test-support";
import { describe, expect, it } from "vitest";
import { createJudges } from "./create-judges.js";
import { JudgeSetupError } from "./judge-setup-error.js";
import { createMemoryJournal } from "./run-journal.js";
import { RunState } from "./run-state.js";
import { runTournament } from "./run-tournament.js";
import { createScoredItems, scoreOf } from "./test-support/scored-items.js";
import { type Provider, tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const KEY = "sk-test-wiring-key-0123456789abcdef";
const faults: FakeFault[] = [
  { kind: "status", status: 429, retryAfterMs: 10 },
  { kind: "status", status: 500 },
  { kind: "malformed-json" },
  { kind: "drop" },
  { kind: "refusal" },
];

const providers: {
  provider: Provider;
  model: string;
  start: () => Promise<FakeServer>;
  baseURL: (server: FakeServer) => string;
}[] = [
  {
    provider: "openai",
    model: "gpt-4o-mini",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
  },
  {
    provider: "openai-responses",
    model: "gpt-5-mini",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
  },
  {
    provider: "openai-compatible",
    model: "qwen",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
  },
  {
    provider: "anthropic",
    model: "claude-sonnet-4-0",
    start: () => startFakeAnthropicServer({ apiKey: KEY }),
    baseURL: (s) => s.origin,
  },
  {
    provider: "gemini",
    model: "gemini-2.5-flash",
    start: () => startFakeGeminiServer({ apiKey: KEY }),
    baseURL: (s) => s.origin,
  },
];

describe("createJudges wires every provider into the runner", () => {
  for (const { provider, model, start, baseURL } of providers) {
    it(`${provider}: a round robin through the fake server with injected faults`, async () => {
      const server = await start();
      try {
        server.faults.push(...faults);
        const records = createScoredItems(6);
        const config = tournamentConfigSchema.parse({
          items: { inline: records },
          judges: [{ id: "judge", provider, model, baseURL: baseURL(server), apiKeyEnv: "WIRING_KEY" }],
          scheduler: { kind: "round-robin" },
          retries: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 10 },
          limits: { [provider]: { concurrency: 1 } },
        });
        const items = prepareTournamentItems(records, { byCategory: true });
        const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf: () => KEY, baseDir: "." });
        const journal = createMemoryJournal();
        const summary = await runTournament({ config, items: records, judges, template: paperImpactTemplate, journal });
        expect(summary.recorded + summary.failed).toBe(15);
        expect(summary.failedByKind).toEqual({ refusal: 1 });
        const scores = new Map(records.map((item) => [item.id, scoreOf(item)]));
        for (const result of RunState.fromRecords(journal.appended).recorded.values()) {
          const { first, second, verdict, usage } = result.comparison;
          expect(verdict).toBe(expectedFakeVerdict(scores.get(first)!, scores.get(second)!));
          expect(usage?.inputTokens).toBeGreaterThan(0);
        }
        expect(server.log.every((entry) => entry.authorized)).toBe(true);
      } finally {
        await server.close();
      }
    });
  }

  it("names the missing key variable", async () => {
    const config = tournamentConfigSchema.parse({
      items: { synthetic: { count: 3 } },
      judges: [{ id: "c", provider: "anthropic", model: "claude-sonnet-4-0" }],
    });
    await expect(createJudges({ config, items: [], apiKeyOf: () => undefined, baseDir: "." })).rejects.toThrow(
      new JudgeSetupError('judge "c" (anthropic) needs an API key: set the environment variable ANTHROPIC_API_KEY'),
    );
  });
});

describe("simulated judges", () => {
  it("refuse items without a latent quality up front", async () => {
    const config = tournamentConfigSchema.parse({
      items: {
        inline: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
      },
      judges: [{ id: "sim", provider: "simulated", model: "m" }],
    });
    const items = prepareTournamentItems(
      [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      { byCategory: true },
    );
    await expect(
      createJudges({ config, items: items.judgeItems, apiKeyOf: () => undefined, baseDir: "." }),
    ).rejects.toThrow(/2 items have no numeric metadata\.quality \(first: "a"\)/);
  });
});
