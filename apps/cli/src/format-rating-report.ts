import type { RatedItem, RatingReport } from "@judgelab/ratings";
import { formatTable, type TableColumn } from "./format-table.js";
import { plural } from "./plural.js";

/** How items were grouped (`rate --group`), reported with the ratings. */
export interface GroupingSummary {
  readonly field: string;
  readonly groups: number;
  readonly sameGroupRows: number;
  readonly ungroupedRows: number;
}

/** A rating report as printed by `judgelab rate`, with the judge of a `--by judge` table and the grouping. */
export type PrintedRatingReport = RatingReport & { judge?: string; grouping?: GroupingSummary };

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? "-" : value.toFixed(digits);

/** Win rates print in percent with three decimals, as AlpacaEval's leaderboards do. */
const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? "-" : (100 * value).toFixed(3);

/** True when an item's point estimate lies outside its own interval (online methods replayed in another order). */
function outsideInterval(item: RatedItem): boolean {
  return (
    item.ciLower !== null &&
    item.ciUpper !== null &&
    item.rating !== null &&
    Number.isFinite(item.rating) &&
    (item.rating < item.ciLower || item.rating > item.ciUpper)
  );
}

/** The rating, interval and standard-error columns of a method. */
function ratingColumns(report: RatingReport): TableColumn<RatedItem>[] {
  if (report.method === "winrate") {
    const halfTies = report.parameters.ties === "half a win";
    return [
      { header: "win rate %", align: "right", cell: (item) => percent(item.rating) },
      ...(halfTies
        ? [{ header: "SE %", align: "right" as const, cell: (item: RatedItem) => percent(item.standardError) }]
        : []),
      {
        header: "95% interval %",
        align: "right",
        cell: (item) => (item.ciLower === null ? "-" : `${percent(item.ciLower)}..${percent(item.ciUpper)}`),
      },
    ];
  }
  const digits = report.method === "openskill" ? 3 : 1;
  return [
    {
      header: report.method === "trueskill" ? "score" : "rating",
      align: "right",
      cell: (item) => item.display ?? fixed(item.rating, digits),
    },
    {
      header: "95% interval",
      align: "right",
      cell: (item) =>
        item.ciLower === null
          ? "-"
          : `${fixed(item.ciLower, digits)}..${fixed(item.ciUpper, digits)}${outsideInterval(item) ? "*" : ""}`,
    },
  ];
}

