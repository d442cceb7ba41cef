import type { AlpacaEvalAgreement } from "../metrics-document.js";
import { proportion } from "../stats/proportion.js";
import type { UnitVotes } from "./unit-votes.js";

/** Unique plurality label of three counts, or -1 when the largest count is shared or all are 0. */
function pluralityLabel(counts: ArrayLike<number>): number {
  let best = -1;
  let bestCount = 0;
  let shared = false;
  for (let label = 0; label < 3; label++) {
    const count = counts[label]!;
    if (count > bestCount) {
      best = label;
      bestCount = count;
      shared = false;
    } else if (count === bestCount && count > 0) shared = true;
  }
  return shared ? -1 : best;
}

/**
 * AlpacaEval-style figures (alpaca_eval `analyze.py`): with the human mode per unit (unique plurality of all
 * human labels; units where it is shared are skipped):
 * - human agreement: share of a judge's labels equal to the human mode; for a human, the mode of the *other*
 *   humans' labels (leave-one-out);
 * - bias: share of units where the judge's own modal label differs from the human mode;
 * - variance: for repeated labels of a judge on a unit, share that differ from the mode of its other labels.
 */
export function measureAlpacaEvalAgreement(
  votes: UnitVotes,
  judgeIds: readonly string[],
  humans: ReadonlySet<number>,
): AlpacaEvalAgreement {
  const judgeCount = judgeIds.length;
  // Per judge: [agree, n, biased, n, varied, n]
  const tallies = new Float64Array(judgeCount * 6);
  const humanTotals = new Float64Array(3);
  const others = new Float64Array(3);
  const rest = new Float64Array(3);
  for (let u = 0; u < votes.units; u++) {
    humanTotals.fill(0);
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      if (!humans.has(votes.judges[s]!)) continue;
      for (let l = 0; l < 3; l++) humanTotals[l]! += votes.counts[3 * s + l]!;
    }
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      const judge = votes.judges[s]!;
      const own = votes.counts.subarray(3 * s, 3 * s + 3);
      const isHuman = humans.has(judge);
      for (let l = 0; l < 3; l++) others[l] = humanTotals[l]! - (isHuman ? own[l]! : 0);
      const mode = pluralityLabel(others);
      const base = judge * 6;
      if (mode >= 0) {
        tallies[base]! += own[mode]!;
        tallies[base + 1]! += own[0]! + own[1]! + own[2]!;
        const modal = pluralityLabel(own);
        if (modal >= 0) {
          tallies[base + 3]!++;
          if (modal !== mode) tallies[base + 2]!++;
        }
      }
      for (let l = 0; l < 3; l++) {
        if (own[l] === 0) continue;
        // Each vote with label l against the mode of the judge's other votes on this unit.
        rest.set(own);
        rest[l]!--;
        const otherMode = pluralityLabel(rest);
        if (otherMode < 0) continue;
        tallies[base + 5]! += own[l]!;
        if (otherMode !== l) tallies[base + 4]! += own[l]!;
      }
    }
  }
  return {
    humans: judgeIds.filter((_, code) => humans.has(code)),
    perJudge: judgeIds.flatMap((judge, code) => {
      const base = code * 6;
      if (tallies[base + 1] === 0) return [];
      return [
        {
          judge,
          humanAgreement: proportion(tallies[base]!, tallies[base + 1]!),
          bias: proportion(tallies[base + 2]!, tallies[base + 3]!),
          variance: proportion(tallies[base + 4]!, tallies[base + 5]!),
        },
      ];
    }),
  };
}
