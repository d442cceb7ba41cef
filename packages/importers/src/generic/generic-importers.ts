import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import {
  listInputFiles,
  locationId,
  readJsonRecords,
  readTableRows,
  type SourceRecord,
} from "../read-source-records.js";
import { COLUMN_MAPPING_KEYS, type ColumnMapping, resolveColumnMapping } from "./column-mapping.js";
import { readGenericParquet } from "./generic-parquet-reader.js";
import { mapGenericRecord, readField } from "./map-generic-record.js";

type RecordReader = (file: string, mapping: ColumnMapping) => AsyncIterable<SourceRecord>;

function collectGeneric(kind: "jsonl" | "csv" | "parquet", read: RecordReader, accept: (path: string) => boolean) {
  return async (context: CollectContext): Promise<ManifestFields> => {
    const { collector, report } = context;
    const mapping = await resolveColumnMapping(context.settings);
    const files = await listInputFiles(context.inputs, accept);
    const seenJudges = new Set<string>();
    // Mapped columns no record has: a typo or the wrong file, which would otherwise skip or blank every record.
    const missing = new Map(mappedColumns(mapping));
    let firstColumns: string[] | undefined;
    for (const file of files) {
      for await (const { at, value } of read(file, mapping)) {
        report.countRead(file);
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          report.skip("record is not an object", at);
          continue;
        }
        firstColumns ??= Object.keys(value);
        if (missing.size > 0) {
          for (const column of missing.keys()) {
            if (readField(value as Record<string, unknown>, column) !== undefined) missing.delete(column);
          }
        }
        const mapped = mapGenericRecord(value as Record<string, unknown>, mapping, locationId(at));
        if ("skip" in mapped) {
          report.skip(mapped.skip, at);
          continue;
        }
        if (!seenJudges.has(mapped.comparison.judge)) {
          seenJudges.add(mapped.comparison.judge);
          collector.addJudge({ id: mapped.comparison.judge, kind: mapping.judgeKind });
        }
        collector.addComparison(mapped.comparison, at);
      }
    }
    if (firstColumns !== undefined && missing.size > 0) {
      const list = [...missing].map(([column, key]) => `--map ${key}=${column}`).join(", ");
      throw new ImportInputError(
        `${context.inputs.join(", ")}: no record has the mapped column${missing.size === 1 ? "" : "s"} of ${list}; ` +
          `the records have: ${firstColumns.join(", ")}`,
      );
    }
    report.note(
      `mapping: ${mapping.first} → first, ${mapping.second} → second, ${mapping.verdict ?? mapping.winner} → verdict`,
    );
    return { name: `${kind}-import`, description: `comparisons imported from ${kind} with a column mapping` };
  };
}

/** Source column → the mapping key that names it, for every key that names a column. */
function mappedColumns(mapping: ColumnMapping): [string, string][] {
  const columns: [string, string][] = [
    [mapping.first, "first"],
    [mapping.second, "second"],
  ];
  const optional: [string | undefined, string][] = [
    [mapping.verdict, "verdict"],
    [mapping.winner, "winner"],
    [mapping.judge, "judge"],
    [mapping.id, "id"],
    [mapping.prompt, "prompt"],
    [mapping.matchId, "match"],
    [mapping.repetition, "repetition"],
    [mapping.condition, "condition"],
    [mapping.rationale, "rationale"],
    [mapping.createdAt, "created-at"],
    [mapping.strength, "strength"],
    [mapping.preference, "preference"],
    [mapping.order !== undefined && "field" in mapping.order ? mapping.order.field : undefined, "order"],
  ];
  for (const [column, key] of optional) if (column !== undefined) columns.push([column, key]);
  return columns;
}

/** Generic JSON Lines (or JSON array) of comparisons, with a column mapping. */
export const jsonlImporter = defineImporter({
  format: "jsonl",
  description:
    "any JSONL/JSON array of pairwise judgments, with a column mapping (--map first=…,second=…,verdict=… or winner=…)",
  settings: COLUMN_MAPPING_KEYS,
  collect: collectGeneric("jsonl", readJsonRecords, (path) => /\.(jsonl|ndjson|json)(\.gz)?$/i.test(path)),
});

/** Generic CSV/TSV of comparisons, with a column mapping. */
export const csvImporter = defineImporter({
  format: "csv",
  description:
    "any CSV/TSV of pairwise judgments, with a column mapping (--map first=…,second=…,verdict=… or winner=…)",
  settings: COLUMN_MAPPING_KEYS,
  collect: collectGeneric("csv", readTableRows as RecordReader, (path) => /\.(csv|tsv)(\.gz)?$/i.test(path)),
});

/** Generic Parquet of comparisons, with a column mapping checked against the file's schema before reading. */
export const genericParquetImporter = defineImporter({
  format: "generic-parquet",
  description:
    "any Parquet file of pairwise judgments, with a column mapping (--map first=…,second=…,verdict=… or winner=…); " +
    "mapped columns missing from the schema are named with their expected types",
  settings: COLUMN_MAPPING_KEYS,
  collect: collectGeneric("parquet", readGenericParquet, (path) => /\.parquet$/i.test(path)),
});
