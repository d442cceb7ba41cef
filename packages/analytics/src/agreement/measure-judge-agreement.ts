import { createRandomSource, sampleMultinomial } from "@judgelab/ratings";
import type { AgreementSection, Interval, JudgePairAgreement, PanelAgreement, Section } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { bootstrapInterval, proportion, statistic } from "../stats/proportion.js";
import { cohenKappaFromMatrix } from "./cohen-kappa.js";
import { fleissKappa } from "./fleiss-kappa.js";
import { krippendorffAlpha } from "./krippendorff-alpha.js";
import { addVotePairCounts } from "./mt-bench-agreement.js";
import { modalOrdinalLabel, type UnitVotes } from "./unit-votes.js";

/** Canonical label index (low, high, tie) → ordinal position (low = 0, tie = 1, high = 2). */
const ORDINAL = [0, 2, 1] as const;

/** Options of {@link measureJudgeAgreement}. */
export interface JudgeAgreementOptions {
  readonly votes: UnitVotes;
  readonly judgeIds: readonly string[];
  readonly seed: number;
  readonly bootstrapRounds: number;
  /** Judges left out of the panel figures (gold labels); they still appear in the pairwise rows. */
  readonly exclude?: ReadonlySet<number>;
}

/**
 * Pairwise and panel agreement. Per judge pair: MT-Bench S1/S2 on the cross product of votes per unit,
 * Cohen's κ (unweighted and linear-weighted on the ordinal scale low/tie/high) on per-unit modal labels, with
 * percentile-bootstrap CIs over units (up to `bootstrapRounds`; fewer, or none, with many thousands of pairs).
 * Panel (label judges in `exclude` left out): every valid vote is one rating of its unit; Fleiss' κ (Gwet's form), percent agreement and
 * Krippendorff's α (nominal, ordinal, interval) with percentile-bootstrap CIs over units.
 */
export function measureJudgeAgreement(
  options: JudgeAgreementOptions,
): Pick<AgreementSection, "pairs" | "matrix" | "panel"> {
  const { votes, judgeIds } = options;
  const judgeCount = judgeIds.length;
  // Per judge pair (a < b): [S1 agree, S1 total, S2 agree, S2 total, units, 9 confusion cells].
  const width = 14;
  const accumulators = new Map<number, Float64Array>();
  const { offsets, judges, counts } = votes;
  for (let u = 0; u < votes.units; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    for (let s = start; s < end; s++) {
      for (let t = s + 1; t < end; t++) {
        const judgeA = Math.min(judges[s]!, judges[t]!);
        const slotA = judges[s]! === judgeA ? s : t;
        const slotB = slotA === s ? t : s;
        const key = judgeA * judgeCount + Math.max(judges[s]!, judges[t]!);
        let row = accumulators.get(key);
        if (row === undefined) {
          row = new Float64Array(width);
          accumulators.set(key, row);
        }
        addVotePairCounts(counts, slotA, slotB, row, 0);
        row[4]!++;
        const modalA = modalOrdinalLabel(counts[3 * slotA]!, counts[3 * slotA + 1]!, counts[3 * slotA + 2]!);
        const modalB = modalOrdinalLabel(counts[3 * slotB]!, counts[3 * slotB + 1]!, counts[3 * slotB + 2]!);
        row[5 + modalA * 3 + modalB]!++;
      }
    }
  }
  // Keep the per-pair bootstraps affordable: at most 5e5 multinomial draws in all; with so many judge pairs
  // that fewer than 20 rounds each would fit, the pair κ carry no interval.
  const pairRounds = Math.min(options.bootstrapRounds, Math.floor(5e5 / Math.max(1, accumulators.size)));
  const pairs: JudgePairAgreement[] = [];
  const emptyMatrix = () => Array.from({ length: judgeCount }, () => new Array<number | null>(judgeCount).fill(null));
  const kappaMatrix = emptyMatrix();
  const agreementMatrix = emptyMatrix();
  const nMatrix = Array.from({ length: judgeCount }, () => new Array<number>(judgeCount).fill(0));
  for (const key of [...accumulators.keys()].sort((x, y) => x - y)) {
    const row = accumulators.get(key)!;
    const a = Math.floor(key / judgeCount);
    const b = key % judgeCount;
    const confusion = row.subarray(5);
    const kappa = cohenKappaFromMatrix(confusion, 3);
    const weighted = cohenKappaFromMatrix(confusion, 3, "linear");
    const intervals =
      pairRounds >= 20
        ? bootstrapKappaIntervals(confusion, row[4]!, options.seed + key, pairRounds)
        : { kappa: undefined, weighted: undefined };
    const withTies = proportion(row[0]!, row[1]!);
    pairs.push({
      judgeA: judgeIds[a]!,
      judgeB: judgeIds[b]!,
      units: row[4]!,
      pairAgreement: proportion(confusion[0]! + confusion[4]! + confusion[8]!, row[4]!),
      agreementWithTies: withTies,
      agreementWithoutTies: proportion(row[2]!, row[3]!),
      cohenKappa: statistic(kappa, row[4]!, intervals.kappa),
      weightedKappa: statistic(weighted, row[4]!, intervals.weighted),
    });
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      kappaMatrix[x]![y] = Number.isFinite(kappa) ? kappa : null;
      agreementMatrix[x]![y] = withTies.value;
      nMatrix[x]![y] = row[4]!;
    }
  }
  return {
    pairs,
    matrix: { judges: judgeIds, kappa: kappaMatrix, agreementWithTies: agreementMatrix, n: nMatrix },
    panel: measurePanelAgreement(options),
  };
}

