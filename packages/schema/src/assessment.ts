import { z } from "zod";
import { idSchema, metadataSchema, timestampSchema } from "./common.js";

/**
 * Assessment: a pointwise rating of one item by one judge, e.g. the seed system's impact assessment
 * (overall 1–10 plus significance, rigor, novelty, clarity). `scores.overall` is the headline score.
 */
export const assessmentSchema = z.strictObject({
  item: idSchema,
  judge: idSchema,
  scores: z.record(z.string(), z.number()),
  scale: z.strictObject({ min: z.number(), max: z.number() }).optional(),
  text: z.string().optional(),
  createdAt: timestampSchema.optional(),
  metadata: metadataSchema.optional(),
});

/** One assessment record (a line of `assessments.jsonl`). */
export type Assessment = z.infer<typeof assessmentSchema>;
