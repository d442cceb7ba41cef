import { paperImpactTemplate, renderJudgePrompt } from "@judgelab/judges";
import { describe, expect, it } from "vitest";
import { estimateRun } from "./estimate-run.js";
import { PriceTable } from "./price-table.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const records = createSyntheticItems({ count: 10, categories: ["a"], qualitySd: 1, seed: 1 });
const items = prepareTournamentItems(records, { byCategory: true });

function estimate(overrides: Record<string, unknown>) {
  const config = tournamentConfigSchema.parse({
    items: { inline: records },
    judges: [
      { id: "a", provider: "openai", model: "gpt-4o" },
      { id: "b", provider: "openai", model: "gpt-4o-mini" },
    ],
    ...overrides,
  });
  return estimateRun({ config, items, template: paperImpactTemplate, prices: new PriceTable(config.prices) });
}

describe("estimateRun", () => {
  it("counts a round robin exactly: pairs × orders × repetitions, rotated or for the whole panel", () => {
    const rotated = estimate({ scheduler: { kind: "round-robin" }, order: "both", repetitions: 2 });
    expect(rotated).toMatchObject({ matches: 45, exact: true, calls: 180 });
    expect(rotated.judges.map((judge) => judge.calls)).toEqual([92, 88]); // 23 and 22 matches × 4
    const panel = estimate({ scheduler: { kind: "round-robin" }, assignment: "panel" });
    expect(panel.calls).toBe(90);
  });

  it("bounds adaptive schedules by the stop rules and the match budget", () => {
    expect(estimate({ stop: { maxMatchesPerItem: 4 } })).toMatchObject({ matches: 20, exact: false });
    expect(estimate({ stop: { maxMatchesPerItem: 50 } }).matches).toBe(45); // at most every pair once
    expect(estimate({ stop: { maxMatches: 7 } }).matches).toBe(7);
    // The target scheduler ignores maxMatchesPerItem (a σ rule) and is bounded by the hard cap (default 2×).
    expect(estimate({ scheduler: { kind: "target" }, stop: { maxMatchesPerItem: 2 } }).matches).toBe(20);
    expect(estimate({ scheduler: { kind: "target" }, stop: { hardMaxMatchesPerItem: 3 } }).matches).toBe(15);
  });

  it("prices tokens from characters/4 of rendered prompts and the expected output", () => {
    const result = estimate({ scheduler: { kind: "round-robin" }, expectedOutputTokens: 200 });
    const prompt = renderJudgePrompt({
      first: items.judgeItems[0]!,
      second: items.judgeItems[1]!,
      template: paperImpactTemplate,
      repetition: 0,
    });
    const perCall = ((prompt.system ?? "") + prompt.user).length / 4;
    expect(result.inputTokens / result.calls).toBeGreaterThan(perCall * 0.7);
    expect(result.inputTokens / result.calls).toBeLessThan(perCall * 1.3);
    const [gpt4o, mini] = result.judges;
    expect(gpt4o!.costUsd).toBeCloseTo((gpt4o!.inputTokens * 2.5 + gpt4o!.outputTokens * 10) / 1e6, 10);
    expect(mini!.costUsd).toBeCloseTo((mini!.inputTokens * 0.15 + mini!.outputTokens * 0.6) / 1e6, 10);
    expect(result.costUsd).toBeCloseTo(gpt4o!.costUsd! + mini!.costUsd!, 10);
  });

  it("prices batch-capable judges (OpenAI, Anthropic, Gemini) at the 50% batch discount, the others in full", () => {
    const judges = [
      { id: "g", provider: "gemini", model: "gemini-2.5-flash" },
      { id: "c", provider: "anthropic", model: "claude-3-5-haiku-latest" },
      // An OpenAI-compatible server has no batch API: it runs online even in batch mode.
      {
        id: "v",
        provider: "openai-compatible",
        model: "gpt-4o-mini",
        baseURL: "http://127.0.0.1:1/v1",
        apiKeyEnv: "none",
      },
    ];
    const scheduler = { kind: "round-robin" };
    const online = estimate({ judges, scheduler, expectedOutputTokens: 100 });
    const batched = estimate({ judges, scheduler, expectedOutputTokens: 100, batch: { enabled: true } });
    const [gemini, claude, compatible] = batched.judges;
    expect(gemini!.costUsd).toBeCloseTo((gemini!.inputTokens * 0.3 + gemini!.outputTokens * 2.5) / 1e6 / 2, 12);
    expect(gemini!.costUsd).toBeCloseTo(online.judges[0]!.costUsd! / 2, 12);
    expect(claude!.costUsd).toBeCloseTo(online.judges[1]!.costUsd! / 2, 12);
    expect(compatible!.costUsd).toBeCloseTo(online.judges[2]!.costUsd!, 12);
    expect(compatible!.costUsd).toBeGreaterThan(0);
    expect(batched.judges.map((judge) => judge.batch)).toEqual([true, true, false]);
    expect(online.judges.map((judge) => judge.batch)).toEqual([false, false, false]);
  });

  it("lists models without a price", () => {
    const result = estimate({ judges: [{ id: "x", provider: "openai", model: "gpt-unknown" }] });
    expect(result.modelsWithoutPrice).toEqual(["gpt-unknown"]);
    expect(result.costUsd).toBe(0);
  });
});
