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
import {
  mapKurateAssessment,
  mapKurateMatch,
  mapKuratePaper,
  mapKuratePaperReferences,
  mapKurateSwapTest,
} from "./map-kurate-records.js";

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
    if (row.scores && !references.some((reference) => reference.name === "reviewer-mean")) {
      report.warn("scores column is not a JSON array of numbers: no reviewer mean", at);
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
  const papers: string[] = [];
  const matches: string[] = [];
  const swaps: string[] = [];
  for (const file of files) {
    if (isJsonLinesPath(file)) {
      swaps.push(file);
      continue;
    }
    const columns = await readTableColumns(file);
    if (columns.includes("paper1_id")) matches.push(file);
    else if (columns.includes("id") && columns.includes("title")) papers.push(file);
    else {
      throw new ImportInputError(
        `${file}: neither a papers.csv (id, title, …) nor a matches.csv (paper1_id, …) export`,
        {
          file,
        },
      );
    }
  }
  for (const file of papers) await readPapers(context, file, assessmentJudge);
  for (const file of matches) await readMatches(context, file);
  for (const file of swaps) await readSwapTest(context, file, swapJudge);
  if (matches.length > 0)
    context.report.note("matches.csv records no presentation order: order unknown, first = paper1");
  if (swaps.length > 0)
    context.report.note('swap test: "ab" shows paper_a first, "ba" paper_b first (order known), sharing a matchId');
  return {
    name: "kurate",
    description: "paper tournament exports: papers (reviewer ratings, impact assessments) and LLM-judged matches",
  };
}

/** The seed paper tournament's CSV exports (papers.csv, matches.csv) and its swap-test JSONL. */
export const kurateImporter = defineImporter({
  format: "kurate",
  description: "paper tournament papers.csv (reviewer scores, si_* assessments), matches.csv and swap-test JSONL",
  settings: {
    "assessment-judge": "judge id of the si_* impact assessments (default: impact-assessment)",
    "swap-judge": "judge id of the swap-test records (default: swap-test-judge)",
  },
  collect: collectKurate,
});
