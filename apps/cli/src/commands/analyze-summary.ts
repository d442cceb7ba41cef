import {
  CONFOUNDED_LABEL,
  type MetricsDocument,
  type Proportion,
  type Section,
  type Statistic,
} from "@judgelab/analytics";
import { formatTable } from "../format-table.js";

/** Rows of a per-judge table in the text summary; the rest are counted, and listed by --json. */
const MAX_JUDGE_ROWS = 30;

/** "0.731 [0.70, 0.76] n=1200" or "–" for a missing value. */
function showStatistic(figure: Statistic | undefined, digits = 3): string {
  if (figure === undefined || figure.value === null) return "–";
  const ci = figure.ci === undefined ? "" : ` [${figure.ci.lower.toFixed(2)}, ${figure.ci.upper.toFixed(2)}]`;
  return `${figure.value.toFixed(digits)}${ci}`;
}

/** "64.0% (64/100)" or "–". */
function showProportion(figure: Proportion | undefined): string {
  if (figure === undefined || figure.value === null) return "–";
  return `${(figure.value * 100).toFixed(1)}% (${figure.count}/${figure.n})`;
}

function part<T>(section: Section<T>): T | undefined {
  return section.available ? section : undefined;
}

function heading(title: string, section: Section<unknown>): string {
  return section.available ? `\n## ${title}\n` : `\n## ${title}: not available (${section.reason})\n`;
}

/** The readable summary of a metrics document (the `--json` document holds every figure). */
export function formatMetricsSummary(document: MetricsDocument, shownPath: string): string {
  return [
    describeDataset(document, shownPath),
    ...summarizeAgreement(document),
    ...summarizePositionBias(document),
    ...summarizeStability(document),
    ...summarizeBiases(document),
    ...summarizeCoherence(document),
    ...summarizeReference(document),
    ...summarizeConditions(document),
  ].join("");
}

/** The first line: what was analysed and with which seed. */
function describeDataset(document: MetricsDocument, shownPath: string): string {
  const { dataset } = document;
  return (
    `${shownPath}: ${dataset.comparisons} comparisons (${dataset.decided} decided, ${dataset.ties} ties, ${dataset.invalid} invalid), ` +
    `${dataset.items} items, ${dataset.judges.length} judges, ${dataset.units} pairs (${dataset.bothOrderUnits} judged in both orders); ` +
    `seed ${document.options.seed}, ${document.options.bootstrapRounds} bootstrap rounds\n`
  );
}

/** Agreement: panel, judge pairs and gold labels. */
function summarizeAgreement(document: MetricsDocument): string[] {
  const out: string[] = [];
  const agreement = part(document.agreement);
  out.push(heading("Agreement", document.agreement));
  if (agreement) {
    const panel = part(agreement.panel);
    if (!agreement.panel.available) out.push(`panel: not available (${agreement.panel.reason})\n`);
    if (panel) {
      out.push(
        `panel of ${panel.judges} judges, per comparison (every vote one rating) on ${panel.units} pairs: Fleiss κ ${showStatistic(panel.fleissKappa)}, ` +
          `Krippendorff α ${showStatistic(panel.krippendorffAlpha.nominal)}, agreement ${showStatistic(panel.percentAgreement)}\n`,
      );
      const modal = panel.modal?.available === true ? panel.modal : undefined;
      if (modal)
        out.push(
          `panel per pair (each judge's modal verdict one rating) on ${modal.units} pairs: Fleiss κ ${showStatistic(modal.fleissKappa)}, agreement ${showStatistic(modal.percentAgreement)}\n`,
        );
    }
    if (agreement.pairs.length > 0) {
      const rows = [...agreement.pairs].sort((a, b) => b.units - a.units).slice(0, 15);
      out.push(
        formatTable(rows, [
          { header: "judge A", cell: (row) => row.judgeA },
          { header: "judge B", cell: (row) => row.judgeB },
          { header: "pairs", cell: (row) => String(row.units), align: "right" },
          { header: "agree/pair", cell: (row) => showProportion(row.pairAgreement), align: "right" },
          { header: "Cohen κ/pair", cell: (row) => showStatistic(row.cohenKappa), align: "right" },
          { header: "| S1/comparison", cell: (row) => `| ${showProportion(row.agreementWithTies)}`, align: "right" },
          { header: "S2/comparison", cell: (row) => showProportion(row.agreementWithoutTies), align: "right" },
        ]),
      );
      out.push(
        "per pair: each judge's modal verdict on a shared pair (order-inconsistent = tie); per comparison: MT-Bench S1 (ties count) and S2 (no ties) over vote pairs\n",
      );
      if (agreement.pairs.length > rows.length)
        out.push(`... ${agreement.pairs.length - rows.length} more judge pairs in --json\n`);
    }
    const gold = part(agreement.gold);
    if (!agreement.gold.available) out.push(`gold labels: not available (${agreement.gold.reason})\n`);
    if (gold) {
      out.push(`\nagainst gold labels (${gold.source}):\n`);
      out.push(
        formatTable(gold.perJudge.slice(0, MAX_JUDGE_ROWS), [
          { header: "judge", cell: (row) => row.judge },
          { header: "accuracy", cell: (row) => showProportion(row.accuracy), align: "right" },
          { header: "better first", cell: (row) => showProportion(row.accuracyBetterFirst), align: "right" },
          { header: "better second", cell: (row) => showProportion(row.accuracyBetterSecond), align: "right" },
          {
            header: "correct both orders",
            cell: (row) => (row.correctBothOrders.available ? showProportion(row.correctBothOrders.rate) : "–"),
            align: "right",
          },
        ]),
      );
      if (gold.perJudge.length > MAX_JUDGE_ROWS)
        out.push(`... ${gold.perJudge.length - MAX_JUDGE_ROWS} more judges not shown; --json lists every judge\n`);
    }
  }
  return out;
}

