import type { CellCounts } from "./bradley-terry-likelihood.js";
import type { PairCells } from "./pair-cells.js";

/** What a fit's layout needs to know of its cells before choosing the free parameters. */
export interface CellActivity {
  /** 1 for every item in at least one cell with a count, else 0 (per item code). */
  readonly active: Uint8Array;
  /** Cells with a count whose presentation order is known (they identify an order effect). */
  readonly positional: number;
  /** Ties over the cells (they identify a tie parameter). */
  readonly ties: number;
}

/**
 * One pass over the cells (`counts` may be a resample of `cells`' counts): which items take part, how many
 * counted cells have a known order, and how many ties there are. Shared by the Bradley–Terry layouts.
 */
export function scanCellActivity(cells: PairCells, counts: CellCounts = cells): CellActivity {
  const active = new Uint8Array(cells.itemIds.length);
  let positional = 0;
  let ties = 0;
  for (let c = 0; c < cells.size; c++) {
    if (counts.firstWins[c]! + counts.secondWins[c]! + counts.ties[c]! === 0) continue;
    active[cells.first[c]!] = 1;
    active[cells.second[c]!] = 1;
    positional += cells.positional[c]!;
    ties += counts.ties[c]!;
  }
  return { active, positional, ties };
}
