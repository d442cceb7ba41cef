import { statSync } from "node:fs";
import { type Comparison, createRecordValidator } from "@judgelab/schema";
import { checkJsonLine } from "./check-json-line.js";
import { ComparisonLinkChecker, type IdSet } from "./comparison-link-checker.js";
import type { ComparisonTableBuilder } from "./comparison-table-builder.js";
import { hashString64 } from "./id-hash-set.js";
import { describeJsonLineError, INVALID_UTF8_MESSAGE, isBlankLine, overlongLineMessage } from "./read-json-lines.js";
import { readLineBatches } from "./read-line-batches.js";
import { quote, type ScanContext } from "./scan-context.js";
import type { StringDictionary } from "./string-dictionary.js";
import { FILE_FIELD, LINE_FIELD } from "./validation-report.js";

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
 * given; without a table builder, memory grows only with the 64-bit id hashes used to find duplicate comparison
 * ids (10.7–21.3 bytes per row). Ids whose hashes repeat are confirmed by a second pass over the file, which runs
 * only when there are such ids.
 */
export async function scanComparisons(options: ScanComparisonsOptions): Promise<ScanComparisonsResult> {
  const { file, context, itemIds, judgeIds, builder, keep } = options;
  const { problems, moved } = context;
  const validator = createRecordValidator("comparison");
  const links = new ComparisonLinkChecker({
    file,
    problems,
    itemIds,
    judgeIds,
    collectImplied: builder === undefined,
    expectedRows: expectedRows(file),
  });
  const movedBuffer = moved.buffer;
  let records = 0;
  let valid = 0;
  try {
    for await (const batch of readLineBatches(file, context.lineOptions)) {
      const { lines, overlong, invalidUtf8 } = batch;
      context.onProgress?.({ file, lines: batch.firstLine - 1, problems: problems.count });
      let overlongIndex = 0;
      let invalidIndex = 0;
      for (let index = 0; index < lines.length; index++) {
        const line = batch.firstLine + index;
        if (overlong[overlongIndex] === index) {
          overlongIndex++;
          records++;
          problems.add(file, line, LINE_FIELD, overlongLineMessage(context.lineOptions.maxLineLength));
          continue;
        }
        const text = lines[index] as string;
        if (invalidUtf8[invalidIndex] === index) {
          invalidIndex++;
          records++;
          problems.add(file, line, LINE_FIELD, INVALID_UTF8_MESSAGE);
          continue;
        }
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && isBlankLine(text))) continue;
        records++;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          problems.add(file, line, LINE_FIELD, describeJsonLineError(batch, index, (error as Error).message));
          continue;
        }
        const lineProblem = checkJsonLine(text, value);
        if (lineProblem !== undefined) {
          problems.add(
            file,
            line,
            lineProblem.field === "(line)" ? LINE_FIELD : lineProblem.field,
            lineProblem.message,
          );
          continue;
        }
        const recordProblems = validator.check(value, movedBuffer);
        if (movedBuffer.length > 0) moved.flush();
        for (const problem of recordProblems) problems.add(file, line, problem.field, problem.message);
        if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
        const linksValid = links.check(value as Record<string, unknown>, line, recordProblems.length === 0);
        if (recordProblems.length > 0 || !linksValid) continue;
        const comparison = value as Comparison;
        valid++;
        builder?.add(comparison);
        keep?.push(comparison);
      }
    }
    if (links.suspectHashes.size > 0) await confirmDuplicateIds(file, links.suspectHashes, context);
  } catch (error) {
    problems.add(file, 0, FILE_FIELD, `cannot be read: ${(error as Error).message}`);
  }
  return { records, valid, impliedItems: links.impliedItems, impliedJudges: links.impliedJudges };
}

/**
 * Rows expected in a plain comparisons file: its size / 160 bytes (a typical comparison line is 150–200 bytes), so
 * the id-hash table is allocated once at its final size instead of doubling through copies that all count in the
 * peak memory. Compressed files (size unknown before reading) start small and grow.
 */
function expectedRows(file: string): number {
  if (file.endsWith(".gz")) return 0;
  try {
    return Math.floor(statSync(file).size / 160);
  } catch {
    return 0;
  }
}

/**
 * The second pass of duplicate-id detection: reads the ids again, and for those whose hash was seen twice, reports
 * every repeat of an id with the line of its first occurrence (ids that only share a hash are not reported).
 */
async function confirmDuplicateIds(file: string, suspects: ReadonlySet<string>, context: ScanContext): Promise<void> {
  const firstLine = new Map<string, number>();
  for await (const batch of readLineBatches(file, context.lineOptions)) {
    for (let index = 0; index < batch.lines.length; index++) {
      const text = batch.lines[index] as string;
      if (text.length === 0) continue;
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown } | null)?.id;
      } catch {
        continue; // reported by the first pass
      }
      if (typeof id !== "string" || !suspects.has(hashString64(id).join(":"))) continue;
      const line = batch.firstLine + index;
      const first = firstLine.get(id);
      if (first === undefined) firstLine.set(id, line);
      else context.problems.add(file, line, "id", `duplicate comparison id ${quote(id)} (first on line ${first})`);
    }
  }
}
