import type { ComparisonTable } from "@judgelab/datasets";
import { type GoldLabels, majorityLabels, NO_LABEL } from "../agreement/gold-labels.js";
import type { UnitVotes } from "../agreement/unit-votes.js";
import type { Bin, Proportion, Section, Statistic } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import type { LeaderboardFit } from "../stability/fit-leaderboard.js";
import { bootstrapInterval, proportion, statistic } from "../stats/proportion.js";
import { spearman } from "../stats/rank-correlation.js";

/** How agreement with a per-pair reference treats a reference tie (the seed system's rule). */
export const REFERENCE_TIE_RULE =
  "a reference tie counts as a disagreement unless the judge also said tie (the seed system's rule)";

/** Fixed edges of the rating-gap bins (|difference of the per-item reference scores|, e.g. reviewer means). */
export const RATING_GAP_EDGES: readonly number[] = [0.5, 1, 2];

/** One judge (or the panel majority) against the per-pair reference. */
export interface PairReferenceRow {
  /** A judge id, or "panel majority". */
  readonly who: string;
  /** Pairs where the verdict equals the reference (ties per {@link REFERENCE_TIE_RULE}), Wilson 95% CI. */
  readonly agreement: Proportion;
  /** The same on pairs the reference decides (reference ties left out). */
  readonly agreementOnDecided: Proportion;
  /** Pairs in `agreement.n` whose reference is a tie. */
  readonly referenceTies: number;
  /** Referenced pairs the judge judged only with invalid verdicts (left out of n, never silently). */
  readonly noValidVerdict: number;
}

/** One judge (or the panel) against the order of per-item reference scores. */
export interface ScoreOrderRow {
  readonly who: string;
  /** Pairs where the judge's verdict names the item with the higher reference score (a tie verdict is wrong). */
  readonly agreement: Proportion;
}

/** Agreement by rating gap for one judge (or the panel). */
export interface GapRow {
  readonly who: string;
  readonly bins: readonly Bin<Proportion>[];
}

/** The report's "against the reference" figures. */
export interface AgainstReferenceSection {
  /** How each figure is computed (unit, tie rule, interval method). */
  readonly method: string;
  /** Agreement with the per-pair reference (e.g. the human majority), one verdict per judge per pair. */
  readonly pairReference: Section<{
    readonly name: string;
    readonly tieRule: string;
    readonly rows: readonly PairReferenceRow[];
  }>;
  /** Agreement with the order of per-item reference scores (e.g. reviewer means). */
  readonly scoreOrder: Section<{
    readonly name: string;
    /** Pairwise agreement per judge (pairs with equal reference scores left out: `equalScorePairs`). */
    readonly rows: readonly ScoreOrderRow[];
    readonly equalScorePairs: number;
    /** Spearman between the ratings (`ratingBasis`) and the reference scores over items with both. */
    readonly spearman: Statistic;
    readonly ratingBasis: string;
  }>;
  /** Agreement (with the pair reference when present, else with the score order) by reference-score gap. */
  readonly byRatingGap: Section<{ readonly against: string; readonly gapOf: string; readonly rows: readonly GapRow[] }>;
}

/** Canonical unit label (0 low, 1 high, 2 tie) of a judge's modal verdict; NO_LABEL without valid votes. */
function modalCanonical(votes: UnitVotes, slot: number): number {
  const low = votes.counts[3 * slot]!;
  const high = votes.counts[3 * slot + 1]!;
  const tie = votes.counts[3 * slot + 2]!;
  if (low + high + tie === 0) return NO_LABEL;
  if (tie >= low && tie >= high) return 2;
  if (low === high) return 2;
  return low > high ? 0 : 1;
}

/**
 * Judges against a reference, as the seed system reports it. The unit is a pair: each judge contributes one
 * verdict per pair (its modal verdict when it judged the pair several times; a split is a tie), so the pairs are
 * independent and the Wilson interval applies. Rows: every judge that is not a label source, and "panel majority"
 * (strict majority of the panel's votes; no majority = tie) when there are several judges.
 *
 * - Pair reference (per-pair labels, e.g. the human majority): agreement = verdict equals the reference, where a
 *   reference tie is a disagreement unless the judge said tie ({@link REFERENCE_TIE_RULE}).
 * - Score order (per-item scores, e.g. reviewer means): pairwise agreement with the higher-scored item (a tie
 *   verdict is wrong; pairs with equal scores are left out and counted); Spearman ρ between the pooled
 *   Bradley–Terry ratings and the scores, with a percentile interval over the pooled bootstrap rounds (or between
 *   win rates and scores when there is no pooled board).
 * - By rating gap: the same agreement in bins of |score(a) − score(b)| with fixed edges 0.5, 1, 2.
 */
