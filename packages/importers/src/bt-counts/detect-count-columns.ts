import type { ImportSettings } from "../importer.js";

/** Which columns of an aggregated counts table hold what. */
export interface CountColumns {
  readonly first: string;
  readonly second: string;
  readonly wins1: string;
  readonly wins2: string;
  readonly ties?: string;
  readonly judge?: string;
  readonly condition?: string;
  /** True when the item columns are home/away: the first item is the home side, so order is known. */
  readonly homeAway: boolean;
}

const ITEM_PAIRS: readonly (readonly [string, string])[] = [
  ["item1", "item2"],
  ["home.team", "away.team"],
  ["home_team", "away_team"],
  ["home", "away"],
  ["row", "col"],
  ["model_a", "model_b"],
];
const WIN_PAIRS: readonly (readonly [string, string])[] = [
  ["win1", "win2"],
  ["wins1", "wins2"],
  ["home.wins", "away.wins"],
  ["home_wins", "away_wins"],
  ["win", "loss"],
  ["wins", "losses"],
];
const TIE_NAMES = ["ties", "tie", "tied", "draws", "draw"];

function findPair(columns: readonly string[], pairs: readonly (readonly [string, string])[]) {
  const lower = new Map(columns.map((column) => [column.toLowerCase(), column]));
  for (const [one, two] of pairs) {
    const first = lower.get(one);
    const second = lower.get(two);
    if (first !== undefined && second !== undefined) return [first, second] as const;
  }
  return undefined;
}

/** Any `<stem>1`, `<stem>2` column pair that is not a count pair (journal1/journal2, school1/school2, field1/field2). */
function findStemPair(columns: readonly string[]) {
  for (const column of columns) {
    const match = /^(.*[a-z_.])1$/i.exec(column);
    if (match === null || /^wins?$/i.test(match[1] as string)) continue;
    const partner = `${match[1]}2`;
    if (columns.includes(partner)) return [column, partner] as const;
  }
  return undefined;
}

/**
 * Finds the item, win and tie columns of a counts table from its header, or from the `--set` mapping
 * (`first`, `second`, `win1`, `win2`, `ties`, `judge`, `condition`), which takes precedence. Returns the
 * missing roles when it cannot.
 */
export function detectCountColumns(
  columns: readonly string[],
  settings: ImportSettings,
): { columns: CountColumns } | { missing: string[] } {
  const items = findPair(columns, ITEM_PAIRS) ?? findStemPair(columns);
  const wins = findPair(columns, WIN_PAIRS);
  const first = settings.first ?? items?.[0];
  const second = settings.second ?? items?.[1];
  const wins1 = settings.win1 ?? wins?.[0];
  const wins2 = settings.win2 ?? wins?.[1];
  const ties = settings.ties ?? columns.find((column) => TIE_NAMES.includes(column.toLowerCase()));
  const missing = Object.entries({ first, second, win1: wins1, win2: wins2 })
    .filter(([, value]) => value === undefined || !columns.includes(value))
    .map(([role]) => role);
  if (first === undefined || second === undefined || wins1 === undefined || wins2 === undefined || missing.length > 0) {
    return { missing };
  }
  const homeAway =
    settings.order === "known" || (settings.order !== "unknown" && /^home/i.test(first) && /^away/i.test(second));
  return {
    columns: {
      first,
      second,
      wins1,
      wins2,
      homeAway,
      ...(ties === undefined ? {} : { ties }),
      ...(settings.judge === undefined ? {} : { judge: settings.judge }),
      ...(settings.condition === undefined ? {} : { condition: settings.condition }),
    },
  };
}
