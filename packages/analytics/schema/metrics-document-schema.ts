/**
 * The metrics document (`metrics.json`, `judgelab analyze --json`) as a zod schema: the source of the committed
 * JSON Schema `json-schema/metrics-document.schema.json` (`pnpm --filter @judgelab/analytics generate`). The TypeScript
 * interfaces in `src/metrics-document.ts` stay what the code uses; `metrics-document-schema.test.ts` fails when the
 * two drift apart (a type-level check both ways, and real documents validated against the JSON Schema). A
 * devDependency-only file: the package itself never loads zod.
 */
import { z } from "zod";

const interval = z
  .strictObject({
    lower: z.number(),
    upper: z.number(),
    level: z.number(),
    method: z.enum(["wilson", "bootstrap", "exact", "normal"]),
  })
  .meta({ id: "Interval" });
const proportion = z
  .strictObject({
    count: z.number(),
    n: z.number(),
    value: z.number().nullable(),
    ci: interval.exactOptional(),
  })
  .meta({ id: "Proportion" });
const statistic = z
  .strictObject({ value: z.number().nullable(), n: z.number(), ci: interval.exactOptional() })
  .meta({ id: "Statistic" });
const unavailable = z.strictObject({ available: z.literal(false), reason: z.string() }).meta({ id: "Unavailable" });

/** Section<T>: the computed content with `available: true`, or {@link unavailable}. */
function section<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.union([z.strictObject({ available: z.literal(true), ...shape }), unavailable]);
}
function bins<T extends z.ZodType>(value: T) {
  return z.array(z.strictObject({ lower: z.number(), upper: z.number().nullable(), value }));
}

const judgeSummary = z.strictObject({
  judge: z.string(),
  kind: z.string().nullable(),
  family: z.string().nullable(),
  comparisons: z.number(),
  decided: z.number(),
  ties: z.number(),
  invalid: z.number(),
});

const agreement = {
  pairs: z.array(
    z.strictObject({
      judgeA: z.string(),
      judgeB: z.string(),
      units: z.number(),
      pairAgreement: proportion,
      agreementWithTies: proportion,
      agreementWithoutTies: proportion,
      cohenKappa: statistic,
      weightedKappa: statistic,
    }),
  ),
  matrix: z.strictObject({
    judges: z.array(z.string()),
    kappa: z.array(z.array(z.number().nullable())),
    agreementWithTies: z.array(z.array(z.number().nullable())),
    n: z.array(z.array(z.number())),
  }),
  panel: section({
    judges: z.number(),
    units: z.number(),
    modal: section({ units: z.number(), percentAgreement: statistic, fleissKappa: statistic }).exactOptional(),
    percentAgreement: statistic,
    fleissKappa: statistic,
    krippendorffAlpha: z.strictObject({ nominal: statistic, ordinal: statistic, interval: statistic }),
  }),
  gold: section({
    source: z.string(),
    labelledUnits: z.number().exactOptional(),
    unmatchedReferences: z.number().exactOptional(),
    perJudge: z.array(
      z.strictObject({
        judge: z.string(),
        accuracy: proportion,
        accuracyBetterFirst: proportion,
        accuracyBetterSecond: proportion,
        accuracyAveraged: statistic,
        correctBothOrders: section({ rate: proportion }),
      }),
    ),
  }),
  alpacaEval: section({
    humans: z.array(z.string()),
    perJudge: z.array(
      z.strictObject({ judge: z.string(), humanAgreement: proportion, bias: proportion, variance: proportion }),
    ),
  }),
};

const positionBias = {
  perJudge: z.array(
    z.strictObject({
      judge: z.string(),
      firstWinRate: proportion,
      binomialPValue: z.number().nullable(),
      orderDesign: z
        .strictObject({
          confounded: z.boolean(),
          with: z.enum(["producer", "item"]).nullable(),
          detail: z.string().nullable(),
          fixedShare: proportion,
        })
        .exactOptional(),
      overTime: section({
        windows: z.array(z.strictObject({ start: z.string(), end: z.string(), firstWinRate: proportion })),
      }),
      bothOrders: section({
        consistency: proportion,
        consistencyPerAnswer: z.strictObject({ consistent: z.number(), answers: z.number() }).exactOptional(),
        biasedFirst: proportion,
        biasedSecond: proportion,
        conflictRate: proportion,
        kappaBetweenOrders: statistic,
      }),
      shi: section({
        primacy: z.number(),
        recency: z.number(),
        consistent: z.number(),
        positionConsistency: proportion,
        preferenceFairness: statistic,
        repetitionStability: section({ value: statistic }),
      }),
      orderEffect: section({ delta: statistic }),
      consistencyByGap: section({ bins: bins(proportion) }),
    }),
  ),
};

