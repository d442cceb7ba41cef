import { type GoldLabels, NO_LABEL, resolveGoldLabels } from "./agreement/gold-labels.js";
import { measureAlpacaEvalAgreement } from "./agreement/measure-alpaca-eval-agreement.js";
import { measureGoldAgreement } from "./agreement/measure-gold-agreement.js";
import { measureJudgeAgreement } from "./agreement/measure-judge-agreement.js";
import { collectUnitVotes } from "./agreement/unit-votes.js";
import type { AnalysisInput } from "./analysis-input.js";
import { AnalyticsError } from "./analytics-error.js";
import { measureBiases } from "./biases/measure-biases.js";
import { measureCalibration } from "./calibration/measure-calibration.js";
import { measureCoherence } from "./coherence/measure-coherence.js";
import { measureConditions } from "./conditions/measure-conditions.js";
import { summarizeDataset } from "./dataset-summary.js";
import { groupComparisonTable } from "./group-comparison-table.js";
import {
  METRICS_SCHEMA_VERSION,
  type MetricsDocument,
  type RatedUnit,
  type ResolvedAnalysisOptions,
  type Section,
} from "./metrics-document.js";
import { collectOrderPairs } from "./order-pairs.js";
import { buildPairUnits } from "./pair-units.js";
import { measurePositionBias } from "./position-bias/measure-position-bias.js";
import { measureAgainstReference } from "./reference/measure-against-reference.js";
import { measureReference } from "./reference/measure-reference.js";
import { referenceWinners } from "./reference/reference-winners.js";
import { unavailable } from "./section.js";
import type { LeaderboardFit } from "./stability/fit-leaderboard.js";
import { measurePanelTransitivity } from "./stability/measure-panel-transitivity.js";
import { startStability } from "./stability/measure-stability.js";

/**
 * Analyses the judges of one comparison table into a {@link MetricsDocument} (schema version 1): agreement,
 * position bias, stability, other biases, coherence, and — when their inputs exist — reference and
 * conditions. Pure: no IO; randomness only from `options.seed`. Work is done on typed arrays and aggregated
 * counts (one grouping sort per view), so ~100k comparisons take about a second.
 */
export function analyzeJudges(input: AnalysisInput): MetricsDocument {
  return analyzeJudgesWithSamples(input).metrics;
}

/** The pooled leaderboard's bootstrap: its ratings per round, for charts of rank distributions. */
export interface PooledBootstrapSamples {
  readonly itemIds: readonly string[];
  /** Full-data ratings (Elo scale), NaN for unrated items. */
  readonly estimate: Float64Array;
  readonly rounds: number;
  /** rounds × items, row-major. */
  readonly samples: Float64Array;
}

