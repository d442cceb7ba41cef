/**
 * `pnpm bench csv [rows]`: the repository's CSV readers on one generated file (default 100,000 rows) with a
 * UTF-8 BOM, CRLF line ends, quoted fields holding commas, doubled quotes and newlines, and empty fields. Each
 * reader's records are compared with csv-parse's (the reference, a devDependency of datasets) and its time printed
 * as a ratio to the reference measured in the same run. Readers:
 * - csv-parse 7.0.3, streaming: what datasets' readCsvRecords used before this benchmark; the reference;
 * - datasets `readCsvRecords`: the indexOf scanner over streamed pieces (constant memory), `.gz` transparent; the
 *   one CSV path now (importers and the analytics test helpers use it);
 * - datasets `parseDelimitedText`: the same scanner over the whole text at once;
 * - ratings test-support `readRCsv`: line split (tests only, small R-written files without embedded commas;
 *   ratings cannot depend on datasets).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDelimitedText, readCsvRecords } from "@judgelab/datasets";
import { csvParseRecords } from "../../packages/datasets/src/test-support/csv-parse-records.js";
import { readRCsv } from "../../packages/ratings/src/test-support/shared-datasets.js";

const rows = Number(process.argv[2] ?? 100_000);
const folder = mkdtempSync(path.join(tmpdir(), "judgelab-csv-bench-"));
const file = path.join(folder, "table.csv");

/** One field as a CSV writer would quote it. */
function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
const lines = ["id,model,prompt,score,note"];
for (let row = 0; row < rows; row++) {
  const prompt = row % 7 === 0 ? `line one, with a comma\nline "two"` : `prompt ${row} about items ${row % 97}`;
  const note = row % 11 === 0 ? "" : row % 13 === 0 ? 'said "fine"' : `n${row}`;
  lines.push([`r${row}`, `model-${row % 5}`, prompt, String((row * 37) % 101), note].map(quote).join(","));
}
writeFileSync(file, `\ufeff${lines.join("\r\n")}\r\n`);
const megabytes = (readFileSync(file).length / 1e6).toFixed(1);

type Row = Record<string, string>;
async function time<T>(run: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}
/** The first difference from the reference, or "" when every record is equal. */
function firstDifference(records: readonly Row[], reference: readonly Row[]): string {
  if (records.length !== reference.length) return `${records.length} records instead of ${reference.length}`;
  for (let index = 0; index < reference.length; index++) {
    const a = JSON.stringify(records[index]);
    const b = JSON.stringify(reference[index]);
    if (a !== b) return `record ${index + 1}: ${a.slice(0, 80)} instead of ${b.slice(0, 80)}`;
  }
  return "";
}

const readers: { name: string; read: () => Promise<Row[]> | Row[] }[] = [
  {
    name: "csv-parse 7.0.3 (streaming, the former reader)",
    read: () => csvParseRecords(file),
  },
  {
    name: "datasets readCsvRecords (scanner, streaming)",
    read: async () => {
      const records: Row[] = [];
      for await (const row of readCsvRecords(file)) records.push(row.record);
      return records;
    },
  },
  {
    name: "datasets parseDelimitedText (scanner, in memory)",
    read: () =>
      Array.from(parseDelimitedText(readFileSync(file, "utf8"), { delimiter: ",", file }), (row) => row.record),
  },
  { name: "ratings test-support readRCsv (line split)", read: () => readRCsv(file) },
];

process.stdout.write(`csv readers on ${rows} rows (${megabytes} MB: BOM, CRLF, quoted commas, quotes, newlines)\n`);
let reference: { seconds: number; value: Row[] } | undefined;
for (const reader of readers) {
  // Best of three runs: the first warms the JIT.
  let best: { seconds: number; value: Row[] } | undefined;
  for (let run = 0; run < 3; run++) {
    const measured = await time(reader.read);
    if (best === undefined || measured.seconds < best.seconds) best = measured;
  }
  if (best === undefined) continue;
  reference ??= best;
  const difference = firstDifference(best.value, reference.value);
  process.stdout.write(
    `${reader.name.padEnd(52)} ${best.seconds.toFixed(3)} s  ratio ${(best.seconds / reference.seconds).toFixed(2)}  ` +
      `${difference === "" ? "correct" : `WRONG: ${difference}`}\n`,
  );
}
rmSync(folder, { recursive: true, force: true });
