import type { TopLevelSpec } from "vega-lite";
import { baseChartSpec, joinSubtitle, shortenLabel } from "./chart-theme.js";

/** A square matrix with row/column labels; `values[i][j]` is the cell of row i, column j (NaN = no data). */
export interface LabelledMatrix {
  readonly labels: readonly string[];
  readonly values: readonly (readonly number[])[];
}

interface HeatmapOptions {
  readonly matrix: LabelledMatrix;
  readonly title: string;
  readonly subtitle?: string | undefined;
  readonly valueTitle: string;
  readonly rowTitle: string;
  readonly columnTitle: string;
  readonly domain: readonly [number, number];
  readonly scheme: string;
  readonly format: string;
  readonly labelLength: number;
  /** Prefix labels with their position ("1. …") so that shortened labels stay unique; columns show the number only. */
  readonly numbered: boolean;
}

function matrixCells(matrix: LabelledMatrix, labelLength: number, numbered: boolean) {
  const labels = matrix.labels.map((label, index) =>
    numbered ? `${index + 1}. ${shortenLabel(label, labelLength)}` : shortenLabel(label, labelLength),
  );
  const cells: { row: string; column: string; value: number | null }[] = [];
  const columns = numbered ? labels.map((_, index) => String(index + 1)) : labels;
  labels.forEach((row, i) => {
    columns.forEach((column, j) => {
      const value = matrix.values[i]?.[j];
      cells.push({ row, column, value: value === undefined || Number.isNaN(value) ? null : value });
    });
  });
  return { labels, columns, cells };
}

function buildHeatmap(options: HeatmapOptions): TopLevelSpec {
  const { labels, columns, cells } = matrixCells(options.matrix, options.labelLength, options.numbered);
  // Numbers are printed in the cells only up to 20 rows; beyond that the colour carries the value.
  // A few judges get wide cells with horizontal labels (rotated labels push the axis title far away).
  const few = labels.length <= 6 && !options.numbered;
  const step = few ? 90 : labels.length > 40 ? 11 : labels.length > 20 ? 16 : 30;
  const midpoint = (options.domain[0] + options.domain[1]) / 2;
  return {
    ...baseChartSpec({ title: options.title, subtitle: options.subtitle }),
    data: { values: cells },
    width: { step },
    height: { step },
    encoding: {
      x: {
        field: "column",
        type: "nominal",
        sort: columns,
        title: options.columnTitle,
        axis: { labelAngle: options.numbered || few ? 0 : -40 },
      },
      y: { field: "row", type: "nominal", sort: labels, title: options.rowTitle },
    },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            title: options.valueTitle,
            scale: { scheme: options.scheme, domain: [...options.domain] },
          },
          tooltip: [{ field: "row" }, { field: "column" }, { field: "value", format: options.format }],
        },
      },
      ...(labels.length <= 20
        ? [
            {
              // Empty cells stay empty (no "null" text).
              transform: [{ filter: "datum.value !== null" }],
              mark: { type: "text", fontSize: few ? 13 : step > 20 ? 10 : 8 },
              encoding: {
                text: { field: "value", type: "quantitative", format: options.format },
                color: {
                  condition: {
                    test: `datum.value !== null && abs(datum.value - ${midpoint}) > ${(options.domain[1] - options.domain[0]) * 0.3}`,
                    value: "white",
                  },
                  value: "black",
                },
              },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}

/** Options of {@link buildWinProbabilityChart}. */
export interface WinProbabilityChartOptions {
  /** Items (best first) and P(row item beats column item). */
  readonly matrix: LabelledMatrix;
  readonly modelLabel: string;
  readonly totalItems: number;
  /** What the items are called in the subtitle; default "items". */
  readonly itemNoun?: string;
}

/**
 * Win-probability matrix: cell (i, j) is the modelled probability that item i beats item j, for the best-rated
 * items only (the matrix grows with the square of the item count).
 */
export function buildWinProbabilityChart(options: WinProbabilityChartOptions): TopLevelSpec {
  const shown = options.matrix.labels.length;
  return buildHeatmap({
    matrix: options.matrix,
    title: `Win probability between the best-rated ${options.itemNoun ?? "items"}`,
    subtitle: joinSubtitle(
      options.modelLabel,
      shown < options.totalItems ? `top ${shown} of ${options.totalItems} ${options.itemNoun ?? "items"}` : undefined,
    ),
    valueTitle: "P(row beats column)",
    rowTitle: "row item",
    columnTitle: "column item (numbered as the rows)",
    domain: [0, 1],
    scheme: "redblue",
    format: ".2f",
    labelLength: 28,
    numbered: true,
  });
}

/** Options of {@link buildAgreementChart}. */
export interface AgreementChartOptions {
  /** Judges and their pairwise agreement (diagonal may be NaN). */
  readonly matrix: LabelledMatrix;
  /** Name of the statistic, e.g. "agreement on shared pairs" or "Cohen's κ". */
  readonly metricLabel: string;
  readonly subtitle?: string | undefined;
  /** Lower end of the colour scale (0 for agreement rates, −1 for κ); default 0. */
  readonly minimum?: number;
}

/** Judge × judge agreement heatmap. */
export function buildAgreementChart(options: AgreementChartOptions): TopLevelSpec {
  return buildHeatmap({
    matrix: options.matrix,
    title: "Agreement between judges",
    subtitle: joinSubtitle(options.metricLabel, options.subtitle),
    valueTitle: options.metricLabel,
    rowTitle: "judge",
    columnTitle: "judge",
    domain: [options.minimum ?? 0, 1],
    scheme: "blues",
    format: ".2f",
    labelLength: 32,
    numbered: false,
  });
}
