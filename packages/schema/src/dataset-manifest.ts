import { z } from "zod";

/** Counts of the records of a dataset, as written in `dataset.json`. */
export const datasetCountsSchema = z.strictObject({
  items: z.number().int().nonnegative(),
  judges: z.number().int().nonnegative(),
  comparisons: z.number().int().nonnegative(),
  assessments: z.number().int().nonnegative().optional(),
  references: z.number().int().nonnegative().optional(),
});

/**
 * Dataset manifest (`dataset.json`): a dataset is a folder with this file and JSONL files
 * `items.jsonl`, `judges.jsonl`, `comparisons.jsonl` and optionally `assessments.jsonl`, `references.jsonl`.
 */
export const datasetManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  license: z.string().optional(),
  source: z.string().optional(),
  createdAt: z.string().optional(),
  counts: datasetCountsSchema.optional(),
  files: z
    .object({
      items: z.string().optional(),
      judges: z.string().optional(),
      comparisons: z.string().optional(),
      assessments: z.string().optional(),
      references: z.string().optional(),
    })
    .optional(),
  /** Figures the source itself publishes (e.g. the seed page's score, W/L), kept for parity tests. */
  published: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** The `dataset.json` manifest. */
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;
/** Record counts of a dataset. */
export type DatasetCounts = z.infer<typeof datasetCountsSchema>;
