import { defineImporter } from "../define-importer.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { modelFamily, producerFields } from "../model-family.js";
import { listInputFiles, readJsonObjects } from "../read-source-records.js";
import { mapArenaHardJudgment } from "./map-arena-hard-judgment.js";

/** Baseline of Arena-Hard-Auto v0.1 judgment files, which do not name it in each record. */
export const ARENA_HARD_DEFAULT_BASELINE = "gpt-4-0314";

async function collectArenaHard(context: CollectContext): Promise<ManifestFields> {
  const { collector, report, settings } = context;
  const files = await listInputFiles(context.inputs, (path) => /\.jsonl(\.gz)?$/i.test(path));
  const defaultBaseline = settings.baseline ?? ARENA_HARD_DEFAULT_BASELINE;
  let usedDefault = false;
  for await (const { at, value: record } of readJsonObjects(files, report)) {
    const mapped = mapArenaHardJudgment(record, defaultBaseline);
    if (mapped === undefined) {
      report.skip("record without question_id/uid, model, judge and games", at);
      continue;
    }
    if (typeof record.baseline !== "string") usedDefault = true;
    if (mapped.comparisons.length < 2) report.warn("judgment with fewer than two games", at);
    if (Array.isArray(record.games) && record.games.length > 2) {
      report.warn("judgment with more than two games: only the first two read", at);
    }
    const family = modelFamily(mapped.judge);
    collector.addJudge({
      id: mapped.judge,
      kind: "llm",
      model: mapped.judge,
      ...(family === undefined ? {} : { family }),
    });
    for (const model of [mapped.baseline, mapped.model]) {
      collector.addItem({ id: `${mapped.questionId}/${model}`, ...producerFields(model) }, at);
    }
    for (const comparison of mapped.comparisons) collector.addComparison(comparison, at);
  }
  if (usedDefault)
    report.note(
      `records without a baseline field: baseline taken as ${defaultBaseline} (--set baseline=MODEL to change)`,
    );
  report.note(
    "game 1 shows the baseline's answer first, game 2 the model's (order known); A>>B / B>>A are strong preferences",
  );
  return {
    name: "arena-hard",
    description: "Arena-Hard-Auto judgments: each model vs a baseline, two games (both orders) per question",
    license: "Apache-2.0",
    source: "https://github.com/lmarena/arena-hard-auto",
  };
}

/** Arena-Hard-Auto `model_judgment/<judge>/<model>.jsonl` files. */
export const arenaHardImporter = defineImporter({
  format: "arena-hard",
  description: "Arena-Hard-Auto judgment JSONL (games: [{score: A>>B | A>B | A=B | B>A | B>>A}, …] per question)",
  license: "Apache-2.0",
  settings: { baseline: `baseline model when records do not name it (default: ${ARENA_HARD_DEFAULT_BASELINE})` },
  collect: collectArenaHard,
});