/** Position bias per judge, with the confounded-order note. */
function summarizePositionBias(document: MetricsDocument): string[] {
  const out: string[] = [];
  const position = part(document.positionBias);
  out.push(heading("Position bias", document.positionBias));
  if (position) {
    out.push(
      formatTable(position.perJudge.slice(0, MAX_JUDGE_ROWS), [
        { header: "judge", cell: (row) => row.judge },
        { header: "first wins", cell: (row) => showProportion(row.firstWinRate), align: "right" },
        {
          header: "p (binomial)",
          cell: (row) =>
            row.orderDesign?.confounded === true
              ? "confounded*"
              : row.binomialPValue === null
                ? "–"
                : row.binomialPValue.toPrecision(2),
          align: "right",
        },
        {
          header: "consistent/pair (/answer)",
          cell: (row) =>
            row.bothOrders.available
              ? `${showProportion(row.bothOrders.consistency)}${row.bothOrders.consistencyPerAnswer === undefined ? "" : ` (${row.bothOrders.consistencyPerAnswer.consistent}/${row.bothOrders.consistencyPerAnswer.answers})`}`
              : "–",
          align: "right",
        },
        {
          header: "κ orders",
          cell: (row) => (row.bothOrders.available ? showStatistic(row.bothOrders.kappaBetweenOrders) : "–"),
          align: "right",
        },
        {
          header: "PF (Shi)",
          cell: (row) => (row.shi.available ? showStatistic(row.shi.preferenceFairness) : "–"),
          align: "right",
        },
        {
          header: "δ (Elo)",
          cell: (row) => (row.orderEffect.available ? showStatistic(row.orderEffect.delta, 1) : "–"),
          align: "right",
        },
      ]),
    );
    if (position.perJudge.length > MAX_JUDGE_ROWS)
      out.push(`... ${position.perJudge.length - MAX_JUDGE_ROWS} more judges not shown; --json lists every judge\n`);
    const confounded = position.perJudge.filter((row) => row.orderDesign?.confounded === true);
    if (confounded.length > 0)
      out.push(
        `* ${confounded.map((row) => row.judge).join(", ")}: ${CONFOUNDED_LABEL} (order follows the ${confounded[0]!.orderDesign!.with}: ${confounded[0]!.orderDesign!.detail}); "first wins" describes the data, it does not measure position bias\n`,
      );
    out.push(
      "PF (Shi): preference fairness of Shi et al. 2024 over pairs judged in both orders, −1 always the first answer, 0 fair, +1 always the second\n",
    );
  }
  return out;
}

