export { type Assessment, assessmentSchema } from "./assessment.js";
export { ID_PATTERN, idSchema, metadataSchema, SCHEMA_VERSION, TIMESTAMP_PATTERN, timestampSchema } from "./common.js";
export {
  type Comparison,
  comparisonSchema,
  orderSchema,
  strengthSchema,
  type Usage,
  usageSchema,
  type Verdict,
  type VerdictLogprobs,
  verdictLogprobsSchema,
  verdictSchema,
} from "./comparison.js";
export {
  type DatasetCounts,
  type DatasetManifest,
  datasetCountsSchema,
  datasetManifestSchema,
} from "./dataset-manifest.js";
export {
  describeValue,
  type FieldProblem,
  fieldPathFromPointer,
  fieldProblemFromAjvError,
  fieldProblemsFromZodIssues,
  joinFieldPath,
  WHOLE_RECORD_FIELD,
} from "./field-problems.js";
export { type Item, itemSchema } from "./item.js";
export { JSON_SCHEMA_ID_BASE, jsonSchemaFileName, recordJsonSchema, renderJsonSchemaFiles } from "./json-schemas.js";
export { type Judge, type JudgeKind, judgeKindSchema, judgeSchema } from "./judge.js";
export { knownFieldNames, RECORD_KINDS, type RecordKind, recordSchemas } from "./record-schemas.js";
export { createRecordValidator, type RecordTypes, type RecordValidator } from "./record-validator.js";
export { itemReferenceSchema, pairReferenceSchema, type Reference, referenceSchema } from "./reference.js";
