import type { Comparison, Item, Reference } from "@judgelab/schema";

/** Name of the per-pair reference the human majority becomes. */
export const HUMAN_MAJORITY_REFERENCE = "human-majority";

/** Why part of a `matches_extended.csv` row was not imported (the import report counts each reason). */
export const EXTENDED_SKIP = {
  noIds: "matches_extended row without paper1_id or paper2_id",
  samePaper: "matches_extended row with paper1_id equal to paper2_id",
  aiEmpty: "ai_winner_id is empty: no AI comparison",
  aiNeither: "ai_winner_id is neither paper1_id nor paper2_id: no AI comparison",
  humanEmpty: "human_majority_winner_id is empty: no human reference",
  humanNeither: "human_majority_winner_id is neither paper1_id, paper2_id nor tie: no human reference",
} as const;

/** `True`/`False` (pandas' spelling), `true`/`false`, `1`/`0`; undefined otherwise. */
export function parseKurateBoolean(value: string | undefined): boolean | undefined {
  const text = value?.trim().toLowerCase();
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  return undefined;
}

const count = (value: string | undefined) => {
  if (value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : undefined;
};

/** What one `matches_extended.csv` row becomes. */
export interface ExtendedMatchRecords {
  /** The AI panel's verdict (majority of 1–3 AI judges), order unknown, first = paper1. */
  readonly comparison?: Comparison;
  /** The human experts' majority on the same pair (`tie` is a tie). */
  readonly reference?: Reference;
  /** Items implied by the row (from its titles and decisions), for papers missing from papers.csv. */
  readonly items: readonly Item[];
  /** Skip reasons (see {@link EXTENDED_SKIP}) for the parts not imported. */
  readonly skipped: readonly string[];
  /** True when `human_has_preference` is present but not a boolean. */
  readonly badPreferenceFlag: boolean;
}

function impliedItem(row: Readonly<Record<string, string>>, side: "paper1" | "paper2", id: string): Item {
  const title = row[`${side}_title`]?.trim();
  const decision = row[`${side}_decision`]?.trim();
  return {
    id,
    ...(title ? { title } : {}),
    ...(row.dataset_id ? { category: row.dataset_id } : {}),
    ...(decision ? { metadata: { decision } } : {}),
  };
}

/**
 * A row of the seed system's `matches_extended.csv` (one row per pair judged): the AI panel's majority
 * (`ai_winner_id`) becomes a comparison by `panelJudge` (order unknown: the export does not say which paper the
 * judges saw first); the human majority (`human_majority_winner_id`, a paper id or the literal `tie`) becomes a
 * per-pair reference `human-majority`. `human_has_preference`, `n_ai_judges` and `n_human_experts` are kept in
 * the comparison's and the reference's metadata (filterable with `--where human_has_preference=true`), and
 * `dataset_id` becomes the comparison's condition.
 */
export function mapKurateExtendedMatch(
  row: Readonly<Record<string, string>>,
  panelJudge: string,
): ExtendedMatchRecords {
  const paper1 = row.paper1_id?.trim();
  const paper2 = row.paper2_id?.trim();
  if (!paper1 || !paper2) return { items: [], skipped: [EXTENDED_SKIP.noIds], badPreferenceFlag: false };
  if (paper1 === paper2) return { items: [], skipped: [EXTENDED_SKIP.samePaper], badPreferenceFlag: false };
  const preference = parseKurateBoolean(row.human_has_preference);
  const aiJudges = count(row.n_ai_judges);
  const humanExperts = count(row.n_human_experts);
  const metadata: Record<string, unknown> = {
    ...(preference === undefined ? {} : { human_has_preference: preference }),
    ...(aiJudges === undefined ? {} : { n_ai_judges: aiJudges }),
    ...(humanExperts === undefined ? {} : { n_human_experts: humanExperts }),
  };
  const hasMetadata = Object.keys(metadata).length > 0;
  const skipped: string[] = [];
  const ai = row.ai_winner_id?.trim() ?? "";
  let comparison: Comparison | undefined;
  if (ai === "") skipped.push(EXTENDED_SKIP.aiEmpty);
  else if (ai !== paper1 && ai !== paper2) skipped.push(EXTENDED_SKIP.aiNeither);
  else {
    const category = row.dataset_id?.trim();
    comparison = {
      id: `extended/${category ? `${category}/` : ""}${paper1}/${paper2}`,
      first: paper1,
      second: paper2,
      order: "unknown",
      verdict: ai === paper1 ? "first" : "second",
      judge: panelJudge,
      ...(category ? { condition: category } : {}),
      ...(hasMetadata ? { metadata } : {}),
    };
  }
  const human = row.human_majority_winner_id?.trim() ?? "";
  let reference: Reference | undefined;
  if (human === "") skipped.push(EXTENDED_SKIP.humanEmpty);
  else if (human !== paper1 && human !== paper2 && human.toLowerCase() !== "tie")
    skipped.push(EXTENDED_SKIP.humanNeither);
  else {
    reference = {
      kind: "pair",
      a: paper1,
      b: paper2,
      name: HUMAN_MAJORITY_REFERENCE,
      winner: human === paper1 ? "a" : human === paper2 ? "b" : "tie",
      ...(hasMetadata ? { metadata } : {}),
    };
  }
  return {
    ...(comparison === undefined ? {} : { comparison }),
    ...(reference === undefined ? {} : { reference }),
    items: [impliedItem(row, "paper1", paper1), impliedItem(row, "paper2", paper2)],
    skipped,
    badPreferenceFlag: preference === undefined && (row.human_has_preference ?? "").trim() !== "",
  };
}