export function measureAgainstReference(options: MeasureAgainstReferenceOptions): AgainstReferenceSection {
  const { table, units, votes, gold, itemScore, pooled, exclude } = options;
  const slots = panelSlots(table, votes, exclude);
  const gaps = createGapTally(units, itemScore, slots.count);
  const usePairs = gold?.source.startsWith("references:") === true;
  const pairReference: AgainstReferenceSection["pairReference"] = !usePairs
    ? unavailable("no per-pair reference labels (e.g. matches_extended.csv's human majority)")
    : measurePairReference(table, units, gold, options.pairName, slots, gaps);
  let scoreOrder: AgainstReferenceSection["scoreOrder"];
  if (itemScore === undefined) scoreOrder = unavailable("no per-item reference scores (e.g. reviewer means)");
  else {
    const rows = measureScoreOrder(units, itemScore, slots, usePairs ? undefined : gaps);
    scoreOrder =
      rows.rows.length === 0
        ? unavailable("no judged pair of two items with reference scores")
        : {
            available: true,
            name: options.scoreName,
            rows: rows.rows,
            equalScorePairs: rows.equalScorePairs,
            ...rankCorrelation(table, itemScore, pooled, exclude),
          };
  }
  const gapRows = gaps.rows(slots);
  const byRatingGap: AgainstReferenceSection["byRatingGap"] =
    itemScore === undefined
      ? unavailable("no per-item reference scores to measure a rating gap")
      : gapRows.length === 0
        ? unavailable("no judged pair with a reference and two reference scores")
        : {
            available: true,
            against: usePairs
              ? `the per-pair reference (${options.pairName ?? "pairs"})`
              : `the order of ${options.scoreName}`,
            gapOf: options.scoreName,
            rows: gapRows,
          };
  return {
    method:
      "unit = pair; one verdict per judge per pair (modal verdict; a split is a tie); panel majority = strict majority of the panel's votes (none = tie); Wilson 95% intervals over pairs; " +
      REFERENCE_TIE_RULE,
    pairReference,
    scoreOrder,
    byRatingGap,
  };
}

/** Inputs of {@link measureAgainstReference}. */
export interface MeasureAgainstReferenceOptions {
  table: ComparisonTable;
  units: PairUnits;
  votes: UnitVotes;
  gold: GoldLabels | undefined;
  /** Name of the per-pair reference (e.g. human-majority). */
  pairName: string | undefined;
  itemScore: Float64Array | undefined;
  scoreName: string;
  pooled: LeaderboardFit | undefined;
  exclude: ReadonlySet<number>;
}

/**
 * The rows of the tables: one slot per judge code plus the panel-majority slot (`count` − 1). `verdictOf` visits
 * each panel judge's modal verdict on a unit, then the panel majority's (when several judges) if any panel judge
 * judged it; `order` lists the slots shown (panel majority first, then the judges by code).
 */
interface PanelSlots {
  readonly count: number;
  readonly panelSlot: number;
  readonly order: readonly number[];
  readonly panel: ReadonlySet<number>;
  verdictOf(unit: number, visit: (slot: number, label: number) => void): void;
  whoOf(slot: number): string;
}

function panelSlots(table: ComparisonTable, votes: UnitVotes, exclude: ReadonlySet<number>): PanelSlots {
  const judgeCount = table.judgeIds.length;
  const panel = new Set<number>();
  for (let code = 0; code < judgeCount; code++) if (!exclude.has(code)) panel.add(code);
  const withPanel = panel.size > 1;
  const panelSlot = judgeCount;
  const majority = withPanel ? majorityLabels(votes, panel) : undefined;
  // verdict per (unit, slot): NO_LABEL when none
  const verdictOf = (unit: number, visit: (slot: number, label: number) => void) => {
    for (let s = votes.offsets[unit]!; s < votes.offsets[unit + 1]!; s++) {
      const judge = votes.judges[s]!;
      if (panel.has(judge)) visit(judge, modalCanonical(votes, s));
    }
    if (majority !== undefined) {
      let any = false;
      for (let s = votes.offsets[unit]!; s < votes.offsets[unit + 1]!; s++) if (panel.has(votes.judges[s]!)) any = true;
      if (any) visit(panelSlot, majority[unit] === NO_LABEL ? 2 : majority[unit]!);
    }
  };
  const whoOf = (slot: number) => (slot === panelSlot ? "panel majority" : table.judgeIds[slot]!);
  const order = [...(withPanel ? [panelSlot] : []), ...[...panel].sort((a, b) => a - b)];
  return { count: judgeCount + 1, panelSlot, order, panel, verdictOf, whoOf };
}

