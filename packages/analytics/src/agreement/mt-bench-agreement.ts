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
  const tally = new Float64Array(4);
  const { offsets, judges, counts } = votes;
  for (let u = 0; u < votes.units; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    for (let s = start; s < end; s++) {
      if (!groupA.has(judges[s]!)) continue;
      for (let t = same ? s + 1 : start; t < end; t++) {
        if (t === s || !groupB.has(judges[t]!)) continue;
        addVotePairCounts(counts, s, t, tally, 0);
      }
    }
  }
  return {
    agreeWithTies: tally[0]!,
    totalWithTies: tally[1]!,
    agreeWithoutTies: tally[2]!,
    totalWithoutTies: tally[3]!,
  };
}

/**
 * Adds the MT-Bench vote-pair counts of two (unit, judge) slots to `out[at .. at+4)`: S1 agreeing pairs, S1
 * pairs, S2 agreeing pairs, S2 pairs (the cross product of the slots' labels low / high / tie; S2 without ties).
 */
export function addVotePairCounts(
  counts: Uint32Array,
  slotA: number,
  slotB: number,
  out: Float64Array,
  at: number,
): void {
  const a0 = counts[3 * slotA]!;
  const a1 = counts[3 * slotA + 1]!;
  const a2 = counts[3 * slotA + 2]!;
  const b0 = counts[3 * slotB]!;
  const b1 = counts[3 * slotB + 1]!;
  const b2 = counts[3 * slotB + 2]!;
  out[at]! += a0 * b0 + a1 * b1 + a2 * b2;
  out[at + 1]! += (a0 + a1 + a2) * (b0 + b1 + b2);
  out[at + 2]! += a0 * b0 + a1 * b1;
  out[at + 3]! += (a0 + a1) * (b0 + b1);
}
