import type { Comparison, Verdict } from "@judgelab/schema";

/** Parses a count cell: a non-negative integer, or undefined (empty, `NA`, fractional, negative). */
export function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d+(\.0+)?$/.test(text)) return undefined;
  return Number(text);
}

/**
 * Expands one row of aggregated counts (`item1, item2, win1, win2[, ties]`) into one comparison per contest:
 * `win1` with verdict `first`, `win2` with `second`, `ties` with `tie`. `first` is item1 (the home side when
 * `homeAway`, which makes the order known: home advantage is a first-position effect).
 */
export function expandCountRow(options: {
  readonly idPrefix: string;
  readonly first: string;
  readonly second: string;
  readonly wins1: number;
  readonly wins2: number;
  readonly ties: number;
  readonly judge: string;
  readonly homeAway: boolean;
  readonly condition?: string;
}): Comparison[] {
  const comparisons: Comparison[] = [];
  const push = (verdict: Verdict, count: number) => {
    for (let index = 0; index < count; index++) {
      comparisons.push({
        id: `${options.idPrefix}/${verdict}/${index + 1}`,
        first: options.first,
        second: options.second,
        order: options.homeAway ? "known" : "unknown",
        verdict,
        judge: options.judge,
        matchId: options.idPrefix,
        ...(options.condition === undefined ? {} : { condition: options.condition }),
      });
    }
  };
  push("first", options.wins1);
  push("second", options.wins2);
  push("tie", options.ties);
  return comparisons;
}
