import type { z } from "zod";
import { assessmentSchema } from "./assessment.js";
import { comparisonSchema } from "./comparison.js";
import { datasetManifestSchema } from "./dataset-manifest.js";
import { itemSchema } from "./item.js";
import { judgeSchema } from "./judge.js";
import { itemReferenceSchema, pairReferenceSchema, referenceSchema } from "./reference.js";

/** The kinds of records a dataset holds (one JSONL file each) plus the `dataset.json` manifest. */
export type RecordKind = "item" | "judge" | "comparison" | "assessment" | "reference" | "manifest";

/** Every record kind, in the order the JSON Schema files are generated. */
export const RECORD_KINDS: readonly RecordKind[] = [
  "item",
  "judge",
  "comparison",
  "assessment",
  "reference",
  "manifest",
];

/** The zod schema (source of truth) of each record kind. */
export const recordSchemas = {
  item: itemSchema,
  judge: judgeSchema,
  comparison: comparisonSchema,
  assessment: assessmentSchema,
  reference: referenceSchema,
  manifest: datasetManifestSchema,
} as const satisfies Record<RecordKind, z.ZodType>;

/**
 * Top-level field names each record kind declares. Fields outside this set are "unknown": the validator moves
 * them under `metadata` (see `createRecordValidator`). References are a union, so their names depend on `kind`.
 */
export function knownFieldNames(kind: RecordKind, record?: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  if (kind === "reference") {
    if (record?.kind === "pair") return PAIR_REFERENCE_FIELDS;
    if (record?.kind === "item") return ITEM_REFERENCE_FIELDS;
    return ALL_REFERENCE_FIELDS;
  }
  return FIELDS_BY_KIND[kind];
}

const ITEM_REFERENCE_FIELDS = new Set(Object.keys(itemReferenceSchema.shape));
const PAIR_REFERENCE_FIELDS = new Set(Object.keys(pairReferenceSchema.shape));
const ALL_REFERENCE_FIELDS = new Set([...ITEM_REFERENCE_FIELDS, ...PAIR_REFERENCE_FIELDS]);
const FIELDS_BY_KIND: Record<Exclude<RecordKind, "reference">, ReadonlySet<string>> = {
  item: new Set(Object.keys(itemSchema.shape)),
  judge: new Set(Object.keys(judgeSchema.shape)),
  comparison: new Set(Object.keys(comparisonSchema.shape)),
  assessment: new Set(Object.keys(assessmentSchema.shape)),
  manifest: new Set(Object.keys(datasetManifestSchema.shape)),
};