/** {@link analyzeJudges}, also returning the pooled leaderboard's bootstrap samples when it has one. */
export function analyzeJudgesWithSamples(input: AnalysisInput): {
  metrics: MetricsDocument;
  pooledBootstrap?: PooledBootstrapSamples;
} {
  const { table, items, judges, assessments, references, grouping } = input;
  const options = resolveOptions(input);
  // Leaderboards rate groups (e.g. the models that wrote the answers) when asked; everything else stays on items.
  const grouped = grouping === undefined ? undefined : groupComparisonTable(table, grouping);
  const rated = describeRatedUnit(grouping, grouped);
  const units = buildPairUnits(table);
  const votes = collectUnitVotes(table, units);
  const orderPairs = collectOrderPairs(table, units);
  const gold = resolveGoldLabels({ table, units, votes, judges, references });
  const labelJudges = collectLabelJudges(gold, judges);

  // The pooled board's bootstrap runs on worker threads while this thread computes the other sections; its
  // intervals are joined in before the sections that need them (stability, reference).
  const stabilityStart = startStability({
    table: grouped?.table ?? table,
    exclude: labelJudges,
    rounds: options.bootstrapRounds,
    seed: options.seed,
    maxLeaderboardItems: options.maxLeaderboardItems,
    cluster: options.cluster,
  });
  // Item-level sections read the pooled fit only when it rates items.
  const pooledPoint = "finish" in stabilityStart && grouped === undefined ? stabilityStart : undefined;

  const agreement = buildAgreementSection({ input, options, units, votes, orderPairs, gold, labelJudges });

  const { transitivity, majorityEdges } = measurePanelTransitivity({
    units,
    votes,
    judgeIds: table.judgeIds,
    itemCount: table.itemIds.length,
    exclude: labelJudges,
  });
  const positionBias = measurePositionBias({
    table,
    units,
    orderPairs,
    ratings: pooledPoint?.estimate,
    start: pooledPoint?.parameters,
    windows: options.timeWindows,
    items,
  });
  const biases = measureBiases({ table, units, items, judges, assessments, gold, exclude: labelJudges, options });
  const coherence = buildCoherenceSection(input, pooledPoint?.estimate, options.maxLeaderboardItems);

  const { stability, pooledFit } = finishStability(stabilityStart, { rated, transitivity, grouping });
  const pooled = grouped === undefined ? pooledFit : undefined;

  const itemScore = references?.itemScore;
  const { winner, gap } = referenceWinners(units, itemScore, gold);
  const hasReference = itemScore !== undefined || gold !== undefined;
  // What the two reference sections share.
  const shared = { table, units, votes, itemScore, pooled, exclude: labelJudges };
  const referenceName = references?.name ?? gold?.source ?? "reference";
  const reference: MetricsDocument["reference"] = hasReference
    ? { available: true, ...measureReference({ ...shared, name: referenceName, winner, gap, majorityEdges }) }
    : unavailable("no references (per-item scores or per-pair labels) and no gold or human judges");

  const pairName = references?.pairName;
  const scoreName = references?.name ?? "reference score";
  const metrics: MetricsDocument = {
    schemaVersion: METRICS_SCHEMA_VERSION,
    kind: "judgelab.metrics",
    options,
    dataset: summarizeDataset({ table, units, orderPairs, judges }),
    agreement,
    positionBias,
    stability,
    biases,
    coherence,
    reference,
    conditions: resolveConditions(input, units, hasReference ? winner : undefined, labelJudges),
    againstReference: hasReference
      ? { available: true, ...measureAgainstReference({ ...shared, gold, pairName, scoreName }) }
      : unavailable("no references (per-item scores or per-pair labels)"),
    // Only when some comparison states a confidence, so documents of data without any stay as they were.
    ...(table.confidence === undefined
      ? {}
      : { calibration: calibrationAgainst({ table, units, gold, winner, itemScore, references, options }) }),
  };
  return withPooledSamples(metrics, pooledFit);
}

/** The document, with the pooled leaderboard's bootstrap samples when it has them. */
function withPooledSamples(
  metrics: MetricsDocument,
  pooledFit: LeaderboardFit | undefined,
): { metrics: MetricsDocument; pooledBootstrap?: PooledBootstrapSamples } {
  return pooledFit?.samples === undefined
    ? { metrics }
    : {
        metrics,
        pooledBootstrap: {
          itemIds: pooledFit.itemIds,
          estimate: pooledFit.estimate,
          rounds: pooledFit.rounds,
          samples: pooledFit.samples,
        },
      };
}

/** What the leaderboards rate: the items, or groups of items by an item field. */
function describeRatedUnit(
  grouping: AnalysisInput["grouping"],
  grouped: ReturnType<typeof groupComparisonTable> | undefined,
): RatedUnit {
  return grouped === undefined || grouping === undefined
    ? { unit: "item" }
    : {
        unit: "group",
        field: grouping.field,
        groups: grouping.groupIds.length,
        sameGroupRows: grouped.sameGroupRows,
        ungroupedRows: grouped.ungroupedRows,
      };
}

/**
 * Judges whose verdicts are labels are never scored or pooled as judges: the gold source's judges and every
 * judge of kind gold (also when per-pair references supply the labels).
 */
