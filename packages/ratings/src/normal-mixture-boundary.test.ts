import { describe, expect, it } from "vitest";
import { mixtureRhoFor, normalMixtureBoundary } from "./normal-mixture-boundary.js";
import { createRandomSource } from "./random-source.js";

describe("normalMixtureBoundary", () => {
  it("equals the closed form and the asymptotic-CS margin of Waudby-Smith et al. (ρ² = 1/ρ, unit variance)", () => {
    // sqrt((v + ρ) ln((v + ρ)/(ρ α²))) at v = 100, ρ = 10, α = 0.05: 110 · ln(11 · 400) = 110 · 8.38936 → 30.3786.
    expect(normalMixtureBoundary({ intrinsicTime: 100, alpha: 0.05, rho: 10 })).toBeCloseTo(
      Math.sqrt(110 * Math.log(4400)),
      12,
    );
    // std_conjmix_margin(t, rho2, alpha) = sqrt(2 (t rho2 + 1) log(sqrt(t rho2 + 1)/alpha) / (t² rho2)).
    const t = 250;
    const rho2 = 0.04;
    const margin = Math.sqrt((2 * (t * rho2 + 1) * Math.log(Math.sqrt(t * rho2 + 1) / 0.05)) / (t * t * rho2));
    expect(normalMixtureBoundary({ intrinsicTime: t, alpha: 0.05, rho: 1 / rho2 }) / t).toBeCloseTo(margin, 12);
  });

  it("is tightest near the intrinsic time ρ was chosen for", () => {
    const rho = mixtureRhoFor({ intrinsicTime: 100, alpha: 0.05 });
    const at = (r: number) => normalMixtureBoundary({ intrinsicTime: 100, alpha: 0.05, rho: r });
    expect(at(rho)).toBeLessThan(at(rho * 3));
    expect(at(rho)).toBeLessThan(at(rho / 3));
  });

  it("keeps the error rate ≤ α under continuous peeking, where peeking at Wald intervals inflates it", () => {
    // One pair, P(a beats b) = 0.6; after every comparison, look whether the interval excludes 0.6. Seen: Wald
    // intervals miss at some look in 46.5% of the sequences, the confidence sequence in 2.0%.
    const alpha = 0.05;
    const p = 0.6;
    const horizon = 400;
    const replications = 1500;
    const rho = mixtureRhoFor({ intrinsicTime: horizon / 4 / 4, alpha });
    const random = createRandomSource(20210101);
    let naiveErrors = 0;
    let sequenceErrors = 0;
    for (let replication = 0; replication < replications; replication++) {
      let wins = 0;
      let naiveMissed = false;
      let sequenceMissed = false;
      for (let t = 1; t <= horizon; t++) {
        if (random.next() < p) wins++;
        const estimate = wins / t;
        const naiveHalfWidth = 1.959963984540054 * Math.sqrt(Math.max(estimate * (1 - estimate), 1e-12) / t);
        if (t >= 10 && Math.abs(estimate - p) > naiveHalfWidth) naiveMissed = true;
        const sequenceHalfWidth = normalMixtureBoundary({ intrinsicTime: t / 4, alpha, rho }) / t;
        if (Math.abs(estimate - p) > sequenceHalfWidth) sequenceMissed = true;
      }
      if (naiveMissed) naiveErrors++;
      if (sequenceMissed) sequenceErrors++;
    }
    expect(naiveErrors / replications).toBeGreaterThan(0.2);
    expect(sequenceErrors / replications).toBeLessThanOrEqual(alpha);
  });
});
