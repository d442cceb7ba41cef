import { defineImporter } from "../define-importer.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import {
  listInputFiles,
  locationId,
  readJsonRecords,
  readTableRows,
  type SourceRecord,
} from "../read-source-records.js";
import { COLUMN_MAPPING_KEYS, resolveColumnMapping } from "./column-mapping.js";
import { mapGenericRecord } from "./map-generic-record.js";

type RecordReader = (file: string) => AsyncIterable<SourceRecord>;

function collectGeneric(kind: "jsonl" | "csv", read: RecordReader, accept: (path: string) => boolean) {
  return async (context: CollectContext): Promise<ManifestFields> => {
    const { collector, report } = context;
    const mapping = await resolveColumnMapping(context.settings);
    const files = await listInputFiles(context.inputs, accept);
    const seenJudges = new Set<string>();
    for (const file of files) {
      for await (const { at, value } of read(file)) {
        report.countRead(file);
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          report.skip("record is not an object", at);
          continue;
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
    report.note(
      `mapping: ${mapping.first} → first, ${mapping.second} → second, ${mapping.verdict ?? mapping.winner} → verdict`,
    );
    return { name: `${kind}-import`, description: `comparisons imported from ${kind} with a column mapping` };
  };
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
