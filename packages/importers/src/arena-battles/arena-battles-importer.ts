import { defineImporter } from "../define-importer.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { judgeKindSetting } from "../judge-kind-setting.js";
import { producerFields } from "../model-family.js";
import { readRecordObjects } from "../parquet/read-record-objects.js";
import { listInputFiles, locationId } from "../read-source-records.js";
import { arenaAnswerItems, arenaItemsSetting } from "./arena-answer-items.js";
import { arenaParquetLayout } from "./arena-parquet-layouts.js";
import { mapArenaBattle } from "./map-arena-battle.js";
import { isArenaCsvPath, readArenaCsvRecords } from "./read-arena-csv.js";

/** Battle records of every input: the 55k CSV through its own reader, JSON/JSONL/Parquet through the shared one. */
async function* readArenaRecords(files: readonly string[], report: CollectContext["report"]) {
  for (const file of files) {
    if (isArenaCsvPath(file)) yield* readArenaCsvRecords(file, report);
    else yield* readRecordObjects([file], report, arenaParquetLayout);
  }
}

async function collectArenaBattles(context: CollectContext): Promise<ManifestFields> {
  const { collector, report, settings } = context;
  const files = await listInputFiles(context.inputs, (path) =>
    /\.((json|jsonl|ndjson|csv)(\.gz)?|parquet)$/i.test(path),
  );
  const kind = judgeKindSetting(settings["judge-kind"], "human");
  const defaultJudge = settings["judge-id"] ?? "arena-users";
  const items = arenaItemsSetting(settings.items);
  const seenJudges = new Set<string>();
  for await (const { at, value: record } of readArenaRecords(files, report)) {
    const judge = typeof record.judge === "string" && record.judge !== "" ? record.judge : defaultJudge;
    // The 55k layout numbers its battles (`id`); the others are named by file and row.
    const id = record.battle_id === undefined || record.battle_id === null ? locationId(at) : String(record.battle_id);
    let comparison = mapArenaBattle({ id, record, judge });
    if (comparison === undefined) {
      report.skip("battle without model_a and model_b", at);
      continue;
    }
    if (items === "answers") {
      const answers = arenaAnswerItems(comparison, record);
      if (answers === undefined) {
        report.skip("battle without answer texts (conversation_a/b or response_a/b) for items=answers", at);
        continue;
      }
      comparison = answers.comparison;
      for (const item of answers.items) collector.addItem(item, at);
    }
    // Judges and models repeat on every line of files with millions of battles: add each once.
    if (!seenJudges.has(judge)) {
      seenJudges.add(judge);
      collector.addJudge({ id: judge, kind });
    }
    for (const model of items === "models" ? [comparison.first, comparison.second] : []) {
      // Items are the models themselves, so each is its own producer (self-preference of model judges).
      if (!collector.hasItem(model)) collector.addItem({ id: model, ...producerFields(model) }, at);
    }
    collector.addComparison(comparison, at);
  }
  report.note(
    items === "models"
      ? "items are models; order unknown (Arena shows both answers side by side): first = model_a"
      : "items are answers (<battle>/a, <battle>/b) with their model as producer: rate with --group producer; " +
          "order unknown (side by side): first = answer a",
  );
  return {
    name: "arena-battles",
    description: "Chatbot Arena style battles (model_a, model_b, winner)",
    source: "https://lmarena.ai",
  };
}

/**
 * Chatbot Arena battles: a JSON array, JSONL or Parquet file of `{model_a, model_b, winner, judge, tstamp, turn,
 * language}`; Parquet and CSV files may also be in the 55k Kaggle layout (`id, model_a, model_b, winner_model_a,
 * winner_model_b, winner_tie`), detected by its columns.
 */
export const arenaBattlesImporter = defineImporter({
  format: "arena-battles",
  description:
    "Chatbot Arena battles JSON/JSONL/Parquet, or the 55k CSV (model_a, model_b, winner ∈ model_a | model_b | tie | tie (bothbad), judge, " +
    "tstamp; or the 55k layout id, model_a, model_b, winner_model_a, winner_model_b, winner_tie)",
  settings: {
    "judge-id": "judge for battles without a judge field (default: arena-users)",
    "judge-kind": "llm | human | gold | simulated (default: human)",
    items:
      "models (default: the models are the items) | answers (each battle's two answers, with text and producer, " +
      "from conversation_a/b or response_a/b: for --group producer --control length,markdown)",
  },
  collect: collectArenaBattles,
});