const leaderboard = z.strictObject({
  items: z.number(),
  comparisons: z.number(),
  intervals: z.string(),
  meanCiWidth: z.number().nullable(),
  clustering: z
    .strictObject({ by: z.enum(["match", "pair", "comparison"]), clusters: z.number(), largest: z.number() })
    .exactOptional(),
  rows: section({
    rows: z.array(
      z.strictObject({
        item: z.string(),
        rating: z.number(),
        lower: z.number(),
        upper: z.number(),
        rank: z.number(),
        rankLower: z.number(),
        rankUpper: z.number(),
        n: z.number(),
      }),
    ),
  }),
});
const leaderboardCorrelation = z.strictObject({
  a: z.string(),
  b: z.string(),
  spearman: statistic,
  kendall: statistic,
});

const stability = {
  method: z.string(),
  rated: z
    .union([
      z.strictObject({ unit: z.literal("item") }),
      z.strictObject({
        unit: z.literal("group"),
        field: z.string(),
        groups: z.number(),
        sameGroupRows: z.number(),
        ungroupedRows: z.number(),
      }),
    ])
    .exactOptional(),
  pooled: leaderboard,
  perJudge: z.array(z.strictObject({ judge: z.string(), leaderboard })),
  correlations: z.array(leaderboardCorrelation),
  leaveOneJudgeOut: section({ rows: z.array(leaderboardCorrelation) }),
  splitHalf: section({ spearman: statistic, kendall: statistic, rounds: z.number() }),
  separability: proportion,
  convergence: section({
    points: z.array(
      z.strictObject({ comparisons: z.number(), comparisonsPerItem: z.number(), spearman: z.number().nullable() }),
    ),
    settledAtComparisonsPerItem: z.number().nullable().exactOptional(),
  }),
  transitivity: z.strictObject({
    perJudge: z.array(z.strictObject({ judge: z.string(), cycleRate: proportion })),
    majority: proportion,
    unanimous: proportion,
  }),
};

const biases = {
  length: section({
    threshold: z.number(),
    perJudge: z.array(
      z.strictObject({ judge: z.string(), prefersLonger: proportion, binomialPValue: z.number().nullable() }),
    ),
  }),
  selfPreference: section({
    perJudge: z.array(
      z.strictObject({
        judge: z.string(),
        family: z.string(),
        pairedUnits: z.number(),
        ownFamilyWinRate: statistic,
        otherJudgesWinRate: statistic,
        difference: statistic,
        notEstimable: z.string().exactOptional(),
      }),
    ),
  }),
  judgeByWriter: section({
    cells: z.array(z.strictObject({ judge: z.string(), writerFamily: z.string(), accuracy: proportion })),
  }),
  leniency: section({
    perJudge: z.array(
      z.strictObject({
        judge: z.string(),
        mean: statistic,
        sd: z.number().nullable(),
        histogram: z.array(z.strictObject({ score: z.number(), count: z.number() })),
        meanOnSharedItems: section({ mean: statistic }).exactOptional(),
      }),
    ),
  }),
};

const coherence = {
  perJudge: z.array(
    z.strictObject({
      judge: z.string(),
      withRating: section({ kendall: statistic, spearman: statistic }),
      scoreGapPredictsPick: section({ overall: proportion, bins: bins(proportion) }),
    }),
  ),
  percentileGap: section({
    meanAbsoluteGap: statistic,
    items: z.array(z.strictObject({ item: z.string(), gap: z.number() })),
  }),
};

