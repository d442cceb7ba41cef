import type { Comparison, Verdict } from "@judgelab/schema";

/** One review line: `question_id, answer1_id, answer2_id, reviewer_id, text, score: [s1, s2]`. */
export interface VicunaReview {
  readonly questionId: string;
  readonly answer1Id: string;
  readonly answer2Id: string;
  readonly reviewerId?: string;
  readonly text?: string;
  readonly score: unknown;
}

/**
 * The verdict of a score pair: the higher score wins, equal scores tie. FastChat writes `[-1, -1]` when it could
 * not parse the review; that, and anything that is not two numbers in 0–10, is unparsed.
 */
export function verdictFromScorePair(score: unknown): { verdict: Verdict; scores?: [number, number] } {
  if (!Array.isArray(score) || score.length !== 2) return { verdict: "invalid" };
  const [one, two] = score.map(Number) as [number, number];
  const valid = (value: number) => Number.isFinite(value) && value >= 0 && value <= 10;
  if (!valid(one) || !valid(two)) return { verdict: "invalid" };
  return { verdict: one > two ? "first" : one < two ? "second" : "tie", scores: [one, two] };
}

/**
 * A review as a comparison. The review prompt shows answer 1 as "Assistant 1" before answer 2, so the order is
 * known (and fixed: in the Vicuna-80 files assistant 2 is always a Vicuna model). Scores stay in metadata.
 */
export function mapVicunaReview(options: {
  readonly review: VicunaReview;
  readonly judge: string;
  readonly first: string;
  readonly second: string;
}): Comparison {
  const { review, judge } = options;
  const { verdict, scores } = verdictFromScorePair(review.score);
  return {
    id: `${judge}/${review.questionId}/${review.answer1Id}|${review.answer2Id}`,
    first: options.first,
    second: options.second,
    order: "known",
    verdict,
    judge,
    prompt: review.questionId,
    ...(verdict === "invalid" ? { raw: review.score ?? null } : {}),
    ...(review.text === undefined || review.text === "" ? {} : { rationale: review.text }),
    metadata: {
      ...(scores === undefined ? {} : { scores }),
      ...(review.reviewerId === undefined ? {} : { reviewerId: review.reviewerId }),
    },
  };
}

/** The judge of a review file: `<judge>_review_…` names it; otherwise the Vicuna blog's reviewer, GPT-4. */
export function vicunaReviewJudge(fileName: string, override?: string): string {
  if (override !== undefined && override !== "") return override;
  return /^(.+?)_review_/.exec(fileName)?.[1] ?? "gpt-4";
}
