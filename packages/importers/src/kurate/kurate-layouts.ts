import { ImportInputError } from "../import-input-error.js";

/** The Kurate export files this importer reads, by their column layout. */
export type KurateLayout = "papers" | "matches" | "matches-extended";

/** One export layout: the columns it must have, the columns it usually has, and its file name on the site. */
export interface KurateLayoutSpec {
  readonly layout: KurateLayout;
  readonly file: string;
  /** Columns without which no row can be read. */
  readonly required: readonly string[];
  /** The full published layout (for error messages); other columns are read when present. */
  readonly published: readonly string[];
}

/** The published layouts (seed system's CSV exports). */
export const KURATE_LAYOUTS: readonly KurateLayoutSpec[] = [
  {
    layout: "matches-extended",
    file: "matches_extended.csv",
    required: ["paper1_id", "paper2_id", "ai_winner_id", "human_majority_winner_id"],
    published: [
      "dataset_id",
      "paper1_id",
      "paper2_id",
      "paper1_title",
      "paper2_title",
      "paper1_decision",
      "paper2_decision",
      "ai_winner_id",
      "human_majority_winner_id",
      "n_ai_judges",
      "n_human_experts",
      "human_has_preference",
    ],
  },
  {
    layout: "matches",
    file: "matches.csv",
    required: ["id", "paper1_id", "paper2_id", "winner_id"],
    published: [
      "id",
      "dataset_id",
      "paper1_id",
      "paper2_id",
      "winner_id",
      "judge_provider",
      "judge_model",
      "reasoning",
      "created_at",
    ],
  },
  {
    layout: "papers",
    file: "papers.csv",
    required: ["id", "title"],
    published: [
      "id",
      "dataset_id",
      "title",
      "decision",
      "h1_avg_rating",
      "scores",
      "reviewer_1_score … reviewer_8_score",
    ],
  },
];

/**
 * Which export a CSV file is, from its header. A file that is none of them is an input error listing, for the
 * nearest layout, the columns expected and the columns found (the user can rename columns or pick the right file).
 */
export function detectKurateLayout(file: string, columns: readonly string[]): KurateLayout {
  const have = new Set(columns.map((column) => column.trim()));
  for (const spec of KURATE_LAYOUTS) if (spec.required.every((column) => have.has(column))) return spec.layout;
  const scored = KURATE_LAYOUTS.map((spec) => ({
    spec,
    missing: spec.required.filter((column) => !have.has(column)),
  })).sort((a, b) => a.missing.length - b.missing.length);
  const nearest = scored[0]!;
  const expected = KURATE_LAYOUTS.map((spec) => `  ${spec.file}: ${spec.published.join(", ")}`).join("\n");
  throw new ImportInputError(
    `${file}: not a Kurate export layout (closest: ${nearest.spec.file}, missing ${nearest.missing.join(", ")}).\n` +
      `Columns expected, one of:\n${expected}\nColumns found: ${columns.length === 0 ? "(none: empty file)" : columns.join(", ")}`,
    { file },
  );
}
