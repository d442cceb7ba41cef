import { CONFOUNDED_LABEL, type MetricsDocument, type PositionBiasRow, type Statistic } from "@judgelab/analytics";
import {
  formatCount,
  formatNumber,
  formatNumberInterval,
  formatPercent,
  formatPercentInterval,
  formatPValue,
} from "../html/format-numbers.js";
import type { ReportSectionId } from "./build-report-charts.js";
import { calibrationHeadline } from "./calibration-block.js";
import type { ReportData } from "./report-data.js";
import { singularNoun } from "./singular-noun.js";

/**
 * The prose of the report, generated from the numbers: headline findings (one sentence each, with figures and
 * intervals) and a one-line plain-language reading per section. Plain text; the renderers escape it.
 */
export interface ReportFindings {
  readonly summary: string;
  readonly headlines: readonly string[];
  readonly readings: Readonly<Record<ReportSectionId, string>>;
}

function statistic(value: Statistic, digits = 2): string {
  return formatNumberInterval(value.value, value.ci, digits);
}

/** Judges whose first-position win rate interval excludes 50%. */
function biasedJudges(rows: readonly PositionBiasRow[]): PositionBiasRow[] {
  return rows.filter((row) => {
    const ci = row.firstWinRate.ci;
    return row.firstWinRate.value !== null && ci !== undefined && (ci.lower > 0.5 || ci.upper < 0.5);
  });
}

function describeFirstRate(row: PositionBiasRow): string {
  return `${row.judge} ${formatPercentInterval(row.firstWinRate.value, row.firstWinRate.ci)}`;
}

function describeRatings(data: ReportData): { headline: string[]; reading: string } {
  const metrics = data.metrics;
  const rated = data.items.filter((item) => item.rating !== undefined);
  if (!metrics.stability.available || rated.length === 0) {
    const why = metrics.stability.available ? "no rated items" : metrics.stability.reason;
    const shown =
      data.sortedBy === "score"
        ? ` The table ranks ${data.ratedNoun} by the tournament score instead (${data.scoreLabel ?? "TrueSkill"}).`
        : ` No ranking table is shown (nothing to rank ${data.ratedNoun} by; an id order would look like one).`;
    return { headline: [], reading: `No Bradley–Terry leaderboard: ${why}.${shown}` };
  }
  const unitLine = describeRatedUnit(metrics, data);
  const widths = rated.map((item) => item.rating!.rankUpper - item.rating!.rankLower).sort((a, b) => a - b);
  const medianWidth = widths[Math.floor(widths.length / 2)] ?? 0;
  const separability = metrics.stability.separability;
  const best = rated[0]!;
  const bestRating = best.rating!;
  const tiedWithBest = rated.filter((item) => item.rating!.rankLower <= bestRating.rankUpper).length;
  const headline = [
    ...unitLine,
    `${formatPercent(separability.value)} of ${data.ratedNoun.replace(/s$/, "")} pairs are separable: their 95% bootstrap rating intervals do not overlap (${formatCount(separability.n)} pairs).`,
    `The median 95% rank interval spans ${medianWidth} places among ${formatCount(rated.length)} ${data.ratedNoun}; the top ${data.ratedNoun.replace(/s$/, "")} ("${best.title}") is rated ${formatNumber(bestRating.value, 0)} [${formatNumber(bestRating.lower, 0)}, ${formatNumber(bestRating.upper, 0)}] with rank interval ${bestRating.rankLower}–${bestRating.rankUpper}.`,
  ];
  if (data.groups.count > 1) {
    const grouped = describeGroupedRatings(data, rated, medianWidth);
    return { ...grouped, headline: [...unitLine, ...grouped.headline] };
  }
  const reading =
    medianWidth <= Math.max(2, rated.length * 0.02)
      ? `The ranking is sharp: a typical ${data.ratedNoun.replace(/s$/, "")}'s rank is pinned to within ${medianWidth} places.`
      : `Read ranks as bands, not points: a typical ${data.ratedNoun.replace(/s$/, "")} could sit anywhere in a ${medianWidth}-place window, and ${tiedWithBest} ${data.ratedNoun} cannot be told apart from the top one.`;
  return { headline, reading };
}