/** Stability: pooled leaderboard, split half, transitivity, the top rows. */
function summarizeStability(document: MetricsDocument): string[] {
  const out: string[] = [];
  const stability = part(document.stability);
  out.push(heading("Stability", document.stability));
  if (stability) {
    const rated = stability.rated;
    const unit = rated?.unit === "group" ? `${rated.field}s` : "items";
    if (rated?.unit === "group")
      out.push(
        `leaderboards rate ${rated.groups} ${unit} (groups of items by the item field "${rated.field}"; ` +
          `${rated.sameGroupRows} comparisons within one ${rated.field} and ${rated.ungroupedRows} with an ungrouped item left out; --no-group rates items)\n`,
      );
    out.push(
      `pooled ${stability.method}: ${stability.pooled.items} ${unit}, mean 95% CI width ${stability.pooled.meanCiWidth?.toFixed(1) ?? "–"} Elo, ` +
        `separability ${showProportion(stability.separability)}\n`,
    );
    const split = part(stability.splitHalf);
    if (split) out.push(`split-half Spearman ${showStatistic(split.spearman)} (${split.rounds} splits)\n`);
    out.push(
      `transitivity: cycles/closed triangles majority ${showProportion(stability.transitivity.majority)}, unanimous ${showProportion(stability.transitivity.unanimous)}\n`,
    );
    const allRows = part(stability.pooled.rows)?.rows ?? [];
    const topRows = [...allRows].sort((a, b) => a.rank - b.rank).slice(0, 10);
    if (topRows.length > 0) {
      out.push(
        formatTable(topRows, [
          { header: "rank", cell: (row) => `${row.rank} (${row.rankLower}–${row.rankUpper})`, align: "right" },
          { header: rated?.unit === "group" ? rated.field : "item", cell: (row) => row.item },
          {
            header: "rating",
            cell: (row) => `${row.rating.toFixed(0)} [${row.lower.toFixed(0)}, ${row.upper.toFixed(0)}]`,
            align: "right",
          },
          { header: "n", cell: (row) => String(row.n), align: "right" },
        ]),
      );
      if (allRows.length > topRows.length)
        out.push(`... ${allRows.length - topRows.length} more not shown; \`judgelab rate\` or --json lists all\n`);
    }
  }
  return out;
}

/** Length bias, self-preference and leniency. */
function summarizeBiases(document: MetricsDocument): string[] {
  const out: string[] = [];
  const biases = part(document.biases);
  out.push(heading("Other biases", document.biases));
  if (biases) {
    const length = part(biases.length);
    if (length)
      out.push(
        `prefers longer (|Δlength| > ${length.threshold}): ${length.perJudge.map((row) => `${row.judge} ${showProportion(row.prefersLonger)}`).join("; ")}\n`,
      );
    else out.push(`length: not available (${biases.length.available ? "" : biases.length.reason})\n`);
    const self = part(biases.selfPreference);
    if (self)
      out.push(
        `self-preference (paired on shared pairs: own-family win share under the judge − under other-family judges): ${self.perJudge.map((row) => `${row.judge} ${row.notEstimable === undefined ? `${showStatistic(row.difference)} on ${row.pairedUnits} pairs` : "not estimable (no pair shared with another family's judge)"}`).join("; ")}\n`,
      );
    const leniency = part(biases.leniency);
    if (leniency)
      out.push(
        `leniency (mean score): ${leniency.perJudge.map((row) => `${row.judge} ${showStatistic(row.mean, 2)}`).join("; ")}\n`,
      );
  }
  return out;
}

/** Pointwise scores against the pairwise ratings, per judge. */
function summarizeCoherence(document: MetricsDocument): string[] {
  const out: string[] = [];
  out.push(heading("Coherence (pointwise vs pairwise)", document.coherence));
  const coherence = part(document.coherence);
  if (coherence) {
    for (const row of coherence.perJudge) {
      const rank = part(row.withRating);
      const gap = part(row.scoreGapPredictsPick);
      out.push(
        `${row.judge}: Kendall τ with rating ${showStatistic(rank?.kendall)}, score gap predicts pick ${showProportion(gap?.overall)}\n`,
      );
    }
  }
  return out;
}

/** Judges and the ranking against the reference. */
function summarizeReference(document: MetricsDocument): string[] {
  const out: string[] = [];
  out.push(heading("Reference", document.reference));
  const reference = part(document.reference);
  if (reference) {
    out.push(
      `${reference.name}: ${reference.panelVsSingle
        .map((row) => `${row.who} ${showProportion(row.accuracy)}`)
        .slice(0, 12)
        .join(
          "; ",
        )}${reference.panelVsSingle.length > 12 ? `; ... ${reference.panelVsSingle.length - 12} more in --json` : ""}\n`,
    );
    const ranking = part(reference.ranking);
    if (ranking)
      out.push(
        `ranking: Spearman ${showStatistic(ranking.spearman)}, Kendall ${showStatistic(ranking.kendall)}, pair-rank Brier ${showStatistic(ranking.pairRankBrier)}\n`,
      );
  }
  return out;
}

/** The conditions table. */
function summarizeConditions(document: MetricsDocument): string[] {
  const out: string[] = [];
  out.push(heading("Conditions", document.conditions));
  const conditions = part(document.conditions);
  if (conditions) {
    out.push(
      formatTable(conditions.perCondition, [
        { header: conditions.field, cell: (row) => row.condition },
        { header: "comparisons", cell: (row) => String(row.comparisons), align: "right" },
        {
          header: "accuracy",
          cell: (row) => (row.accuracy.available ? showProportion(row.accuracy.rate) : "–"),
          align: "right",
        },
        { header: "with consensus", cell: (row) => showProportion(row.agreementWithConsensus), align: "right" },
        { header: "cycles", cell: (row) => showProportion(row.cycleRate), align: "right" },
      ]),
    );
  }
  return out;
}