/** Agreement counts per slot and rating-gap bin (|score(low) − score(high)|, edges {@link RATING_GAP_EDGES}). */
interface GapTally {
  tally(slot: number, unit: number, ok: boolean): void;
  rows(slots: PanelSlots): GapRow[];
}

function createGapTally(units: PairUnits, itemScore: Float64Array | undefined, slotCount: number): GapTally {
  const gapOf = (unit: number) =>
    itemScore === undefined ? Number.NaN : Math.abs(itemScore[units.low[unit]!]! - itemScore[units.high[unit]!]!);
  const binOf = (gap: number) => RATING_GAP_EDGES.filter((edge) => gap >= edge).length;
  const binCount = RATING_GAP_EDGES.length + 1;
  const gapCounts = new Float64Array(slotCount * binCount * 2);
  const tally = (slot: number, unit: number, ok: boolean) => {
    const gap = gapOf(unit);
    if (!Number.isFinite(gap)) return;
    const base = (slot * binCount + binOf(gap)) * 2;
    gapCounts[base + 1]!++;
    if (ok) gapCounts[base]!++;
  };
  const lowerOf = (bin: number) => (bin === 0 ? 0 : RATING_GAP_EDGES[bin - 1]!);
  const rows = (slots: PanelSlots) =>
    slots.order
      .map((slot) => ({
        who: slots.whoOf(slot),
        bins: Array.from({ length: binCount }, (_, bin) => ({
          lower: lowerOf(bin),
          upper: bin === binCount - 1 ? null : RATING_GAP_EDGES[bin]!,
          value: proportion(gapCounts[(slot * binCount + bin) * 2]!, gapCounts[(slot * binCount + bin) * 2 + 1]!),
        })),
      }))
      .filter((row) => row.bins.some((bin) => bin.value.n > 0));
  return { tally, rows };
}

/** Agreement with the per-pair reference labels, per slot (tallying the rating-gap bins too). */
function measurePairReference(
  table: ComparisonTable,
  units: PairUnits,
  gold: GoldLabels,
  pairName: string | undefined,
  slots: PanelSlots,
  gaps: GapTally,
): AgainstReferenceSection["pairReference"] {
  const { verdictOf, whoOf, panelSlot } = slots;
  // [agree, n, agree decided, n decided, reference ties]
  const counts = new Float64Array(slots.count * 5);
  for (let unit = 0; unit < units.count; unit++) {
    const truth = gold.label[unit]!;
    if (truth === NO_LABEL) continue;
    verdictOf(unit, (slot, label) => {
      if (label === NO_LABEL) return;
      const ok = label === truth;
      const base = slot * 5;
      counts[base + 1]!++;
      if (ok) counts[base]!++;
      if (truth === 2) counts[base + 4]!++;
      else {
        counts[base + 3]!++;
        if (ok) counts[base + 2]!++;
      }
      gaps.tally(slot, unit, ok);
    });
  }
  const noValid = countNoValidVerdict(table, units, gold.label, slots.panel);
  return {
    available: true,
    name: pairName ?? gold.source.slice("references:".length),
    tieRule: REFERENCE_TIE_RULE,
    rows: slots.order
      .filter((slot) => counts[slot * 5 + 1]! > 0)
      .map((slot) => ({
        who: whoOf(slot),
        agreement: proportion(counts[slot * 5]!, counts[slot * 5 + 1]!),
        agreementOnDecided: proportion(counts[slot * 5 + 2]!, counts[slot * 5 + 3]!),
        referenceTies: counts[slot * 5 + 4]!,
        noValidVerdict: slot === panelSlot ? 0 : (noValid.get(slot) ?? 0),
      })),
  };
}

/**
 * Pairwise agreement with the higher-scored item, per slot; pairs with equal scores are counted and left out.
 * Tallies the rating-gap bins when `gaps` is given (no per-pair reference).
 */
