import { basename } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { SourceLocation } from "../import-report.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { modelFamily, producerFields } from "../model-family.js";
import { isJsonLinesPath, listInputFiles, readJsonRecords, type SourceRecord } from "../read-source-records.js";
import { mapVicunaReview, type VicunaReview, vicunaReviewJudge } from "./map-vicuna-review.js";

interface Answer {
  readonly model: string;
  readonly questionId: string;
  readonly text?: string;
}

type Row = Record<string, unknown>;
const asText = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

async function readRows(file: string): Promise<SourceRecord<Row>[]> {
  const rows: SourceRecord<Row>[] = [];
  for await (const record of readJsonRecords(file)) {
    if (record.value === null || typeof record.value !== "object") {
      throw new ImportInputError(`${file}:${record.at.line}: expected a JSON object per line`, { file });
    }
    rows.push(record as SourceRecord<Row>);
  }
  return rows;
}

async function collectVicunaReviews(context: CollectContext): Promise<ManifestFields> {
  const { collector, report, settings } = context;
  const files = await listInputFiles(context.inputs, isJsonLinesPath);
  const answers = new Map<string, Answer>();
  const categories = new Map<string, string>();
  const reviews: { rows: SourceRecord<Row>[]; judge: string }[] = [];
  for (const file of files) {
    const rows = await readRows(file);
    const first = rows[0]?.value;
    if (first === undefined) continue;
    if ("score" in first && "answer1_id" in first) {
      reviews.push({ rows, judge: vicunaReviewJudge(basename(file), settings.judge) });
    } else if ("answer_id" in first && "model_id" in first) {
      for (const { value } of rows) {
        const text = asText(value.text);
        answers.set(String(value.answer_id), {
          model: String(value.model_id),
          questionId: String(value.question_id),
          ...(text === undefined ? {} : { text }),
        });
      }
    } else if ("question_id" in first && "category" in first) {
      for (const { value } of rows) categories.set(String(value.question_id), String(value.category));
    } else {
      report.note(`ignored ${basename(file)}: neither reviews, answers nor questions`);
    }
  }
  if (reviews.length === 0)
    throw new ImportInputError("no review files (lines with score and answer1_id) among the inputs");
  if (answers.size === 0) report.note("no answer files given: items are named by answer id, without model or text");
  const itemFor = (answerId: string, questionId: string, at: SourceLocation): string => {
    const answer = answers.get(answerId);
    if (answer === undefined) {
      if (answers.size > 0) report.warn("answer id not found in the answer files: item named by answer id", at);
      return collector.addItem({ id: `answer:${answerId}` }, at);
    }
    const category = categories.get(questionId);
    return collector.addItem(
      {
        id: `${answer.questionId}/${answer.model}`,
        ...producerFields(answer.model),
        ...(category === undefined ? {} : { category }),
        ...(answer.text === undefined ? {} : { text: answer.text, length: answer.text.length }),
      },
      at,
    );
  };
  for (const { rows, judge } of reviews) {
    const family = modelFamily(judge);
    collector.addJudge({ id: judge, kind: "llm", model: judge, ...(family === undefined ? {} : { family }) });
    for (const { at, value } of rows) {
      report.countRead(at.file);
      const review: VicunaReview = {
        questionId: String(value.question_id),
        answer1Id: String(value.answer1_id),
        answer2Id: String(value.answer2_id),
        score: value.score,
        ...(value.reviewer_id === undefined ? {} : { reviewerId: String(value.reviewer_id) }),
        ...(typeof value.text === "string" ? { text: value.text } : {}),
      };
      const first = itemFor(review.answer1Id, review.questionId, at);
      const second = itemFor(review.answer2Id, review.questionId, at);
      collector.addComparison(mapVicunaReview({ review, judge, first, second }), at);
    }
  }
  report.note(
    "order known: the review prompt shows answer 1 (Assistant 1) first; scores [s1, s2] kept in metadata.scores",
  );
  return {
    name: "vicuna-reviews",
    description: "Vicuna-80 reviews: LLM score pairs (1–10) on answer pairs",
    license: "Apache-2.0",
    source: "https://github.com/lm-sys/vicuna-blog-eval",
  };
}

/** Vicuna/FastChat review JSONL (score pairs), with the answer and question JSONL files for items. */
export const vicunaReviewsImporter = defineImporter({
  format: "vicuna-reviews",
  description: "FastChat/Vicuna review JSONL (score: [s1, s2]) with answer_*.jsonl and question.jsonl for items",
  license: "Apache-2.0",
  settings: { judge: "judge id for every review file (default: <judge>_review_… in the file name, else gpt-4)" },
  collect: collectVicunaReviews,
});
