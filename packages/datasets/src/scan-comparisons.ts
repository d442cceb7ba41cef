import { type Comparison, createRecordValidator } from "@judgelab/schema";
import type { ComparisonTableBuilder } from "./comparison-table-builder.js";
import { describeJsonLineError, isBlankLine, overlongLineMessage } from "./read-json-lines.js";
import { readLineBatches } from "./read-line-batches.js";
import { quote, type ScanContext } from "./scan-context.js";
import { StringDictionary } from "./string-dictionary.js";
import { FILE_FIELD, LINE_FIELD } from "./validation-report.js";

/** A set of ids (a `Set` or, faster on fresh strings, a {@link StringDictionary}). */
export interface IdSet {
  has(id: string): boolean;
}

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** What the comparisons pass checks against and where valid comparisons go. */
export interface ScanComparisonsOptions {
  file: string;
  context: ScanContext;
  /** Known item ids; `undefined` means items are implied by the comparisons. */
  itemIds: IdSet | undefined;
  /** Known judge ids; `undefined` means judges are implied (no judges.jsonl). */
  judgeIds: IdSet | undefined;
  /** Receives every valid comparison (builds the columnar table). */
  builder?: ComparisonTableBuilder;
  /** Receives every valid comparison record (only when the caller keeps records). */
  keep?: Comparison[];
}

/** Result of the comparisons pass. */
export interface ScanComparisonsResult {
  /** Non-blank lines read. */
  records: number;
  /** Valid comparisons. */
  valid: number;
  /** Items referenced by valid comparisons (filled only when items are implied and there is no builder). */
  impliedItems: StringDictionary;
  /** Judges referenced by valid comparisons (filled only when judges are implied and there is no builder). */
  impliedJudges: StringDictionary;
}

/**
 * The hot path: streams a comparisons JSONL file batch by batch (split lines, `JSON.parse`, ajv check,
 * referential checks, dictionary-encode into the table builder). Keeps no per-row object unless `keep` is
 * given; memory grows only with the id table used to find duplicate comparison ids (about 20 bytes per row
 * plus the id strings).
 */
export async function scanComparisons(options: ScanComparisonsOptions): Promise<ScanComparisonsResult> {
  const { file, context, itemIds, judgeIds, builder, keep } = options;
  const { problems, moved } = context;
  const validator = createRecordValidator("comparison");
  // Comparison ids → code; lineOfId[code] is the line where the id first appeared.
  const seenIds = new StringDictionary();
  let lineOfId: Int32Array = new Int32Array(1024);
  const impliedItems = new StringDictionary();
  const impliedJudges = new StringDictionary();
  const movedBuffer = moved.buffer;
  let records = 0;
  let valid = 0;
  try {
    for await (const batch of readLineBatches(file, context.lineOptions)) {
      const { lines, overlong } = batch;
      context.onProgress?.({ file, lines: batch.firstLine - 1, problems: problems.count });
      let overlongIndex = 0;
      for (let index = 0; index < lines.length; index++) {
        const line = batch.firstLine + index;
        if (overlong[overlongIndex] === index) {
          overlongIndex++;
          records++;
          problems.add(file, line, LINE_FIELD, overlongLineMessage(context.lineOptions.maxLineLength));
          continue;
        }
        const text = lines[index] as string;
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && isBlankLine(text))) continue;
        records++;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          problems.add(file, line, LINE_FIELD, describeJsonLineError(batch, index, (error as Error).message));
          continue;
        }
        const recordProblems = validator.check(value, movedBuffer);
        if (movedBuffer.length > 0) moved.flush();
        if (recordProblems.length > 0) {
          for (const problem of recordProblems) problems.add(file, line, problem.field, problem.message);
          continue;
        }
        const comparison = value as Comparison;
        const before = problems.count;
        const idCount = seenIds.size;
        const idCode = seenIds.encode(comparison.id);
        if (idCode === idCount) {
          if (idCode === lineOfId.length) lineOfId = growInt32(lineOfId);
          lineOfId[idCode] = line;
        } else
          problems.add(
            file,
            line,
            "id",
            `duplicate comparison id ${quote(comparison.id)} (first on line ${lineOfId[idCode]})`,
          );
        if (comparison.first === comparison.second) {
          problems.add(
            file,
            line,
            "second",
            `is the same item as first (${quote(comparison.first)}): an item compared with itself`,
          );
        }
        if (itemIds === undefined) {
          // With a builder the table's item dictionary is the implied item set; skip the duplicate work.
          if (builder === undefined) {
            impliedItems.encode(comparison.first);
            impliedItems.encode(comparison.second);
          }
        } else {
          if (!itemIds.has(comparison.first))
            problems.add(file, line, "first", `unknown item id ${quote(comparison.first)}`);
          if (!itemIds.has(comparison.second))
            problems.add(file, line, "second", `unknown item id ${quote(comparison.second)}`);
        }
        if (judgeIds === undefined) {
          if (builder === undefined) impliedJudges.encode(comparison.judge);
        } else if (!judgeIds.has(comparison.judge))
          problems.add(file, line, "judge", `unknown judge id ${quote(comparison.judge)}`);
        if (problems.count !== before) continue;
        valid++;
        builder?.add(comparison);
        keep?.push(comparison);
      }
    }
  } catch (error) {
    problems.add(file, 0, FILE_FIELD, `cannot be read: ${(error as Error).message}`);
  }
  return { records, valid, impliedItems, impliedJudges };
}