function measureScoreOrder(
  units: PairUnits,
  itemScore: Float64Array,
  slots: PanelSlots,
  gaps: GapTally | undefined,
): { rows: { who: string; agreement: Proportion }[]; equalScorePairs: number } {
  const counts = new Float64Array(slots.count * 2);
  let equalScorePairs = 0;
  for (let unit = 0; unit < units.count; unit++) {
    const difference = itemScore[units.low[unit]!]! - itemScore[units.high[unit]!]!;
    if (!Number.isFinite(difference)) continue;
    if (difference === 0) {
      equalScorePairs++;
      continue;
    }
    const truth = difference > 0 ? 0 : 1;
    slots.verdictOf(unit, (slot, label) => {
      if (label === NO_LABEL) return;
      counts[slot * 2 + 1]!++;
      if (label === truth) counts[slot * 2]!++;
      if (gaps !== undefined) gaps.tally(slot, unit, label === truth);
    });
  }
  const rows = slots.order
    .filter((slot) => counts[slot * 2 + 1]! > 0)
    .map((slot) => ({ who: slots.whoOf(slot), agreement: proportion(counts[slot * 2]!, counts[slot * 2 + 1]!) }));
  return { rows, equalScorePairs };
}

/** Per judge: referenced units where the judge has rows but no valid verdict (one pass, numeric keys). */
function countNoValidVerdict(
  table: ComparisonTable,
  units: PairUnits,
  label: Uint8Array,
  panel: ReadonlySet<number>,
): Map<number, number> {
  const judgeCount = table.judgeIds.length;
  // key = unit · judges + judge → 1 when only invalid verdicts were seen so far, 2 once a valid one was.
  const seen = new Map<number, number>();
  for (let row = 0; row < table.size; row++) {
    const unit = units.unit[row]!;
    const judge = table.judge[row]!;
    if (unit < 0 || label[unit] === NO_LABEL || !panel.has(judge)) continue;
    const key = unit * judgeCount + judge;
    if (table.verdict[row]! <= 2) seen.set(key, 2);
    else if (!seen.has(key)) seen.set(key, 1);
  }
  const counts = new Map<number, number>();
  for (const [key, state] of seen) {
    if (state === 2) continue;
    const judge = key % judgeCount;
    counts.set(judge, (counts.get(judge) ?? 0) + 1);
  }
  return counts;
}

/** Spearman of the pooled BT ratings (bootstrap percentile CI) or, without a board, of win rates. */
function rankCorrelation(
  table: ComparisonTable,
  itemScore: Float64Array,
  pooled: LeaderboardFit | undefined,
  exclude: ReadonlySet<number>,
): { spearman: Statistic; ratingBasis: string } {
  if (pooled !== undefined) {
    const items: number[] = [];
    for (let item = 0; item < itemScore.length; item++)
      if (Number.isFinite(itemScore[item]!) && Number.isFinite(pooled.estimate[item]!)) items.push(item);
    const theirs = items.map((item) => itemScore[item]!);
    const rho =
      items.length < 3
        ? Number.NaN
        : spearman(
            items.map((item) => pooled.estimate[item]!),
            theirs,
          );
    let ci: ReturnType<typeof bootstrapInterval>;
    if (pooled.samples !== undefined && pooled.rounds > 1 && items.length >= 3) {
      const count = pooled.itemIds.length;
      const values = new Float64Array(pooled.rounds);
      for (let round = 0; round < pooled.rounds; round++) {
        const ours = items.map((item) => pooled.samples![round * count + item]!);
        values[round] = ours.every(Number.isFinite) ? spearman(ours, theirs) : Number.NaN;
      }
      ci = bootstrapInterval(values);
    }
    return {
      spearman: statistic(rho, items.length, ci),
      ratingBasis: `pooled Bradley–Terry rating${ci === undefined ? "" : ` (interval: percentile over ${pooled.rounds} bootstrap rounds of the comparisons)`}`,
    };
  }
  const wins = new Float64Array(table.itemIds.length);
  const decided = new Float64Array(table.itemIds.length);
  for (let row = 0; row < table.size; row++) {
    const verdict = table.verdict[row]!;
    if (verdict > 1 || exclude.has(table.judge[row]!)) continue;
    const winner = verdict === 0 ? table.first[row]! : table.second[row]!;
    wins[winner]!++;
    decided[table.first[row]!]!++;
    decided[table.second[row]!]!++;
  }
  const items: number[] = [];
  for (let item = 0; item < itemScore.length; item++)
    if (Number.isFinite(itemScore[item]!) && decided[item]! > 0) items.push(item);
  const rho =
    items.length < 3
      ? Number.NaN
      : spearman(
          items.map((item) => wins[item]! / decided[item]!),
          items.map((item) => itemScore[item]!),
        );
  return { spearman: statistic(rho, items.length), ratingBasis: "win rate (no pooled Bradley–Terry board)" };
}