/**
 * Multi-rater figures with bootstrap CIs over units, in two units of rating: every valid vote (a comparison: both
 * presentation orders and repetitions each count) and each judge's modal verdict per pair (one rating per judge
 * and pair, the unit of the pairwise Cohen κ). Only the second is comparable with the pairwise κ.
 */
function measurePanelAgreement(options: JudgeAgreementOptions): Section<PanelAgreement> {
  const { votes } = options;
  const perVote = new Float64Array(votes.units * 3);
  const perPair = new Float64Array(votes.units * 3);
  const judgesSeen = new Set<number>();
  for (let u = 0; u < votes.units; u++) {
    for (let s = votes.offsets[u]!; s < votes.offsets[u + 1]!; s++) {
      if (options.exclude?.has(votes.judges[s]!)) continue;
      judgesSeen.add(votes.judges[s]!);
      for (let label = 0; label < 3; label++) perVote[u * 3 + ORDINAL[label]!]! += votes.counts[3 * s + label]!;
      perPair[u * 3 + modalOrdinalLabel(votes.counts[3 * s]!, votes.counts[3 * s + 1]!, votes.counts[3 * s + 2]!)]! +=
        1;
    }
  }
  const byVote = panelFigures(perVote, votes.units, options);
  if (byVote === undefined) return unavailable("no unit has two or more valid votes");
  const byPair = panelFigures(perPair, votes.units, options);
  return {
    available: true,
    judges: judgesSeen.size,
    ...byVote,
    modal:
      byPair === undefined
        ? unavailable("no pair was judged by two or more judges")
        : {
            available: true,
            units: byPair.units,
            percentAgreement: byPair.percentAgreement,
            fleissKappa: byPair.fleissKappa,
          },
  };
}