/** When the leaderboard rates groups of items (e.g. producers): one sentence saying so, with what was left out. */
function describeRatedUnit(metrics: MetricsDocument, data: ReportData): string[] {
  const rated = metrics.stability.available ? metrics.stability.rated : undefined;
  if (rated?.unit !== "group") return [];
  const left = rated.sameGroupRows + rated.ungroupedRows;
  return [
    `The leaderboard rates the ${formatCount(rated.groups)} ${data.ratedNoun} (item field "${rated.field}": e.g. the models that wrote the ${data.itemNoun}), not single ${data.itemNoun}, from every comparison between two of them${left > 0 ? ` (${formatCount(rated.sameGroupRows)} comparisons within one ${rated.field} and ${formatCount(rated.ungroupedRows)} with an item without one left out)` : ""}; \`--no-group\` rates the ${data.itemNoun} instead.`,
  ];
}

/** Ratings headline when items form groups that never met: separability and best items within each group. */
function describeGroupedRatings(
  data: ReportData,
  rated: readonly ReportData["items"][number][],
  pooledMedianWidth: number,
): { headline: string[]; reading: string } {
  // Groups are the categories when matches were scheduled within categories, else the connected groups themselves.
  const groupName = (item: ReportData["items"][number]) =>
    data.groups.byCategory ? (item.category ?? "(no category)") : `group ${(item.group ?? -1) + 1}`;
  const byGroup = new Map<string, ReportData["items"][number][]>();
  for (const item of rated) byGroup.set(groupName(item), [...(byGroup.get(groupName(item)) ?? []), item]);
  let separated = 0;
  let pairs = 0;
  for (const members of byGroup.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!.rating!;
        const b = members[j]!.rating!;
        pairs++;
        if (a.lower > b.upper || b.lower > a.upper) separated++;
      }
    }
  }
  const best = [...byGroup].map(([group, members]) => {
    const top = [...members].sort((a, b) => b.rating!.value - a.rating!.value)[0]!;
    return `${group}: "${top.title}" ${formatNumber(top.rating!.value, 0)} [${formatNumber(top.rating!.lower, 0)}, ${formatNumber(top.rating!.upper, 0)}]`;
  });
  const noun = data.ratedNoun.replace(/s$/, "");
  return {
    headline: [
      `Within ${data.groups.byCategory ? "categories" : "groups"}, ${formatPercent(pairs === 0 ? null : separated / pairs)} of ${noun} pairs are separable: their 95% bootstrap rating intervals do not overlap (${formatCount(pairs)} pairs).`,
      `Best ${noun} per ${data.groups.byCategory ? "category" : "group"} (BT rating, 95% CI): ${best.join("; ")}.`,
    ],
    reading: `Read ranks as bands, not points: even pooled over all ${data.ratedNoun}, a typical ${noun}'s 95% rank interval spans ${pooledMedianWidth} places, and within a ${data.groups.byCategory ? "category" : "group"} ${formatPercent(pairs === 0 ? null : 1 - separated / pairs)} of pairs cannot be ordered with confidence.`,
  };
}

function describeGoldAccuracy(metrics: MetricsDocument): string[] {
  if (!metrics.agreement.available || !metrics.agreement.gold.available) return [];
  const rows = metrics.agreement.gold.perJudge
    .filter((row) => row.accuracy.value !== null)
    .sort((a, b) => b.accuracy.value! - a.accuracy.value!);
  if (rows.length === 0) return [];
  const describe = (row: (typeof rows)[number]) =>
    `${row.judge} ${formatPercentInterval(row.accuracy.value, row.accuracy.ci)}`;
  const mean = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
  };
  const first = mean(rows.map((row) => row.accuracyBetterFirst.value));
  const second = mean(rows.map((row) => row.accuracyBetterSecond.value));
  const extremes =
    rows.length === 1 ? describe(rows[0]!) : `best ${describe(rows[0]!)}, worst ${describe(rows.at(-1)!)}`;
  return [
    `Per comparison (each vote counted), against the gold labels (${metrics.agreement.gold.source}), ${rows.length} judge${rows.length === 1 ? "" : "s"}: accuracy ${extremes}. Averaged over judges, accuracy is ${formatPercent(first)} when the better item is shown first and ${formatPercent(second)} when it is shown second.`,
  ];
}

