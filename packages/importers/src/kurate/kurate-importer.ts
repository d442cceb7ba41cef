import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { modelFamily } from "../model-family.js";
import {
  isJsonLinesPath,
  listInputFiles,
  readJsonObjects,
  readTableColumns,
  readTableRows,
} from "../read-source-records.js";
import { detectKurateLayout } from "./kurate-layouts.js";
import { HUMAN_MAJORITY_REFERENCE, mapKurateExtendedMatch } from "./map-kurate-extended-match.js";
import {
  mapKurateAssessment,
  mapKurateMatch,
  mapKuratePaper,
  mapKuratePaperReferences,
  mapKurateSwapTest,
  parseKurateScores,
} from "./map-kurate-records.js";

const SETTINGS: Readonly<Record<string, string>> = {
  "assessment-judge": "judge id of the si_* impact assessments (default: impact-assessment)",
  "swap-judge": "judge id of the swap-test records (default: swap-test-judge)",
  "panel-judge": "judge id of matches_extended.csv's AI-panel majority (default: ai-panel)",
};

/**
 * Reads `matches_extended.csv`: AI-panel comparisons, human-majority pair references, items for papers missing
 * from papers.csv (warned, created from the row's title). Returns how many rows produced any record.
 */
async function readExtendedMatches(context: CollectContext, file: string, panelJudge: string): Promise<number> {
  const { collector, report } = context;
  collector.addJudge({
    id: panelJudge,
    kind: "llm",
    metadata: { description: "majority verdict of the 1–3 AI judges of a pair (matches_extended.csv ai_winner_id)" },
  });
  let used = 0;
  for await (const { at, value: row } of readTableRows(file)) {
    report.countRead(file);
    const mapped = mapKurateExtendedMatch(row, panelJudge);
    for (const reason of mapped.skipped) report.skip(reason, at);
    if (mapped.badPreferenceFlag) report.warn("human_has_preference is not True/False: not kept", at);
    if (mapped.comparison === undefined && mapped.reference === undefined) continue;
    for (const item of mapped.items) {
      if (collector.hasItem(item.id)) continue;
      report.warn("paper id missing from papers.csv: item created from the match row's title", at);
      collector.addItem(item, at);
    }
    let kept = false;
    if (mapped.comparison !== undefined) kept = collector.addComparison(mapped.comparison, at);
    if (mapped.reference !== undefined) {
      collector.addReference(mapped.reference);
      kept = true;
    }
    if (kept) used++;
  }
  return used;
}

async function readPapers(context: CollectContext, file: string, assessmentJudge: string): Promise<void> {
  const { collector, report } = context;
  for await (const { at, value: row } of readTableRows(file)) {
    report.countRead(file);
    const item = mapKuratePaper(row);
    if (item === undefined) {
      report.skip("paper row without id", at);
      continue;
    }
    collector.addItem(item, at);
    const references = mapKuratePaperReferences(row, item.id);
    for (const reference of references) collector.addReference(reference);
    if (row.scores && parseKurateScores(row.scores) === undefined) {
      report.warn(
        references.some((reference) => reference.name === "reviewer-mean")
          ? "scores column is not a JSON array of numbers: reviewer mean taken from reviewer_N_score"
          : "scores column is not a JSON array of numbers: no reviewer mean",
        at,
      );
    }
    const assessment = mapKurateAssessment(row, item.id, assessmentJudge);
    if (assessment !== undefined) {
      collector.addJudge({ id: assessmentJudge, kind: "llm" });
      collector.addAssessment(assessment);
    }
  }
}

async function readMatches(context: CollectContext, file: string): Promise<void> {
  const { collector, report } = context;
  for await (const { at, value: row } of readTableRows(file)) {
    report.countRead(file);
    const model = row.judge_model || "unknown-judge";
    const family = modelFamily(model);
    const judge = collector.addJudge({
      id: model,
      kind: "llm",
      model,
      ...(row.judge_provider ? { provider: row.judge_provider } : {}),
      ...(family === undefined ? {} : { family }),
    });
    const comparison = mapKurateMatch(row, judge);
    if (comparison === undefined) {
      report.skip("match row without id, paper1_id and paper2_id", at);
      continue;
    }
    if (row.created_at && comparison.createdAt === undefined)
      report.warn("created_at is not a timestamp: not imported", at);
    collector.addComparison(comparison, at);
  }
}

