import { type ComparisonTable, type ModelFamilyTable, modelFamily } from "@judgelab/datasets";
import type { AnalysisInput, AnalysisOptions, AssessmentColumns, ReferenceColumns } from "./analysis-input.js";
import type { ItemGrouping } from "./group-comparison-table.js";

/** The fields of an item record this package reads (structurally compatible with the schema's Item). */
export interface ItemRecordLike {
  readonly id: string;
  readonly category?: string | undefined;
  readonly length?: number | undefined;
  readonly text?: string | undefined;
  readonly producer?: string | undefined;
  readonly producerFamily?: string | undefined;
}

/** The fields of a judge record this package reads. */
export interface JudgeRecordLike {
  readonly id: string;
  readonly kind?: string | undefined;
  readonly model?: string | undefined;
  readonly family?: string | undefined;
}

/** The fields of an assessment record this package reads. */
export interface AssessmentRecordLike {
  readonly item: string;
  readonly judge: string;
  readonly scores: Readonly<Record<string, number>>;
}

/** Per-item (`kind: "item"`) or per-pair (`kind: "pair"`) reference records. */
export type ReferenceRecordLike =
  | { readonly kind: "item"; readonly item: string; readonly name: string; readonly score?: number | undefined }
  | {
      readonly kind: "pair";
      readonly a: string;
      readonly b: string;
      readonly name: string;
      readonly winner: "a" | "b" | "tie";
      readonly prompt?: string | undefined;
    };

/** A problem found while encoding records (unknown ids); the caller decides whether it is fatal. */
export interface EncodingProblem {
  readonly record: "assessment" | "reference";
  readonly index: number;
  readonly message: string;
}

/**
 * Encodes loaded records as {@link AnalysisInput} columns aligned with the table's dictionaries:
 * item info (category, length = `length` or the text's length, producer and its family), judge info (kind, family),
 * assessments (score = `scores.overall`, else the only score), references (per-item scores of the first
 * reference name, per-pair labels). Assessment judges missing from the table are appended to a copy of its
 * judge dictionary. Unknown item ids are returned as problems, never dropped silently.
 */