/** A title cut to `width` characters (with an ellipsis) for a table cell. */
function shortTitle(title: string, width = 48): string {
  const flat = title.replace(/\s+/g, " ").trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

function columnsOf(report: RatingReport, titles: ReadonlyMap<string, string> | undefined): TableColumn<RatedItem>[] {
  const excludedTies = report.method === "winrate" && report.parameters.ties !== "half a win";
  return [
    { header: "rank", align: "right", cell: (item) => fixed(item.rank, 0) },
    { header: "item", cell: (item) => item.id },
    ...(titles === undefined
      ? []
      : [{ header: "title", cell: (item: RatedItem) => shortTitle(titles.get(item.id) ?? "") }]),
    ...ratingColumns(report),
    {
      header: "rank range",
      align: "right",
      cell: (item) => (item.rankLower === null ? "-" : `${item.rankLower}-${item.rankUpper}`),
    },
    { header: "rank by CI", align: "right", cell: (item) => fixed(item.rankByInterval, 0) },
    { header: "W-L-T", align: "right", cell: (item) => `${item.wins}-${item.losses}-${item.ties}` },
    // The method winrate with ties excluded already shows W/(W+L) as its rating.
    ...(excludedTies
      ? []
      : [
          {
            header: "W/(W+L)",
            align: "right" as const,
            cell: (item: RatedItem) => (item.winRate === null ? "-" : `${(100 * item.winRate).toFixed(1)}%`),
          },
        ]),
    ...(report.method === "trueskill"
      ? [{ header: "category rank", cell: (item: RatedItem) => item.categoryRank ?? "-" }]
      : []),
    ...rankShiftColumns(report),
  ];
}

/** Style control or judge-bias correction: the uncontrolled rating and rank, and the rank shift. */
function rankShiftColumns(report: RatingReport): TableColumn<RatedItem>[] {
  if (report.items[0]?.uncontrolledRank === undefined) return [];
  const digits = report.method === "openskill" ? 3 : 1;
  return [
    {
      header: "uncontrolled",
      align: "right",
      cell: (item) => `${fixed(item.uncontrolledRating, digits)} (#${fixed(item.uncontrolledRank, 0)})`,
    },
    {
      header: "shift",
      align: "right",
      cell: (item) =>
        item.rankShift === null || item.rankShift === undefined
          ? "-"
          : item.rankShift > 0
            ? `+${item.rankShift}`
            : String(item.rankShift),
    },
  ];
}

/** "clustering: match (120 clusters, up to 6 comparisons each); design effect 1.87× (…)". */
function describeClusteringLine(clustering: NonNullable<RatingReport["clustering"]>): string {
  const head = `clustering: ${clustering.by} (${clustering.by === "comparison" ? `${plural(clustering.clusters, "comparison")}, each alone` : `${plural(clustering.clusters, "cluster")}, up to ${plural(clustering.largest, "comparison")} each`})`;
  if (clustering.designEffect === null) return head;
  return `${head}; design effect ${clustering.designEffect.toFixed(2)}× (${clustering.designEffectMeasuredBy ?? "interval width ratio"})`;
}

/** Style-control coefficients and per-judge position effects, with what the shift columns mean. */
function controlLines(report: RatingReport): string[] {
  const lines: string[] = [];
  if (report.control !== undefined) {
    lines.push(
      `style control (${report.control.intervals}${report.control.ridge > 0 ? `, ridge ${report.control.ridge}` : ""}): ` +
        report.control.covariates
          .map(
            (covariate) =>
              `${covariate.name} γ = ${covariate.value.toFixed(3)} (95% ${fixed(covariate.ciLower, 3)}..${fixed(covariate.ciUpper, 3)})`,
          )
          .join(", "),
      'ratings are controlled for style; "uncontrolled" is the same fit without the covariates, "shift" the rank change (+ = up)',
    );
  }
  const positioned = (report.judges ?? []).filter((judge) => judge.positionEffect !== undefined);
  if (positioned.length > 0) {
    lines.push(
      `judge position effect δ (log-odds for the first position, 95% interval): ${positioned
        .map((judge) => {
          const effect = judge.positionEffect as NonNullable<typeof judge.positionEffect>;
          return `${judge.id} ${effect.value.toFixed(3)} (${fixed(effect.ciLower, 3)}..${fixed(effect.ciUpper, 3)})`;
        })
        .join(", ")}`,
      'ratings are corrected for judge bias (scale γ and position δ per judge); "uncontrolled" is plain Bradley–Terry, "shift" the rank change (+ = up)',
    );
  }
  return lines;
}

/** The bt prior line: which L2 prior was used and why (`DEFAULT_PRIOR` when the MLE does not exist). */
function describePrior(report: RatingReport): string | undefined {
  const prior = report.prior;
  if (prior === undefined) return undefined;
  if (prior.source === "none")
    return "prior: none (the maximum-likelihood estimate exists; --prior X adds an L2 prior)";
  if (prior.source === "given") return `prior: L2 λ = ${prior.value} (--prior)`;
  return `prior: L2 λ = ${prior.value}, the default when the maximum-likelihood estimate does not exist: ${prior.reason ?? "it is infinite"}; --prior X sets another, --prior 0 refuses any`;
}

/** The lines above the table: what was rated, how, and every warning. */
function headerLines(report: PrintedRatingReport): string[] {
  const unit = report.unit === "match" ? "match" : "comparison";
  const lines = [
    `${report.judge === undefined ? "" : `judge ${report.judge}: `}${report.method}, ${plural(report.comparisons, unit, unit === "match" ? "matches" : undefined)}` +
      `${report.invalid > 0 ? ` (${report.invalid} invalid left out)` : ""}, seed ${report.seed}, ${plural(report.bootstrapRounds, "bootstrap round")}`,
    `intervals: ${report.intervals}`,
  ];
  if (report.clustering !== undefined) lines.push(describeClusteringLine(report.clustering));
  const prior = describePrior(report);
  if (prior !== undefined) lines.push(prior);
  if (report.baselines !== undefined && report.baselines.length > 0) {
    lines.push(
      `${report.baselines.length === 1 ? "baseline" : "baselines"}: ${report.baselines.join(", ")} (in every comparison; a baseline's row is its record against all the others, where a leaderboard lists it at 50%)`,
    );
  }
  if (report.grouping !== undefined) {
    const { field, groups, sameGroupRows, ungroupedRows } = report.grouping;
    lines.push(
      `grouped by ${field}: ${plural(groups, "group")}; left out ${plural(sameGroupRows, "comparison")} within one group and ${ungroupedRows} with an item without "${field}"`,
    );
  }
  if (report.orderEffect !== undefined) {
    const effect = report.orderEffect;
    lines.push(
      `order effect δ = ${effect.value.toFixed(3)} (SE ${fixed(effect.standardError, 3)}, 95% ${fixed(effect.ciLower, 3)}..${fixed(effect.ciUpper, 3)}; ${effect.elo.toFixed(1)} Elo for the first position)`,
    );
  }
  if (report.tieParameter !== undefined) {
    const tie = report.tieParameter;
    lines.push(
      `${report.parameters.ties === "rao-kupper" ? "Rao–Kupper tie threshold κ" : "Davidson tie parameter ν"} = ${tie.value.toFixed(3)} (95% ${fixed(tie.ciLower, 3)}..${fixed(tie.ciUpper, 3)})`,
    );
  }
  if (report.judges !== undefined) {
    lines.push(
      `judge discrimination γ: ${report.judges.map((judge) => `${judge.id} ${judge.discrimination.toFixed(3)} (SE ${judge.standardError.toFixed(3)})`).join(", ")}`,
    );
  }
  lines.push(...controlLines(report));
  for (const warning of report.warnings ?? []) lines.push(`warning: ${warning}`);
  if (report.converged === false && (report.warnings ?? []).length === 0) {
    lines.push("warning: the fit did not converge; set an L2 prior with --prior (e.g. --prior 0.01)");
  }
  if ((report.nonConvergedRounds ?? 0) > 0)
    lines.push(`warning: ${plural(report.nonConvergedRounds ?? 0, "bootstrap round")} did not converge`);
  return lines;
}

/** One-line explanations of the table's columns, under it. */
function legend(report: RatingReport, rows: readonly RatedItem[], rated: number, unrated: number): string[] {
  const shown = rows.length;
  const lines: string[] = [];
  if (rows.some(outsideInterval)) {
    lines.push(
      `* the ${report.method === "trueskill" ? "score" : "rating"} lies outside its interval: ${
        report.method === "trueskill" || report.method === "elo" || report.method === "glicko2"
          ? "an online method depends on the order comparisons are replayed in (the estimate replays them in time order, each bootstrap round in its drawn order), so the interval is the spread of the estimate under resampling and reordering, not an interval around the estimate shown"
          : "the bootstrap distribution is shifted against the full-data fit; read the interval as the spread of refits, not as centred on the estimate"
      }`,
    );
  }
  if (shown < rated) lines.push(`… ${rated - shown} more rated rows: --top ${rated} (or --json) shows them all`);
  if (unrated > 0)
    lines.push(`${plural(unrated, "item")} without a valid comparison in this table not listed (they are in --json)`);
  if (report.bootstrapRounds > 0)
    lines.push("rank range: 2.5th–97.5th percentile of the item's rank over the bootstrap");
  lines.push(
    "rank by CI: Chatbot Arena's rank, 1 + the number of items whose 95% interval lies wholly above this item's",
  );
  return lines;
}

/**
 * The text table of `judgelab rate`: header lines (method, counts, seed, intervals, prior, warnings), one row per
 * rated item best first (at most `top` when `top` ≥ 0; with its title when `titles` has one), then what was left out and what the columns mean.
 * Items without any valid comparison in the table (e.g. in another judge's table only) are counted, not listed.
 */
export function formatRatingReport(
  report: PrintedRatingReport,
  top: number,
  titles?: ReadonlyMap<string, string>,
): string {
  const rated = report.items.filter((item) => item.comparisons > 0);
  const rows = top >= 0 ? rated.slice(0, top) : rated;
  const unrated = report.items.length - rated.length;
  return `${headerLines(report).join("\n")}\n${formatTable(rows, columnsOf(report, titles))}${legend(report, rows, rated.length, unrated).join("\n")}\n`;
}