/** Fleiss' κ, percent agreement and Krippendorff's α of a units × 3 count table, with bootstrap CIs over units. */
function panelFigures(perUnit: Float64Array, units: number, options: JudgeAgreementOptions) {
  const { seed, bootstrapRounds } = options;
  // Keep only units with at least two ratings (the panel's shared units): they alone carry agreement
  // information, and irrCAC would otherwise let single-rating units shift Fleiss' p_e but not α's.
  for (let u = 0; u < units; u++) {
    if (perUnit[u * 3]! + perUnit[u * 3 + 1]! + perUnit[u * 3 + 2]! < 2) perUnit.fill(0, u * 3, u * 3 + 3);
  }
  // The figures depend on the units only through their count vectors, so units with the same vector are merged
  // into one weighted row (a handful of rows for a small panel), and resampling the units with replacement is
  // one multinomial draw of the rows' multiplicities per round.
  const patterns = mergeIdenticalUnits(perUnit, units);
  const compute = (weights: Float64Array) => {
    const data = { units: patterns.rows, categories: 3, counts: patterns.counts, weights };
    const fleiss = fleissKappa(data);
    return [
      fleiss.kappa,
      fleiss.percentAgreement,
      krippendorffAlpha(data, "nominal").alpha,
      krippendorffAlpha(data, "ordinal").alpha,
      krippendorffAlpha(data, "interval").alpha,
      fleiss.units,
    ] as const;
  };
  const full = compute(patterns.frequency);
  const pairable = full[5];
  if (pairable === 0) return undefined;
  const rounds = Math.min(bootstrapRounds, Math.max(50, Math.floor(2e7 / Math.max(1, patterns.rows * 3))));
  const samples = Array.from({ length: 5 }, () => new Float64Array(rounds));
  const random = createRandomSource(seed);
  const multiplicity = new Float64Array(patterns.rows);
  for (let round = 0; round < rounds; round++) {
    sampleMultinomial({ random, total: units, weights: patterns.frequency, out: multiplicity });
    const values = compute(multiplicity);
    for (let index = 0; index < 5; index++) samples[index]![round] = values[index]!;
  }
  const figure = (index: number) => statistic(full[index]!, pairable, bootstrapInterval(samples[index]!));
  return {
    units: pairable,
    percentAgreement: figure(1),
    fleissKappa: figure(0),
    krippendorffAlpha: { nominal: figure(2), ordinal: figure(3), interval: figure(4) },
  };
}

/**
 * Percentile bootstrap intervals of Cohen's κ (unweighted and linear-weighted) over units: κ depends on the
 * units only through the 3×3 confusion counts, so resampling the n units is one multinomial draw over the
 * nine cells per round.
 */
function bootstrapKappaIntervals(
  confusion: Float64Array,
  units: number,
  seed: number,
  rounds: number,
): { kappa: Interval | undefined; weighted: Interval | undefined } {
  const random = createRandomSource(seed);
  const drawn = new Float64Array(9);
  const kappas = new Float64Array(rounds);
  const weighted = new Float64Array(rounds);
  for (let round = 0; round < rounds; round++) {
    sampleMultinomial({ random, total: units, weights: confusion, out: drawn });
    kappas[round] = cohenKappaFromMatrix(drawn, 3);
    weighted[round] = cohenKappaFromMatrix(drawn, 3, "linear");
  }
  return { kappa: bootstrapInterval(kappas), weighted: bootstrapInterval(weighted) };
}

/** Distinct rows of a units × 3 count table with how many units share each (first-appearance order). */
function mergeIdenticalUnits(
  perUnit: Float64Array,
  units: number,
): { rows: number; counts: Float64Array; frequency: Float64Array } {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const frequency: number[] = [];
  for (let u = 0; u < units; u++) {
    const a = perUnit[u * 3]!;
    const b = perUnit[u * 3 + 1]!;
    const c = perUnit[u * 3 + 2]!;
    const key = `${a},${b},${c}`;
    let row = index.get(key);
    if (row === undefined) {
      row = frequency.length;
      index.set(key, row);
      counts.push(a, b, c);
      frequency.push(0);
    }
    frequency[row]!++;
  }
  return { rows: frequency.length, counts: Float64Array.from(counts), frequency: Float64Array.from(frequency) };
}
