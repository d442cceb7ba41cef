import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerComparisonTemplate, paperImpactTemplate } from "../built-in-templates.js";
import type { JudgeResult, PairwiseJudge } from "../judge-contract.js";
import { startFakeGeminiServer } from "../test-support/fake-gemini-server.js";
import { startFakeOpenAIServer } from "../test-support/fake-openai-server.js";
import type { FakeServer } from "../test-support/fake-server-core.js";
import { scoredRequest } from "./adapter-conformance.test-helper.js";
import { createGeminiJudge } from "./gemini-judge.js";
import { createOpenAIChatJudge } from "./openai-chat-judge.js";
import { createOpenAIResponsesJudge } from "./openai-responses-judge.js";

const apiKey = "sk-test-logprobs";
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
let openai: FakeServer & { baseURL: string };
let gemini: FakeServer;

beforeAll(async () => {
  openai = await startFakeOpenAIServer({ apiKey });
  gemini = await startFakeGeminiServer({ apiKey });
});
afterAll(async () => {
  await openai.close();
  await gemini.close();
});

const judges: Array<[string, () => PairwiseJudge, () => Record<string, unknown>]> = [
  [
    "OpenAI chat (logprobs, top_logprobs)",
    () => createOpenAIChatJudge({ model: "gpt-test", apiKey, baseURL: openai.baseURL, topLogprobs: 5 }),
    () => openai.log.at(-1)?.body as Record<string, unknown>,
  ],
  [
    "OpenAI Responses (include output_text.logprobs, top_logprobs)",
    () => createOpenAIResponsesJudge({ model: "gpt-test", apiKey, baseURL: openai.baseURL, topLogprobs: 5 }),
    () => openai.log.at(-1)?.body as Record<string, unknown>,
  ],
  [
    "Gemini (responseLogprobs, logprobs)",
    () => createGeminiJudge({ model: "gemini-test", apiKey, baseURL: gemini.origin, topLogprobs: 5 }),
    () => gemini.log.at(-1)?.body as Record<string, unknown>,
  ],
];

function verdictOf(result: JudgeResult) {
  if (result.type !== "verdict") throw new Error(`expected a verdict, got ${result.kind}`);
  return result;
}

describe.each(judges)("%s", (_name, createJudge, lastBody) => {
  it("asks for logprobs and turns the verdict token's alternatives into confidence and preference", async () => {
    const judge = createJudge();
    // JSON answer paper1/paper2: the fake gives P(first) = σ(3 − 1.5).
    const paper = verdictOf(await judge.judge(scoredRequest(paperImpactTemplate, 3, 1.5)));
    const body = lastBody();
    expect(JSON.stringify(body)).toMatch(/top_logprobs|"logprobs":5/);
    expect(paper.verdict).toBe("first");
    expect(paper.confidence).toBeCloseTo(sigmoid(1.5), 10);
    expect(paper.preference).toBeCloseTo(1 - sigmoid(1.5), 10);
    expect(paper.verdictLogprobs?.first).toBeCloseTo(Math.log(sigmoid(1.5)), 10);
    // [[A]]/[[B]]/[[C]] text answer with ties: P = 0.9·σ(d), 0.9·(1 − σ(d)), 0.1; the verdict is second.
    const text = verdictOf(await judge.judge(scoredRequest(answerComparisonTemplate, 0, 2)));
    expect(text.verdict).toBe("second");
    expect(text.confidence).toBeCloseTo(0.9 * (1 - sigmoid(-2)), 10);
    expect(text.preference).toBeCloseTo(0.9 * (1 - sigmoid(-2)) + 0.05, 10);
    expect(text.verdictLogprobs?.tie).toBeCloseTo(Math.log(0.1), 10);
  });

  it("describes topLogprobs only when set, so cache keys of runs without logprobs stay the same", () => {
    expect(createJudge().describe().parameters.topLogprobs).toBe(5);
  });
});

describe("without topLogprobs", () => {
  it("asks for none and records no confidence", async () => {
    const judge = createOpenAIChatJudge({ model: "gpt-test", apiKey, baseURL: openai.baseURL });
    const result = verdictOf(await judge.judge(scoredRequest(paperImpactTemplate, 3, 1.5)));
    expect(openai.log.at(-1)?.body).not.toHaveProperty("logprobs");
    expect(result).not.toHaveProperty("confidence");
    expect(judge.describe().parameters).not.toHaveProperty("topLogprobs");
  });
});
