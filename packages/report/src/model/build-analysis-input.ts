import type { AnalysisInput, AnalysisOptions, AssessmentColumns, ReferenceColumns } from "@judgelab/analytics";
import type { ComparisonTable, LoadedDataset } from "@judgelab/datasets";

/**
 * Encodes a loaded dataset for `analyzeJudges`: per-item category, length and producer family, per-judge kind and
 * family, pointwise assessments (`scores.overall`) and references as codes of the comparison table. Judges that
 * only assessed (made no comparison) are appended to the judge dictionary, as the analysis input allows. References
 * are analysed under one name: the first one in references.jsonl (records under other names are not used).
 */
export function buildAnalysisInput(dataset: LoadedDataset, options: AnalysisOptions): AnalysisInput {
  const table = dataset.table;
  const itemRecords = new Map(dataset.items.map((item) => [item.id, item]));
  const judgeRecords = new Map(dataset.judges.map((judge) => [judge.id, judge]));
  const itemCode = new Map(table.itemIds.map((id, code) => [id, code]));
  const judgeIds = [...table.judgeIds];
  const judgeCode = new Map(judgeIds.map((id, code) => [id, code]));
  const assessed = dataset.assessments.filter(
    (assessment) => assessment.scores.overall !== undefined && itemCode.has(assessment.item),
  );
  for (const assessment of assessed) {
    if (!judgeCode.has(assessment.judge)) {
      judgeCode.set(assessment.judge, judgeIds.length);
      judgeIds.push(assessment.judge);
    }
  }
  const extendedTable: ComparisonTable = judgeIds.length === table.judgeIds.length ? table : { ...table, judgeIds };
  const items = table.itemIds.map((id) => itemRecords.get(id));
  const lengths = items.map((item) => item?.length ?? item?.text?.length ?? Number.NaN);
  const assessments: AssessmentColumns | undefined =
    assessed.length === 0
      ? undefined
      : {
          item: Int32Array.from(assessed, (assessment) => itemCode.get(assessment.item)!),
          judge: Int32Array.from(assessed, (assessment) => judgeCode.get(assessment.judge)!),
          score: Float64Array.from(assessed, (assessment) => assessment.scores.overall!),
        };
  return {
    table: extendedTable,
    items: {
      category: items.map((item) => item?.category ?? item?.categories?.[0]),
      length: Float64Array.from(lengths),
      producerFamily: items.map((item) => item?.producerFamily),
    },
    judges: {
      kind: judgeIds.map((id) => judgeRecords.get(id)?.kind),
      family: judgeIds.map((id) => judgeRecords.get(id)?.family),
    },
    ...(assessments === undefined ? {} : { assessments }),
    ...referenceColumns(dataset, itemCode, table),
    options,
  };
}

function referenceColumns(
  dataset: LoadedDataset,
  itemCode: ReadonlyMap<string, number>,
  table: ComparisonTable,
): { references?: ReferenceColumns } {
  if (dataset.references.length === 0) return {};
  const name = dataset.references[0]!.name;
  const itemScore = new Float64Array(table.itemIds.length).fill(Number.NaN);
  let hasItemScores = false;
  const a: number[] = [];
  const b: number[] = [];
  const winner: number[] = [];
  const prompt: number[] = [];
  const promptCode = new Map(table.promptIds.map((id, code) => [id, code]));
  for (const reference of dataset.references) {
    if (reference.name !== name) continue;
    if (reference.kind === "item") {
      const code = itemCode.get(reference.item);
      if (code !== undefined && reference.score !== undefined) {
        itemScore[code] = reference.score;
        hasItemScores = true;
      }
    } else {
      const codeA = itemCode.get(reference.a);
      const codeB = itemCode.get(reference.b);
      if (codeA === undefined || codeB === undefined) continue;
      a.push(codeA);
      b.push(codeB);
      winner.push(reference.winner === "a" ? 0 : reference.winner === "b" ? 1 : 2);
      prompt.push(reference.prompt === undefined ? -1 : (promptCode.get(reference.prompt) ?? -1));
    }
  }
  return {
    references: {
      name,
      ...(hasItemScores ? { itemScore } : {}),
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
    },
  };
}
