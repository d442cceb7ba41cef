import {
  featureNeedingRows,
  type RateItemsOptions,
  type RatingReport,
  RatingsError,
  rateItems,
} from "@judgelab/ratings";
import { aggregateRatingCells } from "./aggregate-rating-cells.js";
import { type ComparisonSource, resolveComparisonSource } from "./comparison-source.js";
import { type DuckDbSessionOptions, openDuckDbSession } from "./duckdb-session.js";
import { scanComparisons } from "./scan-comparisons.js";

/** The report(s) of {@link rateComparisonFile} with what was read and how long each step took. */
export interface RatedComparisonFile {
  /** One report, or with `byJudge` one per judge in dictionary order (`judge` set). */
  readonly reports: readonly { readonly judge?: string; readonly report: RatingReport }[];
  readonly source: ComparisonSource;
  /** Comparisons (rows) in the file, invalid ones included. */
  readonly rows: number;
  /** Cells the fits ran on (summed over judges with `byJudge`). */
  readonly cells: number;
  /** Wall-clock seconds: scanning and encoding, aggregating into cells and clusters, rating. */
  readonly seconds: { readonly scan: number; readonly aggregate: number; readonly rate: number };
}

/**
 * Rates the comparisons of a dataset folder or a comparisons file (JSONL, JSONL.gz, Parquet) with DuckDB as the
 * engine: the rows are aggregated in SQL ({@link scanComparisons}, {@link aggregateRatingCells}) and only the
 * cells reach `rateItems`, so memory does not grow with the comparisons in JavaScript. The report equals
 * `rateItems` on the loaded table; with `byJudge`, each judge's report equals `rateItems` on that judge's rows
 * (`splitByJudge`). Options that need the rows (see `featureNeedingRows`) throw a RatingsError before anything
 * is read.
 */
export async function rateComparisonFile(
  path: string,
  options: { readonly rate: RateItemsOptions; readonly byJudge?: boolean; readonly session?: DuckDbSessionOptions },
): Promise<RatedComparisonFile> {
  const needsRows = featureNeedingRows(options.rate);
  if (needsRows !== undefined)
    throw new RatingsError(
      "unsupported-option",
      `${needsRows} needs the comparison rows, which the duckdb engine never loads: use the in-memory engine`,
    );
  const source = await resolveComparisonSource(path);
  const session = await openDuckDbSession(options.session);
  try {
    const started = performance.now();
    const scanned = await scanComparisons(session, source);
    const scannedAt = performance.now();
    const settings = { keepOrder: options.rate.orderEffect === true, cluster: options.rate.cluster ?? "auto" };
    const selections: { judge?: string; judges?: number[] }[] =
      options.byJudge === true ? scanned.judgeIds.map((judge, code) => ({ judge, judges: [code] })) : [{}];
    const aggregated = [];
    for (const selection of selections)
      aggregated.push(
        await aggregateRatingCells(session, scanned, {
          ...settings,
          ...(selection.judges === undefined ? {} : { judges: selection.judges }),
        }),
      );
    const aggregatedAt = performance.now();
    const reports = aggregated.map((input, k) => {
      const judge = selections[k]?.judge;
      return { ...(judge === undefined ? {} : { judge }), report: rateItems(input, options.rate) };
    });
    return {
      reports,
      source,
      rows: scanned.rows,
      cells: aggregated.reduce((sum, input) => sum + input.cells.size, 0),
      seconds: {
        scan: (scannedAt - started) / 1000,
        aggregate: (aggregatedAt - scannedAt) / 1000,
        rate: (performance.now() - aggregatedAt) / 1000,
      },
    };
  } finally {
    session.close();
  }
}