function describeAgreement(metrics: MetricsDocument): { headline: string[]; reading: string } {
  if (!metrics.agreement.available) return { headline: [], reading: `Agreement: ${metrics.agreement.reason}.` };
  const pairs = metrics.agreement.pairs.filter((pair) => pair.cohenKappa.value !== null);
  const panel = metrics.agreement.panel;
  if (pairs.length === 0 && !panel.available) {
    return {
      headline: [],
      reading: "No pair of items was judged by two different judges, so agreement cannot be measured.",
    };
  }
  const kappas = pairs.map((pair) => pair.cohenKappa.value!);
  const low = Math.min(...kappas);
  const high = Math.max(...kappas);
  // Every figure of the headline is per pair (each judge's modal verdict on an answer pair): the unit of Cohen's κ.
  const agreements = pairs
    .map((pair) => pair.pairAgreement?.value ?? null)
    .filter((value): value is number => value !== null);
  const meanAgreement =
    agreements.length === 0 ? null : agreements.reduce((sum, value) => sum + value, 0) / agreements.length;
  const modal = panel.available && panel.modal?.available === true ? panel.modal : undefined;
  const fleiss = modal === undefined ? "" : `; Fleiss' κ over the panel ${statistic(modal.fleissKappa)}`;
  const headline =
    pairs.length > 0
      ? [
          `Per pair (each judge's modal verdict on a pair): judges give the same verdict on ${formatPercent(meanAgreement)} of the pairs they share (mean over judge pairs); Cohen's κ between judge pairs ranges ${formatNumber(low)} to ${formatNumber(high)}${fleiss}.`,
        ]
      : [];
  const strength =
    high < 0.2
      ? "slight"
      : high < 0.4
        ? "fair"
        : high < 0.6
          ? "moderate"
          : high < 0.8
            ? "substantial"
            : "almost perfect";
  return {
    headline,
    reading:
      pairs.length > 0
        ? `Agreement beyond chance per pair (Cohen's κ on each judge's modal verdict) is ${strength} at best (Landis–Koch scale): where judges disagree, a single verdict says little about a pair.`
        : `Panel agreement per comparison (every vote one rating): Fleiss' κ ${panel.available ? statistic(panel.fleissKappa) : "not available"}.`,
  };
}

function describePositionBias(metrics: MetricsDocument): { headline: string[]; reading: string } {
  if (!metrics.positionBias.available) {
    return { headline: [], reading: `Position bias: ${metrics.positionBias.reason}.` };
  }
  const decided = metrics.positionBias.perJudge.filter((row) => row.firstWinRate.value !== null);
  if (decided.length === 0)
    return { headline: [], reading: "No comparison with a known presentation order was decided." };
  // A first-position rate on order confounded with producer or item is a description, never a finding.
  const confounded = decided.filter((row) => row.orderDesign?.confounded === true);
  const rows = decided.filter((row) => row.orderDesign?.confounded !== true);
  const confoundedLine =
    confounded.length === 0
      ? undefined
      : `Position bias is not estimable for ${confounded.map((row) => row.judge).join(", ")}: the presentation order follows the ${confounded[0]!.orderDesign!.with} (${confounded[0]!.orderDesign!.detail}), so the first-position win rate is ${CONFOUNDED_LABEL}.`;
  if (rows.length === 0) return { headline: [confoundedLine!], reading: confoundedLine! };
  const biased = biasedJudges(rows);
  const strongest = [...rows].sort(
    (a, b) => Math.abs((b.firstWinRate.value ?? 0.5) - 0.5) - Math.abs((a.firstWinRate.value ?? 0.5) - 0.5),
  )[0]!;
  // With many judges (e.g. LLMBar's runs) the headline names the most biased few; the table lists all.
  const shown =
    rows.length <= 6
      ? rows
      : [...rows]
          .sort((a, b) => Math.abs((b.firstWinRate.value ?? 0.5) - 0.5) - Math.abs((a.firstWinRate.value ?? 0.5) - 0.5))
          .slice(0, 3);
  const headline = [
    rows.length <= 6
      ? `First-position win rate by judge: ${rows.map(describeFirstRate).join("; ")} (50% is fair; Wilson 95% intervals).`
      : `${biasedJudges(rows).length} of ${rows.length} judges favour one position beyond chance; the strongest: ${shown.map(describeFirstRate).join("; ")} (first-position win rate, 50% is fair; all judges in the position-bias table).`,
    ...(confoundedLine === undefined ? [] : [confoundedLine]),
  ];
  const reading =
    biased.length === 0
      ? "No judge's first-position win rate differs from 50% beyond its 95% interval: no detectable position bias."
      : `${biased.map((row) => row.judge).join(", ")} ${biased.length === 1 ? "favours" : "favour"} one position beyond chance; the strongest is ${strongest.judge} at ${formatPercent(strongest.firstWinRate.value)} for the first-shown item (${formatPValue(strongest.binomialPValue)}). With the order randomised, this does not shift ratings, but it adds noise to every close call.`;
  return { headline, reading: confoundedLine === undefined ? reading : `${reading} ${confoundedLine}` };
}

