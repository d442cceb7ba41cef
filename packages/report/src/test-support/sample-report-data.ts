import type { Leaderboard, MetricsDocument, PositionBiasRow, Proportion } from "@judgelab/analytics";
import type { ItemPage, ItemStanding, ReportData } from "../model/report-data.js";

/** A title that must never execute or break markup when it reaches a page. */
export const HOSTILE_TITLE = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> "quoted" & more`;

function proportion(count: number, n: number): Proportion {
  const value = n === 0 ? null : count / n;
  return value === null
    ? { count, n, value }
    : {
        count,
        n,
        value,
        ci: { lower: Math.max(0, value - 0.08), upper: Math.min(1, value + 0.08), level: 0.95, method: "wilson" },
      };
}

function firstRateRow(judge: string, count: number, n: number): PositionBiasRow {
  return {
    judge,
    firstWinRate: proportion(count, n),
    binomialPValue: count / n > 0.6 ? 0.0004 : 0.41,
    overTime: {
      available: true,
      windows: [0, 1, 2].map((index) => ({
        start: `2026-05-0${index + 1}`,
        end: `2026-05-0${index + 2}`,
        firstWinRate: proportion(Math.round((count / n) * 40) + index * 2, 40),
      })),
    },
    bothOrders: {
      available: true,
      consistency: proportion(30, 40),
      biasedFirst: proportion(6, 40),
      biasedSecond: proportion(4, 40),
      conflictRate: proportion(10, 40),
      kappaBetweenOrders: { value: 0.5, n: 40 },
    },
    shi: { available: false, reason: "no ties recorded" },
    orderEffect: {
      available: true,
      delta: { value: 35, n, ci: { lower: 10, upper: 60, level: 0.95, method: "bootstrap" } },
    },
    consistencyByGap: {
      available: true,
      bins: [
        { lower: 0, upper: 100, value: proportion(12, 20) },
        { lower: 100, upper: null, value: proportion(18, 20) },
      ],
    },
  };
}

/** A small, complete report dataset: 8 items (one with a hostile title), 3 judges, every chart populated. */
export function sampleReportData(): ReportData {
  const judges = ["gemini-3", "gpt-5.2", "claude-opus-4.6"];
  const titles = [
    HOSTILE_TITLE,
    ...Array.from({ length: 7 }, (_, index) => `Paper ${index + 2}: a study of judge number ${index}`),
  ];
  const items: ItemStanding[] = titles.map((title, index) => ({
    id: `paper-${index + 1}`,
    title,
    category: index % 2 === 0 ? "Artificial Intelligence" : "Physics",
    rating: {
      value: 1200 - 40 * index,
      lower: 1150 - 40 * index,
      upper: 1250 - 40 * index,
      rank: index + 1,
      rankLower: Math.max(1, index),
      rankUpper: Math.min(8, index + 2),
    },
    score: { value: 1565 - 30 * index, halfWidth: 40 },
    categoryRank: { rank: Math.floor(index / 2) + 1, of: 4, by: "tournament score" as const },
    wins: 22 - index,
    losses: 7 + index,
    ties: 0,
    invalid: 0,
    matches: 29,
    winRate: { value: (22 - index) / 29, lower: 0.5, upper: 0.9 },
    assessments: [
      {
        judge: "claude-opus-4.6",
        scores: { overall: 7.2 - 0.3 * index, significance: 7.5, rigor: 7, novelty: 7, clarity: 8 },
        scale: { min: 1, max: 10 },
        text: "Scientific Impact Assessment",
        createdAt: "2026-05-05",
      },
    ],
  }));
  const leaderboard = (shift: number): Leaderboard => ({
    items: items.length,
    comparisons: 116,
    intervals: "bootstrap",
    meanCiWidth: 100,
    rows: {
      available: true,
      rows: items.map((item, index) => ({
        item: item.id,
        rating: item.rating!.value + shift * ((index % 3) - 1),
        lower: 0,
        upper: 0,
        rank: index + 1,
        rankLower: index + 1,
        rankUpper: index + 1,
        n: 29,
      })),
    },
  });
  const kappa = [
    [null, 0.41, 0.35],
    [0.41, null, 0.52],
    [0.35, 0.52, null],
  ];
  const metrics: MetricsDocument = {
    schemaVersion: 1,
    kind: "judgelab.metrics",
    options: {
      seed: 7,
      bootstrapRounds: 200,
      condition: null,
      lengthThreshold: 30,
      timeWindows: 3,
      maxLeaderboardItems: 200,
      cluster: "auto",
    },
    dataset: {
      comparisons: 116,
      decided: 116,
      ties: 0,
      invalid: 0,
      items: items.length,
      judges: judges.map((judge) => ({
        judge,
        kind: "simulated",
        family: null,
        comparisons: 39,
        decided: 39,
        ties: 0,
        invalid: 0,
      })),
      units: 28,
      bothOrderUnits: 20,
    },
    agreement: {
      available: true,
      pairs: [
        {
          judgeA: judges[0]!,
          judgeB: judges[1]!,
          units: 12,
          pairAgreement: proportion(8, 12),
          agreementWithTies: proportion(9, 12),
          agreementWithoutTies: proportion(9, 12),
          cohenKappa: { value: 0.41, n: 12 },
          weightedKappa: { value: 0.41, n: 12 },
        },
      ],
      matrix: {
        judges,
        kappa,
        agreementWithTies: kappa,
        n: [
          [0, 12, 10],
          [12, 0, 11],
          [10, 11, 0],
        ],
      },
      panel: { available: false, reason: "too few shared units" },
      gold: { available: false, reason: "no gold labels" },
      alpacaEval: { available: false, reason: "no human labels" },
    },
    positionBias: {
      available: true,
      perJudge: [firstRateRow(judges[0]!, 26, 39), firstRateRow(judges[1]!, 20, 39), firstRateRow(judges[2]!, 18, 39)],
    },
    stability: {
      available: true,
      method: "Bradley–Terry (Elo scale)",
      pooled: leaderboard(0),
      perJudge: judges.map((judge, index) => ({ judge, leaderboard: leaderboard(20 * (index + 1)) })),
      correlations: judges.map((judge) => ({
        a: "pooled",
        b: judge,
        spearman: { value: 0.9, n: 8 },
        kendall: { value: 0.8, n: 8 },
      })),
      leaveOneJudgeOut: { available: false, reason: "not computed in the sample" },
      splitHalf: {
        available: true,
        spearman: { value: 0.82, n: 8, ci: { lower: 0.7, upper: 0.9, level: 0.95, method: "bootstrap" } },
        kendall: { value: 0.7, n: 8 },
        rounds: 20,
      },
      separability: proportion(12, 28),
      convergence: {
        available: true,
        points: [2, 4, 8, 16, 29].map((perItem) => ({
          comparisons: perItem * 4,
          comparisonsPerItem: perItem,
          spearman: 1 - 0.6 / perItem,
        })),
      },
      transitivity: {
        perJudge: judges.map((judge) => ({ judge, cycleRate: proportion(1, 40) })),
        majority: proportion(0, 30),
        unanimous: proportion(10, 30),
      },
    },
    biases: { available: false, reason: "no lengths, families or pointwise scores" },
    coherence: {
      available: true,
      perJudge: [
        {
          judge: "claude-opus-4.6",
          withRating: { available: true, kendall: { value: 0.6, n: 8 }, spearman: { value: 0.7, n: 8 } },
          scoreGapPredictsPick: { available: false, reason: "the assessing judge made no comparisons" },
        },
      ],
      percentileGap: { available: false, reason: "sample" },
    },
    reference: { available: false, reason: "no references" },
    conditions: { available: false, reason: "no condition field" },
  };
  const itemPages: ItemPage[] = items.slice(0, 3).map((standing, index) => ({
    standing,
    text: index === 0 ? `Abstract with ${HOSTILE_TITLE}` : "An abstract.",
    byline: "Chloe Li, Sara Price",
    history: [
      {
        opponentId: items[index + 1]!.id,
        opponentTitle: items[index + 1]!.title,
        judge: judges[index]!,
        createdAt: "2026-05-05",
        shownFirst: true,
        orderKnown: true,
        outcome: "win",
        rationale: `Paper 1 is better. ${HOSTILE_TITLE}`,
      },
      {
        opponentId: items[7]!.id,
        opponentTitle: items[7]!.title,
        judge: judges[(index + 1) % 3]!,
        createdAt: "2026-05-04",
        shownFirst: false,
        orderKnown: true,
        outcome: "loss",
        rationale: "Paper 2 has broader impact.",
      },
    ],
    scoreRange: { lower: 1050, upper: 1800 },
    categorySize: 4,
  }));
  return {
    title: "Ranking reliability: sample",
    dataset: { name: "sample", description: `A sample dataset ${HOSTILE_TITLE}`, source: "tests", license: "CC0" },
    itemNoun: "papers",
    ratedNoun: "papers",
    metrics,
    items,
    sortedBy: "rating",
    judges: judges.map((judge, index) => ({
      judge,
      kind: "simulated",
      model: judge,
      comparisons: 39,
      decided: 39 - index,
      ties: 0,
      invalid: index,
      costUsd: 0.1 * index,
    })),
    scoreLabel: "TrueSkill",
    rankDistribution: {
      resamples: 200,
      shares: items.slice(0, 4).flatMap((item, index) => [
        { item: item.title, order: index + 1, rank: index + 1, share: 0.7 },
        { item: item.title, order: index + 1, rank: index + 2, share: 0.3 },
      ]),
    },
    itemPages,
    groups: { count: 1, byCategory: false },
    period: { start: "2026-05-01", end: "2026-05-05" },
  };
}
