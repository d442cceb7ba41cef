import type { ComparisonTable } from "@judgelab/datasets";
import { createRandomSource, type RandomSource } from "@judgelab/ratings";
import type { ItemInfo, JudgeInfo } from "../analysis-input.js";
import { buildTable, type TableRow } from "./build-table.js";

/** A simulated judge: logit P(first wins) = (q_first − q_second)/noise + positionBias + self + length terms. */
export interface SimulatedJudge {
  readonly id: string;
  readonly family?: string;
  /** Scale of the quality difference (1 = the latent scale; larger = noisier). */
  readonly noise?: number;
  /** Log-odds bonus of the item shown first (the BT order effect δ in natural-log units). */
  readonly positionBias?: number;
  /** Log-odds bonus of an item produced by the judge's own family. */
  readonly selfPreference?: number;
  /** Log-odds per unit of (len_first − len_second)/(len_first + len_second) (Arena's normalised difference). */
  readonly lengthBias?: number;
}

/** Options of {@link simulateJudges}. */
export interface SimulationOptions {
  readonly seed: number;
  readonly items: number;
  readonly judges: readonly SimulatedJudge[];
  /** Distinct random item pairs. */
  readonly pairs: number;
  /** Judge every pair in both orders (else one random order). */
  readonly bothOrders?: boolean;
  readonly repetitions?: number;
  /** Producer families assigned to items in rotation. */
  readonly families?: readonly string[];
  /** Standard deviation of latent qualities (log-odds units). Default 1. */
  readonly qualitySpread?: number;
}

/** The simulated data with its ground truth. */
export interface Simulation {
  readonly table: ComparisonTable;
  readonly items: ItemInfo;
  readonly judges: JudgeInfo;
  /** Latent quality per item code. */
  readonly quality: Float64Array;
  /** True P(first wins) per row. */
  readonly probability: Float64Array;
}

function normal(random: RandomSource): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/**
 * Seeded generator with known ground truth for the analytics tests: latent qualities ~ N(0, spread²),
 * lengths ~ 200..1800 characters, and every judge judging every sampled pair (all judges see the same
 * pairs and orders, so agreement between identical judges has a known expectation).
 */
export function simulateJudges(options: SimulationOptions): Simulation {
  const random = createRandomSource(options.seed);
  const itemIds = Array.from({ length: options.items }, (_, index) => `item-${index}`);
  const quality = Float64Array.from(itemIds, () => normal(random) * (options.qualitySpread ?? 1));
  const length = Float64Array.from(itemIds, () => 200 + Math.floor(random.next() * 1600));
  const families = options.families ?? [];
  const producerFamily = itemIds.map((_, index) =>
    families.length === 0 ? undefined : families[index % families.length],
  );
  const possible = (options.items * (options.items - 1)) / 2;
  if (options.pairs > possible) {
    throw new RangeError(`simulateJudges: ${options.pairs} distinct pairs requested, only ${possible} exist`);
  }
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  while (pairs.length < options.pairs) {
    const a = Math.floor(random.next() * options.items);
    const b = Math.floor(random.next() * options.items);
    if (a === b || seen.has(Math.min(a, b) * options.items + Math.max(a, b))) continue;
    seen.add(Math.min(a, b) * options.items + Math.max(a, b));
    pairs.push(random.next() < 0.5 ? [a, b] : [b, a]);
  }
  const rows: TableRow[] = [];
  const probability: number[] = [];
  let time = Date.UTC(2026, 0, 1);
  for (let repetition = 0; repetition < (options.repetitions ?? 1); repetition++) {
    for (const [a, b] of pairs) {
      const orders: [number, number][] = options.bothOrders
        ? [
            [a, b],
            [b, a],
          ]
        : [[a, b]];
      for (const [first, second] of orders) {
        for (const judge of options.judges) {
          const own = (item: number) => (judge.family !== undefined && producerFamily[item] === judge.family ? 1 : 0);
          const logit =
            (quality[first]! - quality[second]!) / (judge.noise ?? 1) +
            (judge.positionBias ?? 0) +
            (judge.selfPreference ?? 0) * (own(first) - own(second)) +
            ((judge.lengthBias ?? 0) * (length[first]! - length[second]!)) / (length[first]! + length[second]!);
          const p = 1 / (1 + Math.exp(-logit));
          probability.push(p);
          rows.push({
            first: itemIds[first]!,
            second: itemIds[second]!,
            judge: judge.id,
            verdict: random.next() < p ? "first" : "second",
            repetition,
            time: (time += 60_000),
          });
        }
      }
    }
  }
  const table = buildTable(rows, { itemIds, judgeIds: options.judges.map((judge) => judge.id) });
  return {
    table,
    items: { length, producerFamily },
    judges: { kind: options.judges.map(() => "simulated"), family: options.judges.map((judge) => judge.family) },
    quality,
    probability: Float64Array.from(probability),
  };
}
