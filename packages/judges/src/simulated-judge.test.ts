import { describe, expect, it } from "vitest";
import { paperImpactTemplate } from "./built-in-templates.js";
import { hashUniform } from "./hash-uniform.js";
import type { JudgeItem, JudgeRequest, JudgeResult } from "./judge-contract.js";
import { parseVerdictText } from "./parse-verdict-text.js";
import { createSimulatedJudge, measureLengthStatistics } from "./simulated-judge.js";

function items(count: number, seed: string): JudgeItem[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    text: "x".repeat(200 + Math.floor(hashUniform([seed, index, "length"]) * 800)),
    metadata: {
      quality: 2 * (hashUniform([seed, index, "quality"]) - 0.5),
      producerFamily: index % 2 === 0 ? "gpt" : "claude",
    },
  }));
}

function request(first: JudgeItem, second: JudgeItem, repetition = 0): JudgeRequest {
  return { first, second, template: paperImpactTemplate, repetition };
}

function quality(item: JudgeItem): number {
  return item.metadata?.quality as number;
}

/**
 * Maximum-likelihood estimate of a constant log-odds offset b in logit P(first) = offset_k + b, by Newton's method
 * (one parameter, concave log-likelihood).
 */
function estimateOffset(observations: ReadonlyArray<{ offset: number; firstWon: boolean }>): number {
  let estimate = 0;
  for (let step = 0; step < 50; step++) {
    let gradient = 0;
    let curvature = 0;
    for (const { offset, firstWon } of observations) {
      const p = 1 / (1 + Math.exp(-(offset + estimate)));
      gradient += (firstWon ? 1 : 0) - p;
      curvature += p * (1 - p);
    }
    estimate += gradient / curvature;
    if (Math.abs(gradient) < 1e-9) break;
  }
  return estimate;
}

async function verdicts(
  judge: ReturnType<typeof createSimulatedJudge>,
  requests: readonly JudgeRequest[],
): Promise<JudgeResult[]> {
  return Promise.all(requests.map((each) => judge.judge(each)));
}

