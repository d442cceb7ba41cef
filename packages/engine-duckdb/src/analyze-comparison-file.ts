import { analyzeJudgeTables, type JudgeTablesDocument, labelJudgeCodes } from "@judgelab/analytics";
import type { ClusterOption } from "@judgelab/ratings";
import { aggregateRatingCells } from "./aggregate-rating-cells.js";
import { type ComparisonSource, resolveComparisonSource } from "./comparison-source.js";
import { countJudgeVerdicts } from "./count-judge-verdicts.js";
import { type DuckDbSessionOptions, openDuckDbSession } from "./duckdb-session.js";
import { scanComparisons } from "./scan-comparisons.js";

/** Options of {@link analyzeComparisonFile}. */
export interface AnalyzeComparisonFileOptions {
  readonly seed: number;
  readonly bootstrapRounds: number;
  readonly cluster?: ClusterOption;
  /** Leaderboards with more items are summarised only (default 200, as the metrics document). */
  readonly maxLeaderboardItems?: number;
  readonly session?: DuckDbSessionOptions;
}

/** The document of {@link analyzeComparisonFile} with what was read and how long it took. */
export interface AnalyzedComparisonFile {
  readonly document: JudgeTablesDocument;
  readonly source: ComparisonSource;
  readonly rows: number;
  /** Wall-clock seconds: scanning and encoding, aggregating (counts and cells), the analytics. */
  readonly seconds: { readonly scan: number; readonly aggregate: number; readonly analyze: number };
}

/**
 * Judge analytics of a dataset folder or comparisons file with DuckDB as the engine: per-judge verdict counts,
 * pooled cells (without the label judges) and each judge's cells are GROUP BYs in SQL, and `analyzeJudgeTables`
 * computes the dataset summary, first-position rates and leaderboards from them, listing what it skips.
 */
export async function analyzeComparisonFile(
  path: string,
  options: AnalyzeComparisonFileOptions,
): Promise<AnalyzedComparisonFile> {
  const source = await resolveComparisonSource(path);
  const session = await openDuckDbSession(options.session);
  const cluster = options.cluster ?? "auto";
  try {
    const started = performance.now();
    const scanned = await scanComparisons(session, source);
    const scannedAt = performance.now();
    const counts = await countJudgeVerdicts(session, scanned);
    const judgeKinds = scanned.judgeIds.map((id) => source.judgeKinds.get(id));
    const labels = labelJudgeCodes(judgeKinds, { pairReferences: source.referencesFile !== undefined });
    const rated = scanned.judgeIds.flatMap((_, code) => (labels.has(code) ? [] : [code]));
    const pooled = await aggregateRatingCells(session, scanned, { cluster, judges: rated });
    const perJudge = [];
    for (let code = 0; code < scanned.judgeIds.length; code++) {
      const valid = counts.comparisons[code]! - counts.invalid[code]!;
      perJudge.push(
        labels.has(code) || valid === 0
          ? null
          : await aggregateRatingCells(session, scanned, { cluster, judges: [code] }),
      );
    }
    const aggregatedAt = performance.now();
    const document = analyzeJudgeTables(
      {
        itemIds: scanned.itemIds,
        judgeIds: scanned.judgeIds,
        judgeKinds,
        counts,
        pooled,
        perJudge,
        options: {
          seed: options.seed,
          bootstrapRounds: options.bootstrapRounds,
          cluster,
          maxLeaderboardItems: options.maxLeaderboardItems ?? 200,
        },
      },
      "duckdb",
    );
    return {
      document,
      source,
      rows: scanned.rows,
      seconds: {
        scan: (scannedAt - started) / 1000,
        aggregate: (aggregatedAt - scannedAt) / 1000,
        analyze: (performance.now() - aggregatedAt) / 1000,
      },
    };
  } finally {
    session.close();
  }
}
