import type { DuckDbSession } from "./duckdb-session.js";
import type { ScannedComparisons } from "./scan-comparisons.js";

/** Per-judge verdict counts (arrays indexed by judge code). */
export interface JudgeVerdictCounts {
  readonly judgeIds: readonly string[];
  readonly comparisons: Float64Array;
  readonly firstWins: Float64Array;
  readonly secondWins: Float64Array;
  readonly ties: Float64Array;
  readonly invalid: Float64Array;
  /** Among comparisons with a known presentation order: those won by the item shown first. */
  readonly knownFirstWins: Float64Array;
  /** Decided (first or second wins) comparisons with a known presentation order. */
  readonly knownDecided: Float64Array;
}

/** Counts the scanned rows (table `coded`) by judge and verdict, in one GROUP BY. */
export async function countJudgeVerdicts(
  session: DuckDbSession,
  scanned: ScannedComparisons,
): Promise<JudgeVerdictCounts> {
  const result = await session.columns(
    `SELECT j::INTEGER AS j, count(*)::DOUBLE AS comparisons,
       count(*) FILTER (WHERE v = 0)::DOUBLE AS first_wins, count(*) FILTER (WHERE v = 1)::DOUBLE AS second_wins,
       count(*) FILTER (WHERE v = 2)::DOUBLE AS ties, count(*) FILTER (WHERE v = 3)::DOUBLE AS invalid,
       count(*) FILTER (WHERE v = 0 AND known)::DOUBLE AS known_first_wins,
       count(*) FILTER (WHERE v < 2 AND known)::DOUBLE AS known_decided
     FROM coded GROUP BY j`,
  );
  const judgeCount = scanned.judgeIds.length;
  const column = (name: string): Float64Array => {
    const out = new Float64Array(judgeCount);
    (result.j as number[]).forEach((judge, k) => {
      out[judge] = result[name]?.[k] as number;
    });
    return out;
  };
  return {
    judgeIds: scanned.judgeIds,
    comparisons: column("comparisons"),
    firstWins: column("first_wins"),
    secondWins: column("second_wins"),
    ties: column("ties"),
    invalid: column("invalid"),
    knownFirstWins: column("known_first_wins"),
    knownDecided: column("known_decided"),
  };
}
