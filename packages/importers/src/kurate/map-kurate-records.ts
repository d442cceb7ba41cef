import type { Assessment, Comparison, Item, Reference, Verdict } from "@judgelab/schema";
import { TIMESTAMP_PATTERN } from "@judgelab/schema";
import type { WinnerSide } from "../positional-verdict.js";

/** The seed system's impact-assessment columns and the rubric names they become. */
export const KURATE_ASSESSMENT_COLUMNS: readonly (readonly [string, string])[] = [
  ["si_score", "overall"],
  ["si_significance", "significance"],
  ["si_rigor", "rigor"],
  ["si_novelty", "novelty"],
  ["si_clarity", "clarity"],
];

const finite = (value: string | undefined) => {
  if (value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
};

/** A paper row as an item (`id`, title, category = dataset, decision in metadata). */
export function mapKuratePaper(row: Readonly<Record<string, string>>): Item | undefined {
  const id = row.id?.trim();
  if (!id) return undefined;
  return {
    id,
    ...(row.title ? { title: row.title } : {}),
    ...(row.dataset_id ? { category: row.dataset_id } : {}),
    ...(row.decision ? { metadata: { decision: row.decision } } : {}),
  };
}

/** Parses the `scores` column (a JSON array of reviewer ratings); undefined when absent or malformed. */
export function parseKurateScores(value: string | undefined): number[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return undefined;
    const scores = parsed.map(Number);
    return scores.every(Number.isFinite) ? scores : undefined;
  } catch {
    return undefined;
  }
}

/** The `reviewer_1_score … reviewer_N_score` columns (blank and non-numeric cells left out), or undefined. */
export function reviewerScoreColumns(row: Readonly<Record<string, string>>): number[] | undefined {
  const scores: number[] = [];
  for (let reviewer = 1; `reviewer_${reviewer}_score` in row; reviewer++) {
    const value = finite(row[`reviewer_${reviewer}_score`]);
    if (value !== undefined) scores.push(value);
  }
  return scores.length === 0 ? undefined : scores;
}

/**
 * Per-paper references: the mean of the human reviewers' ratings (`reviewer-mean`, with the ratings in
 * metadata; from the `scores` JSON list, else from the `reviewer_N_score` columns), the source's own `h1_avg_rating`, and the committee `decision` as a label.
 */
export function mapKuratePaperReferences(row: Readonly<Record<string, string>>, item: string): Reference[] {
  const references: Reference[] = [];
  const scores = parseKurateScores(row.scores) ?? reviewerScoreColumns(row);
  if (scores !== undefined && scores.length > 0) {
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    references.push({ kind: "item", item, name: "reviewer-mean", score: mean, metadata: { ratings: scores } });
  }
  const h1 = finite(row.h1_avg_rating);
  if (h1 !== undefined) references.push({ kind: "item", item, name: "h1_avg_rating", score: h1 });
  if (row.decision) references.push({ kind: "item", item, name: "decision", label: row.decision });
  return references;
}

/** The `si_*` columns as one assessment (overall, significance, rigor, novelty, clarity on a 1–10 scale). */
export function mapKurateAssessment(
  row: Readonly<Record<string, string>>,
  item: string,
  judge: string,
): Assessment | undefined {
  const scores: Record<string, number> = {};
  for (const [column, name] of KURATE_ASSESSMENT_COLUMNS) {
    const value = finite(row[column]);
    if (value !== undefined) scores[name] = value;
  }
  if (Object.keys(scores).length === 0) return undefined;
  return { item, judge, scores, scale: { min: 1, max: 10 } };
}

/** Normalises a timestamp (`2026-01-02 03:04:05.6+00` as exported by Postgres) to ISO 8601, or undefined. */
export function normalizeTimestamp(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim().replace(/([+-]\d{2})$/, "$1:00");
  if (TIMESTAMP_PATTERN.test(text)) return text;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * A match row as a comparison. The export does not record which paper the judge saw first and has no ties:
 * order unknown, first = paper1; a winner that is neither paper is kept as `invalid` with `raw`.
 */
export function mapKurateMatch(row: Readonly<Record<string, string>>, judge: string): Comparison | undefined {
  const { id, paper1_id: paper1, paper2_id: paper2, winner_id: winner } = row;
  if (!id || !paper1 || !paper2) return undefined;
  const verdict: Verdict = winner === paper1 ? "first" : winner === paper2 ? "second" : "invalid";
  const createdAt = normalizeTimestamp(row.created_at);
  return {
    id: `match/${id}`,
    first: paper1,
    second: paper2,
    order: "unknown",
    verdict,
    judge,
    ...(verdict === "invalid" ? { raw: winner ?? null } : {}),
    ...(row.reasoning ? { rationale: row.reasoning } : {}),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(row.dataset_id ? { condition: row.dataset_id } : {}),
  };
}

function swapWinnerSide(value: unknown, paperA: string, paperB: string): WinnerSide | undefined {
  const text = value === undefined || value === null ? "" : String(value).trim();
  if (text === paperA || /^(a|paper_a)$/i.test(text)) return "a";
  if (text === paperB || /^(b|paper_b)$/i.test(text)) return "b";
  return undefined;
}

function positionWon(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === "true" || value === "True") return true;
  if (value === false || value === 0 || value === "false" || value === "False") return false;
  return undefined;
}

/**
 * A swap-test record (`idx, paper_a_id, paper_b_id, ab_winner, ba_winner, ab_pos1_win, ba_pos1_win`) as two
 * comparisons with known order sharing a matchId: "ab" shows paper_a first, "ba" shows paper_b first. The
 * positional flag `*_pos1_win` decides; the winner id, where given, must agree (else `conflicts` names it).
 */
export function mapKurateSwapTest(
  record: Readonly<Record<string, unknown>>,
  judge: string,
): { comparisons: Comparison[]; conflicts: string[] } | undefined {
  const paperA = record.paper_a_id === undefined ? undefined : String(record.paper_a_id);
  const paperB = record.paper_b_id === undefined ? undefined : String(record.paper_b_id);
  if (record.idx === undefined || !paperA || !paperB) return undefined;
  const matchId = `swap/${String(record.idx)}`;
  const conflicts: string[] = [];
  const comparisons = (["ab", "ba"] as const).map((order): Comparison => {
    const aFirst = order === "ab";
    const winner = swapWinnerSide(record[`${order}_winner`], paperA, paperB);
    const fromWinner: Verdict | undefined =
      winner === undefined ? undefined : (winner === "a") === aFirst ? "first" : "second";
    const flag = positionWon(record[`${order}_pos1_win`]);
    const fromFlag: Verdict | undefined = flag === undefined ? undefined : flag ? "first" : "second";
    if (fromFlag !== undefined && fromWinner !== undefined && fromFlag !== fromWinner)
      conflicts.push(`${order}_winner`);
    const verdict = fromFlag ?? fromWinner;
    return {
      id: `${matchId}/${order}`,
      first: aFirst ? paperA : paperB,
      second: aFirst ? paperB : paperA,
      order: "known",
      verdict: verdict ?? "invalid",
      judge,
      matchId,
      ...(verdict === undefined
        ? { raw: { winner: record[`${order}_winner`] ?? null, pos1Win: record[`${order}_pos1_win`] ?? null } }
        : {}),
    };
  });
  return { comparisons, conflicts };
}
