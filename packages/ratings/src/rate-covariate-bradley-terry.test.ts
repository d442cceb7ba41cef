import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal-distribution.js";
import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { createRandomSource } from "./random-source.js";
import { rateItems } from "./rate-items.js";
import type { RatingReport } from "./rating-report.js";

/** True log-strengths of the five models; the verbose ones (higher codes) are weaker. */
const THETA = [0.6, 0.25, 0, -0.3, -0.55];
const VERBOSITY = [200, 300, 450, 700, 1000];
/** Log-odds per unit of (len_a − len_b)/(len_a + len_b + 1): the judge's length preference. */
const LENGTH_EFFECT = 1.0;
/** Rao–Kupper threshold η: P(a beats b) = σ(θ_a − θ_b + γz − η). */
const THRESHOLD = 0.35;
const POINTS = 400 / Math.log(10);

/**
 * `matches` matches between random pairs of the five models, each with its own answer lengths and one verdict
 * drawn from the style-control model (Rao–Kupper ties when `ties`), then judged `k` times identically: copies
 * alternate the presentation order (swapped sides, verdict and lengths), as both-orders judging does.
 */
function simulate(options: { seed: number; matches: number; k: number; ties?: boolean }) {
  const { matches, k } = options;
  const random = createRandomSource(options.seed);
  const size = matches * k;
  const first = new Int32Array(size);
  const second = new Int32Array(size);
  const verdict = new Uint8Array(size);
  const match = new Int32Array(size);
  const firstLength = new Float64Array(size);
  const secondLength = new Float64Array(size);
  const length = (model: number) => Math.round(VERBOSITY[model]! * Math.exp(0.4 * normalQuantile(random.next())));
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  for (let m = 0; m < matches; m++) {
    const a = Math.floor(random.next() * THETA.length);
    const b = (a + 1 + Math.floor(random.next() * (THETA.length - 1))) % THETA.length;
    const lengthA = length(a);
    const lengthB = length(b);
    const drive = THETA[a]! - THETA[b]! + (LENGTH_EFFECT * (lengthA - lengthB)) / (lengthA + lengthB + 1);
    const u = random.next();
    // 0: a wins, 1: b wins, 2: tie.
    const result = options.ties
      ? u < sigmoid(drive - THRESHOLD)
        ? 0
        : u < sigmoid(drive - THRESHOLD) + sigmoid(-drive - THRESHOLD)
          ? 1
          : 2
      : u < sigmoid(drive)
        ? 0
        : 1;
    for (let j = 0; j < k; j++) {
      const row = m * k + j;
      const swap = j % 2 === 1;
      first[row] = swap ? b : a;
      second[row] = swap ? a : b;
      firstLength[row] = swap ? lengthB : lengthA;
      secondLength[row] = swap ? lengthA : lengthB;
      verdict[row] = swap && result < 2 ? 1 - result : result;
      match[row] = m;
    }
  }
  const outcomes: PairwiseOutcomes = {
    size,
    itemIds: THETA.map((_, i) => `m${i}`),
    first,
    second,
    verdict,
    match,
  };
  const control = {
    features: { names: ["length"], kinds: ["ratio" as const], first: firstLength, second: secondLength },
  };
  return { outcomes, control };
}

const meanWidth = (report: RatingReport) =>
  report.items.reduce((sum, item) => sum + item.ciUpper! - item.ciLower!, 0) / report.items.length;

const truthOf = (id: string) => 1000 + POINTS * THETA[Number(id.slice(1))]!;

