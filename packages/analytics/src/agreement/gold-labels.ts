import type { ComparisonTable } from "@judgelab/datasets";
import type { JudgeInfo, ReferenceColumns } from "../analysis-input.js";
import type { PairUnits } from "../pair-units.js";
import type { UnitVotes } from "./unit-votes.js";

/** No gold label for this unit. */
export const NO_LABEL = 255;

/** Gold label per unit (0 low wins, 1 high wins, 2 tie, {@link NO_LABEL}) and where it came from. */
export interface GoldLabels {
  readonly source: string;
  readonly label: Uint8Array;
  /** Judges whose votes are the labels (excluded from being scored against them). */
  readonly labelJudges: ReadonlySet<number>;
  readonly labelled: number;
  /** Per-pair references matching no unit of the table. */
  readonly unmatched: number;
}

/**
 * Chooses gold labels, in order of preference: per-pair reference labels; else the votes of judges of kind
 * `gold` (their majority per unit); else the majority of judges of kind `human` (strict majority of their
 * valid votes; no majority → no label). Returns undefined when none of these exists.
 */
export function resolveGoldLabels(options: {
  table: ComparisonTable;
  units: PairUnits;
  votes: UnitVotes;
  judges?: JudgeInfo | undefined;
  references?: ReferenceColumns | undefined;
}): GoldLabels | undefined {
  const { units, votes, references, judges } = options;
  const pairs = references?.pairs;
  if (pairs !== undefined && pairs.a.length > 0) {
    const label = new Uint8Array(units.count).fill(NO_LABEL);
    const lookup = new Map<string, number>();
    for (let u = 0; u < units.count; u++) lookup.set(`${units.low[u]}:${units.high[u]}:${units.prompt[u]}`, u);
    let labelled = 0;
    let unmatched = 0;
    for (let index = 0; index < pairs.a.length; index++) {
      const a = pairs.a[index]!;
      const b = pairs.b[index]!;
      const low = Math.min(a, b);
      const unit = lookup.get(`${low}:${Math.max(a, b)}:${pairs.prompt[index]}`);
      if (unit === undefined) {
        unmatched++;
        continue;
      }
      const winner = pairs.winner[index]!;
      label[unit] = winner === 2 ? 2 : (winner === 0) === (a === low) ? 0 : 1;
      labelled++;
    }
    return {
      source: `references:${references!.pairName ?? references!.name}`,
      label,
      labelJudges: new Set(),
      labelled,
      unmatched,
    };
  }
  for (const kind of ["gold", "human"] as const) {
    const labelJudges = new Set<number>();
    judges?.kind?.forEach((value, code) => {
      if (value === kind) labelJudges.add(code);
    });
    if (labelJudges.size === 0) continue;
    const label = majorityLabels(votes, labelJudges);
    const labelled = label.reduce((sum, value) => sum + (value === NO_LABEL ? 0 : 1), 0);
    if (labelled === 0) continue;
    const source = kind === "gold" ? "gold-judges" : "human-majority";
    return { source, label, labelJudges, labelled, unmatched: 0 };
  }
  return undefined;
}

/** Strict-majority label per unit over the valid votes of `group` (NO_LABEL without a strict majority). */
export function majorityLabels(votes: UnitVotes, group: ReadonlySet<number> | undefined): Uint8Array {
  const label = new Uint8Array(votes.units).fill(NO_LABEL);
  const totals = [0, 0, 0];
  for (let u = 0; u < votes.units; u++) {
    totals.fill(0);
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      if (group !== undefined && !group.has(votes.judges[s]!)) continue;
      for (let l = 0; l < 3; l++) totals[l]! += votes.counts[3 * s + l]!;
    }
    const sum = totals[0]! + totals[1]! + totals[2]!;
    for (let l = 0; l < 3; l++) if (totals[l]! * 2 > sum) label[u] = l;
  }
  return label;
}
