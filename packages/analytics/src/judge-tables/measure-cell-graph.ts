import type { PairCells } from "@judgelab/ratings";
import { type GraphDegree, measureEdgeGraph } from "../stability/graph-degree.js";

/**
 * `measureGraphDegree` of the stability section from pooled cells (one cell per unordered pair, standing for
 * its wins, losses and ties): the same figures as from the rows the cells came from.
 */
export function measureCellGraph(cells: PairCells): GraphDegree {
  return measureEdgeGraph(
    cells.itemIds.length,
    cells.size,
    cells.first,
    cells.second,
    (c) => cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!,
  );
}