const overlapRow = z.strictObject({
  fraction: z.number(),
  k: z.number(),
  observed: proportion,
  expected: z.number().nullable(),
});
const reference = {
  name: z.string(),
  perJudge: z.array(z.strictObject({ judge: z.string(), accuracy: proportion, byGap: bins(proportion) })),
  ranking: section({
    spearman: statistic,
    kendall: statistic,
    topOverlap: z.array(overlapRow),
    bottomOverlap: z.array(overlapRow),
    agreementWithConfidence: statistic,
    pairRankBrier: statistic,
  }),
  transitivityByGap: section({ bins: bins(proportion) }).exactOptional(),
  panelVsSingle: z.array(z.strictObject({ who: z.string(), accuracy: proportion })),
};

const conditions = {
  field: z.string(),
  perCondition: z.array(
    z.strictObject({
      condition: z.string(),
      comparisons: z.number(),
      accuracy: section({ rate: proportion }),
      cycleRate: proportion,
      agreementWithConsensus: proportion,
      repetitionStability: section({ value: statistic }),
    }),
  ),
  pairs: z.array(
    z.strictObject({
      a: z.string(),
      b: z.string(),
      flipRate: proportion,
      mcnemar: section({ onlyACorrect: z.number(), onlyBCorrect: z.number(), pValue: z.number() }),
    }),
  ),
};

const againstReference = {
  method: z.string(),
  pairReference: section({
    name: z.string(),
    tieRule: z.string(),
    rows: z.array(
      z.strictObject({
        who: z.string(),
        agreement: proportion,
        agreementOnDecided: proportion,
        referenceTies: z.number(),
        noValidVerdict: z.number(),
      }),
    ),
  }),
  scoreOrder: section({
    name: z.string(),
    rows: z.array(z.strictObject({ who: z.string(), agreement: proportion })),
    equalScorePairs: z.number(),
    spearman: statistic,
    ratingBasis: z.string(),
  }),
  byRatingGap: section({
    against: z.string(),
    gapOf: z.string(),
    rows: z.array(z.strictObject({ who: z.string(), bins: bins(proportion) })),
  }),
};

const calibration = {
  method: z.string(),
  against: z.string(),
  binCount: z.number(),
  perJudge: z.array(
    z.strictObject({
      judge: z.string(),
      verdicts: z.number(),
      units: z.number(),
      meanConfidence: statistic,
      accuracy: proportion,
      overconfidence: statistic,
      ece: statistic,
      brier: statistic,
      bins: bins(
        z.strictObject({ n: z.number(), meanConfidence: z.number().nullable(), accuracy: z.number().nullable() }),
      ),
    }),
  ),
  unlabelled: z.number(),
};

/** The metrics document, schema version 1. */
export const metricsDocumentSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal("judgelab.metrics"),
  options: z.strictObject({
    seed: z.number(),
    bootstrapRounds: z.number(),
    condition: z.string().nullable(),
    lengthThreshold: z.number(),
    timeWindows: z.number(),
    maxLeaderboardItems: z.number(),
    cluster: z.enum(["auto", "match", "pair", "none"]),
  }),
  dataset: z.strictObject({
    comparisons: z.number(),
    decided: z.number(),
    ties: z.number(),
    invalid: z.number(),
    items: z.number(),
    judges: z.array(judgeSummary),
    units: z.number(),
    bothOrderUnits: z.number(),
  }),
  agreement: section(agreement),
  positionBias: section(positionBias),
  stability: section(stability),
  biases: section(biases),
  coherence: section(coherence),
  reference: section(reference),
  conditions: section(conditions),
  againstReference: section(againstReference).exactOptional(),
  /** Present when some comparison carries a confidence (stated, or from verdict logprobs). */
  calibration: section(calibration).exactOptional(),
  /** `judgelab analyze --json --where …` adds what the filter kept. */
  filter: z.string().exactOptional(),
});

/** `$id` of the generated file (a URN, as the record schemas'). */
export const METRICS_DOCUMENT_SCHEMA_ID = "urn:judgelab:schema:v1:metrics-document.schema.json";

/** The JSON Schema (draft 2020-12) text of the metrics document, as committed. */
export function renderMetricsDocumentJsonSchema(): string {
  const generated = z.toJSONSchema(metricsDocumentSchema, {
    target: "draft-2020-12",
    unrepresentable: "throw",
    reused: "ref",
  });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  const document = { $schema, $id: METRICS_DOCUMENT_SCHEMA_ID, title: "judgelab metrics document", ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}
