import { defineImporter } from "../define-importer.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { checkParquetColumns, type ExpectedParquetType } from "../parquet/parquet-column-types.js";
import type { OpenedParquetFile } from "../parquet/read-parquet-records.js";
import { readRecordObjects } from "../parquet/read-record-objects.js";
import { listInputFiles, locationId } from "../read-source-records.js";
import {
  mapMtBenchHumanJudgment,
  mapMtBenchPairJudgment,
  mtBenchConversationText,
  mtBenchItem,
  mtBenchJudge,
} from "./map-mt-bench-judgment.js";

/** Columns of the MT-Bench human-judgment release (lmsys/mt_bench_human_judgments, splits `human` and `gpt4_pair`). */
export const MT_BENCH_HUMAN_COLUMNS = {
  required: {
    question_id: "string or integer",
    model_a: "string",
    model_b: "string",
    winner: "string",
    judge: "string",
    turn: "integer",
  },
  optional: { conversation_a: "conversation", conversation_b: "conversation" },
} as const satisfies {
  required: Record<string, ExpectedParquetType>;
  optional: Record<string, ExpectedParquetType>;
};

function checkMtBenchParquet(opened: OpenedParquetFile): undefined {
  checkParquetColumns(opened.path, opened.columns, { name: "MT-Bench human judgments", ...MT_BENCH_HUMAN_COLUMNS });
  return undefined;
}

async function collectMtBench(context: CollectContext): Promise<ManifestFields> {
  const { collector, report } = context;
  const files = await listInputFiles(context.inputs, (path) => /\.((json|jsonl)(\.gz)?|parquet)$/i.test(path));
  let pairRecords = 0;
  let humanRecords = 0;
  for await (const { at, value: record } of readRecordObjects(files, report, checkMtBenchParquet)) {
    collector.addJudge(mtBenchJudge(record.judge).judge);
    if ("g1_winner" in record) {
      const comparisons = mapMtBenchPairJudgment(record);
      if (comparisons === undefined) {
        report.skip("pairwise judgment without question_id, model_1 and model_2", at);
        continue;
      }
      pairRecords++;
      for (const comparison of comparisons) collector.addComparison(comparison, at);
      continue;
    }
    const comparison = mapMtBenchHumanJudgment(locationId(at), record);
    if (comparison === undefined) {
      report.skip("judgment without question_id, model_a/model_b and winner (or g1_winner)", at);
      continue;
    }
    humanRecords++;
    const { question_id: questionId, turn, model_a: modelA, model_b: modelB } = record;
    collector.addItem(
      mtBenchItem(questionId, turn, String(modelA), mtBenchConversationText(record.conversation_a, turn)),
      at,
    );
    collector.addItem(
      mtBenchItem(questionId, turn, String(modelB), mtBenchConversationText(record.conversation_b, turn)),
      at,
    );
    collector.addComparison(comparison, at);
  }
  if (pairRecords > 0) {
    report.note(
      "FastChat pairwise judgments: game 1 shows model_1 first, game 2 model_2 first (order known), sharing a matchId",
    );
  }
  if (humanRecords > 0)
    report.note("human-judgment records do not record presentation order: order unknown, first = model_a");
  return {
    name: "mt-bench",
    description: "MT-Bench pairwise judgments (FastChat LLM judge games and human judgments)",
    license: "CC BY 4.0 (human judgments); Apache-2.0 (FastChat judgments)",
    source: "https://github.com/lm-sys/FastChat/tree/main/fastchat/llm_judge",
  };
}

/** MT-Bench: FastChat `model_judgment/*_pair.jsonl` and the human-judgment records (JSON, JSONL or Parquet). */
export const mtBenchImporter = defineImporter({
  format: "mt-bench",
  description:
    "MT-Bench FastChat pairwise judgment JSONL (g1_winner/g2_winner) and human judgments JSON/JSONL/Parquet " +
    "(question_id, model_a, model_b, winner, judge, conversation_a/b, turn; HF splits human and gpt4_pair)",
  collect: collectMtBench,
});