function collectLabelJudges(gold: ReturnType<typeof resolveGoldLabels>, judges: AnalysisInput["judges"]): Set<number> {
  const labelJudges = new Set<number>(gold?.labelJudges ?? []);
  judges?.kind?.forEach((kind, code) => {
    if (kind === "gold") labelJudges.add(code);
  });
  return labelJudges;
}

/** The agreement section: judge pairs and panel, against gold labels, AlpacaEval's human agreement. */
function buildAgreementSection(options: {
  input: AnalysisInput;
  options: ResolvedAnalysisOptions;
  units: ReturnType<typeof buildPairUnits>;
  votes: ReturnType<typeof collectUnitVotes>;
  orderPairs: ReturnType<typeof collectOrderPairs>;
  gold: ReturnType<typeof resolveGoldLabels>;
  labelJudges: ReadonlySet<number>;
}): MetricsDocument["agreement"] {
  const { units, votes, orderPairs, gold, labelJudges } = options;
  const { table, judges } = options.input;
  const agreementCore = measureJudgeAgreement({
    votes,
    judgeIds: table.judgeIds,
    seed: options.options.seed,
    bootstrapRounds: options.options.bootstrapRounds,
    exclude: labelJudges,
  });
  const humans = new Set<number>();
  judges?.kind?.forEach((kind, code) => {
    if (kind === "human") humans.add(code);
  });
  return {
    available: true,
    ...agreementCore,
    gold:
      gold === undefined
        ? unavailable("no gold labels: no per-pair references and no judge of kind gold or human")
        : {
            available: true,
            source: gold.source,
            labelledUnits: gold.labelled,
            unmatchedReferences: gold.unmatched,
            perJudge: measureGoldAgreement({ table, units, orderPairs, gold: { ...gold, labelJudges } }),
          },
    alpacaEval:
      humans.size === 0
        ? unavailable("no judge of kind human")
        : { available: true, ...measureAlpacaEvalAgreement(votes, table.judgeIds, humans) },
  };
}

/** Pointwise scores against the pooled ratings, when there are assessments. */
function buildCoherenceSection(
  input: AnalysisInput,
  ratings: Float64Array | undefined,
  maxItems: number,
): MetricsDocument["coherence"] {
  const { table, assessments } = input;
  return assessments === undefined || assessments.score.length === 0
    ? unavailable("no pointwise assessments")
    : { available: true, ...measureCoherence({ table, assessments, ratings, maxItems }) };
}

function resolveOptions(input: AnalysisInput): ResolvedAnalysisOptions {
  const { options } = input;
  const condition = options.condition;
  const resolved: ResolvedAnalysisOptions = {
    seed: options.seed,
    bootstrapRounds: options.bootstrapRounds ?? 1000,
    condition: condition === undefined ? null : typeof condition === "string" ? condition : condition.field,
    lengthThreshold: options.lengthThreshold ?? 30,
    timeWindows: options.timeWindows ?? 5,
    maxLeaderboardItems: options.maxLeaderboardItems ?? 200,
    cluster: options.cluster ?? "auto",
  };
  if (!Number.isInteger(resolved.seed))
    throw new AnalyticsError("invalid-option", `analyzeJudges: seed must be an integer, got ${resolved.seed}`, {
      option: "seed",
      value: resolved.seed,
    });
  if (!(Number.isInteger(resolved.bootstrapRounds) && resolved.bootstrapRounds >= 1)) {
    throw new AnalyticsError(
      "invalid-option",
      `analyzeJudges: bootstrapRounds must be a positive integer, got ${resolved.bootstrapRounds}`,
      { option: "bootstrapRounds", value: resolved.bootstrapRounds },
    );
  }
  return resolved;
}

