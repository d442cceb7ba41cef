import { buildPairUnits } from "@judgelab/analytics";
import type { ComparisonTable } from "@judgelab/datasets";
import type { Reference } from "@judgelab/schema";

/** Bits of {@link RowFlags.flags}. */
export const RowFlag = {
  /** Two different judges gave different outcomes in the row's match. */
  judgesDisagree: 1,
  /** The same judge saw the pair in both orders within the match and the winner changed. */
  flipsWhenSwapped: 2,
  /** A reference (gold pair label, or per-item reference scores) prefers the other outcome. */
  disagreesWithReference: 4,
} as const;

/** Per-row flags and the match group of every row. */
export interface RowFlags {
  readonly flags: Uint8Array;
  /**
   * Group of each row: the unordered item pair within its prompt (the analytics package's unit), whatever the
   * matchId, so both orders, repetitions and every judge's votes on a pair share a group.
   */
  readonly group: Int32Array;
  readonly groups: number;
  /** Rows compared against a reference (so "disagrees with reference" is 0 of n, not 0 of nothing). */
  readonly referenced: number;
}

/**
 * Outcome of a row in item terms, independent of the presented order: 0 = the item with the lower code won,
 * 1 = the higher code won, 2 = tie, -1 = invalid.
 */
export function outcomeOf(table: ComparisonTable, row: number): number {
  const verdict = table.verdict[row]!;
  if (verdict === 2) return 2;
  if (verdict > 2) return -1;
  const first = table.first[row]!;
  const second = table.second[row]!;
  const winner = verdict === 0 ? first : second;
  return winner === Math.min(first, second) ? 0 : 1;
}

const popcount3 = (mask: number) => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1);

/**
 * Computes the browser's three flags in linear passes over the table.
 * - judges disagree: the pair (within its prompt) has at least two judges and at least two distinct outcomes (A wins, B wins, tie)
 *   among their valid verdicts;
 * - flips when swapped: one judge judged the pair in both presented orders (order known) and its
 *   outcome sets in the two orders differ;
 * - disagrees with the reference: a pair label (matching prompt when the label names one) says otherwise, or,
 *   without a pair label, per-item reference scores of the first reference name rank the pair the other way
 *   (a decided verdict against the higher-scored item, or a tie where the scores differ is not flagged).
 */
export function computeRowFlags(table: ComparisonTable, references: readonly Reference[]): RowFlags {
  const size = table.size;
  // Groups are the analytics package's units (unordered pair within a prompt), so that an agreement-matrix cell
  // and its comparisons count the same votes.
  const units = buildPairUnits(table);
  const group = Int32Array.from(units.unit, (unit) => Math.max(unit, 0));
  const groups = Math.max(units.count, 1);
  // Outcome sets per (group, judge) and per (group, judge, order).
  const judges = table.judgeIds.length;
  const slot = new Map<number, number>();
  const slotOf = new Int32Array(size);
  const masks: number[] = []; // per slot: bits 0-2 outcomes in order "lower code first", bits 3-5 the other order
  for (let row = 0; row < size; row++) {
    const key = group[row]! * judges + table.judge[row]!;
    let id = slot.get(key);
    if (id === undefined) {
      id = masks.length;
      masks.push(0);
      slot.set(key, id);
    }
    slotOf[row] = id;
    const outcome = outcomeOf(table, row);
    if (outcome < 0) continue;
    const lowerFirst = table.first[row]! < table.second[row]!;
    masks[id]! |= 1 << (outcome + (lowerFirst || table.orderKnown[row] === 0 ? 0 : 3));
  }
  const groupUnion = new Uint8Array(groups);
  const groupJudges = new Uint16Array(groups);
  const seen = new Uint8Array(masks.length);
  for (let row = 0; row < size; row++) {
    const id = slotOf[row]!;
    if (seen[id] === 1) continue;
    seen[id] = 1;
    const mask = masks[id]!;
    const union = (mask | (mask >> 3)) & 7;
    if (union === 0) continue;
    const g = group[row]!;
    groupUnion[g]! |= union;
    if (groupJudges[g]! < 65535) groupJudges[g]!++;
  }
  const flags = new Uint8Array(size);
  for (let row = 0; row < size; row++) {
    const g = group[row]!;
    let flag = 0;
    if (groupJudges[g]! >= 2 && popcount3(groupUnion[g]!) >= 2) flag |= RowFlag.judgesDisagree;
    const mask = masks[slotOf[row]!]!;
    const inOrder = mask & 7;
    const swapped = (mask >> 3) & 7;
    if (inOrder !== 0 && swapped !== 0 && inOrder !== swapped && table.orderKnown[row] === 1)
      flag |= RowFlag.flipsWhenSwapped;
    flags[row] = flag;
  }
  const referenced = flagReferenceDisagreement(table, references, flags);
  return { flags, group, groups, referenced };
}

function flagReferenceDisagreement(table: ComparisonTable, references: readonly Reference[], flags: Uint8Array) {
  const code = new Map(table.itemIds.map((id, index) => [id, index]));
  const items = table.itemIds.length;
  const pairLabels = new Map<string, number>();
  const scores = new Float64Array(items).fill(Number.NaN);
  let scoreName: string | undefined;
  for (const reference of references) {
    if (reference.kind === "pair") {
      const a = code.get(reference.a);
      const b = code.get(reference.b);
      if (a === undefined || b === undefined || a === b) continue;
      const outcome = reference.winner === "tie" ? 2 : (reference.winner === "a" ? a : b) === Math.min(a, b) ? 0 : 1;
      const key = `${Math.min(a, b) * items + Math.max(a, b)}|${reference.prompt ?? ""}`;
      if (!pairLabels.has(key)) pairLabels.set(key, outcome);
    } else if (typeof reference.score === "number") {
      scoreName ??= reference.name;
      const item = code.get(reference.item);
      if (reference.name === scoreName && item !== undefined) scores[item] = reference.score;
    }
  }
  if (pairLabels.size === 0 && scoreName === undefined) return 0;
  let referenced = 0;
  for (let row = 0; row < table.size; row++) {
    const outcome = outcomeOf(table, row);
    if (outcome < 0) continue;
    const a = table.first[row]!;
    const b = table.second[row]!;
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const base = `${low * items + high}|`;
    const prompt = table.prompt[row]!;
    let expected =
      prompt >= 0 ? (pairLabels.get(base + table.promptIds[prompt]!) ?? pairLabels.get(base)) : pairLabels.get(base);
    if (expected === undefined && scoreName !== undefined) {
      const sLow = scores[low]!;
      const sHigh = scores[high]!;
      if (!Number.isNaN(sLow) && !Number.isNaN(sHigh) && sLow !== sHigh) expected = sLow > sHigh ? 0 : 1;
      if (expected !== undefined && outcome === 2) continue; // a tie against unequal scores is not called wrong
    }
    if (expected === undefined) continue;
    referenced++;
    if (outcome !== expected) flags[row]! |= RowFlag.disagreesWithReference;
  }
  return referenced;
}