describe("rateCovariateBradleyTerry: clustered intervals", () => {
  it("style control with k = 4 identical judgments per match: clustered intervals match one judgment per match, naive ones are √k narrower", () => {
    const k = 4;
    const once = simulate({ seed: 3, matches: 400, k: 1 });
    const repeated = simulate({ seed: 3, matches: 400, k });
    const options = { method: "bt" as const, bootstrapRounds: 200, seed: 5 };
    const base = rateItems(once.outcomes, { ...options, control: once.control });
    const clustered = rateItems(repeated.outcomes, { ...options, control: repeated.control });
    const naive = rateItems(repeated.outcomes, { ...options, control: repeated.control, cluster: "none" });
    // One judgment per match: auto resamples comparisons; k per match: auto resamples the matches whole.
    expect(base.clustering).toMatchObject({ by: "comparison", clusters: 400, largest: 1, designEffect: null });
    expect(clustered.intervalMethod).toBe("bootstrap");
    expect(clustered.clustering).toMatchObject({ by: "match", clusters: 400, largest: k });
    expect(clustered.intervals).toContain("resampling the 400 matches whole (up to 4 judgments each)");
    expect(clustered.control!.intervals).toContain("the 400 matches whole");
    expect(naive.clustering).toMatchObject({ by: "comparison", clusters: 1600, largest: 1, designEffect: null });
    expect(naive.intervals).toContain("the 1600 comparisons one by one");
    // The same point estimates either way (the copies only scale the likelihood).
    for (const item of clustered.items) {
      const single = base.items.find((other) => other.id === item.id)!;
      expect(item.rating!).toBeCloseTo(single.rating!, 6);
    }
    const honest = meanWidth(clustered) / meanWidth(base);
    const narrow = meanWidth(naive) / meanWidth(clustered);
    expect(Math.abs(honest - 1)).toBeLessThan(0.15);
    expect(narrow).toBeGreaterThan(0.4);
    expect(narrow).toBeLessThan(0.6); // 1/√4 = 0.5
    // The design effect is measured against a naive bootstrap of 200 rounds: about √k.
    const designEffect = clustered.clustering!.designEffect!;
    expect(designEffect).toBeGreaterThan(1.7);
    expect(designEffect).toBeLessThan(2.3);
    // The style coefficient's interval widens by about √k as well.
    const coefficientWidth = (report: RatingReport) =>
      report.control!.covariates[0]!.ciUpper! - report.control!.covariates[0]!.ciLower!;
    const coefficientRatio = coefficientWidth(clustered) / coefficientWidth(naive);
    expect(coefficientRatio).toBeGreaterThan(1.6);
    expect(coefficientRatio).toBeLessThan(2.5);
  });

  it("Rao–Kupper ties: clustered by match by default, design effect about √k, κ's interval widened too", () => {
    const k = 4;
    const { outcomes } = simulate({ seed: 8, matches: 400, k, ties: true });
    const options = { method: "bt" as const, ties: "rao-kupper" as const, bootstrapRounds: 200, seed: 2 };
    const clustered = rateItems(outcomes, options);
    const naive = rateItems(outcomes, { ...options, cluster: "none" });
    const byPair = rateItems(outcomes, { ...options, cluster: "pair" });
    expect(clustered.clustering).toMatchObject({ by: "match", clusters: 400, largest: k });
    expect(byPair.clustering!.by).toBe("pair");
    expect(byPair.clustering!.clusters).toBeLessThanOrEqual(10);
    expect(byPair.intervals).toContain("item pairs whole");
    // With 10 pair clusters a resample can leave groups of items never compared: such rounds are counted, not fatal.
    expect(byPair.nonConvergedRounds).toBeLessThan(20);
    const designEffect = clustered.clustering!.designEffect!;
    expect(designEffect).toBeGreaterThan(1.7);
    expect(designEffect).toBeLessThan(2.3);
    expect(meanWidth(clustered) / meanWidth(naive)).toBeGreaterThan(1.7);
    const tieWidth = (report: RatingReport) => report.tieParameter!.ciUpper! - report.tieParameter!.ciLower!;
    expect(tieWidth(clustered) / tieWidth(naive)).toBeGreaterThan(1.6);
  });

  it("covers the true strengths at about the nominal 95% over simulated datasets; the naive bootstrap does not", () => {
    // 25 datasets × 5 items = 125 intervals per method (Monte Carlo SE of a 95% coverage ≈ 2%; the items of one
    // dataset are correlated, so a little more); 3 identical judgments per match (both orders), so the naive
    // bootstrap's intervals are about √3 too narrow and cover about P(|Z| < 1.96/√3) ≈ 74%. Kept small for speed.
    const datasets = 25;
    let clusteredHits = 0;
    let naiveHits = 0;
    let total = 0;
    for (let d = 0; d < datasets; d++) {
      const { outcomes, control } = simulate({ seed: 100 + d, matches: 200, k: 3 });
      const options = { method: "bt" as const, bootstrapRounds: 120, seed: d, control };
      const clustered = rateItems(outcomes, options);
      const naive = rateItems(outcomes, { ...options, cluster: "none" });
      for (const [report, count] of [
        [clustered, (hit: boolean) => void (clusteredHits += hit ? 1 : 0)],
        [naive, (hit: boolean) => void (naiveHits += hit ? 1 : 0)],
      ] as const) {
        for (const item of report.items) {
          const truth = truthOf(item.id);
          count(item.ciLower! <= truth && truth <= item.ciUpper!);
        }
      }
      total += clustered.items.length;
    }
    const clusteredCoverage = clusteredHits / total;
    const naiveCoverage = naiveHits / total;
    expect(clusteredCoverage).toBeGreaterThan(0.89);
    expect(clusteredCoverage).toBeLessThan(0.99);
    expect(naiveCoverage).toBeLessThan(0.85);
    expect(naiveCoverage).toBeLessThan(clusteredCoverage - 0.1);
  });

  it("--cluster match without match codes is refused; rounds 0 says its Wald intervals are not cluster-robust", () => {
    const { outcomes, control } = simulate({ seed: 1, matches: 60, k: 1 });
    const { match: _match, ...withoutMatches } = outcomes;
    expect(() => rateItems(withoutMatches, { method: "bt", bootstrapRounds: 20, control, cluster: "match" })).toThrow(
      /needs match codes/,
    );
    const wald = rateItems(outcomes, { method: "bt", bootstrapRounds: 0, control });
    expect(wald.intervalMethod).toBe("wald");
    expect(wald.clustering).toBeUndefined();
    expect(wald.intervals).toContain("not cluster-robust");
  });
});
