import type { ComparisonTable } from "@judgelab/datasets";
import type { OrderDesign } from "../metrics-document.js";
import { proportion } from "../stats/proportion.js";

/** A producer shown this many times, always in one position, is taken as placed by rule, not by chance. */
export const FIXED_POSITION_MIN_APPEARANCES = 10;
/** Share of a judge's comparisons touching a fixed-position producer from which its first-position rate is confounded. */
export const CONFOUNDED_SHARE = 0.05;
/** The label of a figure measured on order-confounded comparisons. */
export const CONFOUNDED_LABEL = "confounded with order; not a position-bias estimate";

/**
 * Whether the presented order of one judge's comparisons (order known, verdict decided or tie) was assigned
 * independently of what is compared. The first-position win rate estimates position bias only when it was
 * (randomised or balanced order); when the order follows the producer or the item, the rate mixes position
 * with quality (e.g. vicuna-reviews: answer 2 is always a Vicuna model, so "first wins 29%" says Vicuna is
 * better, or the judge prefers position 2, or both).
 *
 * - **producer**: a producer (item field `producer`) seen at least {@link FIXED_POSITION_MIN_APPEARANCES} times
 *   and always in the same position is placed by rule (by chance: probability 2^(1−k) for k appearances).
 *   Confounded when comparisons touching such producers are at least {@link CONFOUNDED_SHARE} of the judge's.
 * - **item** (only when items name no producer): no item is ever shown in both positions, and at least half the
 *   comparisons involve an item shown twice or more (positions fixed per item, as in a file that always lists
 *   output_1 first). Items shown once cannot tell, so one comparison per item is not flagged on this ground.
 *   With producers known and none fixed, a fixed position per prompt (AlpacaEval shuffles once per instruction)
 *   is a cluster-randomised design and is not flagged.
 *
 * In both cases the order-effect δ of a Bradley–Terry fit is not identified either (it is absorbed by the
 * fixed items' or producers' strengths), so callers report neither as a position-bias estimate.
 */
export function detectOrderConfounding(options: {
  table: ComparisonTable;
  judge: number;
  producer?: readonly (string | undefined)[] | undefined;
}): OrderDesign {
  const { table, judge } = options;
  const rows: number[] = [];
  for (let row = 0; row < table.size; row++) {
    if (table.judge[row] === judge && table.orderKnown[row] === 1 && table.verdict[row]! < 3) rows.push(row);
  }
  const none: OrderDesign = { confounded: false, with: null, detail: null, fixedShare: proportion(0, rows.length) };
  if (rows.length === 0) return none;

  const producerCheck = options.producer === undefined ? undefined : checkProducers(table, rows, options.producer);
  if (
    producerCheck !== undefined &&
    producerCheck.share.value !== null &&
    producerCheck.share.value >= CONFOUNDED_SHARE
  ) {
    return { confounded: true, with: "producer", detail: producerCheck.detail, fixedShare: producerCheck.share };
  }
  // With producers known and none placed by rule, the order varies across what is being rated: a fixed order per
  // prompt (AlpacaEval shuffles once per instruction, so all models share the baseline's position there) is a
  // cluster-randomised design, not a confounded one. Without producers, fixed item positions cannot be told apart
  // from a rule and are flagged.
  if (producerCheck !== undefined) return { ...none, fixedShare: producerCheck.share };
  const itemCheck = checkItems(table, rows);
  if (itemCheck !== undefined) {
    return { confounded: true, with: "item", detail: itemCheck.detail, fixedShare: itemCheck.share };
  }
  return none;
}

function checkProducers(table: ComparisonTable, rows: readonly number[], producerOf: readonly (string | undefined)[]) {
  const counts = new Map<string, [number, number]>();
  const count = (item: number, position: 0 | 1) => {
    const producer = producerOf[item];
    if (producer === undefined) return;
    const entry = counts.get(producer) ?? [0, 0];
    entry[position]++;
    counts.set(producer, entry);
  };
  for (const row of rows) {
    count(table.first[row]!, 0);
    count(table.second[row]!, 1);
  }
  if (counts.size === 0) return undefined;
  const fixed = new Map<string, "first" | "second">();
  for (const [producer, [first, second]] of counts) {
    if (first + second < FIXED_POSITION_MIN_APPEARANCES) continue;
    if (second === 0) fixed.set(producer, "first");
    else if (first === 0) fixed.set(producer, "second");
  }
  let touched = 0;
  for (const row of rows) {
    const a = producerOf[table.first[row]!];
    const b = producerOf[table.second[row]!];
    if ((a !== undefined && fixed.has(a)) || (b !== undefined && fixed.has(b))) touched++;
  }
  // The producers placed by rule, most comparisons first: "vicuna-13b always shown second (80 of 80)".
  const named = [...fixed]
    .map(([producer, position]) => ({ producer, position, n: counts.get(producer)!.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.n - a.n || a.producer.localeCompare(b.producer));
  const shown = named
    .slice(0, 3)
    .map((entry) => `${entry.producer} always shown ${entry.position} (${entry.n} comparisons)`)
    .join("; ");
  return {
    share: proportion(touched, rows.length),
    detail: named.length === 0 ? null : `${shown}${named.length > 3 ? `; and ${named.length - 3} more producers` : ""}`,
  };
}

function checkItems(table: ComparisonTable, rows: readonly number[]) {
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  for (const row of rows) {
    first.set(table.first[row]!, (first.get(table.first[row]!) ?? 0) + 1);
    second.set(table.second[row]!, (second.get(table.second[row]!) ?? 0) + 1);
  }
  for (const item of first.keys()) if (second.has(item)) return undefined;
  const repeated = (item: number) => (first.get(item) ?? 0) + (second.get(item) ?? 0) >= 2;
  let touched = 0;
  for (const row of rows) if (repeated(table.first[row]!) || repeated(table.second[row]!)) touched++;
  if (touched * 2 < rows.length) return undefined;
  return {
    share: proportion(touched, rows.length),
    detail: `no item is ever shown in both positions; ${touched} of ${rows.length} comparisons involve an item shown in the same position every time`,
  };
}
