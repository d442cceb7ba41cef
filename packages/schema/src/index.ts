export { type Assessment, assessmentSchema } from "./assessment.js";
export { idSchema, metadataSchema, SCHEMA_VERSION, timestampSchema } from "./common.js";
export {
  type Comparison,
  comparisonSchema,
  orderSchema,
  strengthSchema,
  type Usage,
  usageSchema,
  type Verdict,
  verdictSchema,
} from "./comparison.js";
export { type DatasetManifest, datasetCountsSchema, datasetManifestSchema } from "./dataset-manifest.js";
export { type Item, itemSchema } from "./item.js";
export { type Judge, type JudgeKind, judgeKindSchema, judgeSchema } from "./judge.js";
export { itemReferenceSchema, pairReferenceSchema, type Reference, referenceSchema } from "./reference.js";