export function buildAnalysisInput(options: {
  table: ComparisonTable;
  items?: readonly ItemRecordLike[];
  judges?: readonly JudgeRecordLike[];
  assessments?: readonly AssessmentRecordLike[];
  references?: readonly ReferenceRecordLike[];
  /**
   * A model-family table (e.g. from a `--families` file): when given, item producer families are recomputed from
   * `producer` and judge families from `model` (else the judge id) by exact prefix, replacing the stored fields.
   */
  families?: ModelFamilyTable | undefined;
  /** Rate groups of items (see {@link AnalysisInput.grouping}). */
  grouping?: ItemGrouping | undefined;
  analysis: AnalysisOptions;
}): { input: AnalysisInput; problems: EncodingProblem[] } {
  const problems: EncodingProblem[] = [];
  const itemCode = new Map(options.table.itemIds.map((id, code) => [id, code]));
  const judgeIds = [...options.table.judgeIds];
  const judgeCode = new Map(judgeIds.map((id, code) => [id, code]));
  const itemCount = options.table.itemIds.length;
  const byItem = new Map((options.items ?? []).map((item) => [item.id, item]));
  const length = new Float64Array(itemCount).fill(Number.NaN);
  const category: (string | undefined)[] = new Array(itemCount).fill(undefined);
  const producerFamily: (string | undefined)[] = new Array(itemCount).fill(undefined);
  const producer: (string | undefined)[] = new Array(itemCount).fill(undefined);
  options.table.itemIds.forEach((id, code) => {
    const item = byItem.get(id);
    if (item === undefined) return;
    length[code] = item.length ?? item.text?.length ?? Number.NaN;
    category[code] = item.category;
    producerFamily[code] =
      options.families === undefined
        ? item.producerFamily
        : item.producer === undefined
          ? undefined
          : modelFamily(item.producer, options.families);
    producer[code] = item.producer;
  });

  let assessments: AssessmentColumns | undefined;
  if (options.assessments !== undefined && options.assessments.length > 0) {
    const item: number[] = [];
    const judge: number[] = [];
    const score: number[] = [];
    options.assessments.forEach((record, index) => {
      const code = itemCode.get(record.item);
      if (code === undefined) {
        problems.push({ record: "assessment", index, message: `unknown item "${record.item}"` });
        return;
      }
      const values = Object.values(record.scores);
      const value = record.scores.overall ?? (values.length === 1 ? values[0] : undefined);
      if (value === undefined) {
        problems.push({ record: "assessment", index, message: "no `overall` score and more than one score" });
        return;
      }
      let judgeCodeValue = judgeCode.get(record.judge);
      if (judgeCodeValue === undefined) {
        judgeCodeValue = judgeIds.length;
        judgeIds.push(record.judge);
        judgeCode.set(record.judge, judgeCodeValue);
      }
      item.push(code);
      judge.push(judgeCodeValue);
      score.push(value);
    });
    assessments = { item: Int32Array.from(item), judge: Int32Array.from(judge), score: Float64Array.from(score) };
  }

  const byJudge = new Map((options.judges ?? []).map((judge) => [judge.id, judge]));
  const kind = judgeIds.map((id) => byJudge.get(id)?.kind);
  const family = judgeIds.map((id) =>
    options.families === undefined
      ? byJudge.get(id)?.family
      : modelFamily(byJudge.get(id)?.model ?? id, options.families),
  );
  const table = judgeIds.length === options.table.judgeIds.length ? options.table : { ...options.table, judgeIds };
  const references = encodeReferences(options.references ?? [], itemCode, options.table, problems);
  const input: AnalysisInput = {
    table,
    items: { length, category, producer, producerFamily },
    judges: { kind, family },
    ...(assessments === undefined ? {} : { assessments }),
    ...(references === undefined ? {} : { references }),
    ...(options.grouping === undefined ? {} : { grouping: options.grouping }),
    options: options.analysis,
  };
  return { input, problems };
}

function encodeReferences(
  records: readonly ReferenceRecordLike[],
  itemCode: Map<string, number>,
  table: ComparisonTable,
  problems: EncodingProblem[],
): ReferenceColumns | undefined {
  if (records.length === 0) return undefined;
  const itemName = records.find((record) => record.kind === "item")?.name;
  const itemScore = itemName === undefined ? undefined : new Float64Array(table.itemIds.length).fill(Number.NaN);
  const promptCode = new Map(table.promptIds.map((id, code) => [id, code]));
  const a: number[] = [];
  const b: number[] = [];
  const winner: number[] = [];
  const prompt: number[] = [];
  records.forEach((record, index) => {
    if (record.kind === "item") {
      if (record.name !== itemName || record.score === undefined) return;
      const code = itemCode.get(record.item);
      if (code === undefined) problems.push({ record: "reference", index, message: `unknown item "${record.item}"` });
      else itemScore![code] = record.score;
      return;
    }
    const codeA = itemCode.get(record.a);
    const codeB = itemCode.get(record.b);
    if (codeA === undefined || codeB === undefined) {
      problems.push({
        record: "reference",
        index,
        message: `unknown item "${codeA === undefined ? record.a : record.b}"`,
      });
      return;
    }
    a.push(codeA);
    b.push(codeB);
    winner.push(record.winner === "a" ? 0 : record.winner === "b" ? 1 : 2);
    prompt.push(record.prompt === undefined ? -1 : (promptCode.get(record.prompt) ?? -2));
  });
  const name = itemName ?? records[0]!.name;
  const pairName = records.find((record) => record.kind === "pair")?.name;
  return {
    name,
    ...(pairName === undefined ? {} : { pairName }),
    ...(itemScore === undefined ? {} : { itemScore }),
    ...(a.length === 0
      ? {}
      : {
          pairs: {
            a: Int32Array.from(a),
            b: Int32Array.from(b),
            winner: Uint8Array.from(winner),
            prompt: Int32Array.from(prompt),
          },
        }),
  };
}
