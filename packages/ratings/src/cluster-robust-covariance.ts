import type { BradleyTerryLayout } from "./bradley-terry-likelihood.js";
import { evaluateBradleyTerry } from "./bradley-terry-likelihood.js";
import { choleskyInPlace, choleskyInverse } from "./cholesky.js";
import type { CellClusters } from "./cluster-comparisons.js";
import type { PairCells } from "./pair-cells.js";

/**
 * The cluster-robust covariance of a half-ties Bradley–Terry fit's free parameters, and the same with every
 * comparison its own cluster (HC1): c·I⁻¹(Σ_g U_g U_gᵀ)I⁻¹ with the CR1 factor c = G/(G − 1)·(N − 1)/(N − K)
 * (see {@link sandwichBradleyTerry} for the formula and references). `clusters` null = no clustering.
 */
export function clusterRobustCovariance(options: {
  cells: PairCells;
  layout: BradleyTerryLayout;
  parameters: Float64Array;
  clusters: CellClusters | null;
}): { clustered: Float64Array; naive: Float64Array } {
  const { cells, layout, parameters, clusters } = options;
  const size = layout.freeCount;
  const information = new Float64Array(size * size);
  evaluateBradleyTerry(cells, cells, layout, parameters, new Float64Array(size), information);
  if (!choleskyInPlace(information, size)) {
    throw new RangeError("sandwich intervals: the Fisher information is singular (an item never won or never lost?)");
  }
  const bread = choleskyInverse(information, size);
  const residuals = categoryScores(cells, layout, parameters);
  const comparisons = countComparisons(cells);
  const naive = sandwichCovariance(bread, size, clusterMeat(cells, layout, residuals, null), {
    clusters: comparisons,
    comparisons,
  });
  const clustered =
    clusters === null
      ? naive
      : sandwichCovariance(bread, size, clusterMeat(cells, layout, residuals, clusters), {
          clusters: clusters.count,
          comparisons,
        });
  return { clustered, naive };
}

type Layout = BradleyTerryLayout;

/** Residual y − p of each (cell, outcome) category at θ̂ (3c + o; o = first wins, second wins, tie). */
function categoryScores(cells: PairCells, layout: Layout, parameters: Float64Array): Float64Array {
  const delta = layout.orderIndex >= 0 ? parameters[layout.orderIndex]! : 0;
  const residuals = new Float64Array(3 * cells.size);
  for (let c = 0; c < cells.size; c++) {
    const positional = layout.orderIndex >= 0 && cells.positional[c] === 1;
    const d = parameters[cells.first[c]!]! - parameters[cells.second[c]!]! + (positional ? delta : 0);
    const p = 1 / (1 + Math.exp(-d));
    residuals[3 * c] = 1 - p;
    residuals[3 * c + 1] = -p;
    residuals[3 * c + 2] = 0.5 - p;
  }
  return residuals;
}

/**
 * The meat Σ_g U_g U_gᵀ over the free parameters; without clusters every comparison is its own cluster, so the
 * meat is Σ_categories count·r²·x xᵀ.
 */
function clusterMeat(
  cells: PairCells,
  layout: Layout,
  residuals: Float64Array,
  clusters: CellClusters | null,
): Float64Array {
  const size = layout.freeCount;
  const meat = new Float64Array(size * size);
  const score = new Float64Array(size);
  const touched: number[] = [];
  const isTouched = new Uint8Array(size);
  const orderFree = layout.orderIndex >= 0 ? layout.freeIndex[layout.orderIndex]! : -1;
  const add = (category: number, weight: number): void => {
    const c = Math.floor(category / 3);
    const value = weight * residuals[category]!;
    const f = layout.freeIndex[cells.first[c]!]!;
    const s = layout.freeIndex[cells.second[c]!]!;
    const o = orderFree >= 0 && cells.positional[c] === 1 ? orderFree : -1;
    for (const [index, sign] of [
      [f, 1],
      [s, -1],
      [o, 1],
    ] as const) {
      if (index < 0) continue;
      if (isTouched[index] === 0) {
        isTouched[index] = 1;
        touched.push(index);
      }
      score[index] = score[index]! + sign * value;
    }
  };
  const flush = (): void => {
    for (const i of touched) {
      for (const j of touched) meat[i * size + j] = meat[i * size + j]! + score[i]! * score[j]!;
    }
    for (const i of touched) {
      score[i] = 0;
      isTouched[i] = 0;
    }
    touched.length = 0;
  };
  if (clusters === null) {
    const counts = [cells.firstWins, cells.secondWins, cells.ties];
    for (let c = 0; c < cells.size; c++) {
      for (let o = 0; o < 3; o++) {
        const count = (counts[o] as Float64Array)[c] as number;
        if (count === 0) continue;
        // count comparisons, each its own cluster: count · (r x)(r x)ᵀ.
        add(3 * c + o, 1);
        for (const i of touched) score[i] = score[i]! * Math.sqrt(count);
        flush();
      }
    }
    return meat;
  }
  for (let g = 0; g < clusters.count; g++) {
    for (let e = clusters.start[g]!; e < clusters.start[g + 1]!; e++) {
      add(clusters.category[e]!, clusters.weight[e]!);
    }
    flush();
  }
  return meat;
}

/** c · B⁻¹ M B⁻¹ with the CR1 factor c = G/(G − 1) · (N − 1)/(N − K). */
function sandwichCovariance(
  bread: Float64Array,
  size: number,
  meat: Float64Array,
  counts: { clusters: number; comparisons: number },
): Float64Array {
  const { clusters, comparisons } = counts;
  const factor =
    clusters > 1 && comparisons > size
      ? (clusters / (clusters - 1)) * ((comparisons - 1) / (comparisons - size))
      : Number.NaN;
  const half = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const value = bread[i * size + k]!;
      if (value === 0) continue;
      for (let j = 0; j < size; j++) half[i * size + j] = half[i * size + j]! + value * meat[k * size + j]!;
    }
  }
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const value = half[i * size + k]!;
      if (value === 0) continue;
      for (let j = 0; j < size; j++) {
        covariance[i * size + j] = covariance[i * size + j]! + value * bread[k * size + j]!;
      }
    }
  }
  for (let k = 0; k < covariance.length; k++) covariance[k] = covariance[k]! * factor;
  return covariance;
}

function countComparisons(cells: PairCells): number {
  let total = 0;
  for (let c = 0; c < cells.size; c++) {
    total += cells.firstWins[c]! + cells.secondWins[c]! + cells.ties[c]!;
  }
  return total;
}
