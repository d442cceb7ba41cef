/**
 * Parquet import and table export: generates N Chatbot Arena battles (default 100,000; deterministic, no
 * randomness) and measures, by CPU time (user + system, robust when other processes share the machine):
 *   (a) reference: `arena-battles` import of the rows as JSONL;
 *   (b) the same import from Parquet (hyparquet, one row group at a time), written by `writeTables` (hyparquet-writer);
 *   (c) writing the rows as one table: Parquet (hyparquet-writer), CSV (through a danfo DataFrame) and xlsx (danfo
 *       + SheetJS), each against the JSONL write of (a).
 * Prints each time and its ratio to the reference measured in the same run.
 * Usage: pnpm bench parquet [rows]
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { arenaBattlesImporter } from "@judgelab/importers";
import { type DataTable, tableFromRecords, writeTables } from "@judgelab/report";

const rows = Number(process.argv[2] ?? 100_000);
const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)", "model_a", "model_b"];

function battles(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    question_id: `q${i % 5000}`,
    model_a: `model-${i % 40}`,
    model_b: `model-${(i + 1 + (i % 7)) % 40}`,
    winner: WINNERS[i % WINNERS.length],
    judge: `arena_user_${i % 20000}`,
    turn: 1 + (i % 3),
    anony: i % 2 === 0,
    language: i % 4 === 0 ? "German" : "English",
    tstamp: 1_700_000_000 + i * 1.5,
  }));
}

async function cpuSeconds<T>(run: () => Promise<T>): Promise<{ seconds: number; wall: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { seconds: (used.user + used.system) / 1e6, wall: (performance.now() - started) / 1000, value };
}

const line = (name: string, seconds: number, wall: number, reference: number) =>
  process.stdout.write(
    `${name.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s CPU ${wall.toFixed(2).padStart(7)} s wall   ` +
      `${(seconds / reference).toFixed(2)}× the reference\n`,
  );

const dir = await mkdtemp(path.join(tmpdir(), "judgelab-bench-parquet-"));
try {
  const records = battles(rows);
  const table: DataTable = tableFromRecords("battles", records);
  process.stdout.write(`${rows.toLocaleString("en-US")} Arena battles, ${table.columns.length} columns\n`);
  const jsonl = path.join(dir, "battles.jsonl");
  const writeJsonl = await cpuSeconds(() => writeFile(jsonl, records.map((r) => `${JSON.stringify(r)}\n`).join("")));
  const parquetDir = path.join(dir, "parquet");
  const writeParquet = await cpuSeconds(() => writeTables([table], { format: "parquet", out: parquetDir }));
  const parquet = writeParquet.value[0]!;

  const reference = await cpuSeconds(() => arenaBattlesImporter.import([jsonl], { out: path.join(dir, "from-jsonl") }));
  const fromParquet = await cpuSeconds(() =>
    arenaBattlesImporter.import([parquet], { out: path.join(dir, "from-parquet") }),
  );
  if (fromParquet.value.report.written.comparisons !== reference.value.report.written.comparisons)
    throw new Error("the Parquet import wrote a different number of comparisons than the JSONL import");
  process.stdout.write("\nimport arena-battles (reference: from JSONL)\n");
  line("from JSONL (reference)", reference.seconds, reference.wall, reference.seconds);
  line("from Parquet (hyparquet)", fromParquet.seconds, fromParquet.wall, reference.seconds);

  const csv = await cpuSeconds(() => writeTables([table], { format: "csv", out: path.join(dir, "csv") }));
  const xlsx = await cpuSeconds(() => writeTables([table], { format: "xlsx", out: path.join(dir, "battles.xlsx") }));
  process.stdout.write("\nwrite one table (reference: JSON.stringify to JSONL)\n");
  line("JSONL (reference)", writeJsonl.seconds, writeJsonl.wall, writeJsonl.seconds);
  line("Parquet (hyparquet-writer)", writeParquet.seconds, writeParquet.wall, writeJsonl.seconds);
  line("CSV (danfo DataFrame, RFC 4180)", csv.seconds, csv.wall, writeJsonl.seconds);
  line("xlsx (danfo DataFrame + SheetJS)", xlsx.seconds, xlsx.wall, writeJsonl.seconds);
} finally {
  await rm(dir, { recursive: true, force: true });
}