async function readSwapTest(context: CollectContext, file: string, judge: string): Promise<void> {
  const { collector, report } = context;
  collector.addJudge({ id: judge, kind: "llm" });
  for await (const { at, value } of readJsonObjects([file], report)) {
    const mapped = mapKurateSwapTest(value, judge);
    if (mapped === undefined) {
      report.skip("swap-test record without idx, paper_a_id and paper_b_id", at);
      continue;
    }
    for (const field of mapped.conflicts)
      report.warn(`${field} disagrees with the position flag: the flag was used`, at);
    for (const comparison of mapped.comparisons) collector.addComparison(comparison, at);
  }
}

async function collectKurate(context: CollectContext): Promise<ManifestFields> {
  const files = await listInputFiles(context.inputs, (path) => /\.(csv|jsonl)(\.gz)?$/i.test(path));
  const assessmentJudge = context.settings["assessment-judge"] ?? "impact-assessment";
  const swapJudge = context.settings["swap-judge"] ?? "swap-test-judge";
  const panelJudge = context.settings["panel-judge"] ?? "ai-panel";
  const byLayout = { papers: [] as string[], matches: [] as string[], "matches-extended": [] as string[] };
  const swaps: string[] = [];
  for (const file of files) {
    if (isJsonLinesPath(file)) swaps.push(file);
    else byLayout[detectKurateLayout(file, await readTableColumns(file))].push(file);
  }
  const { report } = context;
  for (const file of byLayout.papers) await readPapers(context, file, assessmentJudge);
  for (const file of byLayout.matches) await readMatches(context, file);
  for (const file of byLayout["matches-extended"]) {
    const used = await readExtendedMatches(context, file, panelJudge);
    const rows = report.readByFile(file);
    if (rows > 0 && used === 0) {
      const reasons = report.skipReasons().map(([reason, count]) => `  ${count}  ${reason}`);
      throw new ImportInputError(
        `${file}: every one of its ${rows} rows was skipped, nothing imported:\n${reasons.join("\n")}\n` +
          "check that the ids in paper1_id, paper2_id, ai_winner_id and human_majority_winner_id match",
        { file },
      );
    }
  }
  for (const file of swaps) await readSwapTest(context, file, swapJudge);
  if (byLayout.matches.length > 0)
    report.note("matches.csv records no presentation order: order unknown, first = paper1");
  if (byLayout["matches-extended"].length > 0) {
    report.note(
      `matches_extended.csv: ai_winner_id (majority of 1–3 AI judges) → comparisons by judge "${panelJudge}", order unknown, first = paper1; ` +
        `human_majority_winner_id → pair references "${HUMAN_MAJORITY_REFERENCE}" (tie = tie); human_has_preference, n_ai_judges, n_human_experts → metadata`,
    );
  }
  if (swaps.length > 0)
    report.note('swap test: "ab" shows paper_a first, "ba" paper_b first (order known), sharing a matchId');
  if (files.length > 0 && report.read === 0)
    throw new ImportInputError(`${context.inputs.join(", ")}: the Kurate export files hold no rows`);
  return {
    name: "kurate",
    description: "paper tournament exports: papers (reviewer ratings, impact assessments) and LLM-judged matches",
  };
}

/** The seed paper tournament's CSV exports (papers.csv, matches.csv) and its swap-test JSONL. */
export const kurateImporter = defineImporter({
  format: "kurate",
  description:
    "paper tournament exports: papers.csv (reviewer scores, si_* assessments), matches.csv, matches_extended.csv (AI panel vs human majority), swap-test JSONL",
  settings: SETTINGS,
  collect: collectKurate,
});
