import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { openByteStream } from "../open-byte-stream.js";

/**
 * csv-parse 7.0.3's records of a CSV/TSV file (header line, BOM, blank lines skipped): the independent reference
 * the repository's CSV scanner is checked against in tests and `pnpm bench csv` (a devDependency only).
 */
export async function csvParseRecords(path: string, delimiter = ","): Promise<Record<string, string>[]> {
  const parser = parse({ bom: true, columns: true, delimiter, skip_empty_lines: true, relax_column_count: false });
  Readable.from(await openByteStream(path)).pipe(parser);
  const records: Record<string, string>[] = [];
  for await (const record of parser as AsyncIterable<Record<string, string>>) records.push(record);
  return records;
}