function resolveConditions(
  input: AnalysisInput,
  units: ReturnType<typeof buildPairUnits>,
  winner: Uint8Array | undefined,
  labelJudges: ReadonlySet<number>,
): Section<ReturnType<typeof measureConditions>> {
  const condition = input.options.condition;
  if (condition === undefined) return unavailable("no condition field named (--condition <field>)");
  const column =
    typeof condition === "string"
      ? { field: condition, codes: input.table.condition, labels: input.table.conditionIds }
      : condition;
  if (column.codes.length !== input.table.size) {
    throw new AnalyticsError(
      "inconsistent-input",
      `analyzeJudges: condition "${column.field}" has ${column.codes.length} codes for ${input.table.size} rows`,
      { field: column.field, codes: column.codes.length, rows: input.table.size },
    );
  }
  if (column.labels.length < 2) return unavailable(`condition "${column.field}" has fewer than two values`);
  return {
    available: true,
    ...measureConditions({
      table: input.table,
      units,
      field: column.field,
      condition: column.codes,
      labels: column.labels,
      winner,
      exclude: labelJudges,
    }),
  };
}

/**
 * Labels from the order of per-item reference scores (the higher score wins; equal scores give none), for
 * calibration when there are no per-pair labels; undefined without scores.
 */
function scoreOrderLabels(
  winner: Uint8Array,
  itemScore: Float64Array | undefined,
  name: string | undefined,
): GoldLabels | undefined {
  if (itemScore === undefined) return undefined;
  const labelled = winner.reduce((sum, value) => sum + (value === NO_LABEL ? 0 : 1), 0);
  return {
    source: `order of ${name ?? "reference scores"}`,
    label: winner,
    labelJudges: new Set(),
    labelled,
    unmatched: 0,
  };
}

function measureCalibrationSection(parts: {
  table: AnalysisInput["table"];
  units: ReturnType<typeof buildPairUnits>;
  labels: GoldLabels | undefined;
  options: ResolvedAnalysisOptions;
}): NonNullable<MetricsDocument["calibration"]> {
  if (parts.labels === undefined) {
    return unavailable(
      "confidences but nothing to check them against: no per-pair references, no per-item reference scores and no judge of kind gold or human",
    );
  }
  return {
    available: true,
    ...measureCalibration({
      table: parts.table,
      units: parts.units,
      gold: parts.labels,
      seed: parts.options.seed,
      bootstrapRounds: parts.options.bootstrapRounds,
    }),
  };
}

/**
 * Joins the pooled board's bootstrap (run on worker threads) and builds the stability section; for grouped
 * leaderboards an unavailable section names the grouping.
 */
function finishStability(
  started: ReturnType<typeof startStability>,
  parts: {
    rated: RatedUnit;
    transitivity: ReturnType<typeof measurePanelTransitivity>["transitivity"];
    grouping: AnalysisInput["grouping"];
  },
): { stability: MetricsDocument["stability"]; pooledFit: LeaderboardFit | undefined } {
  const { rated, transitivity, grouping } = parts;
  const stabilityResult = "finish" in started ? started.finish() : started;
  const pooledFit = "pooled" in stabilityResult ? stabilityResult.pooled : undefined;
  const stability: MetricsDocument["stability"] =
    "section" in stabilityResult
      ? { available: true, ...stabilityResult.section, rated, transitivity }
      : grouping === undefined
        ? stabilityResult
        : unavailable(`${stabilityResult.reason} (rating ${grouping.field} groups)`);
  return { stability, pooledFit };
}

/** Calibration against the gold labels, else against the order of the reference scores. */
function calibrationAgainst(parts: {
  table: AnalysisInput["table"];
  units: ReturnType<typeof buildPairUnits>;
  gold: GoldLabels | undefined;
  winner: Uint8Array;
  itemScore: Float64Array | undefined;
  references: AnalysisInput["references"];
  options: ResolvedAnalysisOptions;
}): NonNullable<MetricsDocument["calibration"]> {
  const { table, units, gold, winner, itemScore, references, options } = parts;
  return measureCalibrationSection({
    table,
    units,
    labels: gold ?? scoreOrderLabels(winner, itemScore, references?.name),
    options,
  });
}
