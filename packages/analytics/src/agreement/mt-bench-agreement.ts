import type { UnitVotes } from "./unit-votes.js";

/** Agreement counts of the MT-Bench protocol: S1 (ties are a label) and S2 (vote pairs with a tie dropped). */
export interface MtBenchAgreementCounts {
  readonly agreeWithTies: number;
  readonly totalWithTies: number;
  readonly agreeWithoutTies: number;
  readonly totalWithoutTies: number;
}

/**
 * MT-Bench agreement between two groups of judges (FastChat `compute_agreement.py`): on every unit, every
 * vote of group A is paired with every vote of group B; S1 counts equal labels among all such vote pairs,
 * S2 drops pairs where either vote is a tie. When A and B are the same group (human vs human), all
 * unordered pairs of votes by *different* judges of the group are used. Invalid votes never count.
 */
export function measureMtBenchAgreement(
  votes: UnitVotes,
  groupA: ReadonlySet<number>,
  groupB: ReadonlySet<number>,
): MtBenchAgreementCounts {
  const same = groupA === groupB;
  let agreeWithTies = 0;
  let totalWithTies = 0;
  let agreeWithoutTies = 0;
  let totalWithoutTies = 0;
  const { offsets, judges, counts } = votes;
  for (let u = 0; u < votes.units; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    for (let s = start; s < end; s++) {
      if (!groupA.has(judges[s]!)) continue;
      for (let t = same ? s + 1 : start; t < end; t++) {
        if (t === s || !groupB.has(judges[t]!)) continue;
        const a0 = counts[3 * s]!;
        const a1 = counts[3 * s + 1]!;
        const a2 = counts[3 * s + 2]!;
        const b0 = counts[3 * t]!;
        const b1 = counts[3 * t + 1]!;
        const b2 = counts[3 * t + 2]!;
        totalWithTies += (a0 + a1 + a2) * (b0 + b1 + b2);
        agreeWithTies += a0 * b0 + a1 * b1 + a2 * b2;
        totalWithoutTies += (a0 + a1) * (b0 + b1);
        agreeWithoutTies += a0 * b0 + a1 * b1;
      }
    }
  }
  return { agreeWithTies, totalWithTies, agreeWithoutTies, totalWithoutTies };
}