function describeStability(metrics: MetricsDocument): { headline: string[]; reading: string } {
  if (!metrics.stability.available) return { headline: [], reading: `Stability: ${metrics.stability.reason}.` };
  const stability = metrics.stability;
  const headline: string[] = [];
  const parts: string[] = [];
  if (stability.splitHalf.available) {
    headline.push(
      `Two random halves of the comparisons give leaderboards with Spearman ρ = ${statistic(stability.splitHalf.spearman)} (mean of ${stability.splitHalf.rounds} splits).`,
    );
    parts.push(`split-half ρ ${formatNumber(stability.splitHalf.spearman.value)}`);
  }
  if (stability.convergence.available) {
    const reached = stability.convergence.points.find((point) => point.spearman !== null && point.spearman >= 0.95);
    parts.push(
      reached === undefined
        ? "the ranking had not reached ρ 0.95 with the final one before the data ran out"
        : `the ranking reached ρ 0.95 with the final one after about ${formatNumber(reached.comparisonsPerItem, 1)} comparisons per item`,
    );
  }
  const cycles = stability.transitivity.perJudge.filter((row) => row.cycleRate.value !== null);
  if (cycles.length > 0) {
    headline.push(
      `Intransitive triangles (A>B>C>A) per judge: ${cycles.map((row) => `${row.judge} ${formatPercent(row.cycleRate.value, 1)} of ${formatCount(row.cycleRate.n)}`).join("; ")}; majority verdicts ${formatPercent(stability.transitivity.majority.value, 1)}.`,
    );
  }
  return {
    headline,
    reading: parts.length === 0 ? "Not enough data to measure stability." : `Stability: ${parts.join("; ")}.`,
  };
}

function describeBiases(metrics: MetricsDocument): { headline: string[]; reading: string } {
  const parts: string[] = [];
  const headline: string[] = [];
  if (metrics.biases.available) {
    const biases = metrics.biases;
    if (biases.length.available) {
      const rows = biases.length.perJudge.filter((row) => row.prefersLonger.value !== null);
      if (rows.length > 0)
        parts.push(
          `prefers the longer item: ${rows.map((row) => `${row.judge} ${formatPercentInterval(row.prefersLonger.value, row.prefersLonger.ci)}`).join(", ")}`,
        );
    }
    if (biases.selfPreference.available) {
      const rows = biases.selfPreference.perJudge.filter((row) => row.difference.value !== null);
      const notEstimable = biases.selfPreference.perJudge.filter((row) => row.difference.value === null);
      if (rows.length > 0)
        parts.push(
          `self-preference (paired: own-family win share under the judge minus under other-family judges, on the same answer pairs): ${rows.map((row) => `${row.judge} ${formatNumberInterval(row.difference.value, row.difference.ci)} on ${formatCount(row.pairedUnits)} pairs`).join(", ")}`,
        );
      if (notEstimable.length > 0)
        parts.push(
          `self-preference not estimable for ${notEstimable.map((row) => row.judge).join(", ")} (no answer pair it judged was also judged by another family's judge)`,
        );
    }
    if (biases.leniency.available) {
      const rows = biases.leniency.perJudge.filter((row) => row.mean.value !== null);
      if (rows.length > 0)
        parts.push(
          `mean pointwise score: ${rows.map((row) => `${row.judge} ${formatNumber(row.mean.value, 1)}`).join(", ")}`,
        );
    }
  }
  if (metrics.coherence.available) {
    const rows = metrics.coherence.perJudge.flatMap((row) =>
      row.withRating.available && row.withRating.kendall.value !== null
        ? [{ judge: row.judge, kendall: row.withRating.kendall }]
        : [],
    );
    if (rows.length > 0) {
      headline.push(
        `Pointwise scores against tournament ratings: Kendall τ ${rows.map((row) => `${row.judge} ${statistic(row.kendall)}`).join("; ")} (1 = the same order).`,
      );
      parts.push(
        `pointwise–pairwise Kendall τ ${rows.map((row) => `${row.judge} ${formatNumber(row.kendall.value)}`).join(", ")}`,
      );
    }
  }
  return {
    headline,
    reading:
      parts.length === 0
        ? "The dataset records no lengths, model families or pointwise scores, so other biases cannot be measured."
        : `${parts.join("; ")}.`,
  };
}

