import type { AssessmentColumns } from "../analysis-input.js";
import type { LeniencyRow, Section, Statistic } from "../metrics-document.js";
import { unavailable } from "../section.js";
import { statistic } from "../stats/proportion.js";

/**
 * Leniency of pointwise raters: per judge, mean score with a normal 95% interval (mean ± 1.96·s/√n),
 * sample standard deviation s (n − 1), and a histogram of scores rounded to the nearest integer; and the mean on
 * the items that every assessing judge scored (raters compared on the same items).
 */
export function measureLeniency(assessments: AssessmentColumns, judgeIds: readonly string[]): LeniencyRow[] {
  const sums = new Float64Array(judgeIds.length);
  const squares = new Float64Array(judgeIds.length);
  const counts = new Float64Array(judgeIds.length);
  const histograms = judgeIds.map(() => new Map<number, number>());
  for (let index = 0; index < assessments.score.length; index++) {
    const score = assessments.score[index]!;
    if (!Number.isFinite(score)) continue;
    const judge = assessments.judge[index]!;
    sums[judge]! += score;
    squares[judge]! += score * score;
    counts[judge]!++;
    const bucket = Math.round(score);
    histograms[judge]!.set(bucket, (histograms[judge]!.get(bucket) ?? 0) + 1);
  }
  const shared = measureSharedMeans(assessments, judgeIds.length);
  return judgeIds.flatMap((judge, code) => {
    const n = counts[code]!;
    if (n === 0) return [];
    const mean = sums[code]! / n;
    const sd = n > 1 ? Math.sqrt(Math.max(0, (squares[code]! - n * mean * mean) / (n - 1))) : null;
    const half = sd === null ? null : (1.959963984540054 * sd) / Math.sqrt(n);
    return [
      {
        judge,
        mean: statistic(
          mean,
          n,
          half === null ? undefined : { lower: mean - half, upper: mean + half, level: 0.95, method: "normal" },
        ),
        sd,
        histogram: [...histograms[code]!].sort((a, b) => a[0] - b[0]).map(([score, count]) => ({ score, count })),
        meanOnSharedItems: shared[code]!,
      },
    ];
  });
}

/** Per judge, the mean of its per-item mean scores over the items every assessing judge scored. */
function measureSharedMeans(assessments: AssessmentColumns, judgeCount: number): Section<{ mean: Statistic }>[] {
  const perItem = new Map<number, Map<number, [number, number]>>();
  const raters = new Set<number>();
  for (let index = 0; index < assessments.score.length; index++) {
    const score = assessments.score[index]!;
    if (!Number.isFinite(score)) continue;
    const judge = assessments.judge[index]!;
    raters.add(judge);
    let byJudge = perItem.get(assessments.item[index]!);
    if (byJudge === undefined) {
      byJudge = new Map();
      perItem.set(assessments.item[index]!, byJudge);
    }
    const entry = byJudge.get(judge) ?? [0, 0];
    entry[0] += score;
    entry[1]++;
    byJudge.set(judge, entry);
  }
  const sums = new Float64Array(judgeCount);
  let sharedItems = 0;
  for (const byJudge of perItem.values()) {
    if (byJudge.size !== raters.size) continue;
    sharedItems++;
    for (const [judge, [sum, count]] of byJudge) sums[judge]! += sum / count;
  }
  return Array.from({ length: judgeCount }, (_, judge) =>
    raters.size < 2
      ? unavailable("a single assessing judge")
      : sharedItems === 0
        ? unavailable("no item was scored by every assessing judge")
        : { available: true as const, mean: statistic(sums[judge]! / sharedItems, sharedItems) },
  );
}