describe("createSimulatedJudge", () => {
  const pool = items(60, "pool");
  const pairs: Array<[JudgeItem, JudgeItem]> = [];
  for (let index = 0; index < 2400; index++) {
    const left = pool[Math.floor(hashUniform(["pair", index, 0]) * pool.length)]!;
    const right = pool[Math.floor(hashUniform(["pair", index, 1]) * pool.length)]!;
    if (left.id !== right.id) pairs.push([left, right]);
  }

  it("recovers an injected position bias by maximum likelihood", async () => {
    const judge = createSimulatedJudge({ id: "biased", seed: 7, positionBias: 0.6, noiseScale: 0.5 });
    const requests = pairs.map(([first, second]) => request(first, second));
    const results = await verdicts(judge, requests);
    const observations = results.map((result, index) => {
      const [first, second] = pairs[index]!;
      if (result.type !== "verdict") throw new Error("unexpected failure");
      return { offset: (quality(first) - quality(second)) / 0.5, firstWon: result.verdict === "first" };
    });
    const estimate = estimateOffset(observations);
    // n ≈ 2,360 Bernoulli draws: the standard error of the offset is about 2 / sqrt(n) ≈ 0.045.
    expect(Math.abs(estimate - 0.6)).toBeLessThan(0.15);
    const unbiased = createSimulatedJudge({ id: "fair", seed: 7, noiseScale: 0.5 });
    const fair = await verdicts(unbiased, requests);
    const fairEstimate = estimateOffset(
      fair.map((result, index) => {
        const [first, second] = pairs[index]!;
        return {
          offset: (quality(first) - quality(second)) / 0.5,
          firstWon: result.type === "verdict" && result.verdict === "first",
        };
      }),
    );
    expect(Math.abs(fairEstimate)).toBeLessThan(0.15);
  });

  it("is deterministic per (judge, pair, order, repetition) in any call order", async () => {
    const judge = createSimulatedJudge({ id: "j", seed: "s", tieRate: 0.2 });
    const requests = pairs.slice(0, 200).map(([first, second], index) => request(first, second, index % 3));
    const forward = await verdicts(judge, requests);
    const backward = (await verdicts(judge, [...requests].reverse())).reverse();
    expect(backward.map((result) => result.type === "verdict" && result.verdict)).toEqual(
      forward.map((result) => result.type === "verdict" && result.verdict),
    );
    const otherSeed = await verdicts(createSimulatedJudge({ id: "j", seed: "t", tieRate: 0.2 }), requests);
    const differing = otherSeed.filter(
      (result, index) => JSON.stringify(result.raw) !== JSON.stringify(forward[index]!.raw),
    );
    expect(differing.length).toBeGreaterThan(150);
    const repeated = await judge.judge(request(pairs[0]![0], pairs[0]![1], 99));
    expect((repeated.raw as { difference: number }).difference).not.toBe(
      (forward[0]!.raw as { difference: number }).difference,
    );
  });

  it("flips the positional verdict when the order is swapped (noise-free, unbiased)", async () => {
    const judge = createSimulatedJudge({ id: "sharp", seed: 1, noiseScale: 1e-6 });
    for (const [first, second] of pairs.slice(0, 100)) {
      const forward = await judge.judge(request(first, second));
      const swapped = await judge.judge(request(second, first));
      const better = quality(first) > quality(second) ? "first" : "second";
      expect(forward).toMatchObject({ verdict: better });
      expect(swapped).toMatchObject({ verdict: better === "first" ? "second" : "first" });
    }
  });

  it("hits the tie rate for evenly matched items and the refusal rate", async () => {
    const even: JudgeItem[] = Array.from({ length: 2000 }, (_, index) => ({
      id: `e${index}`,
      text: "t",
      metadata: { quality: 0 },
    }));
    const judge = createSimulatedJudge({ id: "ties", seed: 3, tieRate: 0.3, refusalRate: 0.1 });
    const results = await verdicts(
      judge,
      even.slice(1).map((item, index) => request(even[index]!, item)),
    );
    const refusals = results.filter((result) => result.type === "failure" && result.kind === "refusal").length;
    const answered = results.filter((result) => result.type === "verdict");
    const ties = answered.filter((result) => result.verdict === "tie").length;
    expect(refusals / results.length).toBeGreaterThan(0.07);
    expect(refusals / results.length).toBeLessThan(0.13);
    expect(ties / answered.length).toBeGreaterThan(0.26);
    expect(ties / answered.length).toBeLessThan(0.34);
  });

  it("prefers its own family and longer texts when told to", async () => {
    const statistics = measureLengthStatistics(pool);
    const judge = createSimulatedJudge({
      id: "gpt-judge",
      seed: 5,
      family: "gpt",
      selfPreference: 1,
      lengthBias: 0.5,
      lengthStatistics: statistics,
    });
    const gpt = pool[0]!;
    const claude = { ...pool[1]!, text: gpt.text, metadata: { ...pool[1]!.metadata, quality: quality(gpt) } };
    expect(judge.logOdds(request(gpt, claude)).eta).toBeCloseTo(1, 10);
    const longer = {
      ...claude,
      id: "long",
      metadata: { quality: quality(gpt) },
      text: "y".repeat(gpt.text.length + 100),
    };
    const shorter = { ...longer, id: "short", text: gpt.text };
    expect(judge.logOdds(request(longer, shorter)).eta).toBeCloseTo((0.5 * 100) / statistics.sd, 10);
    expect(judge.logOdds(request(shorter, longer)).eta).toBeCloseTo((-0.5 * 100) / statistics.sd, 10);
  });

  it("grades wins as strong or weak by the latent margin when asked", async () => {
    const judge = createSimulatedJudge({ id: "graded", seed: 4, strongMargin: 1.5, tieRate: 0.1 });
    const results = await verdicts(
      judge,
      pairs.slice(0, 400).map(([first, second]) => request(first, second)),
    );
    const strengths = new Set(
      results.map((result) => (result.type === "verdict" ? `${result.verdict}/${result.strength}` : "")),
    );
    expect(strengths).toEqual(new Set(["first/strong", "first/weak", "second/strong", "second/weak", "tie/undefined"]));
    for (const result of results) {
      if (result.type !== "verdict" || result.verdict === "tie") continue;
      const { difference, threshold } = result.raw as { difference: number; threshold: number };
      expect(result.strength).toBe(Math.abs(difference) - threshold > 1.5 ? "strong" : "weak");
    }
  });

  it("writes an answer the parser reads back, with usage and a description for cache keys", async () => {
    const judge = createSimulatedJudge({ id: "j", seed: 2, family: "gpt", model: "sim-1" });
    const result = await judge.judge(request(pool[0]!, pool[1]!));
    if (result.type !== "verdict") throw new Error("expected a verdict");
    expect(parseVerdictText(result.text, paperImpactTemplate)).toMatchObject({ verdict: result.verdict });
    expect(result.usage.inputTokens).toBeGreaterThan(100);
    expect(judge.describe()).toMatchObject({ id: "j", kind: "simulated", model: "sim-1", parameters: { seed: "2" } });
  });

  it("names the item without a latent quality and validates parameters", async () => {
    const judge = createSimulatedJudge({ id: "j", seed: 1 });
    await expect(judge.judge(request({ id: "bare", text: "x" }, pool[0]!))).rejects.toThrow(
      /item "bare" has no numeric metadata.quality/,
    );
    expect(() => createSimulatedJudge({ id: "j", seed: 1, lengthBias: 1 })).toThrow(/lengthStatistics/);
    expect(() => createSimulatedJudge({ id: "j", seed: 1, tieRate: 1 })).toThrow(/tieRate/);
  });

  it("honours simulated latency, timeouts and aborts", async () => {
    const judge = createSimulatedJudge({ id: "slow", seed: 1, latency: { meanMs: 30 } });
    const result = await judge.judge(request(pool[0]!, pool[1]!));
    expect(result.latencyMs).toBe(30);
    await expect(judge.judge(request(pool[0]!, pool[1]!), { timeoutMs: 5 })).rejects.toMatchObject({ code: "timeout" });
    const controller = new AbortController();
    const pending = judge.judge(request(pool[0]!, pool[1]!), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "aborted" });
  });

  it("reports confidences that match an independent gold draw at temperature 1 and overshoot it below 1", async () => {
    const pool = items(40, "confidence");
    const gap = { calibrated: 0, overconfident: 0 };
    for (const [name, temperature] of [
      ["calibrated", 1],
      ["overconfident", 0.3],
    ] as const) {
      const judge = createSimulatedJudge({
        id: name,
        seed: 5,
        noiseScale: 0.5,
        tieRate: 0.2,
        confidenceTemperature: temperature,
      });
      let confidence = 0;
      let correct = 0;
      let count = 0;
      for (let i = 0; i < pool.length; i++) {
        for (let j = 0; j < pool.length; j++) {
          if (i === j) continue;
          const asked = request(pool[i] as JudgeItem, pool[j] as JudgeItem);
          const result = await judge.judge(asked);
          if (result.type !== "verdict" || result.confidence === undefined) throw new Error("expected a confidence");
          // Gold: an independent draw of the same threshold model (noise-free judge would be degenerate).
          const { eta, threshold } = judge.logOdds(asked);
          const u = hashUniform(["gold", i, j]);
          const d = eta + Math.log(u / (1 - u));
          const gold = d > threshold ? "first" : d < -threshold ? "second" : "tie";
          // Verdicts the judge is sure of: calibration means it is right that often.
          if (result.confidence < 0.8) continue;
          confidence += result.confidence;
          correct += gold === result.verdict ? 1 : 0;
          count++;
        }
      }
      expect(count).toBeGreaterThan(200);
      gap[name] = confidence / count - correct / count;
    }
    // Several hundred confident verdicts each: the standard error of their accuracy is below 0.02.
    expect(Math.abs(gap.calibrated)).toBeLessThan(0.04);
    expect(gap.overconfident).toBeGreaterThan(0.1);
  });
});
