import type { RatingReport } from "@judgelab/ratings";
import type { ControlledBoard, ControlledRatings } from "../model/controlled-ratings.js";
import type { TextTable } from "./report-tables.js";

/** One extra report section: heading, question, a reading and its tables (or why it is missing). */
export interface ControlledSection {
  readonly id: "style-control" | "judge-bias";
  readonly heading: string;
  readonly question: string;
  readonly reading: string;
  readonly tables: readonly TextTable[];
}

const interval = (value: number | null | undefined, lower: number | null, upper: number | null, digits: number) =>
  value === null || value === undefined
    ? "n/a"
    : `${value.toFixed(digits)} [${lower?.toFixed(digits) ?? "?"}, ${upper?.toFixed(digits) ?? "?"}]`;

/** Side by side: the plain Bradley–Terry rank and rating, the controlled ones, and the shift. */
function sideBySideTable(report: RatingReport, titleOf: (id: string) => string, maxRows: number): TextTable {
  const rows = report.items
    .slice(0, maxRows)
    .map((item) => [
      String(item.uncontrolledRank ?? "n/a"),
      item.uncontrolledRating === null || item.uncontrolledRating === undefined
        ? "n/a"
        : String(Math.round(item.uncontrolledRating)),
      String(item.rank ?? "n/a"),
      titleOf(item.id),
      item.rating === null
        ? "n/a"
        : `${Math.round(item.rating)} [${Math.round(item.ciLower ?? Number.NaN)}, ${Math.round(item.ciUpper ?? Number.NaN)}]`,
      item.rankShift === null || item.rankShift === undefined
        ? "n/a"
        : item.rankShift > 0
          ? `+${item.rankShift}`
          : String(item.rankShift),
    ]);
  return {
    headers: ["plain rank", "plain BT rating", "controlled rank", "title", "controlled rating [95% CI]", "shift"],
    rows,
    numeric: [0, 1, 2, 4, 5],
  };
}

function largestShifts(report: RatingReport, titleOf: (id: string) => string): string {
  const moved = report.items
    .filter((item) => (item.rankShift ?? 0) !== 0)
    .sort((a, b) => Math.abs(b.rankShift ?? 0) - Math.abs(a.rankShift ?? 0))
    .slice(0, 3)
    .map((item) => `${titleOf(item.id)} ${item.uncontrolledRank}→${item.rank}`);
  return moved.length === 0
    ? "No item changes rank."
    : `${report.items.filter((item) => (item.rankShift ?? 0) !== 0).length} items change rank; the largest moves: ${moved.join(", ")}.`;
}

/**
 * "95% Wald intervals, not cluster-robust: …": what the boards' intervals are, and, when matches hold several
 * judgments, that they are too narrow for that reason.
 */
function waldNote(clustering: ControlledRatings["clustering"]): string {
  const head = "95% Wald intervals from the Fisher information, not cluster-robust";
  if (clustering.by === "comparison")
    return `${head} (every match holds one judgment, so resampling whole matches would not change them)`;
  const unit = clustering.by === "match" ? "matches" : "item pairs";
  return `${head}: they treat the comparisons as independent although the ${clustering.clusters} ${unit} hold up to ${clustering.largest} judgments each, so they are too narrow (the main leaderboard resamples whole ${unit}; judgelab rate with --bootstrap N gives clustered intervals for these models)`;
}

function unavailable(board: ControlledBoard): string {
  return board.available ? "" : `Not computed: ${board.reason}.`;
}

/**
 * The report's controlled-ratings sections: "Ratings controlled for style" (only when style control was asked
 * for) and "Ratings corrected for judge bias", each with the side-by-side leaderboard against plain
 * Bradley–Terry. Both use Wald intervals that are not cluster-robust (stated in the reading, with the matches that
 * make them too narrow).
 */
export function controlledSections(
  controlled: ControlledRatings | undefined,
  titleOf: (id: string) => string,
  maxRows: number,
): ControlledSection[] {
  if (controlled === undefined) return [];
  const sections: ControlledSection[] = [];
  const style = controlled.style;
  if (style !== undefined) {
    const report = style.available ? style.report : undefined;
    sections.push({
      id: "style-control",
      heading: "Ratings controlled for style",
      question:
        "Does the ranking hold once answer length and markdown are accounted for (Chatbot Arena's style control)?",
      reading:
        report === undefined
          ? unavailable(style)
          : `Bradley–Terry with ${report.control?.covariates.map((covariate) => covariate.name).join(", ")} as covariates (normalised differences between the two sides; γ in log-odds per unit; ${waldNote(controlled.clustering)}). ${largestShifts(report, titleOf)}${(report.warnings ?? []).map((warning) => ` Note: ${warning}.`).join("")}`,
      tables:
        report?.control === undefined
          ? []
          : [
              {
                headers: ["covariate", "kind", "γ [95% CI]", "scale"],
                rows: report.control.covariates.map((covariate) => [
                  covariate.name,
                  covariate.kind,
                  interval(covariate.value, covariate.ciLower, covariate.ciUpper, 3),
                  covariate.scale.toPrecision(3),
                ]),
                numeric: [2, 3],
              },
              sideBySideTable(report, titleOf, maxRows),
            ],
    });
  }
  const judgeBias = controlled.judgeBias;
  const report = judgeBias.available ? judgeBias.report : undefined;
  sections.push({
    id: "judge-bias",
    heading: "Ratings corrected for judge bias",
    question: "How does the ranking move once each judge's scale and position preference are modelled?",
    reading:
      report === undefined
        ? unavailable(judgeBias)
        : `Judge-aware Bradley–Terry: logit P(first wins | judge k) = γ_k(θ_first − θ_second) + δ_k, with δ_k > 0 favouring the first position (${waldNote(controlled.clustering)}). ${largestShifts(report, titleOf)}`,
    tables:
      report?.judges === undefined
        ? []
        : [
            {
              headers: ["judge", "discrimination γ (SE)", "position effect δ [95% CI]"],
              rows: report.judges.map((judge) => [
                judge.id,
                `${judge.discrimination.toFixed(3)} (${judge.standardError.toFixed(3)})`,
                judge.positionEffect === undefined
                  ? "n/a (order unknown)"
                  : interval(judge.positionEffect.value, judge.positionEffect.ciLower, judge.positionEffect.ciUpper, 3),
              ]),
              numeric: [1, 2],
            },
            sideBySideTable(report, titleOf, maxRows),
          ],
  });
  return sections;
}