function describeRun(data: ReportData): string {
  const calls = data.judges.reduce((sum, judge) => sum + judge.comparisons, 0);
  const invalid = data.judges.reduce((sum, judge) => sum + judge.invalid, 0);
  const cost = data.judges.reduce((sum, judge) => sum + (judge.costUsd ?? 0), 0);
  const costText = data.judges.some((judge) => judge.costUsd !== undefined)
    ? `, cost $${cost.toFixed(2)}`
    : ", no cost recorded";
  return `${formatCount(calls)} judge calls, ${formatCount(invalid)} without a usable verdict (${formatPercent(calls === 0 ? null : invalid / calls, 1)})${costText}.`;
}

/** Generates the summary, headline findings and per-section readings of a report. */
export function describeFindings(data: ReportData): ReportFindings {
  const dataset = data.metrics.dataset;
  const categories = new Set(data.items.map((item) => item.category).filter((category) => category !== undefined));
  const judges = dataset.judges.map((judge) => judge.judge);
  const period =
    data.period === undefined
      ? ""
      : data.period.start === data.period.end
        ? ` on ${data.period.start}`
        : ` between ${data.period.start} and ${data.period.end}`;
  const summary = `${formatCount(dataset.items)} ${data.itemNoun}${categories.size > 0 ? ` in ${categories.size} ${categories.size === 1 ? "category" : "categories"}` : ""} were compared pairwise ${formatCount(dataset.comparisons)} times by ${judges.length} judge${judges.length === 1 ? "" : "s"} (${judges.join(", ")})${period}: ${formatCount(dataset.decided)} decided, ${formatCount(dataset.ties)} ties, ${formatCount(dataset.invalid)} invalid. ${formatCount(dataset.bothOrderUnits)} of ${formatCount(dataset.units)} item pairs were judged in both presentation orders.`;
  const ratings = describeRatings(data);
  const groupWarning =
    data.groups.count > 1
      ? [
          `The comparisons form ${data.groups.count} separate groups that never meet${data.groups.byCategory ? " (exactly the categories: matches were scheduled within categories)" : ""}: ratings and ranks compare ${data.itemNoun} within a group only. Across groups the scale is set by the fit's convention (each group centred near 1000), not by data, so cross-group ranks, rank intervals and separability say nothing about which group is better.`,
        ]
      : [];
  const agreement = describeAgreement(data.metrics);
  const gold = describeGoldAccuracy(data.metrics);
  const positionBias = describePositionBias(data.metrics);
  const stability = describeStability(data.metrics);
  const biases = describeBiases(data.metrics);
  return {
    summary,
    headlines: [
      ...groupWarning,
      ...ratings.headline,
      ...stability.headline,
      ...gold,
      ...calibrationHeadline(data.metrics),
      ...agreement.headline,
      ...positionBias.headline,
      ...biases.headline,
    ],
    readings: {
      ratings:
        data.groups.count > 1
          ? `${ratings.reading} Rank intervals here are pooled across ${data.groups.count} groups that never met; within a ${data.groups.byCategory ? "category" : "group"}, use the rank shown on each ${singularNoun(data.itemNoun)}'s page.`
          : ratings.reading,
      agreement: agreement.reading,
      positionBias: positionBias.reading,
      stability: stability.reading,
      biases: biases.reading,
      run: describeRun(data),
    },
  };
}
