import { createRecordValidator, type RecordKind, type RecordTypes } from "@judgelab/schema";
import { readJsonLines } from "./read-json-lines.js";
import { quote, type ScanContext } from "./scan-context.js";
import { FILE_FIELD, LINE_FIELD } from "./validation-report.js";

/**
 * Reads one JSONL file of records of one kind, reporting unparseable lines and schema problems, and hands
 * each valid record to `onRecord`, which may report more problems (unknown references) by returning
 * `{ field, message }` entries. When `idOf` is given, duplicate ids are problems. Returns the number of
 * non-blank lines (records) read.
 */
export async function scanRecordFile<K extends Exclude<RecordKind, "manifest">>(options: {
  file: string;
  kind: K;
  context: ScanContext;
  idOf?: (record: RecordTypes[K]) => string;
  onRecord: (record: RecordTypes[K], line: number) => readonly { field: string; message: string }[] | undefined;
}): Promise<number> {
  const { file, kind, context, idOf } = options;
  const { problems, moved } = context;
  const validator = createRecordValidator(kind);
  const firstLineOfId = new Map<string, number>();
  let records = 0;
  try {
    for await (const entry of readJsonLines(file, context.lineOptions)) {
      records++;
      if (entry.error !== undefined) {
        problems.add(file, entry.line, entry.field ?? LINE_FIELD, entry.error);
        continue;
      }
      const recordProblems = validator.check(entry.value, moved.buffer);
      moved.flush();
      if (recordProblems.length > 0) {
        for (const problem of recordProblems) problems.add(file, entry.line, problem.field, problem.message);
        continue;
      }
      const record = entry.value as RecordTypes[K];
      if (idOf !== undefined) {
        const id = idOf(record);
        const firstLine = firstLineOfId.get(id);
        if (firstLine !== undefined) {
          problems.add(file, entry.line, "id", `duplicate ${kind} id ${quote(id)} (first on line ${firstLine})`);
          continue;
        }
        firstLineOfId.set(id, entry.line);
      }
      const more = options.onRecord(record, entry.line);
      if (more !== undefined)
        for (const problem of more) problems.add(file, entry.line, problem.field, problem.message);
    }
  } catch (error) {
    problems.add(file, 0, FILE_FIELD, `cannot be read: ${(error as Error).message}`);
  }
  return records;
}

/**
 * Reads a file of records with unique `id`s (items, judges) into `into`, returning the number of records read
 * and the set of valid ids.
 */
export async function scanIdentifiedRecords<K extends "item" | "judge">(options: {
  file: string;
  kind: K;
  context: ScanContext;
  into: RecordTypes[K][];
}): Promise<{ records: number; ids: Set<string> }> {
  const ids = new Set<string>();
  const records = await scanRecordFile({
    file: options.file,
    kind: options.kind,
    context: options.context,
    idOf: (record) => record.id,
    onRecord: (record) => {
      ids.add(record.id);
      options.into.push(record);
      return undefined;
    },
  });
  return { records, ids };
}
