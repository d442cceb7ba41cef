import { describe, expect, it } from "vitest";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { rateItems } from "./rate-items.js";
import { RatingsError } from "./ratings-error.js";

const itemIds = ["a", "b", "c", "d"];
/** Every ordered pair of 4 items once (12 comparisons), with a preference for the second item. */
const pairs: Array<[number, number, number]> = [];
for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) if (i !== j) pairs.push([i, j, Math.min(0.95, Math.max(0.05, 0.5 + 0.2 * (j - i)))]);
}

function soft(): PairwiseOutcomes {
  return {
    size: pairs.length,
    itemIds,
    first: Int32Array.from(pairs, ([i]) => i),
    second: Int32Array.from(pairs, ([, j]) => j),
    // The verdict is the preference's side; with weighting only the fractions count.
    verdict: Uint8Array.from(pairs, ([, , p]) => (p > 0.5 ? 1 : p < 0.5 ? 0 : 2)),
    preference: Float64Array.from(pairs, ([, , p]) => p),
  };
}

/** The same data as 20 hard rows per comparison: 20·(1 − p) first wins and 20·p second wins (p is a multiple of 0.05). */
function expanded(): PairwiseOutcomes {
  const first: number[] = [];
  const second: number[] = [];
  const verdict: number[] = [];
  for (const [i, j, p] of pairs) {
    const wins = Math.round(20 * p);
    for (let k = 0; k < 20; k++) {
      first.push(i);
      second.push(j);
      verdict.push(k < wins ? 1 : 0);
    }
  }
  return {
    size: first.length,
    itemIds,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    verdict: Uint8Array.from(verdict),
  };
}

describe("rateItems with weighted preferences (fractional Bradley–Terry outcomes)", () => {
  it("gives the maximum-likelihood ratings of the data with each comparison split into its fractions", () => {
    const weighted = rateItems(soft(), { method: "bt", weighted: true, bootstrapRounds: 0, prior: 0 });
    const reference = rateItems(expanded(), { method: "bt", bootstrapRounds: 0, prior: 0 });
    // The likelihood is 20 times smaller, the maximiser the same.
    weighted.items.forEach((item, index) => {
      expect(item.rating).toBeCloseTo(reference.items[index]!.rating!, 6);
    });
    expect(weighted.parameters.preference).toMatch(/12 comparisons with a continuous preference/);
    // Without weighting the verdicts decide: a different (more extreme) fit.
    const hard = rateItems(soft(), { method: "bt", bootstrapRounds: 0, prior: 0.1 });
    expect(hard.items[3]!.rating! - hard.items[0]!.rating!).not.toBeCloseTo(
      weighted.items[3]!.rating! - weighted.items[0]!.rating!,
      0,
    );
  });

  it("bootstraps the fractions row by row (also judge-aware) and refuses unsupported combinations", () => {
    const report = rateItems(soft(), { method: "bt", weighted: true, bootstrapRounds: 50, seed: 3, prior: 0.1 });
    for (const item of report.items) expect(item.ciLower!).toBeLessThanOrEqual(item.rating!);
    const judged = { ...soft(), judge: new Int32Array(pairs.length), judgeIds: ["j"] };
    expect(() =>
      rateItems(judged, { method: "bt", weighted: true, judgeAware: true, bootstrapRounds: 5 }),
    ).not.toThrow();
    expect(() => rateItems(soft(), { method: "elo", weighted: true })).toThrow(RatingsError);
    expect(() => rateItems(soft(), { method: "bt", weighted: true, intervals: "sandwich" })).toThrow(/weighted/);
  });
});
