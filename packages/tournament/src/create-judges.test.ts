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
import { createRunManifest } from "./create-run-manifest.js";
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

/** What tells the adapters apart on the wire: the path, and how the body asks for JSON and limits output. */
type RequestCheck = (path: string, body: Record<string, unknown>) => void;

const providers: {
  provider: Provider;
  model: string;
  start: () => Promise<FakeServer>;
  baseURL: (server: FakeServer) => string;
  /** The adapter's own `describe().parameters.api` and structured-output setting. */
  parameters: Record<string, unknown>;
  /** Provider in the judge's description (the Responses API is OpenAI's). */
  describedAs?: string;
  checkRequest: RequestCheck;
}[] = [
  {
    provider: "openai",
    model: "gpt-4o-mini",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
    parameters: { api: "chat-completions", structuredOutput: "json_schema" },
    checkRequest: (path, body) => {
      expect(path).toBe("/v1/chat/completions");
      expect(body).toMatchObject({ max_completion_tokens: 200, response_format: { type: "json_schema" } });
      expect(body).not.toHaveProperty("max_tokens");
    },
  },
  {
    provider: "openai-responses",
    model: "gpt-5-mini",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
    parameters: { api: "responses", structuredOutput: true },
    describedAs: "openai",
    checkRequest: (path, body) => {
      expect(path).toBe("/v1/responses");
      expect(body).toMatchObject({ max_output_tokens: 200, text: { format: { type: "json_schema" } } });
    },
  },
  {
    provider: "openai-compatible",
    model: "qwen",
    start: () => startFakeOpenAIServer({ apiKey: KEY }),
    baseURL: (s) => `${s.origin}/v1`,
    // Not the strict-json_schema chat judge: prompt + tolerant parser, and the `max_tokens` every server accepts.
    parameters: { api: "chat-completions", structuredOutput: "none" },
    checkRequest: (path, body) => {
      expect(path).toBe("/v1/chat/completions");
      expect(body).toMatchObject({ max_tokens: 200 });
      expect(body).not.toHaveProperty("response_format");
      expect(body).not.toHaveProperty("max_completion_tokens");
    },
  },
  {
    provider: "anthropic",
    model: "claude-sonnet-4-0",
    start: () => startFakeAnthropicServer({ apiKey: KEY }),
    baseURL: (s) => s.origin,
    parameters: { api: "messages", jsonMode: "tool" },
    checkRequest: (path, body) => {
      expect(path).toBe("/v1/messages");
      expect(body).toMatchObject({ max_tokens: 200, tool_choice: { type: "tool" } });
    },
  },
  {
    provider: "gemini",
    model: "gemini-2.5-flash",
    start: () => startFakeGeminiServer({ apiKey: KEY }),
    baseURL: (s) => s.origin,
    parameters: { api: "generateContent", structuredOutput: true },
    checkRequest: (path, body) => {
      expect(path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
      expect(body).toMatchObject({
        generationConfig: { maxOutputTokens: 200, responseMimeType: "application/json" },
      });
    },
  },
];

describe("createJudges wires every provider into the runner", () => {
  for (const { provider, model, start, baseURL, parameters, describedAs, checkRequest } of providers) {
    it(`${provider}: a round robin through the fake server with injected faults`, async () => {
      const server = await start();
      try {
        server.faults.push(...faults);
        const records = createScoredItems(6);
        const config = tournamentConfigSchema.parse({
          items: { inline: records },
          judges: [
            { id: "judge", provider, model, baseURL: baseURL(server), apiKeyEnv: "WIRING_KEY", maxOutputTokens: 200 },
          ],
          scheduler: { kind: "round-robin" },
          retries: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 10 },
          limits: { [provider]: { concurrency: 1 } },
        });
        const items = prepareTournamentItems(records, { byCategory: true });
        const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf: () => KEY, baseDir: "." });
        expect(judges[0]!.describe()).toMatchObject({ provider: describedAs ?? provider, model, parameters });
        const journal = createMemoryJournal();
        const summary = await runTournament({ config, items: records, judges, template: paperImpactTemplate, journal });
        // The refusal is final invalid: decided, counted, not retried.
        expect(summary.recorded + summary.invalid).toBe(15);
        expect(summary.invalid).toBe(1);
        expect(summary.failedByKind).toEqual({});
        const scores = new Map(records.map((item) => [item.id, scoreOf(item)]));
        for (const result of RunState.fromRecords(journal.appended).recorded.values()) {
          const { first, second, verdict, usage } = result.comparison;
          expect(verdict).toBe(expectedFakeVerdict(scores.get(first)!, scores.get(second)!));
          expect(usage?.inputTokens).toBeGreaterThan(0);
        }
        expect(server.log.every((entry) => entry.authorized)).toBe(true);
        for (const entry of server.log) checkRequest(entry.path, entry.body as Record<string, unknown>);
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

describe("API keys from the environment", () => {
  const request = (items: ReturnType<typeof prepareTournamentItems>) => ({
    first: items.judgeItems[0]!,
    second: items.judgeItems[1]!,
    template: paperImpactTemplate,
    repetition: 0,
  });

  it("gemini reads GEMINI_API_KEY, else GOOGLE_API_KEY (an empty value counts as unset)", async () => {
    const server = await startFakeGeminiServer({ apiKey: KEY });
    try {
      const records = createScoredItems(2);
      const items = prepareTournamentItems(records, { byCategory: true });
      const config = tournamentConfigSchema.parse({
        items: { inline: records },
        judges: [{ id: "g", provider: "gemini", model: "gemini-2.5-flash", baseURL: server.origin }],
      });
      const environments: [Record<string, string>, boolean][] = [
        [{ GEMINI_API_KEY: KEY }, true],
        [{ GOOGLE_API_KEY: KEY }, true],
        [{ GEMINI_API_KEY: KEY, GOOGLE_API_KEY: "wrong-google-key" }, true],
        [{ GEMINI_API_KEY: "", GOOGLE_API_KEY: KEY }, true],
        [{ GEMINI_API_KEY: "wrong-gemini-key", GOOGLE_API_KEY: KEY }, false],
      ];
      for (const [env, authorized] of environments) {
        const [judge] = await createJudges({
          config,
          items: items.judgeItems,
          apiKeyOf: (name) => env[name],
          baseDir: ".",
        });
        const result = await judge!.judge(request(items)).catch((error: unknown) => error);
        expect(server.log.at(-1)?.authorized, JSON.stringify(env)).toBe(authorized);
        expect("verdict" in (result as object), JSON.stringify(env)).toBe(authorized);
      }
      await expect(createJudges({ config, items: [], apiKeyOf: () => "", baseDir: "." })).rejects.toThrow(
        new JudgeSetupError(
          'judge "g" (gemini) needs an API key: set the environment variable GEMINI_API_KEY or GOOGLE_API_KEY',
        ),
      );
    } finally {
      await server.close();
    }
  });

  it("a judge's apiKeyEnv replaces the provider's defaults", async () => {
    const config = tournamentConfigSchema.parse({
      items: { synthetic: { count: 3 } },
      judges: [{ id: "g", provider: "gemini", model: "gemini-2.5-flash", apiKeyEnv: "MY_GEMINI" }],
    });
    const env: Record<string, string> = { GEMINI_API_KEY: KEY, GOOGLE_API_KEY: KEY };
    await expect(createJudges({ config, items: [], apiKeyOf: (name) => env[name], baseDir: "." })).rejects.toThrow(
      /set the environment variable MY_GEMINI$/,
    );
  });

  it("an openai-compatible judge sends the key its apiKeyEnv names, none only with apiKeyEnv: none", async () => {
    const server = await startFakeOpenAIServer({ apiKey: KEY });
    try {
      const records = createScoredItems(2);
      const items = prepareTournamentItems(records, { byCategory: true });
      const judgeFor = async (apiKeyEnv: string | undefined, env: Record<string, string>) => {
        const config = tournamentConfigSchema.parse({
          items: { inline: records },
          judges: [
            {
              id: "local",
              provider: "openai-compatible",
              model: "qwen",
              baseURL: `${server.origin}/v1`,
              ...(apiKeyEnv === undefined ? {} : { apiKeyEnv }),
            },
          ],
        });
        const built = await createJudges({
          config,
          items: items.judgeItems,
          apiKeyOf: (name) => env[name],
          baseDir: ".",
        });
        return built[0]!;
      };
      const requestsBefore = server.log.length;
      // A named variable that is unset, or no apiKeyEnv at all, fails before any request.
      await expect(judgeFor("ROUTER_KEY", { OPENAI_API_KEY: KEY })).rejects.toThrow(
        /judge "local" \(openai-compatible\) needs an API key: set the environment variable ROUTER_KEY/,
      );
      await expect(judgeFor(undefined, { OPENAI_API_KEY: KEY })).rejects.toThrow(/or apiKeyEnv: none/);
      expect(server.log.length).toBe(requestsBefore);
      // apiKeyEnv: none declares a keyless server (this one wants a key, so the call is refused).
      const keyless = await judgeFor("none", { OPENAI_API_KEY: KEY });
      await expect(keyless.judge(request(items))).rejects.toMatchObject({ code: "auth" });
      expect(server.log.at(-1)?.authorized).toBe(false);
      const keyed = await judgeFor("ROUTER_KEY", { ROUTER_KEY: KEY });
      expect(await keyed.judge(request(items))).toHaveProperty("verdict");
      expect(server.log.at(-1)?.authorized).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("keeps credentials in a base URL out of descriptions, run.json and failure messages", async () => {
    const records = createScoredItems(2);
    const items = prepareTournamentItems(records, { byCategory: true });
    const config = tournamentConfigSchema.parse({
      items: { inline: records },
      judges: [
        {
          id: "proxied",
          provider: "openai",
          model: "gpt-4o-mini",
          baseURL: "http://alice:pw-SECRET-1@127.0.0.1:9/v1?api-key=SECRET-2",
          apiKeyEnv: "WIRING_KEY",
        },
      ],
      scheduler: { kind: "round-robin" },
      retries: { maxAttempts: 1 },
    });
    const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf: () => KEY, baseDir: "." });
    const manifest = createRunManifest({ config, items, template: paperImpactTemplate, judges });
    const journal = createMemoryJournal();
    await runTournament({ config, items: records, judges, template: paperImpactTemplate, journal });
    const written = JSON.stringify({ manifest, log: journal.appended });
    expect(written).toContain("[redacted]");
    expect(written).not.toContain("SECRET");
  });
});

describe("confidences in the config", () => {
  it("topLogprobs reaches the logprob-capable adapters, is refused for anthropic and out of 1–20", async () => {
    const config = tournamentConfigSchema.parse({
      items: { synthetic: { count: 3 } },
      judges: [
        { id: "o", provider: "openai", model: "gpt-4o-mini", topLogprobs: 5 },
        { id: "g", provider: "gemini", model: "gemini-2.5-flash", topLogprobs: 3 },
      ],
    });
    const judges = await createJudges({ config, items: [], apiKeyOf: () => KEY, baseDir: "." });
    expect(judges.map((judge) => judge.describe().parameters.topLogprobs)).toEqual([5, 3]);
    const anthropic = tournamentConfigSchema.parse({
      items: { synthetic: { count: 3 } },
      judges: [{ id: "c", provider: "anthropic", model: "claude-sonnet-4-0", topLogprobs: 5 }],
    });
    await expect(createJudges({ config: anthropic, items: [], apiKeyOf: () => KEY, baseDir: "." })).rejects.toThrow(
      /Messages API returns no logprobs/,
    );
    const tooMany = tournamentConfigSchema.safeParse({
      items: { synthetic: { count: 3 } },
      judges: [{ id: "o", provider: "openai", model: "m", topLogprobs: 21 }],
    });
    expect(tooMany.success).toBe(false);
  });

  it("a simulated judge's confidenceTemperature gives its verdicts a confidence", async () => {
    const config = tournamentConfigSchema.parse({
      items: { synthetic: { count: 3 } },
      judges: [{ id: "s", provider: "simulated", model: "sim", simulation: { confidenceTemperature: 0.5 } }],
    });
    const items = [
      { id: "a", text: "A", metadata: { quality: 1 } },
      { id: "b", text: "B", metadata: { quality: 0 } },
    ];
    const [judge] = await createJudges({ config, items, apiKeyOf: () => undefined, baseDir: "." });
    expect(judge!.describe().parameters.confidenceTemperature).toBe(0.5);
    const result = await judge!.judge({
      first: items[0]!,
      second: items[1]!,
      template: paperImpactTemplate,
      repetition: 0,
    });
    expect(result).toMatchObject({ type: "verdict", confidence: expect.any(Number) });
  });
});
